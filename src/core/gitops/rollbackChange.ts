import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChangeWorktree } from './changeWorktree';
import type { RollbackMode } from './changeText';
import { GitOpsError } from './gitOpsError';
import { gitMessage, tryGit } from './git';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/**
 * Writes the rollback of an environment into the worktree, limited to `pathspecs` (its
 * manifests): `revert` applies the reverse of `commit`'s change with a three-way merge,
 * `restore` puts the paths back to their content at `commit`. Returns the changed files.
 * Conflicts fail with the files named; the worktree is thrown away by the caller.
 */
export async function applyRollback(wt: ChangeWorktree, commit: string, pathspecs: string[], mode: RollbackMode): Promise<string[]> {
  if (!/^[0-9a-f]{4,40}$/i.test(commit)) throw new GitOpsError('invalid', `not a commit hash: ${commit}`);
  const git = wt.worktreeGit;
  if (!(await tryGit(git, ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`]))) throw new GitOpsError('invalid', `commit ${commit} is not in this repository`);
  if (mode === 'restore') {
    try {
      await git.raw(['restore', `--source=${commit}`, '--staged', '--worktree', '--', ...pathspecs]);
    } catch (err) {
      throw new GitOpsError('invalid', `cannot restore the environment's files from ${commit.slice(0, 7)}: ${gitMessage(err)}`);
    }
  } else {
    const parent = (await tryGit(git, ['rev-parse', '--verify', '--quiet', `${commit}^`])) || EMPTY_TREE;
    const patch = await git.raw(['diff', '--binary', '--no-color', '--no-ext-diff', '--no-textconv', parent, commit, '--', ...pathspecs]);
    if (!patch.trim()) throw new GitOpsError('nothingToDo', `commit ${commit.slice(0, 7)} did not change this environment's manifests`);
    const holder = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-patch-'));
    const file = path.join(holder, 'revert.patch');
    try {
      await fs.writeFile(file, patch);
      await git.raw(['apply', '-R', '--3way', '--whitespace=nowarn', file]);
    } catch (err) {
      const conflicted = (await tryGit(git, ['diff', '--name-only', '--diff-filter=U'])) ?? '';
      const files = conflicted.split('\n').filter(Boolean);
      throw new GitOpsError(
        'conflict',
        files.length
          ? `reverting ${commit.slice(0, 7)} conflicts with later changes in ${files.join(', ')}; nothing was committed and your working tree is untouched. Restore the environment to a commit instead, or revert by hand`
          : `reverting ${commit.slice(0, 7)} does not apply to the current files: ${gitMessage(err)}`,
      );
    } finally {
      await fs.rm(holder, { recursive: true, force: true });
    }
  }
  // The worktree is fresh and only the rollback touched it: staging all of it stages exactly that, also when the
  // revert removed every file of a pathspec (undoing the commit that created the environment), which `git add -- <path>` refuses.
  await git.raw(['add', '-A', '--', ':/']);
  const changed = ((await tryGit(git, ['diff', '--cached', '--name-only'])) ?? '').split('\n').filter(Boolean);
  if (changed.length === 0) throw new GitOpsError('nothingToDo', `the environment's files are already as ${mode === 'revert' ? `before ${commit.slice(0, 7)}` : `at ${commit.slice(0, 7)}`}`);
  return changed;
}

/** An environment's `manifests` entries (relative to the config folder) as pathspecs from the repository top. */
export function environmentPathspecs(wt: ChangeWorktree, configRootDir: string, manifests: string[]): string[] {
  return manifests.map((entry) => {
    const rel = wt.relative(path.resolve(wt.pathFor(configRootDir), entry)) || '.';
    return /[*?[{]/.test(entry) ? `:(glob)${rel}` : rel;
  });
}
