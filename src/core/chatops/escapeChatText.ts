/**
 * How a transport neutralises text that came from manifests, prompts or context before it
 * is placed into a message template. The template itself is the team's and stays verbatim.
 */
export type EscapeStyle = 'slack' | 'mentions' | 'github' | 'none';

/**
 * Broadcast and user mentions must never fire because a label or tag happened to contain one.
 * A mention starts a word: the `@` inside `ada@example.com` or `web@sha256:…` is none, and
 * those values arrive byte for byte.
 */
const MENTION = /(?<![\w.+-])@(?=[\w.-])/g;
const ZERO_WIDTH_SPACE = '\u200b';

export function escapeChatText(value: string, style: EscapeStyle): string {
  // A line break in a value could smuggle a second command to bots that read line by line.
  const oneLine = value.replace(/[\r\n\u2028\u2029]+/g, ' ');
  switch (style) {
    case 'none':
      return oneLine;
    case 'mentions':
    case 'github':
      return oneLine.replace(MENTION, `@${ZERO_WIDTH_SPACE}`);
    case 'slack':
      // Slack's three control characters (https://api.slack.com/reference/surfaces/formatting#escaping):
      // escaping `<` also defuses <!here>, <@U123> and <url|label>.
      return oneLine.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(MENTION, `@${ZERO_WIDTH_SPACE}`);
  }
}
