import * as path from 'node:path';
import { parseIssueForm } from '../issueops/parseIssueForm';
import type { ValidationDiagnostic } from './types';

/**
 * GitHub's own rejections of an issue form that its JSON schema cannot state — a `None`
 * dropdown option, a `Password` label, labels or ids that collide after GitHub's normalization,
 * a checkbox named like another field — found by the same reading the ticket flow uses
 * (parseIssueForm), and shown where the form is edited and in `youops validate`. What the
 * schema already flagged — the line, the field, or for form-wide rules anything — keeps the
 * schema's message alone (one mistake, one message); YAML errors are the reader's.
 */
export function issueFormDiagnostics(text: string, fileName: string | undefined, schemaFindings: readonly ValidationDiagnostic[]): ValidationDiagnostic[] {
  const { problems } = parseIssueForm(text, path.basename(fileName ?? 'form.yml'), fileName ?? 'form.yml');
  const flaggedLines = new Set(schemaFindings.map((d) => d.range.start.line));
  const flaggedFields = new Set(schemaFindings.map((d) => /^\/body\/(\d+)/.exec(d.path)?.[1]).filter((i) => i !== undefined));
  const lines = text.split('\n');
  const out: ValidationDiagnostic[] = [];
  for (const p of problems) {
    if (p.message.startsWith('YAML: ')) continue;
    const line = Math.max(0, Math.min((p.line ?? 1) - 1, lines.length - 1));
    const field = /^body\[(\d+)\]/.exec(p.message)?.[1];
    if (flaggedLines.has(line) || (field !== undefined ? flaggedFields.has(field) : schemaFindings.length > 0)) continue;
    const content = (lines[line] ?? '').replace(/\r$/, '');
    const start = content.length - content.trimStart().length;
    out.push({
      range: { start: { line, character: start }, end: { line, character: content.length } },
      severity: p.severity ?? 'error',
      message: p.severity === 'warning' ? p.message : `GitHub refuses this issue form: ${p.message}`,
      path: '',
      source: 'youops',
      code: 'issue-form',
    });
  }
  return out;
}
