import { NO_CHOICE, NO_RESPONSE } from './renderIssueBody';

/**
 * Reads a body GitHub rendered from an issue form back into `label → value`
 * (the inverse of renderIssueBody), e.g. to find a ticket's environment when
 * someone opened it on github.com. Empty answers (`_No response_`, `None`) come back as ''.
 */
export function parseIssueBody(body: string): Map<string, string> {
  const sections = new Map<string, string>();
  const text = body.replace(/\r\n/g, '\n').replace(/<!--[\s\S]*?-->/g, '');
  const parts = text.split(/^### (.+)$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const value = parts[i + 1].trim();
    sections.set(parts[i].trim(), value === NO_RESPONSE || value === NO_CHOICE ? '' : value);
  }
  return sections;
}
