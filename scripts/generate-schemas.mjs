#!/usr/bin/env node
// Builds the strict JSON Schemas YouOps ships (schemas/generated/) from the upstream data in
// ../shared/upstream-schemas (see SOURCES.md there): Kubernetes 1.36 top-level kinds plus the
// Argo CD and Flux CRDs. The output is committed, so building the extension never needs ../shared.
//
// Strict means kubeconform's conventions: unknown fields are errors (except under
// x-kubernetes-preserve-unknown-fields), int-or-string accepts both, quantities accept string or
// number, optional fields accept null, apiVersion and kind are required and fixed per kind.
//
// Output (descriptions live apart from validators so loading a validator never parses prose):
//   index.json                      { kinds: { "apps/v1/Deployment": { file, def } } }
//   <file>.json                     { $id, definitions } — validators, no descriptions
//   descriptions/<file>.json        { <def>: { <schema pointer inside def>: text } } — for hovers
//
// Usage: node scripts/generate-schemas.mjs [upstream-dir] [out-dir]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? resolve(root, '..', 'shared', 'upstream-schemas'));
const output = resolve(process.argv[3] ?? resolve(root, 'schemas', 'generated'));
const ID_BASE = 'https://youops.dev/schemas/generated/';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
/** CRD file name part → kind (the catalog's file names are lower-case). */
const CRD_KINDS = {
  application: 'Application',
  applicationset: 'ApplicationSet',
  appproject: 'AppProject',
  helmrelease: 'HelmRelease',
  kustomization: 'Kustomization',
  gitrepository: 'GitRepository',
  helmrepository: 'HelmRepository',
  ocirepository: 'OCIRepository',
};
/** Keywords that only carry prose or server-side rules; dropped from validators. */
const DROPPED = new Set(['description', 'format', 'x-kubernetes-validations', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type', 'x-kubernetes-patch-merge-key', 'x-kubernetes-patch-strategy', 'x-kubernetes-unions',
  'x-kubernetes-group-version-kind', 'x-kubernetes-embedded-resource', 'default', 'example', 'title', '$schema']);

/** Descriptions by node identity, moved to the descriptions file once the final layout is known. */
const descOf = new WeakMap();

// ---------- transform one schema node to strict form ----------
function strictNode(node, { refPrefix, optional }) {
  if (!node || typeof node !== 'object') return node;
  const out = {};
  if (node.$ref) {
    out.$ref = refPrefix + node.$ref.replace('#/definitions/', '');
    if (typeof node.description === 'string') descOf.set(out, node.description);
    // Referenced definitions accept null (for optional uses); a required use forbids it again.
    if (!optional) out.type = nonNullType(node.$ref.replace('#/definitions/', ''));
    return out;
  }
  for (const [k, v] of Object.entries(node)) {
    if (DROPPED.has(k) || k === 'nullable' || k === 'x-kubernetes-int-or-string' || k === 'x-kubernetes-preserve-unknown-fields') continue;
    if (k === 'properties') {
      const req = new Set(node.required ?? []);
      out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, strictNode(s, { refPrefix, optional: !req.has(p) })]));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'object' ? strictNode(v, { refPrefix, optional: false }) : v;
    } else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') {
      out[k] = v.map((s) => strictNode(s, { refPrefix, optional: false }));
    } else {
      out[k] = v;
    }
  }
  if (typeof node.description === 'string') descOf.set(out, node.description);
  if (node.format === 'int-or-string' || node['x-kubernetes-int-or-string']) {
    out.type = ['integer', 'string'];
    delete out.anyOf; // CRDs spell it as anyOf integer|string as well
    delete out.pattern; // only meaningful for the string branch, and ajv would apply it to neither
  }
  const open = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties && out.additionalProperties === undefined && !open) out.additionalProperties = false;
  if ((optional || node.nullable) && out.type !== undefined) out.type = withNull(out.type);
  return out;
}

function withNull(type) {
  const list = Array.isArray(type) ? type : [type];
  return list.includes('null') ? type : [...list, 'null'];
}

let currentDefs = {};
function nonNullType(defName) {
  const t = currentDefs[defName]?.type;
  if (defName === QUANTITY) return ['string', 'number'];
  if (currentDefs[defName]?.format === 'int-or-string') return ['integer', 'string'];
  if (t === undefined) return undefined;
  const list = (Array.isArray(t) ? t : [t]).filter((x) => x !== 'null');
  return list.length === 1 ? list[0] : list;
}

