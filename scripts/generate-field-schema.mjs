#!/usr/bin/env node
// Builds src/core/drift/fieldSchema.generated.json from the Kubernetes OpenAPI (swagger) schema and
// the Argo CD / Flux CRD schemas beside it (a `crds/` folder next to the swagger file): what drift
// detection needs to know about fields, the way the API server and the agents see them.
//
// - list fields matched by key (x-kubernetes-list-map-keys, else x-kubernetes-patch-merge-key):
//   containers by name, ports by containerPort+protocol, …
// - set lists (x-kubernetes-list-type: set): items are values, order does not matter
// - resource.Quantity fields (`limits.*`, HPA `averageValue`, `sizeLimit`): compared by value
// - every kind the schema knows, so their other lists are atomic (compared whole, in order)
// - cluster-scoped kinds (from the API paths): a namespace written in Git is dropped by the server
//
// Format (kept small by sharing definitions used in several places, e.g. PodSpec):
//   kinds:         { "apps/v1/Deployment": "apps.v1.Deployment", "v1/ConfigMap": "", ... }   "" = no entries
//   clusterScoped: [ "rbac.authorization.k8s.io/ClusterRole", "/Namespace", ... ]             group/kind
//   fragments:     { "<fragment>": { "<dotted pattern>": ["key", ...] | "set" | "quantity" | "@<fragment>" } }
// A pattern segment `*` stands for any list index (or map key). `"@F"` means fragment F applies below.
//
// Usage: node scripts/generate-field-schema.mjs [swagger.json] [out.json]
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CRD_KINDS } from './crdKinds.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? resolve(root, '..', 'shared', 'upstream-schemas', 'kubernetes-1.36-swagger.json'));
const output = process.argv[3] ?? resolve(root, 'src/core/drift/fieldSchema.generated.json');
const crdDir = join(dirname(input), 'crds');

const swagger = JSON.parse(readFileSync(input, 'utf8'));
const defs = swagger.definitions;
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

// Metadata lists (ownerReferences, managedFields) are server-owned; status is never compared.
const SKIPPED_DEFS = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta']);
const SKIPPED_ROOT_PROPS = new Set(['status', 'metadata']);

const refName = (schema) => (schema?.$ref ? schema.$ref.replace('#/definitions/', '') : undefined);
const shortName = (name) =>
  name
    .replace(/^io\.k8s\.api\./, '')
    .replace(/^io\.k8s\.apimachinery\.pkg\.apis\./, '')
    .replace(/^io\.k8s\.(kube-aggregator|apiextensions-apiserver)\.pkg\.apis\./, '');

/** What a property says by itself: list keys, "set", "quantity" (for `prop` or `prop.*`), or nothing. */
function facts(prop, schema) {
  const out = [];
  if (schema.type === 'array') {
    const keys = schema['x-kubernetes-list-map-keys'] ?? (schema['x-kubernetes-patch-merge-key'] ? [schema['x-kubernetes-patch-merge-key']] : undefined);
    if (keys) out.push([prop, keys]);
    else if (schema['x-kubernetes-list-type'] === 'set') out.push([prop, 'set']);
  } else if (refName(schema) === QUANTITY) {
    out.push([prop, 'quantity']);
  } else if (schema.type === 'object' && refName(schema.additionalProperties) === QUANTITY) {
    out.push([`${prop}.*`, 'quantity']);
  }
  return out;
}

/** Children of a definition: [propertyPattern, childDef, isArray]. */
function children(name, isRoot) {
  const out = [];
  for (const [prop, schema] of Object.entries(defs[name]?.properties ?? {})) {
    if (isRoot && SKIPPED_ROOT_PROPS.has(prop)) continue;
    if (schema.type === 'array' && refName(schema.items)) out.push([prop, refName(schema.items), true]);
    else if (refName(schema) && refName(schema) !== QUANTITY) out.push([prop, refName(schema), false]);
    else if (schema.type === 'object' && refName(schema.additionalProperties) && refName(schema.additionalProperties) !== QUANTITY) out.push([`${prop}.*`, refName(schema.additionalProperties), false]);
  }
  return out;
}

function ownFacts(name, isRoot) {
  return Object.entries(defs[name]?.properties ?? {}).flatMap(([prop, schema]) => (isRoot && SKIPPED_ROOT_PROPS.has(prop) ? [] : facts(prop, schema)));
}

// Which definitions (transitively) hold any fact; cycles count as "no" while in progress.
const hasFacts = new Map();
function containsFacts(name) {
  if (SKIPPED_DEFS.has(name)) return false;
  if (hasFacts.has(name)) return hasFacts.get(name);
  hasFacts.set(name, false);
  const result = ownFacts(name, false).length > 0 || children(name, false).some(([, child]) => containsFacts(child));
  hasFacts.set(name, result);
  return result;
}

// Definitions reached from several places become shared fragments; the rest are inlined.
const refCount = new Map();
for (const name of Object.keys(defs)) {
  for (const [, child] of children(name, false)) refCount.set(child, (refCount.get(child) ?? 0) + 1);
}

