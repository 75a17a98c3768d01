import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type Ajv from 'ajv';
import type { AnySchema, AnySchemaObject, ValidateFunction } from 'ajv';
import { FILE_LIMITS, readBoundedText, readBoundedTextSync, FileRefusedError } from '../files/readBounded';
import { ajvRuntime } from '../ajv/ajvRuntimeLoader';
import { BuiltinKinds } from './builtinKinds';
import { sourceHash } from './openapiToSchemas';
import { httpFetcher, loadSchemaUrl, type SchemaFetcher } from './schemaFetcher';

/**
 * Schema ids: `kind:<apiVersion>/<kind>` (shipped, generated), `builtin:<name>` (shipped,
 * hand-written), `file:<absolute path>` and `url:<http(s) url>` (user associations, modelines).
 * A file id may end in a JSON pointer fragment (`…/cluster.json#/definitions/com.example.v1.Widget`),
 * which is how schemas read from a cluster are referenced: one file, one definition per kind.
 */
export type SchemaId = string;

export interface CompiledSchema {
  id: SchemaId;
  /** For messages: "apps/v1/Deployment", "kustomization.yaml", a path or URL. */
  label: string;
  validate?: ValidateFunction;
  /** Set when the schema could not be loaded or compiled: one clear diagnostic, not hundreds. */
  error?: string;
}

export interface SchemaStoreOptions {
  /** Folder holding generated/ and the hand-written schemas; found next to the code by default. */
  schemasDir?: string;
  fetcher?: SchemaFetcher;
  /** Where fetched URL schemas are kept so they work offline later. */
  cacheDir?: string;
  /** `apiVersion/kind` → schema path or URL (e.g. CRDs read from a cluster); wins over shipped ones. */
  kindSchemas?: Record<string, string>;
  /** Validators precompiled at build time (scripts/build.mjs); default dist/validators beside schemas/. */
  validatorsDir?: string;
}

/** Bumped when the validator build or AJV_OPTIONS change: older precompiled modules are then ignored. */
export const PRECOMPILED_VERSION = 2;

/** dist/validators/manifest.json: which module validates which schema id, built from which source. */
export interface PrecompiledManifest {
  version: number;
  /** Generated file name or `builtin:<name>` → hash of the schema text the modules were built from. */
  sources: Record<string, string>;
  modules: Record<SchemaId, { module: string; source: string }>;
}

interface KindEntry {
  file: string;
  def: string;
}

/** Hand-written schemas shipped in schemas/. */
export const BUILTIN_SCHEMAS: Record<string, { file: string; label: string }> = {
  kustomization: { file: 'kustomization.schema.json', label: 'kustomization.yaml' },
  'github-issue-forms': { file: 'github-issue-forms.schema.json', label: 'GitHub issue form' },
  youops: { file: 'youops.schema.json', label: 'youops.yaml' },
};

/** Kustomize's own apiVersion/kinds select the hand-written schema like any other kind. */
const BUILTIN_KINDS: Record<string, string> = {
  'kustomize.config.k8s.io/v1beta1/Kustomization': 'builtin:kustomization',
  'kustomize.config.k8s.io/v1alpha1/Component': 'builtin:kustomization',
};

/**
 * verbose: messages need the failing data and parent schema. inlineRefs off and no code
 * optimisation halve the first compile of a PodSpec-based kind (~400 → ~200 ms) at no
 * measurable cost per validation.
 */
export const AJV_OPTIONS = { strict: false, allErrors: true, verbose: true, validateFormats: false, logger: false, inlineRefs: false, code: { optimize: false } } as const;

/**
 * Loads and compiles schemas lazily, one kind at a time, and keeps the compiled validators.
 * Nothing is read or compiled until a document needs it.
 */
export class SchemaStore {
  readonly schemasDir: string;
  private readonly fetcher: SchemaFetcher;
  private readonly cacheDir?: string;
  private readonly kindSchemas: Record<string, string>;
  /** Ids of kindSchemas → their `apiVersion/kind`, so messages name the kind rather than a cache path. */
  private readonly kindLabels = new Map<SchemaId, string>();
  private index?: Record<string, KindEntry>;
  private indexHashes: Record<string, string> = {};
  private readonly validatorsDir: string;
  private manifest?: PrecompiledManifest | null;
  private builtins?: BuiltinKinds;
  private readonly ajvByFile = new Map<string, Ajv>();
  private readonly rawFiles = new Map<string, { definitions: Record<string, unknown> }>();
  private readonly compiled = new Map<SchemaId, CompiledSchema>();
  private readonly pending = new Map<SchemaId, Promise<CompiledSchema>>();
  /** One ajv per schema file referenced with fragments: kinds of one cluster share compiled definitions. */
  private readonly ajvByExternalFile = new Map<string, Promise<{ ajv: Ajv; $id: string }>>();

