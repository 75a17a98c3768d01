// Keeps the README's command and settings tables in step with package.json.
// `node scripts/readme-reference.mjs` rewrites them; a unit test fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- reference:start -->';
const END = '<!-- reference:end -->';

export function renderReference(pkg) {
  const hidden = new Set((pkg.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| Command | Id |', '|---|---|'];
  for (const c of pkg.contributes.commands) {
    lines.push(`| ${cell(`${c.category}: ${c.title}`)}${hidden.has(c.command) ? ' _(from views only)_' : ''} | \`${c.command}\` |`);
  }
  lines.push('', '| Setting | Default | Description |', '|---|---|---|');
  for (const [key, p] of Object.entries(pkg.contributes.configuration.properties)) {
    lines.push(`| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${cell(p.markdownDescription ?? p.description ?? '')} |`);
  }
  return lines.join('\n');
}

export function readmeWithReference(readme, pkg) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md needs ${START} … ${END}`);
  return `${readme.slice(0, start + START.length)}\n${renderReference(pkg)}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = join(root, 'README.md');
  writeFileSync(file, readmeWithReference(readFileSync(file, 'utf8'), pkg));
}
