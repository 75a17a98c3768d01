import { redactSecrets } from '../text/redact';

/** Why a promotion or rollback stopped; the surfaces map kinds to wording and actions. */
export type GitOpsErrorKind =
  | 'notGit'
  | 'detachedHead'
  | 'noOrigin'
  | 'diverged'
  | 'conflict'
  | 'templated'
  | 'generated'
  | 'notEditable'
  | 'nothingToDo'
  | 'commitFailed'
  | 'pushRejected'
  | 'pullRequestFailed'
  | 'cancelled'
  | 'untrusted'
  | 'invalid';

/**
 * A GitOps operation that could not finish. `resume` is set once a local branch
 * holds the commit: the steps that finish the job by hand (push, open the PR).
 */
export class GitOpsError extends Error {
  constructor(
    readonly kind: GitOpsErrorKind,
    message: string,
    readonly resume?: { branch: string; steps: string[] },
  ) {
    super(redactSecrets(message)); // git's stderr may show a remote URL with credentials
    this.name = 'GitOpsError';
  }
}