const fragments = {};
const kinds = {};

function buildFragment(name, isRoot) {
  const short = shortName(name);
  if (fragments[short]) return short;
  fragments[short] = {}; // reserve first: recursive schemas refer to themselves
  const entries = {};
  const visiting = new Set([name]);
  const addEntries = (defName, prefix, rootDef) => {
    for (const [pattern, fact] of ownFacts(defName, rootDef)) entries[prefix + pattern] = fact;
    for (const [prop, child, isArray] of children(defName, rootDef)) {
      if (!containsFacts(child)) continue;
      const childPattern = isArray ? `${prefix}${prop}.*` : prefix + prop;
      if ((refCount.get(child) ?? 0) > 1 || visiting.has(child)) {
        entries[childPattern] = `@${buildFragment(child, false)}`;
      } else {
        visiting.add(child);
        addEntries(child, `${childPattern}.`, false);
        visiting.delete(child);
      }
    }
  };
  addEntries(name, '', isRoot);
  fragments[short] = entries;
  return short;
}

for (const [name, def] of Object.entries(defs)) {
  const gvks = def['x-kubernetes-group-version-kind'];
  if (!gvks || !def.properties?.metadata) continue;
  if (def.properties.items && name.endsWith('List')) continue; // Lists are split into items when parsed
  const interesting = ownFacts(name, true).length > 0 || children(name, true).some(([, child]) => containsFacts(child));
  const fragment = interesting ? buildFragment(name, true) : '';
  for (const { group, version, kind } of gvks) kinds[`${group ? `${group}/` : ''}${version}/${kind}`] = fragment;
}

// Cluster-scoped kinds: those whose object path has no {namespace}.
const clusterScoped = new Set();
for (const [p, ops] of Object.entries(swagger.paths ?? {})) {
  const gvk = ops.get?.['x-kubernetes-group-version-kind'];
  if (gvk && p.endsWith('/{name}') && !p.includes('{namespace}')) clusterScoped.add(`${gvk.group ?? ''}/${gvk.kind}`);
}

// Argo CD and Flux CRDs: every list is atomic unless its schema says otherwise (structural schema default).
if (existsSync(crdDir)) {
  for (const file of readdirSync(crdDir).filter((f) => f.endsWith('.json')).sort()) {
    const m = /^(.+)_([a-z]+)_(v[0-9a-z]+)\.json$/.exec(file);
    if (!m || !CRD_KINDS[m[2]]) continue;
    const [, group, lower, version] = m;
    const entries = {};
    const walk = (schema, path) => {
      if (!schema || typeof schema !== 'object') return;
      if (schema.type === 'array' && path) {
        if (schema['x-kubernetes-list-type'] === 'map' && schema['x-kubernetes-list-map-keys']) entries[path] = schema['x-kubernetes-list-map-keys'];
        else if (schema['x-kubernetes-list-type'] === 'set') entries[path] = 'set';
      }
      for (const [prop, child] of Object.entries(schema.properties ?? {})) if (!(path === '' && (prop === 'status' || prop === 'metadata'))) walk(child, path ? `${path}.${prop}` : prop);
      if (schema.items) walk(schema.items, `${path}.*`);
    };
    walk(JSON.parse(readFileSync(join(crdDir, file), 'utf8')), '');
    const fragment = Object.keys(entries).length ? `${group}.${version}.${CRD_KINDS[lower]}` : '';
    if (fragment) fragments[fragment] = entries;
    kinds[`${group}/${version}/${CRD_KINDS[lower]}`] = fragment;
  }
}

// Drop fragments nothing points to (e.g. reserved but emptied by pruning).
const used = new Set(Object.values(kinds).filter(Boolean));
const queue = [...used];
while (queue.length) {
  for (const value of Object.values(fragments[queue.pop()])) {
    if (typeof value === 'string' && value.startsWith('@') && !used.has(value.slice(1))) {
      used.add(value.slice(1));
      queue.push(value.slice(1));
    }
  }
}
const sortedKinds = Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
const sortedFragments = Object.fromEntries(
  Object.entries(fragments)
    .filter(([k]) => used.has(k))
    .sort(([a], [b]) => a.localeCompare(b)),
);
const crdSources = existsSync(crdDir) ? readdirSync(crdDir).filter((f) => f.endsWith('.json')).sort() : [];

// One line per kind / fragment: small and reviewable in diffs.
const lines = ['{', `  "source": ${JSON.stringify([basename(input), ...crdSources].join(', '))},`, '  "kinds": {'];
lines.push(Object.entries(sortedKinds).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n'));
lines.push('  },', `  "clusterScoped": ${JSON.stringify([...clusterScoped].sort())},`, '  "fragments": {');
lines.push(Object.entries(sortedFragments).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n'));
lines.push('  }', '}', '');
writeFileSync(output, lines.join('\n'));
console.log(`wrote ${output}: ${Object.keys(sortedKinds).length} kinds, ${clusterScoped.size} cluster-scoped, ${Object.keys(sortedFragments).length} fragments`);
