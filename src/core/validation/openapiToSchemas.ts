import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { joinPointer } from '../text/jsonPointer';

/**
 * Turns Kubernetes OpenAPI v2 definitions and CRD schemas into strict JSON Schemas in
 * kubeconform's conventions: unknown fields are errors (except under
 * x-kubernetes-preserve-unknown-fields), int-or-string accepts both, quantities accept string or
 * number, optional fields accept null, apiVersion and kind are required and fixed per kind.
 *
 * The one implementation behind the shipped schemas (scripts/generate-schemas.mjs) and the
 * schemas read from a live cluster (`kubectl get --raw /openapi/v2`, CRDs included).
 *
 * Layout written (descriptions live apart from validators so loading a validator never parses prose):
 *   index.json                      { kinds: { "apps/v1/Deployment": { file, def } } }
 *   <file>.json                     { $id, definitions } — validators, no descriptions
 *   descriptions/<file>.json        { <def>: { <schema pointer inside def>: text } } — for hovers
 */

// Upstream schemas are untyped JSON; the transform walks them generically.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Definitions = Record<string, Json>;

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface KindEntry {
  file: string;
  def: string;
}

export interface GeneratedSchemas {
  /** `apiVersion/kind` → file and root definition, sorted by key. */
  kinds: Record<string, KindEntry>;
  /** File name (without .json) → `{ $id, definitions }`, in the order they were added. */
  files: Record<string, { $id: string; definitions: Definitions }>;
  /** File name → definition → schema pointer inside it → description. */
  descriptions: Record<string, Record<string, Record<string, string>>>;
}

export const SHIPPED_ID_BASE = 'https://youops.dev/schemas/generated/';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
/** Suffix of a kind's root definition when the plain name is kept for embedded uses. */
const KIND_ROOT_SUFFIX = '.document';
/** Keywords that only carry prose or server-side rules; dropped from validators. */
const DROPPED = new Set([
  'description', 'format', 'x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type', 'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-unions',
  'x-kubernetes-group-version-kind', 'x-kubernetes-embedded-resource', 'default', 'example', 'title', '$schema',
]);

/**
 * Collects generated files. Descriptions are tracked by node identity while transforming and
 * written out once the final layout (after hoisting shared subschemas) is known.
 */
export class SchemaConverter {
  private readonly descOf = new WeakMap<object, string>();
  private readonly kinds: Record<string, KindEntry> = {};
  private readonly files: GeneratedSchemas['files'] = {};
  /** ObjectMeta and what it reaches, converted, for CRD files that must compile on their own. */
  private metaDefs: Definitions = {};

  constructor(private readonly idBase = SHIPPED_ID_BASE) {}

  /**
   * Every top-level kind of an OpenAPI v2 document (definitions with x-kubernetes-group-version-kind
   * and metadata, Lists excluded) into one file with only the definitions a kind can reach.
   * `dedupe` hoists repeated subschemas of the definitions it accepts (CRDs in a cluster document).
   * Returns the `apiVersion/kind` keys added.
   */
  addOpenApi(document: { definitions?: Definitions }, file: string, options: { dedupe?: (def: string) => boolean } = {}): string[] {
    const defs = document.definitions ?? {};
    const kinds: Array<[string, GroupVersionKind[]]> = [];
    for (const [name, def] of Object.entries(defs)) {
      const gvks = def?.['x-kubernetes-group-version-kind'];
      if (!Array.isArray(gvks) || !def.properties?.metadata || name.endsWith('List')) continue;
      kinds.push([name, gvks]);
    }
    // Only definitions a kind can reach (status excluded) are kept.
    const roots = new Set(kinds.map(([n]) => n));
    const defsNoStatus = Object.fromEntries(
      Object.entries(defs).map(([n, d]) => [n, roots.has(n) && d.properties?.status ? { ...d, properties: { ...d.properties, status: {} } } : d]),
    );
    const definitions: Definitions = {};
    const kept = [...reachable(defsNoStatus, [...roots])].sort();
    // A kind embedded in another (StatefulSet's volumeClaimTemplates[] are PersistentVolumeClaims)
    // needs no apiVersion/kind there: only the document root gets the strict kind definition.
    const embedded = referencedFrom(defsNoStatus, kept);
    const rootDef = new Map<string, string>();
    for (const name of kept) {
      const strict = this.strictDefinition(name, defs[name], defs);
      const description = defs[name].description;
      if (!roots.has(name) || embedded.has(name)) {
        // An embedded kind's status is as loose as a root's (its definitions were not kept).
        definitions[name] = roots.has(name) ? looseStatus(strict) : strict;
        if (typeof description === 'string') this.descOf.set(strict, description);
      }
      if (roots.has(name)) {
        const at = embedded.has(name) ? `${name}${KIND_ROOT_SUFFIX}` : name;
        definitions[at] = makeKindRoot(strict, defs[name]['x-kubernetes-group-version-kind']);
        if (typeof description === 'string') this.descOf.set(definitions[at], description);
        rootDef.set(name, at);
      }
    }
    if (options.dedupe) this.dedupe(definitions, file, options.dedupe);
    const added: string[] = [];
    for (const [name, gvks] of kinds) {
      for (const g of gvks) {
        const key = `${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`;
        this.kinds[key] = { file, def: rootDef.get(name) ?? name };
        added.push(key);
      }
    }
    this.files[file] = { $id: `${this.idBase}${file}.json`, definitions };
    if (definitions[OBJECT_META]) {
      this.metaDefs = {};
      for (const name of reachable(defs, [OBJECT_META])) this.metaDefs[name] = definitions[name];
    }
    return added;
  }