  constructor(options: SchemaStoreOptions = {}) {
    this.schemasDir = options.schemasDir ?? findSchemasDir();
    this.fetcher = options.fetcher ?? httpFetcher;
    this.cacheDir = options.cacheDir;
    this.kindSchemas = options.kindSchemas ?? {};
    this.validatorsDir = options.validatorsDir ?? path.join(path.dirname(this.schemasDir), 'dist', 'validators');
  }

  /** The schema id for a document's apiVersion/kind, or undefined when no schema is known. */
  kindSchemaId(apiVersion: string, kind: string): SchemaId | undefined {
    const key = `${apiVersion}/${kind}`;
    const override = this.kindSchemas[key];
    if (override) {
      const id = externalId(override, process.cwd());
      this.kindLabels.set(id, key);
      return id;
    }
    if (BUILTIN_KINDS[key]) return BUILTIN_KINDS[key];
    return this.kindIndex()[key] ? `kind:${key}` : undefined;
  }

  /** Kubernetes' own groups and kinds (not the shipped CRDs), for removed-version and misspelling errors. */
  builtinKinds(): BuiltinKinds {
    this.builtins ??= new BuiltinKinds(Object.entries(this.kindIndex()).filter(([, e]) => e.file === 'kubernetes').map(([k]) => k));
    return this.builtins;
  }

  /** Every shipped apiVersion/kind (for completion and docs). */
  knownKinds(): string[] {
    return Object.keys(this.kindIndex());
  }

  /**
   * A compiled validator if ready now; undefined when it must be loaded asynchronously first.
   * `confinedTo`: a user schema file, and the files it refers to, are read only inside this folder.
   */
  getSync(id: SchemaId, confinedTo?: string): CompiledSchema | undefined {
    const hit = this.compiled.get(cacheKey(id, confinedTo));
    if (hit) return hit;
    if (id.startsWith('kind:') || id.startsWith('builtin:')) return this.remember(this.compileShipped(id));
    return undefined;
  }

  async get(id: SchemaId, confinedTo?: string): Promise<CompiledSchema> {
    const hit = this.getSync(id, confinedTo);
    if (hit) return hit;
    const key = cacheKey(id, confinedTo);
    let p = this.pending.get(key);
    if (!p) {
      p = this.compileExternal(id, confinedTo).then((c) => this.remember(c, key));
      this.pending.set(key, p);
      void p.finally(() => this.pending.delete(key));
    }
    return p;
  }

  /** Forget user schemas (after a schema file changed or the associations changed). */
  clearExternal(): void {
    for (const id of [...this.compiled.keys()]) if (id.startsWith('file:') || id.startsWith('url:')) this.compiled.delete(id);
    this.ajvByExternalFile.clear();
  }

  /** The raw JSON of a schema for description lookups: the generated file and its root def. */
  rawSchema(id: SchemaId, confinedTo?: string): { document: unknown; rootPointer: string; descriptionsFile?: string } | undefined {
    if (id.startsWith('kind:')) {
      const entry = this.kindIndex()[id.slice(5)];
      if (!entry) return undefined;
      return { document: this.rawFile(entry.file), rootPointer: `/definitions/${entry.def}`, descriptionsFile: path.join(this.schemasDir, 'generated', 'descriptions', `${entry.file}.json`) };
    }
    if (id.startsWith('builtin:')) {
      const b = BUILTIN_SCHEMAS[id.slice(8)];
      return b ? { document: readJson(path.join(this.schemasDir, b.file)), rootPointer: '' } : undefined;
    }
    if (!id.startsWith('file:')) return undefined;
    const { file, fragment } = splitFragment(id.slice(5));
    if (!fs.existsSync(file)) return undefined;
    // Generated layouts (cluster schemas) keep descriptions in descriptions/<same name>.
    const descriptionsFile = path.join(path.dirname(file), 'descriptions', path.basename(file));
    let document: unknown;
    try {
      document = JSON.parse(readBoundedTextSync(file, FILE_LIMITS.schema, confinedTo));
    } catch (e) {
      if (e instanceof FileRefusedError) return undefined; // outside where it may be read: no descriptions from it
      throw e;
    }
    return { document, rootPointer: fragment, descriptionsFile: fragment && fs.existsSync(descriptionsFile) ? descriptionsFile : undefined };
  }

