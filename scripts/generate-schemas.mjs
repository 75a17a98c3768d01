#!/usr/bin/env node
// Builds the strict JSON Schemas YouOps ships (schemas/generated/) from the upstream data in
// ../shared/upstream-schemas (see SOURCES.md there): Kubernetes 1.36 top-level kinds plus the
// Argo CD and Flux CRDs. The output is committed, so building the extension never needs ../shared.
//
// The conversion itself is src/core/validation/openapiToSchemas.ts — the same code that turns a
// live cluster's OpenAPI into schemas (YouOps: Load Schemas from Cluster). It is bundled in memory
// with esbuild here, so the script never runs a stale compiled copy.
//
// Usage: node scripts/generate-schemas.mjs [upstream-dir] [out-dir]
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { CRD_KINDS } from './crdKinds.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? resolve(root, '..', 'shared', 'upstream-schemas'));
const output = resolve(process.argv[3] ?? resolve(root, 'schemas', 'generated'));

const bundle = await esbuild.build({
  entryPoints: [join(root, 'src', 'core', 'validation', 'openapiToSchemas.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const { SchemaConverter, writeGeneratedSchemas } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);

const converter = new SchemaConverter();
converter.addOpenApi(JSON.parse(readFileSync(join(input, 'kubernetes-1.36-swagger.json'), 'utf8')), 'kubernetes');

// Each CRD file carries its own copy of ObjectMeta so that it compiles without the Kubernetes file.
for (const f of readdirSync(join(input, 'crds')).filter((n) => n.endsWith('.json')).sort()) {
  const m = /^(.+?)_([a-z]+)_(v[0-9a-z]+)\.json$/.exec(f);
  if (!m || !CRD_KINDS[m[2]]) continue;
  const [, group, lower, version] = m;
  const file = `${group.split('.')[0] === 'argoproj' ? 'argocd' : 'flux'}-${lower}`;
  converter.addCrd(JSON.parse(readFileSync(join(input, 'crds', f), 'utf8')), { group, version, kind: CRD_KINDS[lower] }, file);
}

const schemas = converter.result();
let total = 0;
for (const { file, bytes, descriptionBytes } of writeGeneratedSchemas(output, schemas)) {
  total += bytes + descriptionBytes;
  console.log(`${file}.json ${(bytes / 1024).toFixed(0)} KB, descriptions ${(descriptionBytes / 1024).toFixed(0)} KB`);
}
console.log(`${Object.keys(schemas.kinds).length} kinds, ${(total / 1024 / 1024).toFixed(2)} MB → ${output}`);
