import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import Ajv from 'ajv';
import { runCli } from '../../../src/cli/main';
import { FIXTURES } from './helpers';

const ROOT = path.resolve(__dirname, '../../../..');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--cwd', FIXTURES], { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: Array<{ physicalLocation: unknown }>;
}

/** What GitHub code scanning requires of an uploaded SARIF file (its documented minimum). */
const GITHUB_SARIF = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  version: { type: 'string' },
                  rules: { type: 'array', items: { type: 'object', required: ['id', 'shortDescription'], properties: { id: { type: 'string' }, shortDescription: { type: 'object', required: ['text'] } } } },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'message', 'locations', 'level'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } },
                locations: {
                  type: 'array',
                  minItems: 1,
                  items: {
                    type: 'object',
                    required: ['physicalLocation'],
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation', 'region'],
                        properties: {
                          artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string', pattern: '^[^/]' }, uriBaseId: { type: 'string' } } },
                          region: {
                            type: 'object',
                            required: ['startLine'],
                            properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 }, endColumn: { type: 'integer', minimum: 1 } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe('youops validate (CLI)', () => {
  it('exits 0 on valid files and prints a summary', async () => {
    const r = await run('validate', 'ok', '.github');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim(), '3 file(s), 4 document(s): 0 error(s), 0 warning(s)');
  });

  it('exits 1 on errors and prints file:line:col findings', async () => {
    const r = await run('validate', 'bad/deploy.yaml');
    assert.equal(r.code, 1);
    assert.deepEqual(r.out.trim().split('\n'), [
      'bad/deploy.yaml:6:13: error: spec.replicas: expected integer, got string "three"',
      'bad/deploy.yaml:7:3: error: spec: unknown field "replica" — did you mean "replicas"?',
      '1 file(s), 1 document(s): 2 error(s), 0 warning(s)',
    ]);
  });

  it('prints the JSON shape of the issue, 1-based, with JSON pointers', async () => {
    const r = await run('validate', 'bad', 'custom/widget.yaml', '--format', 'json');
    assert.equal(r.code, 1);
    assert.deepEqual(JSON.parse(r.out), {
      files: [
        {
          file: 'bad/deploy.yaml',
          diagnostics: [
            { line: 6, column: 13, endLine: 6, endColumn: 18, severity: 'error', message: 'spec.replicas: expected integer, got string "three"', path: '/spec/replicas', source: 'youops' },
            { line: 7, column: 3, endLine: 7, endColumn: 10, severity: 'error', message: 'spec: unknown field "replica" — did you mean "replicas"?', path: '/spec/replica', source: 'youops' },
          ],
        },
        {
          file: 'bad/widget.yaml',
          diagnostics: [
            {
              line: 2,
              column: 7,
              endLine: 2,
              endColumn: 13,
              severity: 'info',
              message: 'no schema for example.com/v1/Widget; not validated (read CRDs from the cluster or add a schema association)',
              path: '/kind',
              source: 'youops',
            },
          ],
        },
        {
          // associated through youops.yaml `schemas:`
          file: 'custom/widget.yaml',
          diagnostics: [
            { line: 6, column: 9, endLine: 6, endColumn: 12, severity: 'error', message: 'spec.size: expected integer, got string "3"', path: '/spec/size', source: 'youops' },
            { line: 7, column: 3, endLine: 7, endColumn: 9, severity: 'error', message: 'spec: unknown field "colour" — did you mean "color"?', path: '/spec/colour', source: 'youops' },
          ],
        },
      ],
      summary: { files: 3, documents: 3, errors: 4, warnings: 0 },
    });
  });

  it('prints SARIF 2.1.0 that satisfies what GitHub code scanning accepts', async () => {
    const r = await run('validate', '--format', 'sarif');
    assert.equal(r.code, 1);
    const sarif = JSON.parse(r.out) as { runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: SarifResult[] }> };
    const validate = new Ajv({ allErrors: true }).compile(GITHUB_SARIF);
    assert.ok(validate(JSON.parse(r.out)), JSON.stringify(validate.errors));
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'youops');
    const result = run0.results.find((x) => x.ruleId === 'type')!;
    assert.deepEqual(result.locations[0].physicalLocation, {
      artifactLocation: { uri: 'bad/deploy.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 6, startColumn: 13, endLine: 6, endColumn: 18 },
    });
    assert.equal(result.level, 'error');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'type');
    assert.equal(run0.results.find((x) => x.ruleId === 'unknown-kind')?.level, 'note');
  });

  it('exits 2 on usage errors: missing paths, bad format, sarif for other commands', async () => {
    const missing = await run('validate', 'nope/*.yaml');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file or no match: nope\/\*\.yaml/);
    assert.equal((await run('validate', '--format', 'xml')).code, 2);
    const envs = await run('envs', '--format', 'sarif');
    assert.equal(envs.code, 2);
    assert.match(envs.err, /--format sarif is only available for validate/);
  });

  it('runs as a real process from the bundle (node dist/cli.js)', function () {
    this.timeout(60_000);
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    const bad = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'validate', 'bad/deploy.yaml', '--format', 'json'], { cwd: FIXTURES, encoding: 'utf8' });
    assert.equal(bad.status, 1, bad.stderr);
    assert.equal(JSON.parse(bad.stdout).summary.errors, 2);
    const ok = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'validate', 'ok'], { cwd: FIXTURES, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr + ok.stdout);
    const usage = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'validate', 'missing.yaml'], { cwd: FIXTURES, encoding: 'utf8' });
    assert.equal(usage.status, 2);
  });
});
