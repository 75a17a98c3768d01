import { UsageError, type OutputFormat } from './cliIo';

export interface ParsedArgs {
  command?: string;
  positionals: string[];
  format: OutputFormat;
  cwd: string;
  config?: string;
  help: boolean;
  version: boolean;
  options: Record<string, string | true>;
  /** Options that may be repeated (`--set a=1 --set b=2`), in order. */
  lists: Record<string, string[]>;
}

/** `youops [global options] <command> [args]`; unknown options are usage errors, not silently ignored. */
export function parseArgs(argv: string[], known: Record<string, 'flag' | 'value' | 'list'> = {}): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], format: 'text', cwd: process.cwd(), help: false, version: false, options: {}, lists: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') ? splitOnce(arg.slice(2)) : [undefined, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`--${name} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') parsed.help = true;
    else if (arg === '-v' || arg === '--version') parsed.version = true;
    else if (name === 'format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${f}"`);
      parsed.format = f;
    } else if (name === 'cwd') parsed.cwd = value();
    else if (name === 'config') parsed.config = value();
    else if (name !== undefined && known[name] === 'flag') parsed.options[name] = true;
    else if (name !== undefined && known[name] === 'value') parsed.options[name] = value();
    else if (name !== undefined && known[name] === 'list') (parsed.lists[name] ??= []).push(value());
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (!parsed.command) parsed.command = arg;
    else parsed.positionals.push(arg);
  }
  return parsed;
}

function splitOnce(s: string): [string, string | undefined] {
  const i = s.indexOf('=');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
