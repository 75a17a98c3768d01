/**
 * Why YouOps cannot do what was asked before any request is made. Each kind has its fixes
 * (see failures.ts); the message says what happened and what to do.
 */
export type FailureKind =
  | 'noFolder'
  | 'noConfig'
  | 'invalidConfig'
  | 'untrusted'
  | 'signedOut'
  /** The person cancelled or declined the GitHub sign-in (VS Code's consent dialog, the browser step). */
  | 'signInCancelled'
  | 'sessionRejected'
  | 'noRepo'
  | 'hostMismatch';

export class Failure extends Error {
  override readonly name = 'Failure';

  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** Why a command that needs youops.yaml cannot run yet. */
export function notReady(kind: 'noFolder' | 'noConfig' | 'invalid'): Failure {
  if (kind === 'invalid') return new Failure('invalidConfig', 'Fix the errors in youops.yaml first.');
  if (kind === 'noConfig') return new Failure('noConfig', 'No youops.yaml in this workspace.');
  return new Failure('noFolder', 'Open the folder of your GitOps repository first.');
}

export const UNTRUSTED_MESSAGE = 'This workspace is not trusted, so YouOps sends nothing to GitHub from it. Trust the workspace to open and follow tickets.';
