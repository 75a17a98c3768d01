import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toSarif } from '../../../src/core/validation/reportFormats';
import { covered, diagnosticsOf, summary } from './helpers';

const FORMS = path.resolve(__dirname, '../../../../test/fixtures/issue-forms');
const AT = '/repo/.github/ISSUE_TEMPLATE/bug.yml';

describe('validate: issue forms as GitHub accepts them (its documented rejections, beyond the JSON schema)', () => {
  it('puts each rejection on its line: a None option, a Password label, labels colliding after normalization', async () => {
    const text = [
      'name: Bug',
      'description: File a bug',
      'body:',
      '  - type: dropdown',
      '    id: os',
      '    attributes:',
      '      label: OS',
      '      options:',
      '        - None',
      '        - Linux',
      '  - type: input',
      '    attributes:',
      '      label: Your password',
      '  - type: input',
      '    attributes:',
      '      label: "os"',
      '',
    ].join('\n');
    const diags = await diagnosticsOf(text, { fileName: AT });
    assert.deepEqual(summary(diags.filter((d) => d.severity === 'error')), [
      [8, 'GitHub refuses this issue form: body[0]: dropdown "OS" may not offer "None": GitHub adds it itself for an optional dropdown left empty'],
      [12, 'GitHub refuses this issue form: body[1]: label "Your password" contains a word GitHub forbids in input and textarea labels ("password"): ask for no credentials in a ticket'],
      [
        15,
        `GitHub refuses this issue form: body[2]: label or id "os" becomes "os" like body[0] after GitHub's normalization: make one of them differ by a letter, digit, - or _, or give it its own id`,
      ],
    ]);
    assert.deepEqual(diags.filter((d) => d.severity === 'error').map((d) => covered(text, d)), ['- None', 'label: Your password', 'label: "os"']);
    assert.ok(diags.every((d) => d.code === 'issue-form'));
    const sarif = toSarif([{ file: '.github/ISSUE_TEMPLATE/bug.yml', documents: 1, diagnostics: diags }], { version: '0', rootUri: 'file:///repo/' }) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; shortDescription: { text: string } }> } } }>;
    };
    assert.deepEqual(sarif.runs[0].tool.driver.rules.map((r) => [r.id, r.shortDescription.text]), [['issue-form', 'Issue form GitHub refuses']]);
  });

  it("leaves a line the schema flagged to the schema's message (an unquoted Yes is said once)", async () => {
    const text = 'name: Bug\ndescription: d\nbody:\n  - type: dropdown\n    attributes:\n      label: Agree\n      options: [Yes, "No thanks"]\n';
    const diags = await diagnosticsOf(text, { fileName: AT });
    assert.equal(diags.length, 1, JSON.stringify(diags));
    assert.match(diags[0].message, /^body\[0\]\.attributes\.options\[0\]: expected string, got boolean true/);
  });

  it('finds no rejection in the 32 real issue forms of public repositories GitHub serves (test/fixtures/issue-forms)', async () => {
    const files = fs.readdirSync(FORMS).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length >= 30);
    for (const f of files) {
      const diags = await diagnosticsOf(fs.readFileSync(path.join(FORMS, f), 'utf8'), { fileName: `/repo/.github/ISSUE_TEMPLATE/${f}` });
      assert.deepEqual(summary(diags.filter((d) => d.severity === 'error')), [], f);
    }
  });

  it('checks only issue forms: config.yml and other YAML are left alone', async () => {
    assert.deepEqual(await diagnosticsOf('blank_issues_enabled: false\n', { fileName: '/repo/.github/ISSUE_TEMPLATE/config.yml' }), []);
    assert.deepEqual(await diagnosticsOf('body:\n  - type: dropdown\n    attributes: { label: X, options: [None] }\n', { fileName: '/repo/values.yaml' }), []);
  });
});
