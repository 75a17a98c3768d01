/** Why IssueOps cannot talk to GitHub before any request is made; the UI offers the fix for each. */
export class IssueOpsError extends Error {
  constructor(
    readonly kind: 'untrusted' | 'signedOut' | 'noRepo' | 'noConfig' | 'hostMismatch',
    message: string,
  ) {
    super(message);
  }
}

export const UNTRUSTED_MESSAGE = 'This workspace is not trusted, so YouOps sends nothing to GitHub from it. Trust the workspace to open and follow tickets.';
