import { execFile } from 'node:child_process';

/**
 * A folder's own .git/config can make read-only commands run programs: gpg.program through
 * log.showSignature, an fsmonitor hook, and in a partial clone a lazy fetch of a missing
 * object through the transport it configures (core.sshCommand, `ext::`). These commands also
 * run in untrusted workspaces, so all of that is switched off on the command line, which wins
 * over repository config (per-protocol keys too, since they override `protocol.allow`).
 * textconv and external diff drivers are off by flag where a command would use them.
 */
const NO_REPO_PROGRAMS = [
  '-c', 'log.showSignature=false',
  '-c', 'core.fsmonitor=false',
  '-c', 'protocol.allow=never',
  ...['ext', 'ssh', 'git', 'file', 'http', 'https'].flatMap((p) => ['-c', `protocol.${p}.allow=never`]),
];

export interface ReadOnlyGitOptions {
  timeoutMs?: number;
  maxBuffer?: number;
  signal?: AbortSignal;
}

/** Runs a read-only git command in `cwd` and resolves with its stdout; rejects on a non-zero exit (error.stderr = git's message). */
export function readOnlyGit(cwd: string, args: string[], options: ReadOnlyGitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...NO_REPO_PROGRAMS, ...args],
      {
        cwd,
        maxBuffer: options.maxBuffer ?? 8 * 1024 * 1024,
        timeout: options.timeoutMs ?? 15_000,
        signal: options.signal,
        // Git ≥ 2.44 also refuses lazy fetches outright; older versions ignore it.
        env: { ...process.env, GIT_NO_LAZY_FETCH: '1' },
      },
      (err, stdout, stderr) => (err ? reject(gitFailure(args, err, String(stderr))) : resolve(stdout)),
    );
  });
}

/**
 * In a partial clone (`--filter=blob:none` and the like) the objects a command needs may not be
 * downloaded, and the lazy fetch that would get them is off (see NO_REPO_PROGRAMS). Says so and
 * what to do, instead of git's "could not fetch … from promisor remote".
 */
export function partialCloneHint(stderr: string): string | undefined {
  if (!/promisor remote|lazy fetching disabled/i.test(stderr)) return undefined;
  return (
    'this repository is a partial clone and Git has not downloaded the files this needs; YouOps does not download them itself ' +
    "(that would run the remote's transport). Download everything once in a terminal, then refresh: " +
    '`git -c remote.origin.partialclonefilter=blob:limit=1g fetch --refetch origin` (or make a full clone)'
  );
}

/** git's own reason (its fatal line, or the partial-clone hint), not Node's "Command failed: git -c … <every argument>". */
function gitFailure(args: string[], err: Error & { killed?: boolean; signal?: string | null }, stderr: string): Error {
  const lines = stderr.trim().split('\n').filter(Boolean);
  const reason =
    partialCloneHint(stderr) ??
    lines.find((l) => /^(fatal|error):/.test(l)) ??
    lines[0] ??
    (err.killed ? `killed (${err.signal ?? 'timeout'})` : err.message.split('\n')[0].replace(/^Command failed: .*$/, 'failed'));
  return Object.assign(new Error(`git ${args[0]}: ${reason}`), { stderr, code: (err as { code?: unknown }).code, killed: err.killed, signal: err.signal });
}
