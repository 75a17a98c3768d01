import * as path from 'node:path';
import { nodeFileSystem, type ManifestFileSystem } from './manifestFileSystem';

/** True when a manifests entry is a glob rather than a plain path. */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/**
 * A compiled `/`-separated glob: `**` spans folders (`**\/` also matches zero folders),
 * `*` and `?` stay within one segment, every other character is literal.
 *
 * Globs come from youops.yaml and settings, i.e. from the repository: they are matched by
 * simulating the pattern's automaton over the name (every reachable pattern position at
 * once), never by a backtracking RegExp. Work is O(pattern length × name length) for any
 * pattern: `*a*a*a*a*a*a*a*a*a*a*ab` or a chain of `**\/` cannot blow up. No npm glob matcher
 * promises that: minimatch and picomatch compile to JavaScript RegExps and document that
 * untrusted patterns can still cause catastrophic backtracking.
 */
export interface GlobMatcher {
  readonly pattern: string;
  /** The whole `/`-separated relative path matches. */
  test(relPath: string): boolean;
  /** Something below the folder `relDir` could still match: whether a walk must descend into it. */
  mayMatchBelow(relDir: string): boolean;
}

/**
 * Automaton states, one or two per pattern token. `next` is the state after the token;
 * `**\/` needs an extra state for "inside a folder name".
 */
const enum Op {
  Literal, // one given character
  Any, // `?`: one character other than `/`
  Star, // `*`: stays on any character other than `/`
  GlobStar, // `**` not followed by `/`: stays on any character
  FolderStart, // `**\/` at a folder boundary: skip (zero folders), or start a folder name
  FolderName, // inside `**\/`: any character stays; `/` may also end it
  Accept,
}

interface State {
  op: Op;
  char?: string;
}

export function compileGlob(pattern: string): GlobMatcher {
  const states: State[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      i++;
      while (pattern[i + 1] === '*') i++; // `***` is `**`
      if (pattern[i + 1] === '/') {
        i++;
        states.push({ op: Op.FolderStart }, { op: Op.FolderName });
      } else {
        states.push({ op: Op.GlobStar });
      }
    } else if (c === '*') {
      states.push({ op: Op.Star });
    } else if (c === '?') {
      states.push({ op: Op.Any });
    } else {
      states.push({ op: Op.Literal, char: c });
    }
  }
  states.push({ op: Op.Accept });
  const accept = states.length - 1;

  /** Adds a state and what it reaches without reading a character. */
  const add = (set: Uint8Array, s: number): void => {
    while (s <= accept && !set[s]) {
      set[s] = 1;
      const op = states[s].op;
      if (op === Op.Star || op === Op.GlobStar) s += 1; // may match nothing
      else if (op === Op.FolderStart) s += 2; // zero folders
      else return;
    }
  };

  /** The set of states after reading `text`, or undefined as soon as it is empty. */
  const run = (text: string): Uint8Array | undefined => {
    let current = new Uint8Array(states.length);
    let next = new Uint8Array(states.length);
    add(current, 0);
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      next.fill(0);
      let alive = false;
      for (let s = 0; s < accept; s++) {
        if (!current[s]) continue;
        const st = states[s];
        switch (st.op) {
          case Op.Literal:
            if (c === st.char) add(next, s + 1);
            break;
          case Op.Any:
            if (c !== '/') add(next, s + 1);
            break;
          case Op.Star:
            if (c !== '/') add(next, s);
            break;
          case Op.GlobStar:
            add(next, s);
            break;
          case Op.FolderStart:
          case Op.FolderName:
            if (c === '/') add(next, st.op === Op.FolderStart ? s : s - 1);
            else add(next, st.op === Op.FolderStart ? s + 1 : s);
            break;
        }
      }
      for (let s = 0; s <= accept && !alive; s++) alive = next[s] === 1;
      if (!alive) return undefined;
      [current, next] = [next, current];
    }
    return current;
  };

  return {
    pattern,
    test: (relPath) => run(relPath)?.[accept] === 1,
    mayMatchBelow: (relDir) => run(relDir ? `${relDir}/` : '') !== undefined,
  };
}

/**
 * Absolute paths (files and folders) under rootDir matching the glob, sorted.
 * Walks only from the pattern's literal prefix, and only into folders the pattern can
 * still match below; skips `.git` and `node_modules`; does not follow symbolic links.
 */
export async function expandGlob(rootDir: string, pattern: string, fsys: ManifestFileSystem = nodeFileSystem): Promise<string[]> {
  const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  const parts = normalized.split('/');
  const firstWild = parts.findIndex(isGlob);
  const baseRel = parts.slice(0, firstWild).join('/');
  const base = path.resolve(rootDir, baseRel);
  const matcher = compileGlob(parts.slice(firstWild).join('/'));
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
      if (matcher.test(childRel)) matches.push(abs);
      if (entry.isDirectory && matcher.mayMatchBelow(childRel)) await walk(abs, childRel);
    }
  }

  await walk(base, '');
  return matches;
}