  /**
   * One CRD version's openAPIV3Schema as its own file, with a copy of ObjectMeta (from an earlier
   * `addOpenApi`) so that it compiles without the Kubernetes file. Returns the key added.
   */
  addCrd(schema: Json, gvk: GroupVersionKind, file: string): string {
    const strict = this.strictNode(schema, { optional: false, defs: {} });
    // metadata: the CRD only says `type: object`; strict users expect ObjectMeta to be checked.
    strict.properties.metadata = { $ref: `#/definitions/${OBJECT_META}` };
    const rootDef = `${gvk.group}.${gvk.version}.${gvk.kind}`;
    const definitions: Definitions = { ...this.metaDefs };
    definitions[rootDef] = makeKindRoot(strict, [gvk]);
    this.descOf.set(definitions[rootDef], schema.description);
    this.dedupe(definitions, file, (name) => !this.metaDefs[name]);
    this.files[file] = { $id: `${this.idBase}${file}.json`, definitions };
    const key = `${gvk.group}/${gvk.version}/${gvk.kind}`;
    this.kinds[key] = { file, def: rootDef };
    return key;
  }

  result(): GeneratedSchemas {
    const descriptions: GeneratedSchemas['descriptions'] = {};
    for (const [file, schema] of Object.entries(this.files)) {
      const sink: Record<string, Record<string, string>> = {};
      for (const [name, def] of Object.entries(schema.definitions)) {
        const d: Record<string, string> = {};
        this.collectDescriptions(def, '', d);
        if (Object.keys(d).length) sink[name] = d;
      }
      descriptions[file] = sink;
    }
    const kinds = Object.fromEntries(Object.entries(this.kinds).sort(([a], [b]) => a.localeCompare(b)));
    return { kinds, files: this.files, descriptions };
  }

