// A lint rule that finds import cycles through `import type` too (import-x/no-cycle skips
// type-only imports): a cycle of types still ties two files into one and blurs which is the
// lower layer. The graph of relative imports is read once per run, straight from the files.
import * as fs from 'node:fs';
import * as path from 'node:path';

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;
const graph = new Map();

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

function importsOf(file) {
  let list = graph.get(file);
  if (!list) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    list = [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1])).filter(Boolean);
    graph.set(file, list);
  }
  return list;
}

/** The shortest way back from `file` to itself, or undefined. */
function cycleFrom(file) {
  const seen = new Set([file]);
  const queue = importsOf(file).map((f) => [f]);
  while (queue.length) {
    const route = queue.shift();
    const at = route[route.length - 1];
    if (at === file) return route;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const next of importsOf(at)) queue.push([...route, next]);
  }
  return undefined;
}

export const noImportCycle = {
  meta: { type: 'problem', docs: { description: 'Forbids import cycles, type-only imports included.' }, schema: [] },
  create(context) {
    return {
      'Program:exit'(node) {
        const cycle = cycleFrom(context.filename);
        if (!cycle) return;
        const root = context.cwd ?? process.cwd();
        const names = [context.filename, ...cycle].map((f) => path.relative(root, f));
        context.report({ node, message: `Import cycle (type imports included): ${names.join(' → ')}` });
      },
    };
  },
};
