#!/usr/bin/env node
// Writes the parts of schemas/youops.schema.json that the descriptor tables own — the live
// sources (src/core/config/liveSources.ts) and the ChatOps transports with `via:`'s choices
// (src/core/chatops/transportSettings.ts) — leaving the rest of the hand-written schema as it is.
// A unit test fails while the file and the tables disagree.
//
// Usage: node scripts/generate-config-schema.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { isMap, isScalar, parseDocument } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'schemas', 'youops.schema.json');

const bundle = await esbuild.build({
  stdin: {
    contents: "export { liveSchema } from './src/core/config/liveSources'; export { transportsSchema } from './src/core/chatops/transportSettings';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const { liveSchema, transportsSchema } = await import(`data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`);
const { transports, via } = transportsSchema();

/** The schema's own style: an object of plain values (or lists of them) on one line, others one key a line. */
function format(value, indent) {
  const plain = (v) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));
  if (Array.isArray(value)) return `[${value.map((v) => format(v, indent)).join(', ')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  if (entries.every(([, v]) => plain(v))) return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${format(v, indent)}`).join(', ')} }`;
  const inner = indent + '  ';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`).join(',\n')}\n${indent}}`;
}

const text = readFileSync(file, 'utf8');
const doc = parseDocument(text);
const replacements = [
  [['definitions', 'live'], liveSchema()],
  [['properties', 'chatops', 'properties', 'transports'], transports],
  [['properties', 'chatops', 'properties', 'commands', 'items', 'properties', 'via'], via],
].map(([path, value]) => {
  const node = doc.getIn(path, true);
  if (!isMap(node) && !isScalar(node)) throw new Error(`${path.join('.')} is missing from ${file}`);
  const [start, end] = node.range;
  const lineStart = text.lastIndexOf('\n', start) + 1;
  return { start, end, text: format(value, text.slice(lineStart, start).match(/^\s*/)[0]) };
});
let out = text;
for (const r of replacements.sort((a, b) => b.start - a.start)) out = out.slice(0, r.start) + r.text + out.slice(r.end);

if (process.argv.includes('--check')) {
  if (out !== text) {
    console.error(`${file} is out of date with the descriptor tables: run npm run generate:config-schema`);
    process.exit(1);
  }
} else if (out !== text) {
  writeFileSync(file, out);
  console.log(`updated ${file}`);
} else {
  console.log(`${file} is up to date`);
}
