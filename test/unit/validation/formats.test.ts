import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SchemaStore } from '../../../src/core/validation/schemaStore';
import { validateText } from '../../../src/core/validation/validateText';

describe('format keywords in user schemas (checked as kubeconform checks them)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-formats-'));
    fs.writeFileSync(
      path.join(dir, 'job.schema.json'),
      JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: {
          timeout: { type: 'string', format: 'duration' },
          notBefore: { type: 'string', format: 'date-time' },
          owner: { type: 'string', format: 'email' },
          replicas: { type: 'integer', format: 'int32' },
          payload: { type: 'string', format: 'byte' },
        },
      }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const check = async (body: string) => {
    const text = `# yaml-language-server: $schema=./job.schema.json\n${body}`;
    return (await validateText(text, { fileName: path.join(dir, 'job.yaml') }, new SchemaStore())).diagnostics.map((d) => [d.range.start.line, d.message]);
  };

  it('reports strings that do not match duration, date-time and email', async () => {
    assert.deepEqual(await check('timeout: 5 minutes\nnotBefore: tomorrow\nowner: ops-team\n'), [
      [1, 'timeout: string "5 minutes" is not a valid duration (format "duration")'],
      [2, 'notBefore: string "tomorrow" is not a valid date-time (format "date-time")'],
      [3, 'owner: string "ops-team" is not a valid email (format "email")'],
    ]);
  });

  it('accepts valid values, and leaves formats kubeconform does not assert (int32, byte) as annotations', async () => {
    assert.deepEqual(await check('timeout: PT5M\nnotBefore: "2025-01-01T00:00:00Z"\nowner: ops@example.com\nreplicas: 3\npayload: "not base64!"\n'), []);
  });
});