  // ---------- transform one schema node to strict form ----------
  private strictNode(node: Json, ctx: { optional: boolean; defs: Definitions }): Json {
    if (!node || typeof node !== 'object') return node;
    const out: Json = {};
    if (node.$ref) {
      const target = node.$ref.replace('#/definitions/', '');
      out.$ref = `#/definitions/${target}`;
      if (typeof node.description === 'string') this.descOf.set(out, node.description);
      // Referenced definitions accept null (for optional uses); a required use forbids it again.
      if (!ctx.optional) out.type = nonNullType(target, ctx.defs);
      return out;
    }
    const child = (s: Json, optional: boolean) => this.strictNode(s, { optional, defs: ctx.defs });
    for (const [k, v] of Object.entries(node) as Array<[string, Json]>) {
      if (DROPPED.has(k) || k === 'nullable' || k === 'x-kubernetes-int-or-string' || k === 'x-kubernetes-preserve-unknown-fields') continue;
      if (k === 'properties') {
        const req = new Set(node.required ?? []);
        out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, child(s, !req.has(p))]));
      } else if (k === 'items' || k === 'additionalProperties') {
        // Kubernetes' JSON decoding turns a null list item or map value into the zero value, and
        // kubeconform's schemas accept it: `labels: {team: }`, `data: {KEY: }`, `- ` in a list.
        out[k] = typeof v === 'object' ? child(v, true) : v;
      } else if (k === 'not') {
        out[k] = typeof v === 'object' ? child(v, false) : v;
      } else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') {
        out[k] = v.map((s: Json) => child(s, false));
      } else {
        out[k] = v;
      }
    }
    if (typeof node.description === 'string') this.descOf.set(out, node.description);
    if (node.format === 'int-or-string' || node['x-kubernetes-int-or-string']) {
      out.type = ['integer', 'string'];
      delete out.anyOf; // CRDs spell it as anyOf integer|string as well
      delete out.pattern; // only meaningful for the string branch, and ajv would apply it to neither
    }
    const open = node['x-kubernetes-preserve-unknown-fields'] === true;
    if (out.properties && out.additionalProperties === undefined && !open) out.additionalProperties = false;
    if ((ctx.optional || node.nullable) && out.type !== undefined) out.type = withNull(out.type);
    return out;
  }

  /** A definition as the target of $refs: nullable (optional uses are the common case). */
  private strictDefinition(name: string, def: Json, defs: Definitions): Json {
    if (name === QUANTITY) return { type: ['string', 'number', 'null'] };
    return this.strictNode(def, { optional: true, defs });
  }

  /**
   * Hoists large subschemas that occur more than once (ApplicationSet nests the same generator
   * schemas many levels deep) into shared definitions: a smaller file and one compiled function each.
   */
  private dedupe(definitions: Definitions, file: string, include: (def: string) => boolean): void {
    const descOf = this.descOf;
    const counts = new Map<string, number>();
    const canon = new WeakMap<object, string>();
    const key = (node: Json): string => {
      if (!node || typeof node !== 'object') return JSON.stringify(node);
      const hit = canon.get(node);
      if (hit !== undefined) return hit;
      const s = Array.isArray(node)
        ? `[${node.map(key).join(',')}]`
        : `{${Object.keys(node).sort().map((k) => `${JSON.stringify(k)}:${key(node[k])}`).join(',')}}`;
      canon.set(node, s);
      return s;
    };
    const visit = (node: Json): void => {
      if (!node || typeof node !== 'object') return;
      const k = key(node);
      if (!Array.isArray(node) && k.length > 400) counts.set(k, (counts.get(k) ?? 0) + 1);
      for (const v of Object.values(node)) visit(v);
    };
    for (const [name, def] of Object.entries(definitions)) if (include(name)) visit(def);
    const hoisted = new Map<string, string>();
    const replace = (node: Json, isRoot: boolean): Json => {
      if (!node || typeof node !== 'object') return node;
      const k = key(node);
      if (!isRoot && !Array.isArray(node) && (counts.get(k) ?? 0) > 1) {
        let name = hoisted.get(k);
        if (!name) {
          name = `${file}.shared.${createHash('sha1').update(k).digest('hex').slice(0, 10)}`;
          hoisted.set(k, name);
          definitions[name] = {}; // reserve, then fill (children may hoist too)
          definitions[name] = replaceChildren(node);
          if (descOf.has(node)) descOf.set(definitions[name], descOf.get(node)!);
        }
        const ref = { $ref: `#/definitions/${name}` };
        if (descOf.has(node)) descOf.set(ref, descOf.get(node)!);
        return ref;
      }
      return replaceChildren(node);
    };
    const replaceChildren = (node: Json): Json => {
      if (Array.isArray(node)) return node.map((n) => replace(n, false));
      const out: Json = {};
      for (const [k, v] of Object.entries(node) as Array<[string, Json]>) {
        out[k] =
          k === 'enum' || k === 'required'
            ? v
            : k === 'properties'
              ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, replace(s, false)]))
              : replace(v, false);
      }
      if (descOf.has(node)) descOf.set(out, descOf.get(node)!);
      return out;
    };
    for (const name of Object.keys(definitions)) {
      if (!include(name) || name.includes('.shared.')) continue;
      definitions[name] = replace(definitions[name], true);
    }
  }

  private collectDescriptions(node: Json, pointer: string, sink: Record<string, string>): void {
    if (!node || typeof node !== 'object') return;
    if (this.descOf.has(node)) sink[pointer] = this.descOf.get(node)!;
    for (const [k, v] of Object.entries(node) as Array<[string, Json]>) {
      if (k === 'properties') for (const [p, s] of Object.entries(v)) this.collectDescriptions(s, joinPointer(`${pointer}/properties`, p), sink);
      else if (k === 'items' || k === 'additionalProperties') this.collectDescriptions(v, `${pointer}/${k}`, sink);
      else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') v.forEach((s: Json, i: number) => this.collectDescriptions(s, `${pointer}/${k}/${i}`, sink));
    }
  }
}

