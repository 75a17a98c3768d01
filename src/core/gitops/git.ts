import { simpleGit, type SimpleGit } from 'simple-git';

/** A simple-git instance for `dir`; long enough a timeout for fetch and push over slow links. */
export function gitIn(dir: string): SimpleGit {
  return simpleGit({ baseDir: dir, timeout: { block: 120_000 } });
}

/** Runs git and returns trimmed stdout, or undefined when git fails (for probes). */
export async function tryGit(git: SimpleGit, args: string[]): Promise<string | undefined> {
  try {
    return (await git.raw(args)).trim();
  } catch {
    return undefined;
  }
}

/** The first meaningful lines of a git failure, without simple-git's framing. */
export function gitMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('hint:'))
    .slice(0, 4)
    .join(' ');
}
