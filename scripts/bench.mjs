// `npm run bench`: compiles and builds, then runs every out/bench/**/*.bench.js side by side with its peer.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
execFileSync('npx', ['tsc', '-p', '.'], { stdio: 'inherit' });
// The CLI bundle and the precompiled validators: benchmarks measure what ships (the scale and kubeconform benches run the CLI as users do).
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
const only = process.argv[2];
const files = [];
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.bench.js') && (!only || p.includes(only))) files.push(p);
  }
};
walk('out/bench');
for (const f of files.sort()) await require(join(process.cwd(), f)).run();