  private remember(c: CompiledSchema, key: string = c.id): CompiledSchema {
    this.compiled.set(key, c);
    return c;
  }

  private kindIndex(): Record<string, KindEntry> {
    if (!this.index) {
      const index = readJson(path.join(this.schemasDir, 'generated', 'index.json')) as { kinds: Record<string, KindEntry>; hashes?: Record<string, string> };
      this.index = index.kinds;
      this.indexHashes = index.hashes ?? {};
    }
    return this.index;
  }

  /**
   * The build's precompiled validator for a shipped id, when it was built from the schema file
   * in use (a regenerated or edited schema without a rebuild compiles at run time instead).
   */
  private precompiled(id: SchemaId): ValidateFunction | undefined {
    if (this.manifest === undefined) {
      try {
        const m = readJson(path.join(this.validatorsDir, 'manifest.json')) as PrecompiledManifest;
        this.manifest = m.version === PRECOMPILED_VERSION ? m : null;
      } catch {
        this.manifest = null;
      }
    }
    const entry = this.manifest?.modules[id];
    if (!entry) return undefined;
    const built = this.manifest!.sources[entry.source];
    const current = entry.source.startsWith('builtin:')
      ? sourceHash(fs.readFileSync(path.join(this.schemasDir, BUILTIN_SCHEMAS[entry.source.slice(8)]?.file ?? ''), 'utf8'))
      : (this.kindIndex(), this.indexHashes[entry.source]);
    if (!built || built !== current) return undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a generated module, loaded on first use
      return (require(path.join(this.validatorsDir, entry.module)) as { validate: ValidateFunction }).validate;
    } catch {
      return undefined;
    }
  }

  private rawFile(file: string): { definitions: Record<string, unknown> } {
    let raw = this.rawFiles.get(file);
    if (!raw) {
      raw = readJson(path.join(this.schemasDir, 'generated', `${file}.json`)) as { definitions: Record<string, unknown> };
      this.rawFiles.set(file, raw);
    }
    return raw;
  }

  private compileShipped(id: SchemaId): CompiledSchema {
    try {
      if (id.startsWith('builtin:')) {
        const b = BUILTIN_SCHEMAS[id.slice(8)];
        if (!b) return { id, label: id, error: `unknown built-in schema ${id}` };
        const pre = this.precompiled(id);
        if (pre) return { id, label: b.label, validate: pre };
        return { id, label: b.label, validate: newAjv().compile(readJson(path.join(this.schemasDir, b.file)) as AnySchema) };
      }
      const key = id.slice(5);
      const entry = this.kindIndex()[key];
      if (!entry) return { id, label: key, error: `no shipped schema for ${key}` };
      const pre = this.precompiled(id);
      if (pre) return { id, label: key, validate: pre };
      // One ajv per generated file: kinds compiled later reuse the shared definitions compiled earlier.
      let ajv = this.ajvByFile.get(entry.file);
      if (!ajv) {
        ajv = newAjv();
        ajv.addSchema(this.rawFile(entry.file) as AnySchema);
        this.ajvByFile.set(entry.file, ajv);
      }
      const $id = (this.rawFile(entry.file) as unknown as { $id: string }).$id;
      const validate = ajv.getSchema(`${$id}#/definitions/${entry.def}`);
      return validate ? { id, label: key, validate } : { id, label: key, error: `schema for ${key} is missing` };
    } catch (err) {
      return { id, label: id, error: `shipped schema ${id} failed to load: ${(err as Error).message}` };
    }
  }

  private async compileExternal(id: SchemaId, confinedTo?: string): Promise<CompiledSchema> {
    const label = id.replace(/^(file|url):/, '');
    try {
      const { file, fragment } = splitFragment(label);
      if (id.startsWith('file:') && fragment) {
        const { ajv, $id } = await this.externalFileAjv(file, confinedTo);
        const validate = ajv.getSchema(`${$id}#${fragment}`);
        if (!validate) throw new Error(`${fragment} not found in ${file}`);
        return { id, label: this.kindLabels.get(id) ?? label, validate };
      }
      const fromUrl = id.startsWith('url:');
      const schema = fromUrl ? await loadSchemaUrl(label, this.fetcher, this.cacheDir) : JSON.parse(await readBoundedText(label, FILE_LIMITS.schema, confinedTo));
      if (typeof schema !== 'object' || schema === null) throw new Error('not a JSON Schema object');
      const ajv = withFormats(newAjv((schema as { $schema?: string }).$schema, (uri) => this.loadRef(uri, { fromUrl, confinedTo }), USER_SCHEMA_OPTIONS));
      const copy = { ...(schema as Record<string, unknown>) };
      if (typeof copy.$schema === 'string' && /draft-0[346]/.test(copy.$schema)) delete copy.$schema; // ajv 8 reads them as draft-07
      return { id, label: this.kindLabels.get(id) ?? label, validate: await ajv.compileAsync(copy) };
    } catch (err) {
      return { id, label, error: `schema ${label} could not be used: ${(err as Error).message}` };
    }
  }

  private externalFileAjv(file: string, confinedTo?: string): Promise<{ ajv: Ajv; $id: string }> {
    const key = cacheKey(file, confinedTo);
    let p = this.ajvByExternalFile.get(key);
    if (!p) {
      p = readBoundedText(file, FILE_LIMITS.schema, confinedTo).then((text) => {
        const schema = JSON.parse(text) as Record<string, unknown>;
        const $id = typeof schema.$id === 'string' ? schema.$id : pathToFileURL(file).href;
        const ajv = withFormats(newAjv(schema.$schema as string | undefined, undefined, USER_SCHEMA_OPTIONS));
        ajv.addSchema({ ...schema, $id } as AnySchema);
        return { ajv, $id };
      });
      p.catch(() => this.ajvByExternalFile.delete(key)); // a later attempt may find the file repaired
      this.ajvByExternalFile.set(key, p);
    }
    return p;
  }

  /**
   * Remote `$ref`s of user schemas go through the same cache and fetcher. A local file is read
   * only for a local schema (a schema from a URL may not point into this machine), and inside
   * the folder the referring schema is confined to.
   */
  private async loadRef(uri: string, from: { fromUrl: boolean; confinedTo?: string }): Promise<AnySchemaObject> {
    if (uri.startsWith('file:')) {
      if (from.fromUrl) throw new Error(`a schema fetched from a URL refers to the local file ${uri}; not read`);
      return JSON.parse(await readBoundedText(fileURLToPath(uri), FILE_LIMITS.schema, from.confinedTo)) as AnySchemaObject;
    }
    return (await loadSchemaUrl(uri, this.fetcher, this.cacheDir)) as AnySchemaObject;
  }
}

