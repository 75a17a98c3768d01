import { compileGlob } from '../../src/core/manifests/glob';
import { printTable, timeLoop } from '../benchUtil';

/**
 * Issue 14: globs from youops.yaml are matched in time linear in the name. Hostile patterns
 * against names 10× longer each row should take ~10× longer (µs/char stays flat); the
 * backtracking RegExp a glob used to compile to is timed only at 20–26 characters, where it
 * already takes milliseconds to seconds and doubles with every few characters.
 */
export function run(): void {
  console.log('\n## Globs: linear-time matching of hostile patterns (issue 14)\n');
  const patterns = [
    { label: '*a×10 … b', glob: `envs/${'*a'.repeat(10)}*b`, name: (n: number) => `envs/${'a'.repeat(n)}` },
    { label: '**/ ×30 x.yaml', glob: `${'**/'.repeat(30)}x.yaml`, name: (n: number) => `${'a/'.repeat(n / 2)}y.yaml` },
  ];
  const rows: string[][] = [];
  for (const p of patterns) {
    const matcher = compileGlob(p.glob);
    for (const n of [1_000, 10_000, 100_000]) {
      const name = p.name(n);
      const s = timeLoop(() => matcher.test(name), 300);
      rows.push([p.label, String(n), (s * 1e3).toFixed(3), ((s * 1e6) / n).toFixed(4)]);
    }
  }
  printTable(['pattern', 'name chars', 'ms', 'µs/char'], rows);

  // The former RegExp translation of `*` ([^/]*), for comparison at tiny sizes only.
  const old = new RegExp(`^envs/${'[^/]*a'.repeat(10)}[^/]*b$`);
  const compare: string[][] = [];
  for (const n of [20, 23, 26]) {
    const name = `envs/${'a'.repeat(n)}`;
    const t0 = process.hrtime.bigint();
    old.test(name);
    const regexMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const oursMs = timeLoop(() => compileGlob(`envs/${'*a'.repeat(10)}*b`).test(name), 100) * 1e3;
    compare.push([String(n), regexMs.toFixed(1), oursMs.toFixed(4), (regexMs / oursMs).toFixed(0)]);
  }
  console.log('');
  printTable(['name chars', 'backtracking RegExp ms', 'YouOps ms', 'ratio'], compare);
}
