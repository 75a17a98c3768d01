import { promises as fs, realpathSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Keeping paths inside the repository. Paths in youops.yaml are the repository's, and the
 * repository is a stranger's: `..`, absolute paths and symbolic links must not make YouOps read
 * (and show, compare, or promote into the repository) files from elsewhere on the machine.
 */

/** Why a relative path from the config leaves the root before any link is followed, or undefined. */
export function lexicalEscape(relative: string): string | undefined {
  const p = relative.replace(/\\/g, '/');
  if (p.startsWith('~')) return 'home-folder paths are not allowed: paths are relative to the repository root';
  if (path.posix.isAbsolute(p) || path.win32.isAbsolute(relative) || /^[a-z]:/i.test(p)) {
    return 'absolute paths are not allowed: paths are relative to the repository root';
  }
  const normalized = path.posix.normalize(p);
  if (normalized === '..' || normalized.startsWith('../')) return '".." leads outside the repository';
  return undefined;
}

/** True when `target` is `root` or below it (both already absolute and normalized). */
export function isWithin(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The real path of `p` (links followed); for a path that does not exist yet, that of its
 * nearest existing ancestor joined with the rest.
 */
function realPathSync(p: string): string {
  const rest: string[] = [];
  let current = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(p);
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

async function realPath(p: string): Promise<string> {
  try {
    return await fs.realpath(p);
  } catch {
    return realPathSync(p);
  }
}

/** Why `target` is outside `root` once symbolic links are followed, or undefined when inside. */
export function linkEscapeSync(root: string, target: string): string | undefined {
  const real = realPathSync(target);
  return isWithin(realPathSync(root), real) ? undefined : outside(real);
}

/** Real paths of roots: every file read of a refresh asks about the same one. */
const realRoots = new Map<string, Promise<string>>();

export async function linkEscape(root: string, target: string): Promise<string | undefined> {
  let realRoot = realRoots.get(root);
  if (!realRoot) {
    if (realRoots.size > 100) realRoots.clear();
    realRoots.set(root, (realRoot = realPath(root)));
  }
  const real = await realPath(target);
  if (isWithin(await realRoot, real)) return undefined;
  realRoots.delete(root); // the root itself may have been moved or re-linked: ask again next time
  if (isWithin(await realPath(root), real)) return undefined;
  return outside(real);
}

function outside(real: string): string {
  return `it leads outside the repository (to ${real})`;
}
