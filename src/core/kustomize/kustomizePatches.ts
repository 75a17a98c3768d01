import * as path from 'node:path';
import type { FieldLocation } from '../yaml/yamlPositions';
import { isRecord } from '../manifests/resourceId';
import type { Range } from '../text/range';
import { inlineTextMapper, listEntries, type KustomizationModel } from './kustomizationModel';
import { readYamlDocuments } from './yamlDocuments';

/** One document of a patch, with positions in the file that holds it (the patch file, or the kustomization for inline patches). */
export interface PatchDocument {
  value: unknown;
  fields: ReadonlyMap<string, FieldLocation>;
  file: string;
  /** Maps a range of the patch text to the file (identity for patch files; shifted for inline patches). */
  map: (range: Range) => Range;
  docIndex: number;
  /** For an inline patch: the pointer of its string in the kustomization. */
  inline?: string;
}

/** A `patches:` / `patchesStrategicMerge:` / `patchesJson6902:` entry, read. */
export interface PatchEntry {
  kustomization: KustomizationModel;
  /** Pointer of the entry in the kustomization, e.g. `/patches/1`. */
  pointer: string;
  /** `patches[1]`, `patchesStrategicMerge[0]`. */
  label: string;
  target?: Record<string, unknown>;
  /** Strategic-merge documents (empty for a JSON 6902 patch). */
  documents: PatchDocument[];
  /** The JSON 6902 operations, when the patch is a list of ops. */
  ops?: PatchDocument;
  /** Absolute path of the patch file; undefined for inline patches. */
  file?: string;
}

const identity = (r: Range): Range => r;

/**
 * The patches of a kustomization in kustomize's order of application: patchesStrategicMerge,
 * then patches (strategic merge or JSON 6902, told apart by content as kustomize does),
 * then patchesJson6902. `texts` holds the patch files kustomize reads.
 */
export function kustomizationPatches(k: KustomizationModel, texts: ReadonlyMap<string, string>): { early: PatchEntry[]; json6902: PatchEntry[] } {
  const early: PatchEntry[] = [];
  const json6902: PatchEntry[] = [];
  for (const e of listEntries(k, 'patchesStrategicMerge')) {
    if (typeof e.value !== 'string') continue;
    const entry = readPatch(k, e.pointer, `patchesStrategicMerge[${e.index}]`, e.value.includes('\n') ? { inline: e.value, pointer: e.pointer } : { file: e.value }, undefined, texts);
    if (entry) early.push(entry);
  }
  for (const [field, out] of [
    ['patches', early],
    ['patchesJson6902', json6902],
  ] as const) {
    for (const e of listEntries(k, field)) {
      if (!isRecord(e.value)) continue;
      const target = isRecord(e.value.target) ? e.value.target : undefined;
      const source = typeof e.value.path === 'string' ? { file: e.value.path } : typeof e.value.patch === 'string' ? { inline: e.value.patch, pointer: `${e.pointer}/patch` } : undefined;
      const entry = source && readPatch(k, e.pointer, `${field}[${e.index}]`, source, target, texts);
      if (entry) out.push(entry);
    }
  }
  return { early, json6902 };
}

function readPatch(
  k: KustomizationModel,
  pointer: string,
  label: string,
  source: { file: string } | { inline: string; pointer: string },
  target: Record<string, unknown> | undefined,
  texts: ReadonlyMap<string, string>,
): PatchEntry | undefined {
  const file = 'file' in source ? path.resolve(k.dir, source.file) : k.file;
  const text = 'file' in source ? texts.get(file) : source.inline;
  if (text === undefined) return undefined;
  const map = 'file' in source ? identity : inlineTextMapper(k, source.pointer, source.inline);
  const inline = 'inline' in source ? { inline: source.pointer } : {};
  const docs = readYamlDocuments(text).documents.map((d, docIndex): PatchDocument => ({ value: d.value, fields: d.fields, file, map, docIndex, ...inline }));
  const base = { kustomization: k, pointer, label, ...(target ? { target } : {}), ...('file' in source ? { file } : {}) };
  if (docs.length === 1 && Array.isArray(docs[0].value)) return { ...base, documents: [], ops: docs[0] };
  return { ...base, documents: docs.filter((d) => isRecord(d.value)) };
}
