import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import { pointerSegments, valueAt } from '../text/jsonPointer';
import type { FieldLocation, ManifestResource } from '../manifests/manifestResource';
import { parseManifestText } from '../manifests/parseManifestText';
import { blockScalarCandidates } from './blockScalarText';
import { GitOpsError } from './gitOpsError';
import { applyTextEdits, lineStart, offsetAt, type TextEdit } from './textEdits';
import { indentBlock, yamlValueText } from './yamlValueText';

/**
 * The source edit that makes `pointer` of `resource` hold `value` (undefined: remove
 * the field), computed from the field locations parseManifestText reported for `text`.
 * Existing values are replaced in place; a missing key is inserted after its last
 * sibling of a block map, a missing list item after the last item of a block list.
 * A block scalar (| or >) is rewritten as a block in its own style when YAML reads that back
 * as the value, else as a quoted string. Anything else (flow maps, anchors and aliases,
 * first keys of list items) is refused with a reason rather than guessed.
 */
export function fieldEdit(text: string, resource: ManifestResource, pointer: string, oldValue: unknown, value: unknown): TextEdit {
  const loc = resource.fields.get(pointer);
  if (loc && value !== undefined) return replaceValue(text, resource, pointer, loc, oldValue, value);
  if (loc) return removeField(text, loc.keyRange, loc.valueRange, pointer);
  if (value === undefined) throw new GitOpsError('notEditable', `${pointer} is not set, nothing to remove`);
  return insertField(text, resource, pointer, value);
}

function replaceValue(text: string, resource: ManifestResource, pointer: string, loc: FieldLocation, oldValue: unknown, value: unknown): TextEdit {
  const range = loc.valueRange;
  const start = offsetAt(text, range.start);
  const end = offsetAt(text, range.end);
  const old = text.slice(start, end);
  if (old.startsWith('*') || /&[^\s]+[ \t]+$/.test(text.slice(lineStart(text, start), start))) {
    throw new GitOpsError('notEditable', 'the value is a YAML anchor or alias shared with other fields; edit it by hand');
  }
  if (old.includes('{{')) throw new GitOpsError('templated', 'the value is a template expression ({{ … }}); change it where the template gets its values');
  if (/^[|>]/.test(old)) {
    // The key's column, or the dash's for a list item: what the block's indentation is relative to.
    const isItem = /^\d+$/.test(pointerSegments(pointer).pop() ?? '');
    const parentIndent = isItem ? text.slice(lineStart(text, start), start).lastIndexOf('-') : loc.keyRange.start.character;
    // Blank lines after a clipped or stripped block lie outside its range; a kept block would take them in.
    const blankEnd = end + /^(?:[ \t]*\n)*/.exec(text.slice(end))![0].length;
    for (const newText of blockScalarCandidates(text.slice(start, blankEnd), oldValue, value, Math.max(parentIndent, 0))) {
      const edit = { start, end: blankEnd, newText };
      if (readsBack(applyTextEdits(text, [edit]), resource, pointer, value)) return edit;
    }
    throw new GitOpsError('notEditable', 'the new value cannot be written in place of the block scalar (| or >); edit it by hand');
  }
  let newText = yamlValueText(old, oldValue, value, range.start.character);
  // An empty value (`key:`) sits right after the colon.
  if (old === '' && text[start - 1] === ':') newText = ' ' + newText;
  return { start, end, newText };
}

/** True when `text` parses and its copy of `resource` holds `value` at `pointer`. */
function readsBack(text: string, resource: ManifestResource, pointer: string, value: unknown): boolean {
  const parsed = parseManifestText(text, resource.file);
  const again = parsed.resources.find((r) => r.key === resource.key && r.docIndex === resource.docIndex);
  if (!again || parsed.errors.some((e) => e.severity === 'error')) return false;
  const actual = valueAt(again.object, pointer);
  return isDeepStrictEqual(actual, value);
}

function removeField(text: string, keyRange: ManifestResource['range'], valueRange: ManifestResource['range'], pointer: string): TextEdit {
  const keyStart = offsetAt(text, keyRange.start);
  const from = lineStart(text, keyStart);
  const prefix = text.slice(from, keyStart);
  const isItem = /^\d+$/.test(pointerSegments(pointer).pop() ?? '');
  if (!(isItem ? /^[ \t]*-[ \t]+$/ : /^[ \t]*$/).test(prefix)) {
    throw new GitOpsError('notEditable', `${pointer} does not start its own line; remove it by hand`);
  }
  return { start: from, end: contentEnd(text, keyStart, offsetAt(text, valueRange.end)), newText: '' };
}

