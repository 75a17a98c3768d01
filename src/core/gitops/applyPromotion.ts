import { isDeepStrictEqual } from 'node:util';
import { parseManifestText } from '../manifests/parseManifestText';
import { GitOpsError } from './gitOpsError';
import { readKustomizeImages } from './kustomizeImages';
import { valueAt, type PromotionChange, type PromotionPlan } from './promotionPlan';
import { applyTextEdits, type TextEdit } from './textEdits';

/** One target file's text before and after the promotion. */
export interface FileChange {
  file: string;
  before: string;
  after: string;
}

/**
 * The new texts of the target files with the chosen changes applied. Every result is
 * parsed again and must hold exactly the promoted values, so a source edit that YAML
 * would read differently fails here instead of reaching a commit.
 */
export function applyPromotion(plan: PromotionPlan, selectedIds: readonly string[]): FileChange[] {
  const selected = plan.changes.filter((c) => selectedIds.includes(c.id));
  const blocked = selected.find((c) => c.blocked || !c.edit);
  if (blocked) throw new GitOpsError('notEditable', `${blocked.label} cannot be promoted: ${blocked.blocked ?? 'no edit'}`);
  if (selected.length === 0) throw new GitOpsError('nothingToDo', 'no change selected');

  const byFile = new Map<string, PromotionChange[]>();
  for (const c of selected) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);
  const out: FileChange[] = [];
  for (const [file, changes] of byFile) {
    const before = plan.texts.get(file);
    if (before === undefined) throw new Error(`no text of ${file} in the plan`);
    const after = applyTextEdits(before, changes.map((c) => c.edit as TextEdit));
    for (const c of changes) verify(file, after, c);
    if (after !== before) out.push({ file, before, after });
  }
  return out;
}

function verify(file: string, text: string, c: PromotionChange): void {
  const check = c.check;
  if (!check) return;
  let actual: unknown;
  if (check.kind === 'kustomizeImage') {
    actual = readKustomizeImages(text).find((i) => i.name === check.name)?.[check.field];
  } else {
    const parsed = parseManifestText(text, file);
    const resource = parsed.resources.find((r) => r.key === check.resourceKey && r.docIndex === check.docIndex);
    if (parsed.errors.some((e) => e.severity === 'error') || !resource) {
      throw new GitOpsError('notEditable', `editing ${c.label} would break ${file}; nothing was changed`);
    }
    actual = valueAt(resource.object, check.pointer);
  }
  if (!isDeepStrictEqual(actual, check.value)) {
    throw new GitOpsError('notEditable', `editing ${c.label} in place did not give ${JSON.stringify(check.value)} (got ${JSON.stringify(actual)}); edit it by hand`);
  }
}
