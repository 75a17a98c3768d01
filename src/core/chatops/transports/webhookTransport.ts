import { redactSecrets } from '../../text/redact';
import { ChatOpsError } from '../chatOpsError';
import type { EscapeStyle } from '../escapeChatText';
import { hostOf } from '../secretBinding';
import { httpRequest, retryAfterSeconds } from './httpRequest';
import type { ChatTransport, Posted } from './transport';

export const WEBHOOK_FORMATS = ['slack', 'mattermost', 'rocketchat', 'teams', 'googlechat'] as const;

export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** The request body each chat expects from an incoming webhook. */
export function webhookPayload(format: WebhookFormat, text: string): unknown {
  switch (format) {
    case 'teams':
      // Teams Workflows ("Post to a channel when a webhook request is received") take an Adaptive Card.
      return {
        type: 'message',
        attachments: [
          { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text, wrap: true }] } },
        ],
      };
    default:
      // Slack, Mattermost, Rocket.Chat and Google Chat all read `text`.
      return { text };
  }
}

const ESCAPE: Record<WebhookFormat, EscapeStyle> = { slack: 'slack', mattermost: 'slack', rocketchat: 'slack', googlechat: 'slack', teams: 'mentions' };

/** Slack's incoming-webhook error bodies (https://api.slack.com/messaging/webhooks#handling_errors). */
const HINTS: Record<string, string> = {
  no_service: 'the webhook was removed or its URL is wrong: set it again',
  invalid_token: 'the webhook URL is no longer valid: set it again',
  channel_is_archived: "the webhook's channel is archived",
  action_prohibited: 'an admin restricted this webhook',
  no_text: 'the message was empty',
};

/** An incoming webhook: fire and forget, the chat's answer cannot be read back. */
export class WebhookTransport implements ChatTransport {
  readonly kind = 'webhook';
  readonly destination: string;
  readonly escape: EscapeStyle;

  constructor(
    private readonly url: string,
    private readonly format: WebhookFormat,
    secretName: string,
    private readonly timeoutMs: number,
  ) {
    // The URL is the secret: only its host and the secret's name are shown and logged.
    this.destination = `${format} webhook ${secretName} (${hostOf(url)})`;
    this.escape = ESCAPE[format];
  }

  async send(text: string, signal?: AbortSignal): Promise<Posted> {
    const res = await httpRequest(this.url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookPayload(this.format, text)),
      timeoutMs: this.timeoutMs,
      signal,
      what: `the ${this.format} webhook`,
    });
    if (res.status === 429) {
      const after = retryAfterSeconds(res.headers) ?? 30;
      throw new ChatOpsError('ratelimited', `the ${this.format} webhook is rate-limited: try again in ${after} s`, 'not-sent', after);
    }
    if (res.status >= 400) {
      const code = redactSecrets(res.body.trim(), [this.url]).slice(0, 80);
      const hint = HINTS[code];
      throw new ChatOpsError(
        res.status === 401 || res.status === 403 || res.status === 404 || res.status === 410 ? 'invalid_auth' : 'rejected',
        `the ${this.format} webhook refused the message (HTTP ${res.status}${code ? ` ${code}` : ''})${hint ? `: ${hint}` : ''}`,
        // A 5xx may come from a proxy after the chat accepted it.
        res.status >= 500 ? 'unknown' : 'not-sent',
      );
    }
    return { replies: [] };
  }
}
