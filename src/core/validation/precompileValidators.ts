import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnySchema } from 'ajv';
import { sourceHash } from './openapiToSchemas';
import { ajvRuntime } from '../ajv/ajvRuntimeLoader';
import { CONFIG_AJV_OPTIONS, PRECOMPILED_CONFIG, URI_FORMAT, configJsonSchema } from '../config/configSchema';
import { AJV_OPTIONS, BUILTIN_SCHEMAS, newAjv, PRECOMPILED_VERSION, type PrecompiledManifest } from './schemaStore';

export { PRECOMPILED_VERSION };

/**
 * Build-time half of the precompiled validators (scripts/build.mjs): ajv standalone code for every
 * shipped kind and hand-written schema, one module per schema so that validating a Deployment
 * loads the Deployment's code only. The store loads them instead of compiling at run time, when
 * the manifest's source hashes match the schema files (otherwise it compiles, as before).
 *
 * Returns module code by relative path (before bundling: the standalone code may require ajv's
 * small runtime helpers, which the build inlines) and the manifest to write beside them; `.json`
 * entries are data written as they are (the youops.yaml schema its validator was built from).
 */
export function standaloneValidators(schemasDir: string, only: (id: string) => boolean = () => true): { manifest: PrecompiledManifest; modules: Record<string, string> } {
  const { standaloneCode } = ajvRuntime();
  const options = { ...AJV_OPTIONS, code: { ...AJV_OPTIONS.code, source: true } };
  const manifest: PrecompiledManifest = { version: PRECOMPILED_VERSION, sources: currentSources(schemasDir), modules: {} };
  const modules: Record<string, string> = {};
  const generated = path.join(schemasDir, 'generated');
  const index = JSON.parse(fs.readFileSync(path.join(generated, 'index.json'), 'utf8')) as { kinds: Record<string, { file: string; def: string }> };

  const byFile = new Map<string, Array<[string, string]>>();
  for (const [key, entry] of Object.entries(index.kinds)) if (only(`kind:${key}`)) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), [key, entry.def]]);
  for (const [file, kinds] of byFile) {
    const schema = JSON.parse(fs.readFileSync(path.join(generated, `${file}.json`), 'utf8')) as { $id: string };
    const ajv = newAjv(undefined, undefined, options);
    ajv.addSchema(schema as AnySchema);
    for (const [key, def] of kinds) {
      const rel = `${file}/${key.replace(/[^A-Za-z0-9.-]+/g, '_')}.js`;
      modules[rel] = standaloneCode(ajv, { validate: `${schema.$id}#/definitions/${def}` });
      manifest.modules[`kind:${key}`] = { module: rel, source: file };
    }
  }
  for (const [name, b] of Object.entries(BUILTIN_SCHEMAS)) {
    if (!only(`builtin:${name}`)) continue;
    const text = fs.readFileSync(path.join(schemasDir, b.file), 'utf8');
    const ajv = newAjv(undefined, undefined, options);
    const validate = ajv.compile(JSON.parse(text) as AnySchema);
    const rel = `builtin/${name}.js`;
    modules[rel] = standaloneCode(ajv, { validate: (validate.schema as { $id?: string }).$id ?? '' });
    manifest.modules[`builtin:${name}`] = { module: rel, source: `builtin:${name}` };
  }
  if (only('config:youops')) Object.assign(modules, configValidatorModules());
  return { manifest, modules };
}

/** youops.yaml's own validator, with the options and formats the config loader compiles it with, and the schema it was built from. */
function configValidatorModules(): Record<string, string> {
  const { Ajv, _, standaloneCode } = ajvRuntime();
  // The standalone code names its formats as code: the same regular expression, as a literal.
  const literal = `{ uri: ${String(URI_FORMAT)} }`;
  const ajv = new Ajv({ ...CONFIG_AJV_OPTIONS, formats: { uri: URI_FORMAT }, code: { source: true, formats: _(Object.assign([literal], { raw: [literal] })) } });
  const validate = ajv.compile(configJsonSchema);
  return {
    [PRECOMPILED_CONFIG.module]: standaloneCode(ajv, { validate: (validate.schema as { $id: string }).$id }),
    [PRECOMPILED_CONFIG.schemaText]: JSON.stringify(configJsonSchema),
  };
}

/** Hashes of the schema files as they are now, sorted: equal to a manifest's sources when it is up to date. */
export function currentSources(schemasDir: string): Record<string, string> {
  const index = JSON.parse(fs.readFileSync(path.join(schemasDir, 'generated', 'index.json'), 'utf8')) as { hashes?: Record<string, string> };
  const sources: Record<string, string> = { ...index.hashes };
  for (const [name, b] of Object.entries(BUILTIN_SCHEMAS)) sources[`builtin:${name}`] = sourceHash(fs.readFileSync(path.join(schemasDir, b.file), 'utf8'));
  return Object.fromEntries(Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)));
}
