/**
 * `{{ … }}` in a manifest is a template expression (Helm, Go templates, Jinja) that nothing
 * rendered: what it will become is unknown, so it is never compared as a desired value.
 * A value that equals the live one verbatim is literal text (alert templates in a
 * ConfigMap) and compares as usual.
 */
export function isTemplateText(text: string): boolean {
  const open = text.indexOf('{{');
  return open >= 0 && text.indexOf('}}', open + 2) >= 0;
}

/** True when a value, or any key or string below it, holds a template expression. */
export function containsTemplate(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isTemplateText(value);
  if (depth > 100 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((v) => containsTemplate(v, depth + 1));
  return Object.entries(value).some(([k, v]) => isTemplateText(k) || containsTemplate(v, depth + 1));
}

export const UNRENDERED_REASON = 'not rendered (Helm/template) — use Argo CD\'s rendering or render first';
