import { EXIT_USAGE, processIo, UsageError, type CliIo } from './cliIo';
import { DRIFT_HELP, DRIFT_OPTIONS, driftCommand } from './commands/driftCommand';
import { ENVS_HELP, ENVS_OPTIONS, envsCommand } from './commands/envsCommand';
import { PROMOTE_HELP, PROMOTE_OPTIONS, promoteCommand } from './commands/promoteCommand';
import { RENDER_HELP, RENDER_OPTIONS, renderCommand } from './commands/renderCommand';
import { RUN_HELP, RUN_OPTIONS, runCommand } from './commands/runCommand';
import { TICKET_HELP, TICKET_OPTIONS, ticketCommand } from './commands/ticketCommand';
import { VALIDATE_HELP, VALIDATE_OPTIONS, validateCommand } from './commands/validateCommand';
import { WHERE_HELP, WHERE_OPTIONS, whereCommand } from './commands/whereCommand';
import { parseArgs, type ParsedArgs } from './parseArgs';
import { setOffThreadReading } from '../core/yaml/offThread';
import { version } from '../../package.json';

const HELP = `youops ${version} — GitOps, IssueOps and ChatOps checks on the same engine as the VS Code extension

Usage: youops <command> [options]

Commands:
  envs        list environments and their sync status
  drift       field-level drift of each environment, with the file:line that sets each value
  render      the desired state as the GitOps agent applies it (kustomizations rendered), with origins
  validate    check manifests and configs against their schemas (text, json or sarif)
  promote     promote image tags and values between environments as a pull request (--dry-run: print the patch)
  ticket      open an IssueOps ticket from an issue form (--dry-run: print the request)
  where       is a commit (default HEAD) deployed, pending or not on the branch, per environment
  run         run an agent operation of youops.yaml (flux:reconcile, flux:suspend, argocd:sync, …) and wait for it

Global options:
  --format text|json   output format (default text; validate also takes sarif)
  --cwd DIR            workspace folder (default: current directory)
  --config FILE        config file (default: youops.yaml, .youops.yaml or .github/youops.yaml)
  -h, --help           show help (also: youops help <command>)
  -v, --version        print the version

Exit codes: 0 ok, 1 findings, 2 usage or config error.`;

const COMMANDS: Record<string, { help: string; run: (args: ParsedArgs, io: CliIo) => Promise<number>; options?: Record<string, 'flag' | 'value' | 'list'> }> = {
  envs: { help: ENVS_HELP, run: envsCommand, options: ENVS_OPTIONS },
  drift: { help: DRIFT_HELP, run: driftCommand, options: DRIFT_OPTIONS },
  render: { help: RENDER_HELP, run: renderCommand, options: RENDER_OPTIONS },
  validate: { help: VALIDATE_HELP, run: validateCommand, options: VALIDATE_OPTIONS },
  promote: { help: PROMOTE_HELP, run: promoteCommand, options: PROMOTE_OPTIONS },
  ticket: { help: TICKET_HELP, run: ticketCommand, options: TICKET_OPTIONS },
  where: { help: WHERE_HELP, run: whereCommand, options: WHERE_OPTIONS },
  run: { help: RUN_HELP, run: (args, io) => runCommand(args, io), options: RUN_OPTIONS },
};

/** Every command's own options; runCli rejects the ones the chosen command does not take. */
const COMMAND_OPTIONS: Record<string, 'flag' | 'value' | 'list'> = Object.assign({}, ...Object.values(COMMANDS).map((c) => c.options ?? {}));

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    const args = parseArgs(argv, COMMAND_OPTIONS);
    if (args.version) {
      io.out(version);
      return 0;
    }
    if (args.command === 'help') {
      io.out(COMMANDS[args.positionals[0]]?.help ?? HELP);
      return 0;
    }
    if (!args.command) {
      (args.help ? io.out : io.err)(HELP);
      return args.help ? 0 : EXIT_USAGE;
    }
    const command = COMMANDS[args.command];
    if (!command) throw new UsageError(`unknown command "${args.command}" (try youops --help)`);
    const foreign = [...Object.keys(args.options), ...Object.keys(args.lists)].find((o) => !command.options?.[o]);
    if (foreign) throw new UsageError(`unknown option --${foreign} for ${args.command}`);
    if (args.format === 'sarif' && args.command !== 'validate') throw new UsageError('--format sarif is only available for validate');
    if (args.help) {
      io.out(command.help);
      return 0;
    }
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`youops: ${err.message}`);
      return EXIT_USAGE;
    }
    io.err(`youops: ${(err as Error).stack ?? String(err)}`);
    return EXIT_USAGE;
  }
}

if (require.main === module) {
  // One evaluation and exit: large exports are read on this thread (see setOffThreadReading).
  setOffThreadReading(false);
  // `youops drift | head`: a reader that stops early is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
