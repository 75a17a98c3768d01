import { redactSecrets } from '../text/redact';

/**
 * Whether a failed send may have reached the chat. Only `not-sent` failures are safe to
 * retry without asking: after a timeout the message may well be in the channel already.
 */
export type Delivery = 'not-sent' | 'unknown' | 'sent';

export type ChatOpsErrorCode =
  | 'untrusted'
  | 'no-secret'
  | 'secret-host'
  | 'unreachable'
  | 'timeout'
  | 'cancelled'
  | 'invalid_auth'
  | 'not_in_channel'
  | 'channel_not_found'
  | 'ratelimited'
  | 'rejected'
  | 'duplicate'
  | 'unsupported';

/** A failure with a message written for the person who pressed Send. */
export class ChatOpsError extends Error {
  constructor(
    readonly code: ChatOpsErrorCode,
    message: string,
    readonly delivery: Delivery = 'not-sent',
    readonly retryAfterSeconds?: number,
  ) {
    super(redactSecrets(message)); // may quote a server's error body
    this.name = 'ChatOpsError';
  }
}

export function asChatOpsError(err: unknown): ChatOpsError {
  return err instanceof ChatOpsError ? err : new ChatOpsError('rejected', err instanceof Error ? err.message : String(err), 'unknown');
}
