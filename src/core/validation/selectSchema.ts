import * as path from 'node:path';
import { linkEscapeSync } from '../files/containment';
import { compileGlob } from '../manifests/glob';
import { externalId, splitFragment, type SchemaId, type SchemaStore } from './schemaStore';
import type { SchemaAssociation } from './types';

export type Selection =
  | {
      id: SchemaId;
      origin: 'modeline' | 'association' | 'file-pattern' | 'kind';
      modeline?: { offset: number; length: number };
      /** A modeline's (or youops.yaml association's) schema file, and every file it refers to, is read only inside this folder. */
      confinedTo?: string;
    }
  | { refused: string; modeline: { offset: number; length: number } }
  | { unknownKind: { apiVersion?: string; kind?: string } }
  | undefined;

const MODELINE = /^[ \t]*#[ \t]*yaml-language-server[ \t]*:[ \t]*\$schema=(\S+)/m;

/** The `# yaml-language-server: $schema=…` modeline of one document, if any. */
export function findModeline(chunk: string): { schema: string; offset: number; length: number } | undefined {
  if (!chunk.includes('yaml-language-server')) return undefined;
  const m = MODELINE.exec(chunk);
  if (!m) return undefined;
  const offset = m.index + m[0].length - m[1].length;
  return { schema: m[1], offset, length: m[1].length };
}

/**
 * The schema a whole file gets from user associations, then from its name: kustomization.yaml,
 * GitHub issue forms, youops.yaml. Computed once per file, not per document.
 */
export function fileSchemaId(fileName: string | undefined, associations: SchemaAssociation[] = []): { id: SchemaId; origin: 'association' | 'file-pattern'; confinedTo?: string } | undefined {
  if (!fileName) return undefined;
  const normalized = fileName.replace(/\\/g, '/');
  for (const a of associations) {
    if (matchesAssociation(normalized, a)) return { id: externalId(a.schema, a.baseDir), origin: 'association', ...(a.confinedTo ? { confinedTo: a.confinedTo } : {}) };
  }
  const base = path.posix.basename(normalized);
  if (/^kustomization\.ya?ml$/.test(base) || base === 'Kustomization') return { id: 'builtin:kustomization', origin: 'file-pattern' };
  if (/(^|\/)\.github\/ISSUE_TEMPLATE\/[^/]+\.ya?ml$/.test(normalized) && !/^config\.ya?ml$/.test(base)) return { id: 'builtin:github-issue-forms', origin: 'file-pattern' };
  if (base === 'youops.yaml' || base === '.youops.yaml') return { id: 'builtin:youops', origin: 'file-pattern' };
  return undefined;
}

function matchesAssociation(file: string, a: SchemaAssociation): boolean {
  const glob = a.files.replace(/\\/g, '/').replace(/^\.\//, '');
  const matcher = compileGlob(glob);
  if (!glob.includes('/')) return matcher.test(path.posix.basename(file));
  const rel = path.isAbsolute(file) ? path.relative(a.baseDir, file).replace(/\\/g, '/') : file;
  return matcher.test(rel);
}

/**
 * Precedence per document: modeline, then the file's association or name pattern, then the
 * document's own apiVersion/kind (so each document of a multi-document file gets its kind's schema).
 */
export function selectSchema(
  value: unknown,
  chunk: string,
  fileChoice: ReturnType<typeof fileSchemaId>,
  store: SchemaStore,
  fileName: string | undefined,
  /** The workspace or repository: a modeline's schema file must be inside it (see modelineSelection). */
  rootDir?: string,
): Selection {
  const modeline = findModeline(chunk);
  if (modeline) return modelineSelection(modeline, fileName, rootDir);
  if (fileChoice) return fileChoice;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion === 'string' && typeof kind === 'string') {
    const id = store.kindSchemaId(apiVersion, kind);
    return id ? { id, origin: 'kind' } : { unknownKind: { apiVersion, kind } };
  }
  // Only one of the two (or `kind:` left empty): likely a manifest with a mistake; neither: not a manifest.
  if (typeof apiVersion === 'string' || typeof kind === 'string') {
    return { unknownKind: { apiVersion: typeof apiVersion === 'string' ? apiVersion : undefined, kind: typeof kind === 'string' ? kind : undefined } };
  }
  return undefined;
}

/**
 * A modeline is the file's own word, and the file may be a stranger's: its local schema path
 * (relative, absolute or `file:`) must lead inside `rootDir` once links are followed, or the
 * schema is not read — a hostile manifest must not make the editor or CI read, and echo in
 * messages, files from elsewhere on the machine.
 */
function modelineSelection(modeline: { schema: string; offset: number; length: number }, fileName: string | undefined, rootDir: string | undefined): Selection {
  const at = { offset: modeline.offset, length: modeline.length };
  const baseDir = fileName && path.isAbsolute(fileName) ? path.dirname(fileName) : process.cwd();
  let id: SchemaId;
  try {
    id = externalId(modeline.schema, baseDir);
  } catch {
    return { refused: `modeline schema ${modeline.schema} is not a local file URL or an http(s) URL; not read`, modeline: at };
  }
  if (!id.startsWith('file:') || rootDir === undefined) return { id, origin: 'modeline', modeline: at };
  const escape = linkEscapeSync(rootDir, splitFragment(id.slice(5)).file);
  if (escape) return { refused: `modeline schema ${modeline.schema}: ${escape}; not read`, modeline: at };
  return { id, origin: 'modeline', modeline: at, confinedTo: rootDir };
}
