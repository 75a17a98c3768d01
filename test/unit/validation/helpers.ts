import * as path from 'node:path';
import { validateText } from '../../../src/core/validation/validateText';
import type { ValidateOptions, ValidationDiagnostic } from '../../../src/core/validation/types';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/validation');

export async function diagnosticsOf(text: string, options: ValidateOptions = {}): Promise<ValidationDiagnostic[]> {
  return (await validateText(text, { fileName: '/work/space/manifest.yaml', ...options })).diagnostics;
}

/** [line, message] pairs, 0-based lines: compact to assert on. */
export function summary(diags: ValidationDiagnostic[]): Array<[number, string]> {
  return diags.map((d) => [d.range.start.line, d.message]);
}

/** The source text a diagnostic's range covers. */
export function covered(text: string, d: ValidationDiagnostic): string {
  const lines = text.split('\n');
  if (d.range.start.line !== d.range.end.line) return lines.slice(d.range.start.line, d.range.end.line + 1).join('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
}
