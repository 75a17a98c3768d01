import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runKubectl, type KubectlCallOptions } from '../live/runKubectl';
import { isCrdDefinition, SchemaConverter, writeGeneratedSchemas, type GeneratedSchemas, type GroupVersionKind } from './openapiToSchemas';

/** The single file a cluster's kinds are written to (plus index.json and descriptions/). */
const CLUSTER_FILE = 'cluster';

export interface ClusterSchemas {
  context: string;
  /** Folder holding this context's generated layout. */
  dir: string;
  /** `apiVersion/kind` → `<dir>/cluster.json#/definitions/<def>`: SchemaStore's `kindSchemas`. */
  kindSchemas: Record<string, string>;
  /** Every `apiVersion/kind` the cluster serves, and those of them that come from CRDs. */
  kinds: string[];
  crdKinds: string[];
}

/** What the conversion reads of `/openapi/v2`; definitions stay untyped JSON Schema. */
export interface OpenApiDocument {
  definitions?: Record<string, Record<string, unknown>>;
}

/**
 * Reads a live cluster's OpenAPI v2 (`kubectl get --raw /openapi/v2`, CRDs included), converts
 * it with the same code as the shipped schemas and writes it under `cacheDir`, one folder per
 * context, so CRDs and the cluster's exact versions validate offline afterwards.
 */
export async function loadClusterSchemas(
  options: KubectlCallOptions & { context: string; cacheDir: string; progress?: (step: string) => void },
): Promise<ClusterSchemas> {
  options.progress?.('kubectl get --raw /openapi/v2…');
  const document = await fetchClusterOpenApi(options);
  options.progress?.(`converting ${Object.keys(document.definitions ?? {}).length} definitions…`);
  await new Promise((resolve) => setImmediate(resolve)); // let the progress message out before the synchronous conversion
  const dir = clusterSchemaDir(options.cacheDir, options.context);
  const { schemas, crdKinds } = convertClusterOpenApi(document, `https://youops.dev/schemas/cluster/${path.basename(dir)}/`);
  // Written beside the old copy and swapped in, so a failed write never leaves half a schema set.
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeGeneratedSchemas(tmp, schemas);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const file = path.join(dir, `${CLUSTER_FILE}.json`);
  const kindSchemas = Object.fromEntries(Object.entries(schemas.kinds).map(([key, e]) => [key, `${file}#/definitions/${e.def}`]));
  return { context: options.context, dir, kindSchemas, kinds: Object.keys(schemas.kinds), crdKinds };
}

export async function fetchClusterOpenApi(options: KubectlCallOptions & { context: string }): Promise<OpenApiDocument> {
  const label = `kubectl get --raw /openapi/v2 (context ${options.context})`;
  const stdout = await runKubectl(['get', '--raw', '/openapi/v2'], label, options);
  let document: unknown;
  try {
    document = JSON.parse(stdout);
  } catch (e) {
    throw new Error(`${label} printed invalid JSON: ${(e as Error).message}`);
  }
  const definitions = (document as OpenApiDocument | null)?.definitions;
  if (!definitions || typeof definitions !== 'object' || Object.keys(definitions).length === 0) {
    throw new Error(`${label} returned no OpenAPI v2 definitions`);
  }
  return document as OpenApiDocument;
}

/** Every kind of the document into one file; CRD schemas get their repeated subschemas hoisted like shipped CRDs. */
export function convertClusterOpenApi(document: OpenApiDocument, idBase: string): { schemas: GeneratedSchemas; crdKinds: string[] } {
  const crdDefs = new Set<string>();
  for (const [name, def] of Object.entries(document.definitions ?? {})) {
    const gvks = def?.['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined;
    if (Array.isArray(gvks) && gvks.some((g) => isCrdDefinition(name, g))) crdDefs.add(name);
  }
  const converter = new SchemaConverter(idBase);
  converter.addOpenApi(document, CLUSTER_FILE, { dedupe: (def) => crdDefs.has(def) });
  const schemas = converter.result();
  const crdKinds = Object.keys(schemas.kinds).filter((k) => crdDefs.has(schemas.kinds[k].def));
  return { schemas, crdKinds };
}

/** A readable, collision-free folder name for a context (names may hold `:`, `/`, `@`). */
export function clusterSchemaDir(cacheDir: string, context: string): string {
  const readable = context.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  return path.join(cacheDir, `${readable}-${createHash('sha1').update(context).digest('hex').slice(0, 8)}`);
}