/** A definition as the target of $refs: nullable (optional uses are the common case). */
function strictDefinition(name, def, refPrefix) {
  if (name === QUANTITY) return { type: ['string', 'number', 'null'] };
  const out = strictNode(def, { refPrefix, optional: true });
  if (out.type === undefined && Object.keys(out).length === 0) return out; // e.g. JSON: anything
  return out;
}

/** apiVersion/kind fixed and required; status left loose because people never author it. */
function makeKindRoot(schema, gvks) {
  const root = { ...schema, properties: { ...schema.properties } };
  root.properties.apiVersion = { enum: [...new Set(gvks.map((g) => (g.group ? `${g.group}/${g.version}` : g.version)))] };
  root.properties.kind = { enum: [...new Set(gvks.map((g) => g.kind))] };
  if (root.properties.status) root.properties.status = { type: ['object', 'null'] };
  root.required = [...new Set(['apiVersion', 'kind', ...(schema.required ?? [])])];
  root.type = 'object';
  root.additionalProperties = false;
  return root;
}

// ---------- Kubernetes ----------
const swagger = JSON.parse(readFileSync(join(input, 'kubernetes-1.36-swagger.json'), 'utf8'));
const k8sDefs = swagger.definitions;
currentDefs = k8sDefs;

const index = { kinds: {} };
const files = {};
const descriptions = {};

function reachable(defs, roots) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length) {
    const name = queue.pop();
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    JSON.stringify(defs[name], (k, v) => {
      if (k === '$ref' && typeof v === 'string') queue.push(v.replace('#/definitions/', ''));
      return v;
    });
  }
  return seen;
}

{
  const kinds = [];
  for (const [name, def] of Object.entries(k8sDefs)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!gvks || !def.properties?.metadata || name.endsWith('List')) continue;
    kinds.push([name, gvks]);
  }
  // Only definitions a kind can reach (status excluded) are shipped.
  const roots = kinds.map(([n]) => n);
  const defsNoStatus = Object.fromEntries(
    Object.entries(k8sDefs).map(([n, d]) => [n, roots.includes(n) && d.properties?.status ? { ...d, properties: { ...d.properties, status: {} } } : d]),
  );
  const used = reachable(defsNoStatus, roots);
  const definitions = {};
  for (const name of [...used].sort()) {
    const strict = strictDefinition(name, k8sDefs[name], '#/definitions/');
    definitions[name] = roots.includes(name) ? makeKindRoot(strict, k8sDefs[name]['x-kubernetes-group-version-kind']) : strict;
    if (typeof k8sDefs[name].description === 'string') descOf.set(definitions[name], k8sDefs[name].description);
  }
  for (const [name, gvks] of kinds) {
    for (const g of gvks) index.kinds[`${g.group ? `${g.group}/` : ''}${g.version}/${g.kind}`] = { file: 'kubernetes', def: name };
  }
  files.kubernetes = { $id: `${ID_BASE}kubernetes.json`, definitions };
}

// ---------- CRDs ----------
// Each CRD file carries its own copy of ObjectMeta so that it compiles without the Kubernetes file.
const metaDefs = {};
for (const name of reachable(k8sDefs, [OBJECT_META])) metaDefs[name] = files.kubernetes.definitions[name];

for (const f of readdirSync(join(input, 'crds')).filter((n) => n.endsWith('.json')).sort()) {
  const m = /^(.+?)_([a-z]+)_(v[0-9a-z]+)\.json$/.exec(f);
  if (!m || !CRD_KINDS[m[2]]) continue;
  const [, group, lower, version] = m;
  const kind = CRD_KINDS[lower];
  const raw = JSON.parse(readFileSync(join(input, 'crds', f), 'utf8'));
  currentDefs = {};
  const strict = strictNode(raw, { refPrefix: '#/definitions/', optional: false });
  // metadata: the CRD only says `type: object`; strict users expect ObjectMeta to be checked.
  strict.properties.metadata = { $ref: `#/definitions/${OBJECT_META}` };
  const rootDef = `${group}.${version}.${kind}`;
  const definitions = { ...metaDefs };
  definitions[rootDef] = makeKindRoot(strict, [{ group, version, kind }]);
  descOf.set(definitions[rootDef], raw.description);
  const file = `${group.split('.')[0] === 'argoproj' ? 'argocd' : 'flux'}-${lower}`;
  dedupe(definitions, file);
  files[file] = { $id: `${ID_BASE}${file}.json`, definitions };
  index.kinds[`${group}/${version}/${kind}`] = { file, def: rootDef };
}

