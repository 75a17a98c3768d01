import type { DriftIgnoreRule } from '../config/types';
import { diffObjects } from '../drift/compare';
import type { ManifestResource, Range } from '../manifests/manifestResource';
import { apiGroup } from '../manifests/resourceId';
import { counterpartPointer } from '../drift/counterpartPointer';
import type { EnvironmentState } from './environmentState';
import { fieldPathLabel } from './fieldPathLabel';

/** Where a field (or, when absent, its closest present parent) is written. */
export interface FieldSource {
  file: string;
  /** 0-based, like every core Range; of the key (list items: the item). */
  range: Range;
  /** True when the field itself is absent and this is its nearest ancestor. */
  ancestor: boolean;
}

/** One field set differently in the two environments. undefined = not set on that side. */
export interface FieldDifference {
  /** Dotted label, keyed list items by key: `spec.template.spec.containers[name=web].image`. */
  path: string;
  fromPointer?: string;
  toPointer?: string;
  from: unknown;
  to: unknown;
  fromSource?: FieldSource;
  toSource?: FieldSource;
}

export type ResourceComparisonStatus = 'Same' | 'Different' | 'OnlyInFrom' | 'OnlyInTo';

export interface ResourceComparison {
  kind: string;
  name: string;
  status: ResourceComparisonStatus;
  from?: ManifestResource;
  to?: ManifestResource;
  fields: FieldDifference[];
}

export interface EnvironmentComparison {
  from?: string;
  to?: string;
  resources: ResourceComparison[];
}

export type ComparedEnvironment = EnvironmentState | { name?: string; resources: ManifestResource[] } | ManifestResource[];

export interface CompareEnvironmentsOptions {
  /** drift.ignore rules; fields they cover are not reported. */
  ignore?: readonly DriftIgnoreRule[];
}

/**
 * The same resources across two environments' desired state (e.g. staging → prod), the
 * basis for promotion. Resources pair by API group, kind and name, not namespace
 * (shop-staging vs shop-prod is expected); the namespace itself is not a difference.
 * Fields compare as drift does — quantities by value, keyed lists by key — but in both
 * directions, so a field set on only one side is reported too.
 */
export function compareEnvironments(from: ComparedEnvironment, to: ComparedEnvironment, options: CompareEnvironmentsOptions = {}): EnvironmentComparison {
  const fromSide = sideOf(from);
  const toSide = sideOf(to);
  const ignore = [...(options.ignore ?? []), { path: 'metadata.namespace' }];
  const pending = groupByIdentity(toSide.resources);
  const resources: ResourceComparison[] = [];

  for (const a of fromSide.resources) {
    const candidates = pending.get(identity(a));
    const b = takeCounterpart(a, candidates);
    if (!b) {
      resources.push({ kind: a.id.kind, name: a.id.name, status: 'OnlyInFrom', from: a, fields: [] });
      continue;
    }
    const fields = compareFields(a, b, ignore);
    resources.push({ kind: a.id.kind, name: a.id.name, status: fields.length ? 'Different' : 'Same', from: a, to: b, fields });
  }
  for (const rest of pending.values()) {
    for (const b of rest) resources.push({ kind: b.id.kind, name: b.id.name, status: 'OnlyInTo', to: b, fields: [] });
  }
  return { from: fromSide.name, to: toSide.name, resources };
}

function compareFields(a: ManifestResource, b: ManifestResource, ignore: readonly DriftIgnoreRule[]): FieldDifference[] {
  const { kind } = a.id;
  const forward = diffObjects(a.object, b.object, { kind, apiVersion: a.id.apiVersion, ignore, against: 'desired' });
  // The reverse pass only adds fields set in `to` alone; changed values came out of the forward pass.
  const onlyInTo = diffObjects(b.object, a.object, { kind, apiVersion: b.id.apiVersion, ignore, against: 'desired' }).filter((d) => d.reason === 'missing');

  const fields: FieldDifference[] = forward.map((d) => {
    const toPointer = counterpartPointer(d.path, a.object, b.object, b.id.apiVersion, kind);
    const toParent = toPointer ?? nearestCounterpart(d.path, a, b);
    return {
      path: fieldPathLabel(d.path, a.object, a.id.apiVersion, kind),
      fromPointer: d.path,
      ...(toPointer !== undefined ? { toPointer } : {}),
      from: d.desired,
      to: d.live,
      fromSource: sourceOf(a, d.path),
      toSource: sourceOf(b, toParent ?? '', toPointer === undefined),
    };
  });
  for (const d of onlyInTo) {
    const fromParent = nearestCounterpart(d.path, b, a);
    fields.push({
      path: fieldPathLabel(d.path, b.object, b.id.apiVersion, kind),
      toPointer: d.path,
      from: undefined,
      to: d.desired,
      fromSource: sourceOf(a, fromParent ?? '', true),
      toSource: sourceOf(b, d.path),
    });
  }
  return fields;
}

/** The pointer, in `other`, of the closest ancestor of `pointer` that exists there. */
function nearestCounterpart(pointer: string, own: ManifestResource, other: ManifestResource): string | undefined {
  let p = pointer;
  while (p.length > 0) {
    p = p.slice(0, p.lastIndexOf('/'));
    const found = counterpartPointer(p, own.object, other.object, other.id.apiVersion, other.id.kind);
    if (found !== undefined) return found;
  }
  return undefined;
}

function sourceOf(resource: ManifestResource, pointer: string, ancestor = false): FieldSource {
  let p = pointer;
  let isAncestor = ancestor;
  while (p.length > 0) {
    const loc = resource.fields.get(p);
    if (loc) return { file: resource.file, range: loc.keyRange, ancestor: isAncestor };
    p = p.slice(0, p.lastIndexOf('/'));
    isAncestor = true;
  }
  return { file: resource.file, range: resource.range, ancestor: pointer !== '' || ancestor };
}

function sideOf(side: ComparedEnvironment): { name?: string; resources: ManifestResource[] } {
  if (Array.isArray(side)) return { resources: side };
  if ('drift' in side) {
    return { name: side.config.name, resources: side.drift.resources.flatMap((r) => (r.resource ? [r.resource] : [])) };
  }
  return side;
}

/** Rendered objects pair by the name their origin gives them: overlays add prefixes and hash suffixes of their own. */
function identity(r: ManifestResource): string {
  return `${apiGroup(r.id.apiVersion)}/${r.id.kind}/${r.rendered ? r.rendered.origin.name : r.id.name}`;
}

function groupByIdentity(resources: ManifestResource[]): Map<string, ManifestResource[]> {
  const map = new Map<string, ManifestResource[]>();
  for (const r of resources) map.set(identity(r), [...(map.get(identity(r)) ?? []), r]);
  return map;
}

/** Same namespace first (one env holding the name in several namespaces), else the first left. */
function takeCounterpart(a: ManifestResource, candidates: ManifestResource[] | undefined): ManifestResource | undefined {
  if (!candidates || candidates.length === 0) return undefined;
  const sameNs = candidates.findIndex((c) => c.id.namespace === a.id.namespace);
  const [b] = candidates.splice(sameNs >= 0 ? sameNs : 0, 1);
  return b;
}
