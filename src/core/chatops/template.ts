import { escapeChatText, type EscapeStyle } from './escapeChatText';

/** `{{ name }}`: letters, digits, `_`, `-` and `.`; anything else between braces is left as written. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[] };

/** The parameter names a template uses, in order of first use. */
export function templateParameters(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Fills a command template. Values are escaped for the transport; an absent or blank value
 * is reported instead of sending a half-filled command such as "deploy  to prod".
 */
export function renderTemplate(template: string, params: Readonly<Record<string, string | undefined>>, escape: EscapeStyle): RenderResult {
  const missing = templateParameters(template).filter((name) => !params[name]?.trim());
  if (missing.length) return { ok: false, missing };
  return { ok: true, text: template.replace(PLACEHOLDER, (_, name: string) => escapeChatText(params[name]!.trim(), escape)) };
}

export function describeMissing(command: string, missing: string[]): string {
  const list = missing.map((m) => `{{${m}}}`).join(', ');
  return `"${command}" needs ${list}: ${missing.length === 1 ? 'it has' : 'they have'} no value here`;
}
