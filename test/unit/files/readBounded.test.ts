import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCliCaptured } from '../cli/runCliCaptured';
import { FILE_LIMITS, readBoundedText } from '../../../src/core/files/readBounded';
import { loadTemplates } from '../../../src/core/issueops/loadTemplates';
import { GitTreeFileSystem } from '../../../src/core/live/gitTreeFileSystem';
import { LiveStateError } from '../../../src/core/live/provider';
import { SnapshotProvider } from '../../../src/core/live/snapshotProvider';
import { loadManifests } from '../../../src/core/manifests/loadManifests';
import { SchemaStore } from '../../../src/core/validation/schemaStore';
import { validateText } from '../../../src/core/validation/validateText';

const MB = 1024 * 1024;

const run = runCliCaptured;

/** A file of `bytes` that takes no disk: the reader must refuse it from its size. */
function sparseFile(file: string, bytes: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'apiVersion: v1\nkind: List\nitems:\n');
  fs.truncateSync(file, bytes);
}

/** Heap growth of `fn`, after a collection when node runs with --expose-gc (mocha does not by default). */
async function heapGrowth(fn: () => Promise<void>): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  await fn();
  return process.memoryUsage().heapUsed - before;
}

describe('bounded reads: every file read from a repository has a size cap (issue 14)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-bounded-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a 100 MB snapshot export by its size, naming the file and the limit, without reading it', async () => {
    const file = path.join(dir, 'live', 'export.yaml');
    sparseFile(file, 100 * MB);
    let error: unknown;
    const growth = await heapGrowth(async () => {
      error = await new SnapshotProvider(path.join(dir, 'live')).fetch({ resources: [] }).catch((e: unknown) => e);
    });
    assert.ok(error instanceof LiveStateError, String(error));
    assert.match(error.message, /export\.yaml: 100 MB is over the 20 MB limit for snapshot files/);
    assert.ok(growth < 16 * MB, `heap grew by ${(growth / MB).toFixed(1)} MB`);
  });

  it('caps a snapshot folder in total, and drift says so with exit 1', async () => {
    fs.mkdirSync(path.join(dir, 'envs'));
    fs.writeFileSync(path.join(dir, 'envs', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: x }\n');
    fs.writeFileSync(path.join(dir, 'youops.yaml'), 'version: 1\nenvironments:\n  - name: prod\n    manifests: envs\n    live: { snapshot: live }\n');
    // Three files of 18 MB each: every one under the per-file limit, together over the folder's.
    const item = '- apiVersion: v1\n  kind: ConfigMap\n  metadata: { name: filler, namespace: x }\n';
    for (const name of ['a', 'b', 'c']) {
      fs.mkdirSync(path.join(dir, 'live'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'live', `${name}.yaml`), '# ' + 'x'.repeat(18 * MB) + '\napiVersion: v1\nkind: List\nitems:\n' + item);
    }
    const r = await run(['drift', '--cwd', dir]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, /prod: Error/);
    assert.match(r.out, /over the 50 MB limit for a snapshot folder in total/);
  });

  it('refuses devices and FIFOs instead of reading forever', async () => {
    await assert.rejects(readBoundedText('/dev/zero', FILE_LIMITS.manifest), /not a regular file/);
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(readBoundedText(fifo, FILE_LIMITS.manifest), /pipe\.yaml: not a regular file/);
  });

  it('validate: a youops.yaml `schemas:` file over the limit is one diagnostic naming it and the limit', async () => {
    const schema = path.join(dir, 'huge.schema.json');
    sparseFile(schema, 40 * MB);
    const store = new SchemaStore();
    const result = await validateText('a: 1\n', { fileName: path.join(dir, 'x.yaml'), associations: [{ files: 'x.yaml', schema: './huge.schema.json', baseDir: dir }] }, store);
    assert.equal(result.diagnostics.length, 1);
    assert.match(result.diagnostics[0].message, /huge\.schema\.json: 40 MB is over the 32 MB limit for JSON schemas/);
  });

  it('validate: an oversized youops.yaml is not read for its `schemas:`', async () => {
    fs.writeFileSync(path.join(dir, 'youops.yaml'), `schemas:\n  - { files: "*.yaml", schema: ./s.json }\n# ${'x'.repeat(3 * MB)}\n`);
    fs.writeFileSync(path.join(dir, 's.json'), JSON.stringify({ type: 'object', required: ['never'] }));
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'a: 1\n');
    const r = await run(['validate', 'a.yaml', '--cwd', dir]);
    assert.doesNotMatch(r.out, /never/);
  });

  it('skips an oversized issue template with a problem naming the limit', async () => {
    fs.writeFileSync(path.join(dir, 'big.yml'), `name: Big\ndescription: d\nbody:\n  - type: markdown\n    attributes: { value: "${'x'.repeat(2 * MB)}" }\n`);
    const set = await loadTemplates(dir);
    assert.deepEqual(set.templates, []);
    assert.match(set.problems[0].message, /2 MB is over the 1 MB limit for issue templates/);
  });

  it('refuses a manifest blob over the limit at a Git ref without reading it', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], { cwd: dir });
    git('init', '-q');
    fs.mkdirSync(path.join(dir, 'envs'));
    fs.writeFileSync(path.join(dir, 'envs', 'big.yaml'), `# ${'x'.repeat(6 * MB)}\n`);
    git('add', '.');
    git('commit', '-qm', 'big');
    const tree = await GitTreeFileSystem.open(dir, 'HEAD');
    const { errors } = await loadManifests(dir, ['envs'], tree);
    assert.match(errors[0].message, /^6 MB is over the 5 MB limit for manifests/);
  });
});
