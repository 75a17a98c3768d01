import * as path from 'node:path';
import { nodeFileSystem, type ManifestFileSystem } from './manifestFileSystem';

/** True when a manifests entry is a glob rather than a plain path. */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * Converts a `/`-separated glob to a RegExp: `**` spans folders, `*` and `?`
 * stay within one segment. Enough for `envs/*\/deploy.yaml` and `apps/**\/*.yaml`
 * without a dependency.
 */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:[^/]*/)*'; // `**/` also matches zero folders
        } else {
          re += '.*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else {
      re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

/**
 * Absolute paths (files and folders) under rootDir matching the glob, sorted.
 * Walks only from the pattern's literal prefix; skips `.git` and `node_modules`.
 */
export async function expandGlob(rootDir: string, pattern: string, fsys: ManifestFileSystem = nodeFileSystem): Promise<string[]> {
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const parts = normalized.split('/');
  const firstWild = parts.findIndex(isGlob);
  const baseRel = parts.slice(0, firstWild).join('/');
  const base = path.resolve(rootDir, baseRel);
  const regex = globToRegExp(parts.slice(firstWild).join('/'));
  const matches: string[] = [];

  async function walk(dir: string, rel: string): Promise<void> {
    let entries;
    try {
      entries = await fsys.readDir(dir);
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const abs = path.join(dir, entry.name);
      if (regex.test(childRel)) matches.push(abs);
      if (entry.isDirectory) await walk(abs, childRel);
    }
  }

  await walk(base, '');
  return matches;
}
