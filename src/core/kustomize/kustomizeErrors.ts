import * as path from 'node:path';
import type { ManifestError } from '../manifests/manifestResource';
import { pointerSegments, valueAt } from '../text/jsonPointer';
import { isRecord } from '../manifests/resourceId';
import type { Range } from '../text/range';
import { keyRangeIn, type KustomizationModel } from './kustomizationModel';
import { kustomizationPatches } from './kustomizePatches';
import type { KustomizeTree } from './kustomizeTree';

const KUSTOMIZE_PREFIX = 'kustomize: ';

/**
 * A message kustomize printed, placed on the line it is about: the entry naming a missing
 * file or folder, the patch that matches nothing, the op whose path is missing, an unknown
 * field, a YAML error. Falls back to the top of the overlay's kustomization.
 */
export function locateKustomizeMessage(message: string, tree: KustomizeTree, severity: ManifestError['severity'], rootDir: string): ManifestError {
  const place = locate(message, tree, severity === 'error') ?? { file: tree.root.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  return { file: place.file, range: place.range, severity, message: `${KUSTOMIZE_PREFIX}${readable(message, rootDir)}` };
}

/** A message kustomize itself printed (placed by locateKustomizeMessage), not one of YouOps' own reading. */
export function isKustomizeMessage(e: ManifestError): boolean {
  return e.message.startsWith(KUSTOMIZE_PREFIX);
}

/** kustomize's YAML problems, reported before running it: kustomize would only say "yaml: line 4". */
export function kustomizationSyntaxErrors(tree: KustomizeTree): ManifestError[] {
  return [...tree.kustomizations.values()].flatMap((k) => (k.error ? [{ file: k.file, range: k.error.range, severity: 'error' as const, message: `kustomization: ${k.error.message}` }] : []));
}

function locate(message: string, tree: KustomizeTree, innermostFirst: boolean): { file: string; range: Range } | undefined {
  const all = [...tree.kustomizations.values()];
  // A patch that selects nothing: `no resource matches strategic merge patch "Deployment.v1.apps/web.[noNs]"`.
  const id = /patch "([^".]+)\.[^/"]*\/([^".]+)\.\[?[^"]*"/.exec(message);
  if (id) {
    for (const k of all) {
      for (const p of allPatches(k, tree)) {
        if (p.documents.some((d) => isRecord(d.value) && d.value.kind === id[1] && isRecord(d.value.metadata) && d.value.metadata.name === id[2])) {
          return { file: k.file, range: keyRangeIn(k, p.pointer) };
        }
      }
    }
  }
  // A JSON 6902 op on a path the object lacks.
  const missing = /missing path:\s*(\S+?)(?::|\s|$)/.exec(message) ?? /path\s+"?(\/[^\s"]+)"?/.exec(message);
  if (missing) {
    for (const k of all) {
      for (const p of allPatches(k, tree)) {
        const ops = p.ops && Array.isArray(p.ops.value) ? p.ops.value : [];
        const i = ops.findIndex((op) => isRecord(op) && op.path === missing[1]);
        if (i < 0 || !p.ops) continue;
        const loc = p.ops.fields.get(`/${i}/path`);
        return { file: p.ops.file, range: loc ? p.ops.map(loc.keyRange) : keyRangeIn(k, p.pointer) };
      }
    }
  }
  // Quoted names: a file or folder an entry lists, or a field kustomize does not know. In an error the
  // innermost (last) one is what failed, the earlier ones led to it; a warning names its subject first.
  const quoted = [...message.matchAll(/'([^']+)'|"([^"]+)"|\(([^()\s]+)\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  const mentions = innermostFirst ? quoted.reverse() : quoted;
  for (const mention of mentions) {
    for (const k of all) {
      const hit = entryNaming(k, mention);
      if (hit) return hit;
    }
  }
  const line = /yaml: line (\d+)/.exec(message);
  if (line) {
    const broken = all.find((k) => k.error) ?? tree.root;
    const n = Number(line[1]) - 1;
    return { file: broken.file, range: broken.error?.range ?? { start: { line: n, character: 0 }, end: { line: n, character: 0 } } };
  }
  return undefined;
}

function allPatches(k: KustomizationModel, tree: KustomizeTree) {
  const { early, json6902 } = kustomizationPatches(k, tree.texts);
  return [...early, ...json6902];
}

/** The entry (or top-level key) of `k` that names `mention`: the same string, or the same file once resolved. */
function entryNaming(k: KustomizationModel, mention: string): { file: string; range: Range } | undefined {
  const abs = path.isAbsolute(mention) ? path.normalize(mention) : undefined;
  for (const [pointer, loc] of k.fields) {
    const segments = pointerSegments(pointer);
    const last = segments[segments.length - 1];
    // Unknown or deprecated fields: the message quotes the key itself.
    if (segments.length === 1 && last === mention) return { file: k.file, range: loc.keyRange };
    const value = valueAt(k.value, pointer);
    if (typeof value !== 'string' || value === '' || value.includes('\n')) continue;
    const file = value.slice(value.indexOf('=') + 1);
    if (value === mention || (abs && path.resolve(k.dir, file) === abs) || (!abs && mention.endsWith(value) && /[/.]/.test(value))) {
      return { file: k.file, range: loc.keyRange };
    }
  }
  // `unknown field "bogus"` inside a list entry.
  for (const [pointer, loc] of k.fields) {
    const segments = pointerSegments(pointer);
    if (segments[segments.length - 1] === mention && !/^\d+$/.test(mention)) return { file: k.file, range: loc.keyRange };
  }
  return undefined;
}

/**
 * kustomize's message without the layers YouOps and kustomize wrap around it: the wrapper
 * kustomization's accumulation prefix, symlink-evaluation noise, absolute paths inside the
 * workspace (made relative), line breaks inside quoted configs.
 */
export function readable(message: string, rootDir: string): string {
  const root = path.resolve(rootDir) + path.sep;
  return message
    .replace(/^accumulating resources: accumulation err='accumulating resources from '[^']*': '[^']*' must resolve to a file': recursed accumulation of path '[^']*': /, '')
    .split(root)
    .join('')
    .replace(/evalsymlink failure on '([^']+)' : lstat \1: /g, '')
    .replace(/`\n([^`]*?)\n`/g, (_, body: string) => `\`${body.replace(/\n/g, ' ')}\``)
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
