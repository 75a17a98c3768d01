/**
 * One side of the validation benchmark, in its own process so that cold start and peak RSS
 * are its own: `node validationWorker.js youops|yls <corpus.json>`; prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { median, percentile } from '../benchUtil';

export interface WorkerInput {
  files: Array<{ name: string; text: string }>;
  small: string;
  big10k: string;
  big50k: string;
  /** The same generated schemas, combined into one file for yaml-language-server. */
  ylsSchema: string;
  /** YouOps' validation core bundled as it ships (one file, like dist/extension.js and dist/cli.js). */
  youopsBundle: string;
}

export interface WorkerOutput {
  coldStartMs: number;
  smallMs: number;
  /** First pass over the corpus (includes first-use schema compilation). */
  firstPassMs: number;
  /** Second pass (steady state). */
  corpusMs: number;
  editMedianMs: number;
  editP95Ms: number;
  big50kMs: number;
  peakRssMb: number;
  /** Error lines (1-based) per file name. */
  errors: Record<string, number[]>;
}

interface Side {
  validate(uri: string, text: string): Promise<Array<{ line: number; error: boolean }>>;
  /** Editor-style validation of a changing document (youops: DocumentValidator cache). */
  validateOpen(uri: string, text: string, version: number): Promise<unknown>;
}

async function loadYouOps(bundle: string): Promise<Side> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v = require(bundle) as typeof import('../../src/core/validation');
  const editor = new v.DocumentValidator();
  return {
    async validate(uri, text) {
      const r = await v.validateText(text, { fileName: uri });
      return r.diagnostics.map((d) => ({ line: d.range.start.line + 1, error: d.severity === 'error' }));
    },
    validateOpen: (uri, text) => editor.validate(uri, text, { fileName: uri }),
  };
}

async function loadYls(schemaPath: string): Promise<Side> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { getLanguageService } = require('yaml-language-server/lib/umd/languageservice/yamlLanguageService');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const ls = getLanguageService({
    schemaRequestService: async (uri: string) => readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (rel: string, res: string) => new URL(rel, res).href },
    clientCapabilities: {},
  });
  ls.configure({ validate: true, hover: false, completion: false, format: false, isKubernetes: false, yamlVersion: '1.2', customTags: [], schemas: [{ uri: pathToFileURL(schemaPath).href, fileMatch: ['*.yaml', '**/*.yaml'] }] });
  const run = async (uri: string, text: string, version: number) =>
    (await ls.doValidation(TextDocument.create(`file:///bench/${uri}`, 'yaml', version, text), false)) as Array<{ range: { start: { line: number } }; severity: number }>;
  return {
    async validate(uri, text) {
      // yaml-language-server reports schema problems as warnings (2) by default: count them as its errors.
      return (await run(uri, text, 1)).map((d) => ({ line: d.range.start.line + 1, error: d.severity <= 2 }));
    },
    validateOpen: (uri, text, version) => run(uri, text, version),
  };
}

async function main(): Promise<void> {
  const [side, corpusFile] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(corpusFile, 'utf8')) as WorkerInput;
  const t0 = performance.now();
  const impl = side === 'yls' ? await loadYls(input.ylsSchema) : await loadYouOps(input.youopsBundle);
  await impl.validate('small.yaml', input.small);
  const coldStartMs = performance.now() - t0;

  const smallTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const s = performance.now();
    await impl.validate('small.yaml', input.small);
    smallTimes.push(performance.now() - s);
  }

  // Two passes over the corpus: the first includes compiling each kind on first use, the second is steady state.
  const errors: Record<string, number[]> = {};
  const passes: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const c0 = performance.now();
    for (const f of input.files) {
      const diags = await impl.validate(f.name, f.text);
      const lines = [...new Set(diags.filter((d) => d.error).map((d) => d.line))].sort((a, b) => a - b);
      if (lines.length) errors[f.name] = lines;
    }
    passes.push(performance.now() - c0);
  }
  const [firstPassMs, corpusMs] = passes;

  // 30 edits of the 10,000-line file: change one replicas value at a time (some invalid).
  let text = input.big10k;
  await impl.validateOpen('big10k.yaml', text, 1);
  const editTimes: number[] = [];
  const positions = [...text.matchAll(/replicas: \S+/g)].map((m) => m.index!);
  for (let i = 0; i < 30; i++) {
    const at = positions[(i * 7919) % positions.length];
    const value = i % 5 === 4 ? 'x' : String(i % 9);
    text = text.slice(0, at) + text.slice(at).replace(/replicas: \S+/, `replicas: ${value}`);
    const s = performance.now();
    await impl.validateOpen('big10k.yaml', text, i + 2);
    editTimes.push(performance.now() - s);
  }

  const b0 = performance.now();
  await impl.validate('big50k.yaml', input.big50k);
  const big50kMs = performance.now() - b0;

  const out: WorkerOutput = {
    coldStartMs,
    smallMs: median(smallTimes),
    firstPassMs,
    corpusMs,
    editMedianMs: median(editTimes),
    editP95Ms: percentile(editTimes, 95),
    big50kMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    errors,
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
