import { isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { GitOpsError } from './gitOpsError';
import { scalarText } from './yamlValueText';
import { afterLine, lineStart, type TextEdit } from './textEdits';

/**
 * Adds `entry` to a kustomization's `resources:` where the list is written: a block list
 * gets a line after its last item, lined up and quoted like it; a flow list gets the entry
 * before its `]`; a missing `resources:` is added at the end of the file. undefined when
 * the entry is listed already. Comments and everything else stay byte for byte.
 */
export function kustomizationResourceEdit(text: string, entry: string): TextEdit | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new GitOpsError('notEditable', `the kustomization does not parse: ${doc.errors[0].message.split('\n')[0]}`);
  const seq = doc.get('resources', true);
  if (seq === undefined) {
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    return { start: text.length, end: text.length, newText: `${sep}resources:\n  - ${scalarText('', entry)}\n` };
  }
  if (!isSeq(seq) || !seq.range) throw new GitOpsError('notEditable', 'the kustomization\'s resources: is not a list; add the file by hand');
  if (seq.items.some((i) => isScalar(i) && i.value === entry)) return undefined;
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range[1]);
    if (!last?.range) return { start: close, end: close, newText: scalarText('', entry) };
    return { start: last.range[1], end: last.range[1], newText: `, ${scalarText(text.slice(last.range[0], last.range[1]), entry)}` };
  }
  if (!last?.range) throw new GitOpsError('notEditable', 'the kustomization\'s resources: list is empty; add the file by hand');
  const prefix = text.slice(lineStart(text, last.range[0]), last.range[0]);
  if (!/^[ \t]*-[ \t]+$/.test(prefix)) throw new GitOpsError('notEditable', 'the kustomization\'s last resources: item does not start its own line; add the file by hand');
  const at = afterLine(text, last.range[1]);
  const sep = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { start: at, end: at, newText: `${sep}${prefix}${scalarText(text.slice(last.range[0], last.range[1]), entry)}\n` };
}
