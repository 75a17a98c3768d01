import { isDeepStrictEqual } from 'node:util';
import { keysForList, matchListItems } from '../drift/listMatching';
import { counterpartPointer } from '../drift/counterpartPointer';
import { originPointer } from '../kustomize/valueSources';
import type { RenderedTrace, ValueSource } from '../manifests/valueSource';
import { LazyFieldMap } from '../manifests/lazyFieldMap';
import type { FieldLocation, ManifestResource } from '../manifests/manifestResource';
import { apiGroup, isRecord } from '../manifests/resourceId';
import { pointerFromSegments, valueAt } from '../text/jsonPointer';

/**
 * A rendered resource as the unsaved text of its base document would render it, without
 * running kustomize on every keystroke: each value the base passes through unchanged is read
 * from the draft (edited, added or removed), everything the overlays put there (patches,
 * `images:`, `replicas:`, namespaces, prefixes) is kept from the last render. Positions are
 * the draft's. undefined when the draft no longer holds the document (renamed, deleted) or
 * the object is not a base document's (a generator's lives in kustomization.yaml).
 */
export function renderedDraft(saved: ManifestResource, draftDocs: readonly ManifestResource[]): ManifestResource | undefined {
  const trace = saved.rendered;
  if (!trace || trace.origin.kind !== 'resource') return undefined;
  const { apiVersion, kind } = saved.id;
  const sameKind = draftDocs.filter((d) => d.id.kind === kind && apiGroup(d.id.apiVersion) === apiGroup(apiVersion));
  const doc = sameKind.find((d) => d.id.name === trace.origin.name) ?? sameKind.find((d) => d.docIndex === saved.docIndex);
  if (!doc) return undefined;

  const file = saved.file;
  /** The rendered value at `segments` is the base's own, unchanged by any layer: the draft decides it. */
  const fromBase = (segments: string[], rendered: unknown): boolean => {
    const s = trace.sourceOf(pointerFromSegments(segments));
    return s !== undefined && s.setBy === 'resource' && s.file === file && !s.ancestor && (s.value === undefined || isDeepStrictEqual(s.value, rendered));
  };
  const merge = (segments: string[], rendered: unknown, draft: unknown): unknown => {
    if (isRecord(rendered) && (draft === undefined || isRecord(draft))) {
      const out: Record<string, unknown> = { ...(draft ?? {}) };
      for (const [k, v] of Object.entries(rendered)) {
        const next = merge([...segments, k], v, draft?.[k]);
        if (next === undefined) delete out[k];
        else out[k] = next;
      }
      return draft === undefined && Object.keys(out).length === 0 ? undefined : out;
    }
    const keys = Array.isArray(rendered) && (draft === undefined || Array.isArray(draft)) ? keysForList(apiVersion, kind, segments, rendered, draft ?? []) : undefined;
    if (keys && Array.isArray(rendered)) {
      const items = (draft ?? []) as unknown[];
      const out: unknown[] = [...items];
      const removed = new Set<number>();
      matchListItems(rendered, items, keys).forEach((j, i) => {
        const at = [...segments, String(i)];
        // An item the draft removed stays removed unless a layer adds it (its merge key is not the base's).
        if (j === undefined && keys.every((k) => !isRecord(rendered[i]) || rendered[i][k] === undefined || fromBase([...at, k], rendered[i][k]))) return;
        const next = merge(at, rendered[i], j === undefined ? undefined : items[j]);
        if (j === undefined) {
          if (next !== undefined) out.push(next);
        } else if (next === undefined) removed.add(j);
        else out[j] = next;
      });
      const kept = out.filter((_, i) => !removed.has(i));
      return draft === undefined && kept.length === 0 ? undefined : kept;
    }
    if (Array.isArray(rendered) && Array.isArray(draft) && fromBase(segments, rendered)) {
      // A list the base writes, items without merge keys (envFrom, args): item by item, as many as the draft has.
      return draft.map((item, i) => (i < rendered.length ? merge([...segments, String(i)], rendered[i], item) : item));
    }
    return fromBase(segments, rendered) ? draft : rendered;
  };
  const object = merge([], saved.object, doc.object);
  return {
    ...saved,
    docIndex: doc.docIndex,
    range: doc.range,
    object,
    fields: new LazyFieldMap(() => {
      const fields = new Map<string, FieldLocation>();
      for (const [q, loc] of doc.fields) {
        const p = originPointer(q, doc.object, object, apiVersion, kind);
        if (p !== undefined) fields.set(p, loc);
      }
      return fields;
    }),
    rendered: draftTrace(saved, object, doc),
  };
}

/** The last render's trace, asked in the saved object's terms, with the base's lines and values read from the draft. */
function draftTrace(saved: ManifestResource, object: unknown, doc: ManifestResource): RenderedTrace {
  const trace = saved.rendered!;
  const file = saved.file;
  const relocate = (s: ValueSource | undefined): ValueSource | undefined => {
    if (!s) return undefined;
    const overrides = relocate(s.overrides);
    if (s.file !== file) return overrides === s.overrides ? s : { ...s, overrides };
    const { valueRange: _v, written: _w, value: _value, overrides: _o, ...rest } = s;
    const pointer = s.written?.in === 'document' ? s.written.pointer : undefined;
    const loc = pointer !== undefined ? doc.fields.get(pointer) : undefined;
    const value = pointer !== undefined ? valueAt(doc.object, pointer) : undefined;
    return {
      ...rest,
      range: loc?.keyRange ?? doc.range,
      ...(loc && pointer !== undefined ? { valueRange: loc.valueRange, written: { in: 'document' as const, docIndex: doc.docIndex, pointer } } : {}),
      ...(value !== undefined && !isRecord(value) && !Array.isArray(value) ? { value } : {}),
      ...(overrides ? { overrides } : {}),
    };
  };
  return {
    overlay: trace.overlay,
    origin: { ...trace.origin, range: doc.range },
    layers: trace.layers,
    sourceOf: (pointer) => {
      // List items may sit elsewhere in the draft; a field only the draft has was set by nothing yet.
      const q = counterpartPointer(pointer, object, saved.object, saved.id.apiVersion, saved.id.kind);
      return q === undefined ? undefined : relocate(trace.sourceOf(q));
    },
  };
}