/** `schema` of an association or modeline → id; relative paths resolve against baseDir. */
export function externalId(schema: string, baseDir: string): SchemaId {
  if (/^https?:\/\//i.test(schema)) return `url:${schema}`;
  if (/^file:\/\//i.test(schema)) return `file:${fileURLToPath(schema)}`;
  return `file:${path.resolve(baseDir, schema)}`;
}

/** A compiled schema per id, and per folder its files are confined to. */
function cacheKey(id: string, confinedTo: string | undefined): string {
  return confinedTo === undefined ? id : `${id}\u0000${confinedTo}`;
}

/** `/a/b.json#/definitions/X` → file and pointer; no fragment → pointer ''. */
export function splitFragment(location: string): { file: string; fragment: string } {
  const hash = location.lastIndexOf('#');
  if (hash < 0 || location[hash + 1] !== '/') return { file: location, fragment: '' };
  return { file: location.slice(0, hash), fragment: location.slice(hash + 1) };
}

/** User schemas (associations, modelines, cluster CRDs) get their `format` keywords checked, as kubeconform does. */
const USER_SCHEMA_OPTIONS = { ...AJV_OPTIONS, validateFormats: true };

/**
 * The formats kubeconform's validator (santhosh-tekuri/jsonschema) asserts; others (int32, byte, …)
 * stay annotations, as there. `duration` is ISO 8601 (P1D, PT5M), as the JSON Schema spec defines it.
 */
const CHECKED_FORMATS = ['date', 'time', 'date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'email', 'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'relative-json-pointer'] as const;

function withFormats(ajv: Ajv): Ajv {
  return ajvRuntime().addFormats(ajv, [...CHECKED_FORMATS]);
}

export function newAjv(draft?: string, loadSchema?: (uri: string) => Promise<AnySchemaObject>, options: object = AJV_OPTIONS): Ajv {
  const { Ajv: Draft7, Ajv2019, Ajv2020 } = ajvRuntime();
  const AjvClass: typeof Ajv = /2020-12/.test(draft ?? '') ? Ajv2020 : /2019-09/.test(draft ?? '') ? Ajv2019 : Draft7;
  return new AjvClass({ ...options, loadSchema });
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** schemas/ next to the code: dist/ when bundled, out/src/core/validation when compiled for tests. */
export function findSchemasDir(from = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, 'generated', 'index.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`schemas/generated/index.json not found above ${from}`);
    dir = parent;
  }
}