function withNull(type: Json): Json {
  const list = Array.isArray(type) ? type : [type];
  return list.includes('null') ? type : [...list, 'null'];
}

function nonNullType(defName: string, defs: Definitions): Json {
  const t = defs[defName]?.type;
  if (defName === QUANTITY) return ['string', 'number'];
  if (defs[defName]?.format === 'int-or-string') return ['integer', 'string'];
  if (t === undefined) return undefined;
  const list = (Array.isArray(t) ? t : [t]).filter((x: string) => x !== 'null');
  return list.length === 1 ? list[0] : list;
}

function looseStatus(schema: Json): Json {
  if (!schema.properties?.status) return schema;
  return { ...schema, properties: { ...schema.properties, status: { type: ['object', 'null'] } } };
}

/** apiVersion/kind fixed and required; status left loose because people never author it. */
function makeKindRoot(schema: Json, gvks: GroupVersionKind[]): Json {
  const root = looseStatus({ ...schema, properties: { ...schema.properties } });
  root.properties.apiVersion = { enum: [...new Set(gvks.map((g) => (g.group ? `${g.group}/${g.version}` : g.version)))] };
  root.properties.kind = { enum: [...new Set(gvks.map((g) => g.kind))] };
  root.required = [...new Set(['apiVersion', 'kind', ...(schema.required ?? [])])];
  root.type = 'object';
  root.additionalProperties = false;
  return root;
}

/** Definitions that another one of `names` refers to. */
function referencedFrom(defs: Definitions, names: string[]): Set<string> {
  const out = new Set<string>();
  for (const name of names) {
    JSON.stringify(defs[name], (k, v) => {
      if (k === '$ref' && typeof v === 'string' && v !== `#/definitions/${name}`) out.add(v.replace('#/definitions/', ''));
      return v;
    });
  }
  return out;
}

function reachable(defs: Definitions, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop()!;
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    JSON.stringify(defs[name], (k, v) => {
      if (k === '$ref' && typeof v === 'string') queue.push(v.replace('#/definitions/', ''));
      return v;
    });
  }
  return seen;
}

/**
 * Whether an OpenAPI v2 definition is a CRD's: the apiextensions server names them
 * `<reversed group>.<version>.<Kind>` (com.example.v1.Widget), built-in types by Go package.
 */
export function isCrdDefinition(name: string, gvk: GroupVersionKind): boolean {
  return gvk.group !== '' && name === `${gvk.group.split('.').reverse().join('.')}.${gvk.version}.${gvk.kind}`;
}

/** Writes the layout described above into `dir` (replacing it); returns bytes per file for logs. */
export function writeGeneratedSchemas(dir: string, schemas: GeneratedSchemas): Array<{ file: string; bytes: number; descriptionBytes: number }> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'descriptions'), { recursive: true });
  const sizes = [];
  const hashes: Record<string, string> = {};
  for (const [file, schema] of Object.entries(schemas.files)) {
    const text = JSON.stringify(schema) + '\n';
    const desc = JSON.stringify(schemas.descriptions[file]);
    hashes[file] = sourceHash(text);
    fs.writeFileSync(path.join(dir, `${file}.json`), text);
    fs.writeFileSync(path.join(dir, 'descriptions', `${file}.json`), desc + '\n');
    sizes.push({ file, bytes: text.length, descriptionBytes: desc.length });
  }
  // The hashes tell precompiled validators (scripts/build.mjs) whether they were built from these files.
  fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ kinds: schemas.kinds, hashes }, null, 1) + '\n');
  return sizes;
}

/** Identity of a schema file's text, shared by the generator, the validator build and the store. */
export function sourceHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
