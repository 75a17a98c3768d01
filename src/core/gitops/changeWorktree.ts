import { promises as fs, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { runProcess } from '../live/runProcess';
import { GitOpsError } from './gitOpsError';
import { gitIn, gitMessage, tryGit } from './git';

export interface OpenWorktreeOptions {
  /** Any folder inside the user's repository (the config's folder). */
  repoDir: string;
  /** Branch the change is based on and the pull request targets; default: the checked-out one. */
  baseBranch?: string;
  /** Name for the change's new branch; `-2`, `-3`… is appended while it exists locally or on origin. */
  branch: string;
  /** How long `git push` may take before it is killed with its whole process group; default 2 minutes. */
  pushTimeoutMs?: number;
}

const DEFAULT_PUSH_TIMEOUT_MS = 120_000;

/** Where a change goes: its new branch, the branch it is based on, and whether there is an origin to push it to. */
export interface ChangeDestination {
  branch: string;
  base: string;
  origin: boolean;
}

/**
 * A temporary `git worktree` on a new branch started from `origin/<base>`: promotions and
 * rollbacks are edited, committed and pushed there, so the user's working tree and index
 * are never touched, whatever state they are in. The branch survives dispose() once it
 * holds a commit, for resuming a failed push or pull request. A repository without an
 * origin still gets the values, the patch and the commit (on the local `<base>`); only the
 * push stops, saying how to finish.
 */
export class ChangeWorktree {
  private committed = false;

  private constructor(
    private readonly repo: SimpleGit,
    private readonly git: SimpleGit,
    /** Top of the user's repository. */
    readonly repoTop: string,
    /** The worktree's folder. */
    readonly dir: string,
    readonly base: string,
    readonly branch: string,
    /** The worktree's own administrative folder (`.git/worktrees/<id>`): the only registration dispose() removes. */
    private readonly adminDir: string,
    private readonly pushTimeoutMs: number,
    /** False when the repository has no origin remote: the change is based on the local branch and cannot be pushed. */
    private readonly hasOrigin: boolean,
  ) {}

  get destination(): ChangeDestination {
    return { branch: this.branch, base: this.base, origin: this.hasOrigin };
  }

  static async open(options: OpenWorktreeOptions): Promise<ChangeWorktree> {
    const repo = gitIn(options.repoDir);
    const top = await tryGit(repo, ['rev-parse', '--show-toplevel']);
    if (!top) throw new GitOpsError('notGit', `${options.repoDir} is not in a Git repository`);
    const hasOrigin = !!(await tryGit(repo, ['remote', 'get-url', 'origin']));
    const base = options.baseBranch ?? (await tryGit(repo, ['symbolic-ref', '--quiet', '--short', 'HEAD']));
    if (!base) {
      const at = await tryGit(repo, ['rev-parse', '--short', 'HEAD']);
      throw new GitOpsError('detachedHead', `HEAD is detached${at ? ` at ${at}` : ''}: check out the branch the environment lives on (e.g. main) and try again`);
    }
    if (hasOrigin) {
      try {
        await repo.raw(['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${base}:refs/remotes/origin/${base}`]);
      } catch (err) {
        throw new GitOpsError('noOrigin', `cannot fetch ${base} from origin: ${gitMessage(err)}`);
      }
    } else if (!(await tryGit(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${base}`]))) {
      throw new GitOpsError('invalid', `there is no branch ${base} to base the change on`);
    }
    // A local base that diverged from origin's means the files on screen are not what the PR would change.
    if (hasOrigin && (await tryGit(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${base}`]))) {
      const counts = (await repo.raw(['rev-list', '--left-right', '--count', `refs/heads/${base}...refs/remotes/origin/${base}`])).trim().split(/\s+/).map(Number);
      if (counts[0] > 0 && counts[1] > 0) {
        throw new GitOpsError('diverged', `${base} and origin/${base} have diverged (${counts[0]} local and ${counts[1]} remote commits): pull or rebase ${base} first, then try again`);
      }
    }
    const branch = await freshBranchName(repo, options.branch);
    const holder = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-change-'));
    const dir = path.join(holder, 'worktree');
    try {
      await repo.raw(['worktree', 'add', '--quiet', '--no-track', '-b', branch, dir, hasOrigin ? `refs/remotes/origin/${base}` : `refs/heads/${base}`]);
    } catch (err) {
      await fs.rm(holder, { recursive: true, force: true });
      throw new GitOpsError('invalid', `cannot create a worktree for ${branch}: ${gitMessage(err)}`);
    }
    const git = gitIn(dir);
    const adminDir = (await tryGit(git, ['rev-parse', '--absolute-git-dir'])) ?? '';
    return new ChangeWorktree(repo, git, await fs.realpath(top), dir, base, branch, adminDir, options.pushTimeoutMs ?? DEFAULT_PUSH_TIMEOUT_MS, hasOrigin);
  }

  /** The worktree's copy of a path of the user's checkout. */
  pathFor(userPath: string): string {
    return path.join(this.dir, path.relative(this.repoTop, realpathOrSelf(userPath)));
  }

  /** Repository-relative, `/`-separated path of a file in the worktree. */
  relative(worktreePath: string): string {
    return path.relative(this.dir, worktreePath).split(path.sep).join('/');
  }

  async writeFile(worktreePath: string, text: string): Promise<void> {
    await fs.mkdir(path.dirname(worktreePath), { recursive: true });
    await fs.writeFile(worktreePath, text, 'utf8');
  }

  /** Everything the commit will contain, as a patch (`git diff` of the staged change). */
  async diff(): Promise<string> {
    await this.git.raw(['add', '-A']);
    // --no-textconv: a textconv driver would show (and apply) something other than the real bytes.
    return this.git.raw(['diff', '--cached', '--no-color', '--no-ext-diff', '--no-textconv']);
  }

  /** Commits all changes; returns the commit hash. */
  async commit(message: string): Promise<string> {
    await this.git.raw(['add', '-A']);
    if (!(await tryGit(this.git, ['diff', '--cached', '--name-only']))) throw new GitOpsError('nothingToDo', 'the change leaves the files as they are; nothing to commit');
    try {
      await this.git.raw(['commit', '--quiet', '-m', message]);
    } catch (err) {
      throw new GitOpsError('commitFailed', `git commit failed: ${gitMessage(err)}`);
    }
    this.committed = true;
    return (await this.git.raw(['rev-parse', 'HEAD'])).trim();
  }

  /**
   * Pushes the branch to origin without force; a rejection leaves the local branch for resuming.
   * A branch of that name that appeared on origin meanwhile is never pushed onto (it would be
   * fast-forwarded if it is an ancestor). A stalled push (a hanging credential helper, ssh or
   * server) is killed with its whole process group after the timeout, or when `signal` aborts,
   * so nothing is left running.
   */
  async push(signal?: AbortSignal): Promise<void> {
    if (!this.hasOrigin) {
      throw new GitOpsError('noOrigin', `the repository has no "origin" remote to push ${this.branch} to`, {
        branch: this.branch,
        steps: ['git remote add origin <url>', `git push --set-upstream origin ${this.branch}`, `open a pull request from ${this.branch} into ${this.base}`],
      });
    }
    const resume = {
      branch: this.branch,
      steps: [`git push --set-upstream origin ${this.branch}`, `open a pull request from ${this.branch} into ${this.base}`],
    };
    if (await remoteBranchExists(this.repo, this.branch)) {
      throw new GitOpsError('pushRejected', `a branch named ${this.branch} appeared on origin meanwhile; it is not reused: push the local branch under another name`, {
        branch: this.branch,
        steps: [`git push --set-upstream origin ${this.branch}:${this.branch}-2`, `open a pull request from ${this.branch}-2 into ${this.base}`],
      });
    }
    let failure: string | undefined;
    try {
      const r = await runProcess({
        provider: 'git',
        program: 'git',
        args: ['push', '--quiet', '--set-upstream', 'origin', `refs/heads/${this.branch}:refs/heads/${this.branch}`],
        label: 'git push',
        cwd: this.dir,
        timeoutMs: this.pushTimeoutMs,
        // No terminal to answer a credential prompt: fail at once instead of waiting for the timeout.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
        signal,
      });
      if (r.code !== 0) failure = gitMessage(r.stderr) || `git push exited with code ${r.code ?? r.signal}`;
    } catch (err) {
      failure = gitMessage(err);
    }
    if (signal?.aborted) throw new GitOpsError('cancelled', `cancelled while pushing ${this.branch} to origin: it may or may not be there yet`, resume);
    if (failure) throw new GitOpsError('pushRejected', `pushing ${this.branch} to origin failed: ${failure}`, resume);
  }

  /** Git commands run in the worktree (rollback applies patches there). */
  get worktreeGit(): SimpleGit {
    return this.git;
  }

  /**
   * Removes this worktree only — never `git worktree prune`, which would also unregister the
   * user's other worktrees whose folders are away (an unmounted disk, a moved folder). The branch
   * goes too unless it holds a commit.
   */
  async dispose(): Promise<void> {
    await tryGit(this.repo, ['worktree', 'remove', '--force', this.dir]);
    await fs.rm(path.dirname(this.dir), { recursive: true, force: true });
    if (this.adminDir && path.basename(path.dirname(this.adminDir)) === 'worktrees') await fs.rm(this.adminDir, { recursive: true, force: true });
    if (!this.committed) await tryGit(this.repo, ['branch', '-D', this.branch]);
  }
}

/** `name`, or `name-2`, `name-3`… : the first that is neither a local branch nor one on origin. */
async function freshBranchName(repo: SimpleGit, name: string): Promise<string> {
  for (let n = 1; n <= 50; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    if (await tryGit(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${candidate}`])) continue;
    if (await remoteBranchExists(repo, candidate)) continue;
    return candidate;
  }
  throw new GitOpsError('invalid', `branches ${name} to ${name}-50 all exist already; delete old ones and try again`);
}

async function remoteBranchExists(repo: SimpleGit, branch: string): Promise<boolean> {
  const out = await tryGit(repo, ['ls-remote', '--heads', 'origin', `refs/heads/${branch}`]);
  return !!out;
}

/** Resolves symlinks (macOS /tmp → /private/tmp) so paths line up with `git rev-parse`. */
function realpathOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}
