#!/usr/bin/env node
// Builds src/core/drift/listMapKeys.generated.json from the Kubernetes OpenAPI (swagger) schema:
// for each kind, the list fields whose items are matched by key (x-kubernetes-list-map-keys,
// else x-kubernetes-patch-merge-key), so drift detection can match containers by name, ports
// by containerPort+protocol, etc.
//
// Format (kept small by sharing definitions used in several places, e.g. PodSpec):
//   kinds:     { "apps/v1/Deployment": "apps.v1.Deployment", ... }            apiVersion/kind → fragment
//   fragments: { "<fragment>": { "<dotted pattern>": ["key", ...] | "@<fragment>" } }
// A pattern segment `*` stands for any list index (or map key). `["name"]` gives the merge keys of
// the list at that pattern; `"@F"` means fragment F applies below that pattern.
//
// Usage: node scripts/generate-list-keys.mjs [swagger.json] [out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2] ?? '/work/shared/upstream-schemas/kubernetes-1.36-swagger.json';
const output = process.argv[3] ?? resolve(root, 'src/core/drift/listMapKeys.generated.json');

const swagger = JSON.parse(readFileSync(input, 'utf8'));
const defs = swagger.definitions;

// Metadata lists (ownerReferences, managedFields) are server-owned; status is never compared.
const SKIPPED_DEFS = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta']);
const SKIPPED_ROOT_PROPS = new Set(['status', 'metadata']);

const refName = (schema) => (schema?.$ref ? schema.$ref.replace('#/definitions/', '') : undefined);
const shortName = (name) =>
  name
    .replace(/^io\.k8s\.api\./, '')
    .replace(/^io\.k8s\.apimachinery\.pkg\.apis\./, '')
    .replace(/^io\.k8s\.(kube-aggregator|apiextensions-apiserver)\.pkg\.apis\./, '');

/** Children of a definition: [propertyPattern, keys | undefined, childDef | undefined]. */
function children(name, isRoot) {
  const def = defs[name];
  const out = [];
  for (const [prop, schema] of Object.entries(def?.properties ?? {})) {
    if (isRoot && SKIPPED_ROOT_PROPS.has(prop)) continue;
    if (schema.type === 'array') {
      const keys = schema['x-kubernetes-list-map-keys'] ?? (schema['x-kubernetes-patch-merge-key'] ? [schema['x-kubernetes-patch-merge-key']] : undefined);
      out.push([prop, keys, refName(schema.items)]);
    } else if (refName(schema)) {
      out.push([prop, undefined, refName(schema)]);
    } else if (schema.type === 'object' && refName(schema.additionalProperties)) {
      out.push([`${prop}.*`, undefined, refName(schema.additionalProperties)]);
    }
  }
  return out;
}

// Which definitions (transitively) contain a keyed list; cycles count as "no" while in progress.
const hasKeys = new Map();
function containsKeys(name) {
  if (SKIPPED_DEFS.has(name)) return false;
  if (hasKeys.has(name)) return hasKeys.get(name);
  hasKeys.set(name, false);
  const result = children(name, false).some(([, keys, child]) => keys !== undefined || (child !== undefined && containsKeys(child)));
  hasKeys.set(name, result);
  return result;
}

// Definitions reached from several places become shared fragments; the rest are inlined.
const refCount = new Map();
for (const name of Object.keys(defs)) {
  for (const [, , child] of children(name, false)) if (child) refCount.set(child, (refCount.get(child) ?? 0) + 1);
}

const fragments = {};
const kinds = {};

function buildFragment(name, isRoot) {
  const short = shortName(name);
  if (fragments[short]) return short;
  fragments[short] = {}; // reserve first: recursive schemas refer to themselves
  const entries = {};
  const visiting = new Set([name]);
  const addEntries = (defName, prefix, root) => {
    for (const [prop, keys, child] of children(defName, root)) {
      const isArrayProp = !prop.endsWith('.*') && defs[defName].properties[prop].type === 'array';
      const pattern = prefix + prop;
      if (keys) entries[pattern] = keys;
      if (!child || !containsKeys(child)) continue;
      const childPattern = isArrayProp ? `${pattern}.*` : pattern;
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
  if (!children(name, true).some(([, keys, child]) => keys !== undefined || (child !== undefined && containsKeys(child)))) continue;
  const fragment = buildFragment(name, true);
  for (const { group, version, kind } of gvks) kinds[`${group ? `${group}/` : ''}${version}/${kind}`] = fragment;
}

// Drop fragments nothing points to (e.g. reserved but emptied by pruning).
const used = new Set(Object.values(kinds));
const queue = [...used];
while (queue.length) {
  for (const value of Object.values(fragments[queue.pop()])) {
    if (typeof value === 'string' && !used.has(value.slice(1))) {
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
const table = { source: basename(input), kinds: sortedKinds, fragments: sortedFragments };

// One line per kind / fragment: small and reviewable in diffs.
const lines = ['{', `  "source": ${JSON.stringify(table.source)},`, '  "kinds": {'];
lines.push(Object.entries(table.kinds).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n'));
lines.push('  },', '  "fragments": {');
lines.push(Object.entries(table.fragments).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n'));
lines.push('  }', '}', '');
writeFileSync(output, lines.join('\n'));
console.log(`wrote ${output}: ${Object.keys(table.kinds).length} kinds, ${Object.keys(table.fragments).length} fragments`);
