// Bundles the extension and the CLI with esbuild: node platform, `vscode` external, sourcemaps;
// then precompiles the shipped schemas' validators into dist/validators (loaded per kind on first use).
import * as esbuild from 'esbuild';
import { buildValidators } from './build-validators.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'info',
  external: ['vscode'],
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // ajv for schemas compiled at run time, loaded by path on first use (shipped kinds use dist/validators).
  { ...common, entryPoints: ['src/core/ajv/ajvRuntime.ts'], outfile: 'dist/ajvRuntime.js' },
  // Reads large live exports off the main thread (src/core/yaml/offThread.ts looks for it beside the bundle).
  { ...common, entryPoints: ['src/core/yaml/yamlWorker.ts'], outfile: 'dist/yamlWorker.js' },
];

if (watch) {
  await buildValidators();
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all([...builds.map((b) => esbuild.build(b)), buildValidators()]);
}
