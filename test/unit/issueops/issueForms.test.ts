import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { runCli } from '../../../src/cli/main';
import * as path from 'node:path';
import { defaultValues } from '../../../src/core/issueops/formValues';
import type { IssueForm } from '../../../src/core/issueops/issueTemplate';
import { loadTemplates } from '../../../src/core/issueops/loadTemplates';
import { parameterize, parseIssueForm } from '../../../src/core/issueops/parseIssueForm';
import { parseMarkdownTemplate } from '../../../src/core/issueops/parseMarkdownTemplate';
import { parseTemplateConfig } from '../../../src/core/issueops/parseTemplateConfig';

const DEMO_TEMPLATES = path.resolve(__dirname, '../../../../examples/demo/.github/ISSUE_TEMPLATE');

const EVERY_FIELD = `
name: Everything
description: One field of each type.
title: "[all] <service> in <environment>"
labels: issueops, all
assignees: [octocat]
projects: ["acme/1"]
type: Task
body:
  - type: markdown
    attributes:
      value: "Thanks for filing."
  - type: input
    id: service
    attributes: { label: Service, description: Which service, placeholder: web, value: api }
    validations: { required: true }
  - type: textarea
    id: logs
    attributes: { label: Logs }
    render: shell
  - type: dropdown
    id: environment
    attributes: { label: Environment, options: [dev, staging, prod], default: 1 }
    validations: { required: true }
  - type: dropdown
    id: regions
    attributes: { label: Regions, multiple: true, options: [eu, us, ap] }
  - type: checkboxes
    id: terms
    attributes:
      label: Checks
      options:
        - label: I read the runbook
          required: true
        - label: Notify on-call
  - type: input
    attributes: { label: No id here }
`;

describe('Issue forms: parsing', () => {
  it('reads every field type with ids, labels, defaults, validations and top-level keys', () => {
    const { form, problems } = parseIssueForm(EVERY_FIELD, 'all.yml', '/t/all.yml');
    assert.deepEqual(problems, []);
    const f = form!;
    assert.equal(f.name, 'Everything');
    assert.equal(f.title, '[all] <service> in <environment>');
    assert.deepEqual(f.labels, ['issueops', 'all'], 'comma-separated labels are split');
    assert.deepEqual(f.assignees, ['octocat']);
    assert.deepEqual(f.projects, ['acme/1']);
    assert.equal(f.issueType, 'Task');
    assert.deepEqual(
      f.body.map((x) => `${x.type}:${x.id}`),
      ['markdown:field-0', 'input:service', 'textarea:logs', 'dropdown:environment', 'dropdown:regions', 'checkboxes:terms', 'input:field-6'],
    );
    const [, service, logs, env, regions, terms] = f.body as never as [unknown, Extract<IssueForm['body'][number], { type: 'input' }>, Extract<IssueForm['body'][number], { type: 'textarea' }>, Extract<IssueForm['body'][number], { type: 'dropdown' }>, Extract<IssueForm['body'][number], { type: 'dropdown' }>, Extract<IssueForm['body'][number], { type: 'checkboxes' }>];
    assert.deepEqual([service.required, service.value, service.placeholder, service.description], [true, 'api', 'web', 'Which service']);
    assert.equal(logs.render, 'shell');
    assert.deepEqual([env.options, env.default, env.multiple, env.required], [['dev', 'staging', 'prod'], 1, false, true]);
    assert.equal(regions.multiple, true);
    assert.deepEqual(terms.options, [{ label: 'I read the runbook', required: true }, { label: 'Notify on-call', required: false }]);
    assert.equal(terms.required, true, 'a required box makes the group required');
    assert.deepEqual(defaultValues(f), { service: 'api', logs: '', environment: ['staging'], regions: [], terms: [false, false], 'field-6': '' });
  });

  it('reports malformed forms with lines instead of failing', () => {
    const broken = parseIssueForm('name: X\nbody:\n  - type: slider\n    id: a\n  - type: dropdown\n    id: a\n    attributes: { label: L, options: [] }\n', 'b.yml', '/t/b.yml');
    assert.equal(broken.form, undefined);
    const messages = broken.problems.map((p) => `${p.line ?? '?'}: ${p.message}`);
    assert.ok(messages.includes('?: `description` is required'), messages.join('\n'));
    assert.ok(messages.some((m) => /^3: body\[0\]: unknown field type "slider"/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^5: body\[1\]: dropdown "L" needs attributes.options/.test(m)), messages.join('\n'));
    assert.match(parseIssueForm('name: [unclosed', 'c.yml', '/t/c.yml').problems[0].message, /^YAML: /);
    assert.match(parseIssueForm('- a\n- b', 'd.yml', '/t/d.yml').problems[0].message, /must be a YAML mapping/);
    const dup = parseIssueForm('name: nm\ndescription: d\nbody:\n  - type: input\n    id: x\n    attributes: { label: A }\n  - type: input\n    id: x\n    attributes: { label: A }\n  - type: dropdown\n    attributes: { label: D, options: [a], default: 3 }\n', 'e.yml', '/t/e.yml');
    assert.deepEqual(dup.problems.map((p) => [p.severity ?? 'error', p.message]), [
      ['error', 'body[1]: duplicate id "x"'],
      ['warning', 'body[1]: label "A" repeats body[0]: GitHub accepts it (an id tells them apart), but the ticket gets two "### A" sections'],
      ['error', 'body[2]: dropdown "D" default must be an option index 0…0'],
    ]);
  });

  it('reads Markdown templates with front matter', () => {
    const { template, problems } = parseMarkdownTemplate('---\nname: Incident\nabout: Something broke\ntitle: "[incident] "\nlabels: incident, issueops\nassignees: octocat\n---\n\n## What happened\n\n', 'incident.md', '/t/incident.md');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      { name: template!.name, about: template!.description, title: template!.title, labels: template!.labels, assignees: template!.assignees, body: template!.body },
      { name: 'Incident', about: 'Something broke', title: '[incident] ', labels: ['incident', 'issueops'], assignees: ['octocat'], body: '## What happened' },
    );
    assert.match(parseMarkdownTemplate('# no front matter', 'x.md', '/x.md').problems[0].message, /needs front matter/);
    assert.deepEqual(parseMarkdownTemplate('---\nname: X\n---\nbody', 'y.md', '/y.md').problems.map((p) => p.message), ['front matter needs `about`']);
  });

  it('reads config.yml: blank issues and contact links', () => {
    const { config, problems } = parseTemplateConfig('blank_issues_enabled: false\ncontact_links:\n  - name: Slack\n    url: https://acme.slack.com\n    about: Ask\n  - name: bad\n    url: ftp://x\n');
    assert.equal(config.blankIssuesEnabled, false);
    assert.deepEqual(config.contactLinks, [{ name: 'Slack', url: 'https://acme.slack.com', about: 'Ask' }]);
    assert.deepEqual(problems.map((p) => p.message), ['contact_links[1] needs a name and an http(s) url']);
    assert.equal(parseTemplateConfig('').config.blankIssuesEnabled, true);
  });

  it('loads the demo templates folder', async () => {
    const set = await loadTemplates(DEMO_TEMPLATES);
    assert.deepEqual(set.problems, []);
    assert.deepEqual(set.templates.map((t) => `${t.kind}:${t.file}`), ['form:access-request.yml', 'form:deploy-request.yml']);
    assert.equal(set.config.blankIssuesEnabled, false);
    assert.equal(set.config.contactLinks[0].name, 'Platform team on Slack');
    assert.deepEqual((await loadTemplates('/does/not/exist')).templates, []);
  });
});

