import * as assert from 'node:assert/strict';
import { checkBodyLength, MAX_BODY_CHARS } from '../../../src/core/issueops/bodyLimit';
import type { IssueForm } from '../../../src/core/issueops/issueTemplate';
import { parseIssueBody } from '../../../src/core/issueops/parseIssueBody';
import { parseIssueForm } from '../../../src/core/issueops/parseIssueForm';
import { renderIssueBody } from '../../../src/core/issueops/renderIssueBody';
import { hasPlaceholder, renderTitle, unreplacedPlaceholders } from '../../../src/core/issueops/renderTitle';
import { validateForm } from '../../../src/core/issueops/validateForm';

const FORM = parseIssueForm(
  `name: Deploy request
description: d
body:
  - type: markdown
    attributes: { value: "Not rendered" }
  - type: dropdown
    id: environment
    attributes: { label: Environment, options: [dev, staging, prod] }
    validations: { required: true }
  - type: input
    id: service
    attributes: { label: Service }
    validations: { required: true }
  - type: input
    id: version
    attributes: { label: Version }
  - type: textarea
    id: reason
    attributes: { label: Reason }
  - type: textarea
    id: logs
    attributes: { label: Logs }
    render: shell
  - type: dropdown
    id: regions
    attributes: { label: Regions, multiple: true, options: [eu, us, ap] }
  - type: checkboxes
    id: checks
    attributes:
      label: Checks
      options:
        - label: The version passed staging
          required: true
        - label: The change has a rollback plan
`,
  'deploy.yml',
  '/t/deploy.yml',
).form as IssueForm;

describe('Issue forms: the body exactly as GitHub renders it', () => {
  it('renders filled values, _No response_, code blocks, joined choices and checkboxes', () => {
    const body = renderIssueBody(FORM, {
      environment: ['prod'],
      service: '  web ',
      version: '',
      reason: 'Roll out the fix.\nSecond line.\n\n',
      logs: 'kubectl get pods',
      regions: ['eu', 'ap'],
      checks: [true, false],
    });
    assert.equal(
      body,
      [
        '### Environment',
        '',
        'prod',
        '',
        '### Service',
        '',
        'web',
        '',
        '### Version',
        '',
        '_No response_',
        '',
        '### Reason',
        '',
        'Roll out the fix.\nSecond line.',
        '',
        '### Logs',
        '',
        '```shell\nkubectl get pods\n```',
        '',
        '### Regions',
        '',
        'eu, ap',
        '',
        '### Checks',
        '',
        '- [X] The version passed staging',
        '- [ ] The change has a rollback plan',
      ].join('\n'),
    );
  });

  it('renders an untouched form as GitHub does: _No response_ for text, None for dropdowns, unchecked boxes', () => {
    assert.equal(
      renderIssueBody(FORM, {}),
      '### Environment\n\nNone\n\n### Service\n\n_No response_\n\n### Version\n\n_No response_\n\n### Reason\n\n_No response_\n\n### Logs\n\n_No response_\n\n### Regions\n\nNone\n\n### Checks\n\n- [ ] The version passed staging\n- [ ] The change has a rollback plan',
    );
  });

  it('parses a rendered body back into label → value', () => {
    const body = '<!-- youops:ticket env=staging -->\n\n' + renderIssueBody(FORM, { environment: ['staging'], service: 'web', checks: [true, true] });
    const sections = parseIssueBody(body);
    assert.equal(sections.get('Environment'), 'staging');
    assert.equal(sections.get('Service'), 'web');
    assert.equal(sections.get('Version'), '');
    assert.equal(sections.get('Regions'), '', 'None is no choice');
    assert.equal(sections.get('Checks'), '- [X] The version passed staging\n- [X] The change has a rollback plan');
  });

  it('enforces required fields, required checkboxes and known options like the web form', () => {
    assert.deepEqual(validateForm(FORM, { service: ' ', environment: ['qa'], regions: ['eu', 'mars'], checks: [false, true] }), [
      { fieldId: 'environment', message: '"Environment" has no option "qa" (options: dev, staging, prod)' },
      { fieldId: 'service', message: '"Service" is required' },
      { fieldId: 'regions', message: '"Regions" has no option "mars" (options: eu, us, ap)' },
      { fieldId: 'checks', message: '"Checks": "The version passed staging" must be checked' },
    ]);
    assert.deepEqual(validateForm(FORM, { environment: [] , service: 'web', checks: [true, false] }).map((p) => p.message), ['"Environment" is required: choose one of dev, staging, prod']);
    assert.deepEqual(validateForm(FORM, { environment: ['dev'], service: 'web', checks: [true, false] }), []);
  });

  it('fills title placeholders from the form and leaves unknown ones', () => {
    assert.equal(renderTitle('[deploy] <service> to <environment>', FORM, { service: 'web', environment: ['prod'] }), '[deploy] web to prod');
    const partial = renderTitle('[deploy] <service> to <environment> by <who>', FORM, { service: 'web' });
    assert.equal(partial, '[deploy] web to <environment> by <who>');
    assert.equal(hasPlaceholder(partial, '[deploy] <service> to <environment> by <who>'), true);
    assert.equal(renderTitle(undefined, FORM, {}), '');
  });

  it("counts only the template's own title placeholders as unreplaced", () => {
    assert.equal(hasPlaceholder('Support Map<string, number>', '[Feature]: '), false, 'a typed generic is not a placeholder');
    assert.equal(hasPlaceholder('[deploy] web to <environment>', '[deploy] <service> to <environment>'), true);
    assert.equal(hasPlaceholder('[deploy] web to prod', '[deploy] <service> to <environment>'), false);
    assert.deepEqual(unreplacedPlaceholders('[New Data Source]: <name-of-service>', '[New Data Source]: <name-of-service>'), ['<name-of-service>']);
  });

  it("enforces GitHub's 65,536-character limit before sending", () => {
    assert.equal(checkBodyLength('x'.repeat(MAX_BODY_CHARS)), undefined);
    assert.equal(checkBodyLength('x'.repeat(MAX_BODY_CHARS + 10)), 'The ticket body has 65,546 characters; GitHub accepts at most 65,536 (10 too many). Shorten the longest field and send again.');
  });
});
