import { isDeepStrictEqual } from 'node:util';
import { kustomizationEntries } from '../manifests/kustomization';
import { parseManifestText } from '../manifests/parseManifestText';
import { GitOpsError } from './gitOpsError';
import { readKustomizeImages } from './kustomizeImages';
import { valueAt } from '../text/jsonPointer';
import type { ChangeCheck, PromotionPlan } from './promotionChange';
import { readWrittenValue } from './renderedChange';
import { applyTextEdits, type TextEdit } from './textEdits';

/** One target file's text before and after the promotion. */
export interface FileChange {
  file: string;
  /** undefined: the promotion creates the file. */
  before: string | undefined;
  after: string;
}

interface Pending {
  edit: TextEdit;
  check?: ChangeCheck;
  label: string;
}

/**
 * The new texts of the target files with the chosen changes applied (a value in a shared base
 * only with `editShared`). Every result is
 * parsed again and must hold exactly the promoted values, so a source edit that YAML
 * would read differently fails here instead of reaching a commit.
 */
export function applyPromotion(
  plan: PromotionPlan,
  selectedIds: readonly string[],
  /** editShared: the person agreed to edit values in files other environments also read (PromotionChange.shared). */
  options: { editShared?: boolean } = {},
): FileChange[] {
  const selected = plan.changes.filter((c) => selectedIds.includes(c.id));
  const blocked = selected.find((c) => (c.blocked && !(options.editShared && c.shared)) || !c.edit);
  if (blocked) throw new GitOpsError('notEditable', `${blocked.label} cannot be promoted: ${blocked.blocked ?? 'no edit'}`);
  if (selected.length === 0) throw new GitOpsError('nothingToDo', 'no change selected');

  const byFile = new Map<string, Pending[]>();
  for (const c of selected) {
    for (const fe of [{ file: c.file, edit: c.edit as TextEdit, check: c.check }, ...(c.also ?? [])]) {
      const pending = byFile.get(fe.file) ?? [];
      // Two new resources in one new file list it in the kustomization once.
      if (!pending.some((p) => isDeepStrictEqual(p.edit, fe.edit))) pending.push({ edit: fe.edit, check: fe.check, label: c.label });
      byFile.set(fe.file, pending);
    }
  }
  const out: FileChange[] = [];
  for (const [file, pending] of byFile) {
    const isNew = plan.newFiles.has(file);
    const before = isNew ? '' : plan.texts.get(file);
    if (before === undefined) throw new Error(`no text of ${file} in the plan`);
    const after = applyTextEdits(before, pending.map((p) => p.edit));
    for (const p of pending) verify(file, after, p);
    if (isNew || after !== before) out.push({ file, before: isNew ? undefined : before, after });
  }
  return out;
}

function verify(file: string, text: string, p: Pending): void {
  const check = p.check;
  if (!check) return;
  let actual: unknown;
  let expected: unknown;
  if (check.kind === 'kustomizeImage') {
    actual = readKustomizeImages(text).find((i) => i.name === check.name)?.[check.field];
    expected = check.value;
  } else if (check.kind === 'kustomizationResource') {
    actual = kustomizationEntries(text).local.includes(check.entry);
    expected = true;
  } else if (check.kind === 'yamlValue' || check.kind === 'inlinePatchValue' || check.kind === 'envValue') {
    actual = readWrittenValue(text, check);
    expected = check.value;
  } else {
    const parsed = parseManifestText(text, file);
    const resource = parsed.resources.find((r) => r.key === check.resourceKey && (check.kind === 'resource' || r.docIndex === check.docIndex));
    if (parsed.errors.some((e) => e.severity === 'error') || !resource) {
      throw new GitOpsError('notEditable', `editing ${p.label} would break ${file}; nothing was changed`);
    }
    actual = check.kind === 'resource' ? resource.object : valueAt(resource.object, check.pointer);
    expected = check.value;
  }
  if (!isDeepStrictEqual(actual, expected)) {
    throw new GitOpsError('notEditable', `editing ${p.label} in place did not give ${JSON.stringify(expected)} (got ${JSON.stringify(actual)}); edit it by hand`);
  }
}
