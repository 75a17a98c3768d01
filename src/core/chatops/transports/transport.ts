import type { EscapeStyle } from '../escapeChatText';
import type { ReplyVerdict } from '../feedback';

export type TransportKind = 'slack' | 'webhook' | 'github' | 'http';

/** One message of the bot (or anyone) answering a command. */
export interface BotReply {
  author: string;
  text: string;
  at: Date;
  /** Set when the transport knows the bot's own result messages (branch-deploy); wins over the reply patterns. */
  verdict?: ReplyVerdict;
}

/** What one send produced: where the message went and the replies known so far. */
export interface Posted {
  /** Link to the message, when the chat has one. */
  link?: string;
  /** Replies that came with the response itself (http bots answer this way). */
  replies: BotReply[];
  /**
   * Follows the conversation for up to `ms`, calling `onReply` per new reply until it
   * returns true (a decisive answer) or the signal aborts. Absent when replies cannot be read.
   */
  follow?(ms: number, onReply: (reply: BotReply) => boolean, signal?: AbortSignal): Promise<void>;
}

/** One way of getting a command to the bot. Implementations never retry a post that may have arrived. */
export interface ChatTransport {
  readonly kind: TransportKind;
  /** Where messages go, safe to show and to log (never a secret URL or token). */
  readonly destination: string;
  /** How values are escaped before they enter the message. */
  readonly escape: EscapeStyle;
  send(text: string, signal?: AbortSignal): Promise<Posted>;
}
