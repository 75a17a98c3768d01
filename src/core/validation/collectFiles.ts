import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { expandGlob, isGlob } from '../manifests/glob';

const YAML_FILE = /\.ya?ml$/i;
const JSON_FILE = /\.json$/i;
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', 'out']);

export interface CollectedFiles {
  /** Absolute paths, sorted. */
  files: string[];
  /** Arguments that name nothing. */
  missing: string[];
  /** What a folder walk could not or would not enter, and why: reported, never silently dropped. */
  skipped: Array<{ file: string; reason: string }>;
  /** .json files found by a folder walk: validated only when they look like manifests (not package.json). */
  discovered: Set<string>;
}

/**
 * Files named by CLI arguments: files as given, folders searched for *.yaml, *.yml and *.json
 * (as kubeconform does), globs expanded. No argument means the whole working folder. Symlinks
 * are followed while they stay inside the folder being validated; one leading out, an unreadable
 * folder or a broken link is listed in `skipped`. Missing paths are reported, not thrown.
 */
export async function collectFiles(cwd: string, args: string[]): Promise<CollectedFiles> {
  const out: CollectedFiles = { files: [], missing: [], skipped: [], discovered: new Set() };
  const files = new Set<string>();
  const rootOf = (abs: string) => (inside(abs, cwd) ? cwd : abs);
  for (const arg of args.length ? args : ['.']) {
    if (isGlob(arg)) {
      const matches = await expandGlob(cwd, arg);
      const found = [];
      for (const m of matches) if ((await fs.stat(m).catch(() => undefined))?.isFile()) found.push(m);
      if (!found.length) out.missing.push(arg);
      found.forEach((f) => files.add(f));
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (!stat) out.missing.push(arg);
    else if (stat.isDirectory()) {
      const root = await fs.realpath(rootOf(abs)).catch(() => rootOf(abs));
      // Real folders first, then those reached through links: a file is named by its real path when it has one.
      const walker = { root, seen: new Set<string>(), linked: [] as string[], out, files };
      await walk(abs, walker);
      while (walker.linked.length) await walk(walker.linked.shift()!, walker);
    } else if (stat.isFile()) files.add(abs);
    else out.skipped.push({ file: abs, reason: 'not a regular file' }); // a FIFO or device would block the read
  }
  out.files = [...files].sort();
  return out;
}

interface Walker {
  root: string;
  /** Real paths of the folders walked: each once, whatever links lead to it (no loops, no blow-up). */
  seen: Set<string>;
  linked: string[];
  out: CollectedFiles;
  files: Set<string>;
}

async function walk(dir: string, { root, seen, linked, out, files }: Walker): Promise<void> {
  const real = await fs.realpath(dir).catch(() => dir);
  if (seen.has(real)) return; // a link back up the tree
  seen.add(real);
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    out.skipped.push({ file: dir, reason: `cannot read folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = path.join(dir, e.name);
    const isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const target = await fs.realpath(abs).catch(() => undefined);
      if (!target) {
        if (matches(e.name)) out.skipped.push({ file: abs, reason: 'broken symlink' });
        continue;
      }
      if (!inside(target, root)) {
        out.skipped.push({ file: abs, reason: `symlink to ${target}, outside ${root}` });
        continue;
      }
      const stat = await fs.stat(abs).catch(() => undefined);
      if (stat?.isDirectory() && !SKIPPED_DIRS.has(e.name)) linked.push(abs);
      isFile = !!stat?.isFile();
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(e.name)) await walk(abs, { root, seen, linked, out, files });
    } else if (isFile && matches(e.name)) {
      files.add(abs);
      if (JSON_FILE.test(e.name)) out.discovered.add(abs);
    }
  }
}

function matches(name: string): boolean {
  return YAML_FILE.test(name) || JSON_FILE.test(name);
}

function inside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
