import { branchDeployValueProblem } from './branchDeploy';
import { escapeChatText, type EscapeStyle } from './escapeChatText';

/** `{{ name }}`: letters, digits, `_`, `-` and `.`; anything else between braces is left as written. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

export type RenderResult = { ok: true; text: string } | { ok: false; missing: string[]; invalid: Array<{ name: string; reason: string }> };

/** The parameter names a template uses, in order of first use. */
export function templateParameters(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Fills a command template. Values are escaped for the transport; an absent or blank value
 * is reported instead of sending a half-filled command such as "deploy  to prod".
 */
export function renderTemplate(template: string, params: Readonly<Record<string, string | undefined>>, escape: EscapeStyle): RenderResult {
  const names = templateParameters(template);
  const missing = names.filter((name) => !params[name]?.trim());
  // On GitHub the bot may be branch-deploy, whose parameters follow a `|`.
  const invalid = escape === 'github' ? names.flatMap((name) => (params[name] && branchDeployValueProblem(params[name]!) ? [{ name, reason: branchDeployValueProblem(params[name]!)! }] : [])) : [];
  if (missing.length || invalid.length) return { ok: false, missing, invalid };
  return { ok: true, text: template.replace(PLACEHOLDER, (_, name: string) => escapeChatText(params[name]!.trim(), escape)) };
}

/** Why a template could not be filled, for the person sending it. */
export function describeRenderFailure(command: string, result: Extract<RenderResult, { ok: false }>): string {
  const parts = result.missing.length ? [describeMissing(command, result.missing)] : [];
  for (const i of result.invalid) parts.push(`the value of {{${i.name}}} ${i.reason}; nothing was sent`);
  return parts.join('; ');
}

export function describeMissing(command: string, missing: string[]): string {
  const list = missing.map((m) => `{{${m}}}`).join(', ');
  return `"${command}" needs ${list}: ${missing.length === 1 ? 'it has' : 'they have'} no value here`;
}
