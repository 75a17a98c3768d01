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
      (err, stdout, stderr) => (err ? reject(Object.assign(err, { stderr: String(stderr) })) : resolve(stdout)),
    );
  });
}
