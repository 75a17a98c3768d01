import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { GitOpsError } from './gitOpsError';
import { scalarText } from './yamlValueText';
import { afterLine, lineStart, type TextEdit } from './textEdits';

export const IMAGE_FIELDS = ['newName', 'newTag', 'digest'] as const;
export type ImageField = (typeof IMAGE_FIELDS)[number];

/** One entry of a kustomization's `images:` (the override kustomize applies to matching containers). */
export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** The `images:` entries of a kustomization; unreadable files have none. */
export function readKustomizeImages(text: string): KustomizeImage[] {
  const doc = parseDocument(text);
  const seq = doc.errors.length ? undefined : doc.get('images', true);
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const json = item.toJSON() as Record<string, unknown>;
    if (typeof json.name !== 'string') return [];
    const entry: KustomizeImage = { name: json.name };
    for (const f of IMAGE_FIELDS) if (json[f] !== undefined && json[f] !== null) entry[f] = String(json[f]);
    return [entry];
  });
}

/**
 * Sets `field` of the `images:` entry for `name` where it is written: the value in place,
 * a missing field after the entry's last line, a missing entry after the last entry,
 * a missing `images:` at the end of the file. Quoting and comments stay as they were.
 */
export function kustomizeImageEdit(text: string, name: string, field: ImageField, value: string): TextEdit {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new GitOpsError('notEditable', `the kustomization does not parse: ${doc.errors[0].message.split('\n')[0]}`);
  const seq = doc.get('images', true);
  if (seq === undefined) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return { start: text.length, end: text.length, newText: `${sep}images:\n  - name: ${scalarText('', name)}\n    ${field}: ${scalarText('', value)}\n` };
  }
  if (!isSeq(seq) || seq.flow) throw new GitOpsError('notEditable', 'the kustomization\'s images: is not a block list; edit it by hand');
  const item = seq.items.find((i): i is YAMLMap => isMap(i) && (i.toJSON() as { name?: unknown }).name === name);
  if (item) {
    if (item.flow) throw new GitOpsError('notEditable', `the images: entry for ${name} is a flow map; edit it by hand`);
    const pair = item.items.find((p) => isScalar(p.key) && p.key.value === field);
    if (pair && isScalar(pair.value) && pair.value.range) {
      const [start, end] = pair.value.range;
      return { start, end, newText: scalarText(text.slice(start, end), value) };
    }
    const firstKey = item.items[0]?.key as Node | undefined;
    const column = firstKey?.range ? firstKey.range[0] - lineStart(text, firstKey.range[0]) : 4;
    const at = afterLine(text, item.range![1]);
    return { start: at, end: at, newText: `${newlineIfMissing(text, at)}${' '.repeat(column)}${field}: ${scalarText('', value)}\n` };
  }
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!last?.range) throw new GitOpsError('notEditable', 'the kustomization\'s images: list is empty; add the entry by hand');
  const prefix = text.slice(lineStart(text, last.range[0]), last.range[0]);
  const dash = prefix.lastIndexOf('-');
  const at = afterLine(text, last.range[1]);
  const pad = ' '.repeat(Math.max(dash, 0));
  return { start: at, end: at, newText: `${newlineIfMissing(text, at)}${pad}- name: ${scalarText('', name)}\n${pad}  ${field}: ${scalarText('', value)}\n` };
}

/** Inserting at the end of a file without a final newline must start a new line first. */
function newlineIfMissing(text: string, at: number): string {
  return at === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : '';
}