/**
 * Hoists large subschemas that occur more than once (ApplicationSet nests the same generator
 * schemas many levels deep) into shared definitions: a smaller file and one compiled function each.
 */
function dedupe(definitions, file) {
  const counts = new Map();
  const canon = new WeakMap();
  const key = (node) => {
    if (!node || typeof node !== 'object') return JSON.stringify(node);
    if (canon.has(node)) return canon.get(node);
    const s = Array.isArray(node) ? `[${node.map(key).join(',')}]` : `{${Object.keys(node).sort().map((k) => `${JSON.stringify(k)}:${key(node[k])}`).join(',')}}`;
    canon.set(node, s);
    return s;
  };
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    const k = key(node);
    if (!Array.isArray(node) && k.length > 400) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const v of Object.values(node)) visit(v);
  };
  for (const [name, def] of Object.entries(definitions)) if (!metaDefs[name]) visit(def);
  const hoisted = new Map();
  const replace = (node, isRoot) => {
    if (!node || typeof node !== 'object') return node;
    const k = key(node);
    if (!isRoot && !Array.isArray(node) && (counts.get(k) ?? 0) > 1) {
      let name = hoisted.get(k);
      if (!name) {
        name = `${file}.shared.${createHash('sha1').update(k).digest('hex').slice(0, 10)}`;
        hoisted.set(k, name);
        definitions[name] = {}; // reserve, then fill (children may hoist too)
        definitions[name] = replaceChildren(node);
        if (descOf.has(node)) descOf.set(definitions[name], descOf.get(node));
      }
      const ref = { $ref: `#/definitions/${name}` };
      if (descOf.has(node)) descOf.set(ref, descOf.get(node));
      return ref;
    }
    return replaceChildren(node);
  };
  const replaceChildren = (node) => {
    if (Array.isArray(node)) return node.map((n) => replace(n, false));
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === 'enum' || k === 'required' ? v : k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, replace(s, false)])) : replace(v, false);
    }
    if (descOf.has(node)) descOf.set(out, descOf.get(node));
    return out;
  };
  for (const name of Object.keys(definitions)) {
    if (metaDefs[name] || name.includes('.shared.')) continue;
    definitions[name] = replace(definitions[name], true);
  }
}

// ---------- descriptions ----------
function collectDescriptions(node, pointer, sink) {
  if (!node || typeof node !== 'object') return;
  if (descOf.has(node)) sink[pointer] = descOf.get(node);
  for (const [k, v] of Object.entries(node)) {
    if (k === 'properties') for (const [p, s] of Object.entries(v)) collectDescriptions(s, `${pointer}/properties/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`, sink);
    else if (k === 'items' || k === 'additionalProperties') collectDescriptions(v, `${pointer}/${k}`, sink);
    else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') v.forEach((s, i) => collectDescriptions(s, `${pointer}/${k}/${i}`, sink));
  }
}

for (const [file, schema] of Object.entries(files)) {
  const sink = {};
  for (const [name, def] of Object.entries(schema.definitions)) {
    const d = {};
    collectDescriptions(def, '', d);
    if (Object.keys(d).length) sink[name] = d;
  }
  descriptions[file] = sink;
}

// ---------- write ----------
rmSync(output, { recursive: true, force: true });
mkdirSync(join(output, 'descriptions'), { recursive: true });
const sortedKinds = Object.fromEntries(Object.entries(index.kinds).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(join(output, 'index.json'), JSON.stringify({ kinds: sortedKinds }, null, 1) + '\n');
let total = 0;
for (const [file, schema] of Object.entries(files)) {
  const text = JSON.stringify(schema);
  const desc = JSON.stringify(descriptions[file]);
  writeFileSync(join(output, `${file}.json`), text + '\n');
  writeFileSync(join(output, 'descriptions', `${file}.json`), desc + '\n');
  total += text.length + desc.length;
  console.log(`${file}.json ${(text.length / 1024).toFixed(0)} KB, descriptions ${(desc.length / 1024).toFixed(0)} KB`);
}
console.log(`${Object.keys(sortedKinds).length} kinds, ${(total / 1024 / 1024).toFixed(2)} MB → ${output}`);
