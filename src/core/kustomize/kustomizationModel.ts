import * as path from 'node:path';
import type { FieldLocation } from '../yaml/yamlPositions';
import { isRecord } from '../manifests/resourceId';
import { joinPointer } from '../text/jsonPointer';
import type { Range } from '../text/range';
import { readYamlDocuments } from './yamlDocuments';

/** One kustomization file as read from disk, with the position of every entry. */
export interface KustomizationModel {
  /** Absolute path of kustomization.yaml (or .yml, or Kustomization). */
  file: string;
  dir: string;
  kind: 'Kustomization' | 'Component';
  value: Record<string, unknown>;
  fields: ReadonlyMap<string, FieldLocation>;
  text: string;
  /** Set when the file does not parse as a YAML map; the model is then empty. */
  error?: { message: string; range: Range };
}

export function parseKustomization(file: string, text: string): KustomizationModel {
  const { documents, errors } = readYamlDocuments(text);
  const base = { file, dir: path.dirname(file), text };
  if (errors.length) return { ...base, kind: 'Kustomization', value: {}, fields: new Map<string, FieldLocation>(), error: errors[0] };
  const doc = documents[0];
  if (!doc || !isRecord(doc.value)) {
    return { ...base, kind: 'Kustomization', value: {}, fields: new Map<string, FieldLocation>(), error: { message: 'a kustomization must be a YAML map', range: doc?.range ?? ZERO } };
  }
  return { ...base, kind: doc.value.kind === 'Component' ? 'Component' : 'Kustomization', value: doc.value, fields: doc.fields };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The items of a list field (`resources`, `patches`…) with their pointers; non-lists have none. */
export function listEntries(k: KustomizationModel, field: string): Array<{ value: unknown; pointer: string; index: number }> {
  const list = k.value[field];
  if (!Array.isArray(list)) return [];
  return list.map((value, index) => ({ value, pointer: joinPointer(`/${field}`, index), index }));
}

/** The key range of `pointer` in the kustomization, else of its nearest located ancestor. */
export function keyRangeIn(k: KustomizationModel, pointer: string): Range {
  let p = pointer;
  for (;;) {
    const loc = k.fields.get(p);
    if (loc) return loc.keyRange;
    if (p === '') return ZERO;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

export function locationIn(k: KustomizationModel, pointer: string): FieldLocation {
  const loc = k.fields.get(pointer);
  if (loc) return loc;
  const r = keyRangeIn(k, pointer);
  return { keyRange: r, valueRange: r };
}

/**
 * Where the lines of a string value (an inline patch) sit in the kustomization: a block scalar
 * (`patch: |-`) maps line i of the string to a line of the file, shifted by its indentation.
 * Other forms (quoted, folded) cannot be mapped line by line: every position then falls on the key.
 */
export function inlineTextMapper(k: KustomizationModel, pointer: string, value: string): (range: Range) => Range {
  const loc = k.fields.get(pointer);
  const fallback = (): Range => (loc ? loc.keyRange : keyRangeIn(k, pointer));
  if (!loc) return fallback;
  const fileLines = k.text.split('\n');
  const header = fileLines[loc.valueRange.start.line]?.slice(loc.valueRange.start.character) ?? '';
  if (!/^[|>][-+0-9]*\s*(#.*)?$/.test(header) || header.startsWith('>')) return fallback;
  const first = loc.valueRange.start.line + 1;
  const textLines = value.split('\n');
  if (textLines[textLines.length - 1] === '') textLines.pop();
  const indentOf = (line: string): number => line.length - line.trimStart().length;
  const sample = fileLines.slice(first, first + textLines.length).find((l) => l.trim() !== '');
  const indent = sample === undefined ? 0 : indentOf(sample);
  const consistent = textLines.every((line, i) => (line === '' ? (fileLines[first + i] ?? '').trim() === '' : fileLines[first + i] === ' '.repeat(indent) + line));
  if (!consistent) return fallback;
  return (range) => ({
    start: { line: range.start.line + first, character: range.start.character + indent },
    end: { line: range.end.line + first, character: range.end.character + indent },
  });
}

export function stringField(k: KustomizationModel, field: string): string | undefined {
  const v = k.value[field];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