describe("Issue forms: GitHub's documented rejections (Common validation errors when creating issue forms)", () => {
  const form = (body: string, head = 'name: Bug\ndescription: d\n') => parseIssueForm(`${head}body:\n${body}`, 'f.yml', '/t/f.yml');
  const errors = (r: ReturnType<typeof parseIssueForm>) => r.problems.filter((p) => (p.severity ?? 'error') === 'error').map((p) => p.message);

  it('refuses "None" among dropdown options: GitHub adds it itself', () => {
    const r = form('  - type: dropdown\n    attributes:\n      label: Pie\n      options: [Steak & Ale, None]\n    validations: { required: true }\n');
    assert.deepEqual(errors(r), ['body[0]: dropdown "Pie" may not offer "None": GitHub adds it itself for an optional dropdown left empty (make the dropdown optional instead)']);
    assert.equal(r.problems[0].line, 7, 'on the options line');
  });

  it('refuses unquoted Yes/No options (YAML 1.1 booleans) and accepts them quoted', () => {
    const r = form('  - type: dropdown\n    attributes:\n      label: Do you like pie?\n      options:\n        - Yes\n        - No\n        - Maybe\n');
    assert.deepEqual(errors(r), [
      'body[0]: dropdown "Do you like pie?" option Yes is read as a boolean by GitHub: wrap it in quotes ("Yes")',
      'body[0]: dropdown "Do you like pie?" option No is read as a boolean by GitHub: wrap it in quotes ("No")',
    ]);
    assert.deepEqual(errors(form('  - type: dropdown\n    attributes:\n      label: Do you like pie?\n      options: ["Yes", "No", Maybe]\n')), []);
    assert.match(errors(form('  - type: textarea\n    attributes: { label: true }\n'))[0], /`attributes.label` must be a string: GitHub reads true as a boolean; quote it \("true"\)/);
  });

  it('refuses a Password label on inputs and textareas', () => {
    assert.match(errors(form('  - type: input\n    attributes: { label: Password }\n'))[0], /forbids in input and textarea labels \("password"\)/);
    assert.match(errors(form('  - type: textarea\n    attributes: { label: Your admin password }\n'))[0], /forbids/);
    assert.deepEqual(errors(form('  - type: input\n    attributes: { label: Username }\n')), []);
  });

  it('refuses labels and ids that collide after Rails parameterize, unless an id tells them apart', () => {
    assert.equal(parameterize('Name???????'), 'name');
    assert.equal(parameterize('  Crème brûlée / Pie!  '), 'creme-brulee-pie');
    const clash = form('  - type: input\n    attributes: { label: Name? }\n  - type: input\n    id: name\n    attributes: { label: Name??????? }\n');
    assert.deepEqual(errors(clash), [`body[1]: label or id "name" becomes "name" like body[0] after GitHub's normalization: make one of them differ by a letter, digit, - or _, or give it its own id`]);
    assert.deepEqual(errors(form('  - type: input\n    attributes: { label: Name? }\n  - type: input\n    id: your-name\n    attributes: { label: Name??????? }\n')), []);
    assert.match(errors(form('  - type: textarea\n    attributes: { label: Name }\n  - type: textarea\n    attributes: { label: Name }\n')).join('\n'), /duplicate label "Name" \(first at body\[0\]\)/);
  });

  it('refuses a checkbox label equal to another field label (or a peer), unless that field has an id', () => {
    const r = form('  - type: textarea\n    attributes: { label: Name }\n  - type: checkboxes\n    attributes:\n      label: Boxes\n      options:\n        - label: Name\n        - label: Other\n        - label: Other\n');
    assert.deepEqual(errors(r), ['body[1]: checkboxes "Boxes" list "Other" twice', 'body[1]: checkbox "Name" has the label of body[0]: rename one of them, or give that field an id']);
    assert.deepEqual(errors(form('  - type: textarea\n    id: name_1\n    attributes: { label: Name }\n  - type: checkboxes\n    attributes:\n      label: Boxes\n      options:\n        - label: Name\n')), []);
  });

  it('refuses empty strings, and accepts value: and placeholder: left empty (null)', () => {
    assert.deepEqual(errors(parseIssueForm('name: ""\ndescription: d\nassignees: "   "\nbody:\n  - type: input\n    attributes: { label: "  " }\n', 'e.yml', '/t/e.yml')), [
      '`name` is empty: give it text',
      '`assignees` is empty: list logins or remove the key',
      'body[0]: `attributes.label` is empty: give it text',
      '`body` needs at least one field that is not markdown',
    ]);
    const terraformStyle = form('  - type: textarea\n    id: tf-version\n    attributes:\n      label: Terraform Version\n      render: shell\n      placeholder:\n      value:\n    validations:\n      required: true\n');
    assert.deepEqual(terraformStyle.problems, []);
    const f = terraformStyle.form!.body[0] as Extract<IssueForm['body'][number], { type: 'textarea' }>;
    assert.deepEqual([f.value, f.placeholder, f.render], [undefined, undefined, 'shell']);
  });

  it('reads upload fields', () => {
    const r = form('  - type: upload\n    id: logs\n    attributes: { label: Logs, description: Attach them }\n    validations: { required: true }\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.form!.body[0], { type: 'upload', id: 'logs', label: 'Logs', description: 'Attach them', required: true });
    assert.deepEqual(defaultValues(r.form!), { logs: '' });
  });
});

describe('Issue forms: the editor schema accepts the real forms', () => {
  it('youops validate finds no error in the 32 real forms of the corpus (value:/placeholder: left empty included)', async function () {
    this.timeout(30_000);
    const corpus = path.resolve(__dirname, '../../../../test/fixtures/issue-forms');
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-forms-'));
    try {
      const target = path.join(dir, '.github', 'ISSUE_TEMPLATE');
      await fs.mkdir(target, { recursive: true });
      for (const f of await fs.readdir(corpus)) await fs.copyFile(path.join(corpus, f), path.join(target, f));
      let out = '';
      const code = await runCli(['validate', '--cwd', dir, '.github/ISSUE_TEMPLATE/*.y*ml', '--format', 'json'], { out: (t) => (out += t), err: (t) => (out += t) });
      const report = JSON.parse(out) as { files: Array<{ file: string; diagnostics: Array<{ severity: string; message: string }> }> };
      const errors = report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.file}: ${d.message}`));
      assert.deepEqual(errors, []);
      assert.equal(code, 0);
      assert.ok(report.files.length >= 30, `${report.files.length} files validated`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
