import { execFileSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';

const DEPLOYMENT_WITH_ERROR = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx}]\n';

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runCli(['validate', ...argv, '--cwd', cwd], { out: (t) => (out += t + '\n'), err: (t) => (out += t + '\n') });
  return { code, out };
}

describe('youops validate: which files a folder walk reads, and skips that CI can see', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-walk-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-outside-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('includes .json manifests (as kubeconform does) but not other JSON files', async () => {
    fs.writeFileSync(path.join(root, 'rc.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'bob' }, spec: { replicas: 'two' } }));
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{\n  // comments: not YAML, not a manifest\n  "compilerOptions": {}\n}\n');
    const { code, out } = await cli(root, '--format', 'json');
    const report = JSON.parse(out);
    assert.equal(code, 1);
    assert.deepEqual(report.files.map((f: { file: string }) => f.file), ['rc.json']);
    assert.match(report.files[0].diagnostics[0].message, /spec\.replicas: expected integer, got string "two"/);
  });

  it('follows symlinked files and folders inside the root (each real folder once), and reports one leading outside as a skip', async () => {
    fs.mkdirSync(path.join(root, 'base'));
    fs.writeFileSync(path.join(root, 'base', 'web.yaml'), DEPLOYMENT_WITH_ERROR);
    fs.mkdirSync(path.join(root, 'overlay'));
    fs.symlinkSync(path.join(root, 'base', 'web.yaml'), path.join(root, 'overlay', 'web.yaml'));
    fs.symlinkSync(path.join(root, 'base'), path.join(root, 'linked-base'));
    fs.mkdirSync(path.join(outside, 'more'));
    fs.writeFileSync(path.join(outside, 'more', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    fs.mkdirSync(path.join(root, 'inner'));
    fs.writeFileSync(path.join(root, 'inner', 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: http}]}\n');
    fs.symlinkSync(path.join(root, 'inner'), path.join(root, 'base', 'inner-link'));
    fs.symlinkSync(root, path.join(root, 'base', 'loop')); // a link back up the tree is not walked twice
    fs.writeFileSync(path.join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\n');
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(root, 'secret.yaml'));
    const { code, out } = await cli(root);
    assert.equal(code, 1);
    assert.match(out, /^base\/web\.yaml:6:13: error: spec\.replicas/m);
    assert.match(out, /^overlay\/web\.yaml:6:13: error: spec\.replicas/m);
    // A folder reached again through a link (linked-base → base) is not walked twice: same files, same findings.
    assert.doesNotMatch(out, /linked-base/);
    assert.match(out, /^inner\/svc\.yaml:4:23: error/m);
    assert.match(out, /^secret\.yaml:1:1: warning: skipped: symlink to .*secret\.yaml, outside /m);
    assert.doesNotMatch(out, /loop/);
  });

  it('--strict turns skips into errors, so CI fails on what it could not validate', async () => {
    fs.writeFileSync(path.join(root, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    fs.writeFileSync(path.join(outside, 'x.yaml'), 'a: 1\n');
    fs.symlinkSync(path.join(outside, 'x.yaml'), path.join(root, 'x.yaml'));
    assert.equal((await cli(root)).code, 0);
    const strict = await cli(root, '--strict');
    assert.equal(strict.code, 1);
    assert.match(strict.out, /^x\.yaml:1:1: error: skipped: symlink/m);
  });

  it('--strict-kinds makes a kind without schema an error', async () => {
    fs.writeFileSync(path.join(root, 'mapping.yaml'), 'apiVersion: getambassador.io/v2\nkind: Mapping\nmetadata: {name: emissary}\n');
    assert.equal((await cli(root)).code, 0);
    const strict = await cli(root, '--strict-kinds');
    assert.equal(strict.code, 1);
    assert.match(strict.out, /mapping\.yaml:2:7: error: no schema for getambassador\.io\/v2\/Mapping/);
  });

  it('decodes UTF-16 files (with and without BOM) instead of calling them binary', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEPLOYMENT_WITH_ERROR, 'utf16le')]);
    const be = Buffer.from(DEPLOYMENT_WITH_ERROR, 'utf16le').swap16();
    fs.writeFileSync(path.join(root, 'le.yaml'), le);
    fs.writeFileSync(path.join(root, 'be.yaml'), be);
    fs.writeFileSync(path.join(root, 'bin.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 0, 0]));
    const { out } = await cli(root);
    assert.match(out, /^le\.yaml:6:13: error: spec\.replicas/m);
    assert.match(out, /^be\.yaml:6:13: error: spec\.replicas/m);
    assert.match(out, /^bin\.yaml:1:1: warning: skipped: binary file/m);
  });

  it('a named FIFO is skipped, not read (a read would never return)', async () => {
    const fifo = path.join(root, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const { out } = await cli(root, 'pipe.yaml');
    assert.match(out, /^pipe\.yaml:1:1: warning: skipped: not a regular file/m);
  });

  it('SARIF URIs percent-encode # and ? in file names (GitHub reads them as fragment and query otherwise)', async () => {
    fs.mkdirSync(path.join(root, 'team #1'));
    fs.writeFileSync(path.join(root, 'team #1', 'what?.yaml'), DEPLOYMENT_WITH_ERROR);
    const { out } = await cli(root, '--format', 'sarif');
    const sarif = JSON.parse(out);
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'team%20%231/what%3F.yaml');
  });
});
