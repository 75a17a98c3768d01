import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { expandGlob, isGlob } from '../manifests/glob';

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', 'out']);

/**
 * Files named by CLI arguments: files as given, folders searched for *.yaml/*.yml, globs
 * expanded. No argument means the whole working folder. Missing paths are reported, not thrown.
 */
export async function collectFiles(cwd: string, args: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const arg of args.length ? args : ['.']) {
    if (isGlob(arg)) {
      const matches = await expandGlob(cwd, arg);
      const found = [];
      for (const m of matches) if ((await fs.stat(m)).isFile()) found.push(m);
      if (!found.length) missing.push(arg);
      found.forEach((f) => files.add(f));
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (!stat) missing.push(arg);
    else if (stat.isDirectory()) for (const f of await walk(abs)) files.add(f);
    else files.add(abs);
  }
  return { files: [...files].sort(), missing };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED_DIRS.has(e.name)) out.push(...(await walk(abs)));
    } else if (e.isFile() && YAML_FILE.test(e.name)) {
      out.push(abs);
    }
  }
  return out;
}
