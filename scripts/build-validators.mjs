// Precompiles the shipped schemas' validators (ajv standalone code) into dist/validators/, so that
// validation loads ready code instead of compiling schemas at run time (cold start). One module per
// kind, minified, with ajv's small runtime helpers inlined. Skipped when dist/validators was built
// from the same schema files. The generator is src/core/validation/precompileValidators.ts, bundled
// in memory so the build never runs a stale compiled copy.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function buildValidators({ outDir = join(root, 'dist', 'validators'), force = false } = {}) {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'youops-validators-'));
  try {
    const entry = join(tmp, 'precompile.js');
    for (const [source, out] of [['validation/precompileValidators.ts', entry], ['ajv/ajvRuntime.ts', join(tmp, 'ajvRuntime.js')]]) {
      await esbuild.build({ entryPoints: [join(root, 'src', 'core', source)], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
    }
    const { standaloneValidators, currentSources, PRECOMPILED_VERSION } = createRequire(entry)(entry);
    const manifestFile = join(outDir, 'manifest.json');
    const previous = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : undefined;
    if (!force && previous?.version === PRECOMPILED_VERSION && JSON.stringify(previous.sources) === JSON.stringify(currentSources(join(root, 'schemas')))) {
      console.log('validators: up to date');
      return;
    }
    const { manifest, modules } = standaloneValidators(join(root, 'schemas'));
    rmSync(outDir, { recursive: true, force: true });
    let bytes = 0;
    await Promise.all(
      Object.entries(modules).map(async ([rel, code]) => {
        // `.json` entries are data, written as they are.
        const text = rel.endsWith('.json') ? code : await bundle(rel, code);
        const file = join(outDir, rel);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, text);
        bytes += text.length;
      }),
    );
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 1) + '\n');
    console.log(`validators: ${Object.keys(modules).length} modules, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A generated module bundled (ajv's runtime helpers inlined) and minified. */
async function bundle(rel, code) {
  const out = await esbuild.build({
    stdin: { contents: code, resolveDir: root, loader: 'js', sourcefile: rel },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  return out.outputFiles[0].text;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildValidators({ force: process.argv.includes('--force') });
}