function insertField(text: string, resource: ManifestResource, pointer: string, value: unknown): TextEdit {
  // The nearest ancestor the file has; the rest of the path is written out below it.
  const segments = pointerSegments(pointer);
  let depth = segments.length - 1;
  let parent = pointer.slice(0, pointer.lastIndexOf('/'));
  while (parent !== '' && !resource.fields.has(parent)) {
    parent = parent.slice(0, parent.lastIndexOf('/'));
    depth--;
  }
  const rest = segments.slice(depth);
  const children = [...resource.fields.entries()].filter(([p]) => p.startsWith(parent + '/') && !p.slice(parent.length + 1).includes('/'));
  if (children.length === 0) throw new GitOpsError('notEditable', `cannot add ${pointer}: its parent has no entries to line up with; add it by hand`);
  const last = children.reduce((a, b) => (offsetAt(text, b[1].valueRange.end) > offsetAt(text, a[1].valueRange.end) ? b : a));
  const parentIsList = /^\d+$/.test(pointerSegments(last[0]).pop() ?? '');
  if (parentIsList && (rest.length !== 1 || !/^\d+$/.test(rest[0]))) throw new GitOpsError('notEditable', `cannot add ${pointer} inside a list; add it by hand`);
  if (!parentIsList && rest.some((s) => /^\d+$/.test(s))) throw new GitOpsError('notEditable', `cannot add ${pointer}: it creates a list item; add it by hand`);

  const firstKey = children[0][1].keyRange.start;
  const keyStart = offsetAt(text, firstKey);
  const linePrefix = text.slice(lineStart(text, keyStart), keyStart);
  const parentStart = offsetAt(text, (resource.fields.get(parent)?.valueRange ?? resource.range).start);
  if (text[parentStart] === '{' || text[parentStart] === '[') {
    throw new GitOpsError('notEditable', `cannot add ${pointer} to a flow collection ({…} or […]); add it by hand`);
  }
  let block: string;
  let column: number;
  if (parentIsList) {
    const dash = linePrefix.lastIndexOf('-');
    if (dash < 0 || linePrefix.slice(0, dash).trim() !== '') throw new GitOpsError('notEditable', `cannot add ${pointer}: the list is not a block list; add it by hand`);
    column = dash;
    block = indentBlock(stringify([value], { lineWidth: 0 }).replace(/\n$/, ''), column);
  } else {
    if (linePrefix.trim() !== '' && !/^[ \t]*-[ \t]+$/.test(linePrefix)) throw new GitOpsError('notEditable', `cannot add ${pointer}: its siblings do not start their lines; add it by hand`);
    column = firstKey.character;
    const nested = rest.reduceRight<unknown>((acc, key) => ({ [key]: acc }), value);
    block = indentBlock(stringify(nested, { lineWidth: 0 }).replace(/\n$/, ''), column);
  }
  if (block.includes('{{')) throw new GitOpsError('templated', 'the new value is a template expression ({{ … }}); change it where the template gets its values');
  const afterLast = contentEnd(text, offsetAt(text, last[1].keyRange.start), offsetAt(text, last[1].valueRange.end));
  const needsNewline = afterLast === text.length && !text.endsWith('\n');
  return { start: afterLast, end: afterLast, newText: (needsNewline ? '\n' : '') + ' '.repeat(column) + block + '\n' };
}

/**
 * Just past the last line of [start, end) that holds content: block collections' ranges
 * run on over trailing blank and comment lines, which belong to what follows.
 */
function contentEnd(text: string, start: number, end: number): number {
  let lineFrom = lineStart(text, text[end - 1] === '\n' ? end - 1 : end);
  while (lineFrom > start && /^[ \t]*(#.*)?$/.test(text.slice(lineFrom, lineEnd(text, lineFrom)).replace(/\n$/, ''))) {
    lineFrom = lineStart(text, lineFrom - 1);
  }
  return lineEnd(text, Math.max(lineFrom, start));
}


/** Offset just past the newline ending the line that holds `offset` (or the text's end). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
