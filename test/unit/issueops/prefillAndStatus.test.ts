import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultValues } from '../../../src/core/issueops/formValues';
import { inputFields } from '../../../src/core/issueops/issueTemplate';
import type { GitHubComment } from '../../../src/core/github/types';
import type { IssueForm } from '../../../src/core/issueops/issueTemplate';
import { parseIssueForm } from '../../../src/core/issueops/parseIssueForm';
import { describeContext, prefillForm } from '../../../src/core/issueops/prefillForm';
import { contextFromObject, imageTag } from '../../../src/core/issueops/ticketContext';
import { readTicketMarker, ticketMarker } from '../../../src/core/issueops/ticketMarker';
import { isBotComment, linkedPullRequests, ticketStatus } from '../../../src/core/issueops/ticketStatus';

const FORM = parseIssueForm(
  `name: Deploy
description: d
body:
  - type: dropdown
    id: environment
    attributes: { label: Environment, options: [dev, staging, prod], default: 0 }
  - type: input
    id: service
    attributes: { label: Service }
  - type: input
    id: version
    attributes: { label: Version }
  - type: input
    id: git-ref
    attributes: { label: Git ref }
  - type: input
    attributes: { label: Kubernetes resource }
  - type: textarea
    id: reason
    attributes: { label: Reason }
  - type: input
    id: duration
    attributes: { label: Duration, value: 4h }
  - type: checkboxes
    id: checks
    attributes: { label: Checks, options: [{ label: ok }] }
`,
  'd.yml',
  '/d.yml',
).form as IssueForm;

describe('Prefilling tickets from the editor context', () => {
  const web = { metadata: { name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'shop-web' } }, spec: { template: { spec: { containers: [{ name: 'web', image: 'ghcr.io/acme/shop-web:1.4.2' }] } } } };

  it('reads app, image and version from a workload', () => {
    assert.deepEqual(contextFromObject(web), { app: 'shop-web', image: 'ghcr.io/acme/shop-web:1.4.2', version: '1.4.2' });
    assert.deepEqual(contextFromObject({ metadata: { name: 'cfg' } }), { app: 'cfg', image: undefined, version: undefined });
    assert.equal(imageTag('localhost:5000/web'), undefined);
    assert.equal(imageTag('web@sha256:abc'), 'sha256:abc');
  });

  it('fills environment, service, version, ref, resource and reason; keeps other defaults', () => {
    const values = prefillForm(FORM, {
      env: 'prod',
      resource: { kind: 'Deployment', name: 'web', namespace: 'shop' },
      ...contextFromObject(web),
      gitRef: 'main',
      drift: ['spec.replicas: desired 3, live 2'],
      selection: 'replicas: 3\n',
    });
    assert.deepEqual(values, {
      environment: ['prod'],
      service: 'shop-web',
      version: '1.4.2',
      'git-ref': 'main',
      'field-4': 'Deployment shop/web',
      reason: 'Resource: `Deployment shop/web` in prod\n\nDrift found by YouOps:\n- spec.replicas: desired 3, live 2\n\n```\nreplicas: 3\n```',
      duration: '4h',
      checks: [false],
    });
  });

  it('leaves a dropdown at its default when the context value is not an option', () => {
    assert.deepEqual(prefillForm(FORM, { env: 'preview' }).environment, ['dev']);
    assert.equal(describeContext({}), undefined);
  });
});

describe('Ticket marker and status from bot comments', () => {
  const comment = (body: string, login = 'issueops-bot[bot]', type = 'Bot'): GitHubComment => ({ id: 1, body, user: { login, type }, htmlUrl: '', createdAt: '', updatedAt: '' });

  it('round-trips the hidden ticket marker', () => {
    const m = ticketMarker({ template: 'deploy-request.yml', env: 'prod' });
    assert.equal(m, '<!-- youops:ticket template=deploy-request.yml env=prod -->');
    assert.deepEqual(readTicketMarker(`body\n\n${m}`), { template: 'deploy-request.yml', env: 'prod' });
    assert.equal(readTicketMarker('no marker'), undefined);
  });

  it('takes the latest bot comment as status: success, failure or pending', () => {
    assert.deepEqual(ticketStatus([]), { outcome: 'pending' });
    assert.equal(ticketStatus([comment('✅ Deployed web 1.4.2 to prod')]).outcome, 'success');
    assert.equal(ticketStatus([comment('✅ done'), comment('❌ Deployment failed: image not found')]).outcome, 'failure');
    assert.equal(ticketStatus([comment('Working on it…')]).outcome, 'pending');
    const s = ticketStatus([comment('## ✅ Approved\n\ndetails'), comment('thanks!', 'octocat', 'User')]);
    assert.equal(s.outcome, 'success', 'human comments are not the status');
    assert.equal(s.summary, '✅ Approved');
    assert.ok(isBotComment(comment('x', 'github-actions[bot]', 'Bot')));
    assert.ok(isBotComment(comment('x', 'deploy-bot', 'User')));
    assert.ok(!isBotComment(comment('x', 'octocat', 'User')));
  });

  it("reads branch-deploy's comments by their heading: a branch named fix-failed-login is not a failure", () => {
    const triggered = '### Deployment Triggered 🚀\n\n__octocat__, started a __branch__ deployment to __prod__\n\n> __Branch__: `fix-failed-login`';
    assert.equal(ticketStatus([comment(triggered, 'github-actions[bot]')]).outcome, 'pending');
    assert.equal(ticketStatus([comment('### Deployment Results ✅\n\n**octocat** successfully deployed branch `fix-failed-login` to **prod**', 'github-actions[bot]')]).outcome, 'success');
    assert.equal(ticketStatus([comment('### ⚠️ Cannot proceed with deployment\n\nNo matching environment target found.', 'github-actions[bot]')]).outcome, 'failure');
  });

  it('finds linked pull requests of the same repository', () => {
    assert.deepEqual(linkedPullRequests(['Opened https://github.com/acme/shop-ops/pull/7 and /acme/shop-ops/pull/3', 'see https://github.com/other/repo/pull/9'], 'acme', 'shop-ops'), [3, 7]);
  });
});

describe('Prefill on real issue forms fills a field only when it asks for that very thing', () => {
  const dir = path.resolve(__dirname, '../../../../test/fixtures/issue-forms');
  const context = { env: 'prod', resource: { kind: 'Deployment', name: 'web', namespace: 'shop' }, app: 'web', image: 'ghcr.io/acme/web:1.4.2', version: '1.4.2', gitRef: 'main', drift: ['spec.replicas: desired 3, live 2'] };

  it('leaves "OS version", "Kubernetes version", "Terraform version", "Helm version" and "Error component stack" alone', () => {
    const filledFields: string[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const form = parseIssueForm(fs.readFileSync(path.join(dir, file), 'utf8'), file, file).form!;
      const values = prefillForm(form, context);
      const defaults = defaultValues(form);
      for (const f of inputFields(form)) if (JSON.stringify(values[f.id]) !== JSON.stringify(defaults[f.id])) filledFields.push(`${file}: ${f.label} = ${String(values[f.id]).split('\n')[0]}`);
    }
    // Reviewed one by one: each field asks for the app's version or for a description of the problem.
    assert.deepEqual(filledFields, [
      'ansible__ansible__bug_report.yml: Summary = Resource: `Deployment shop/web` in prod',
      'fluxcd__flux2__bug_report.yaml: Additional context = Resource: `Deployment shop/web` in prod',
      'grafana__grafana__0-bug-report.yaml: What happened? = Resource: `Deployment shop/web` in prod',
      'hashicorp__terraform__bug_report.yml: Additional Context = Resource: `Deployment shop/web` in prod',
      'home-assistant__core__task.yml: Task description = Resource: `Deployment shop/web` in prod',
      'home-assistant__core__task.yml: Additional context = Resource: `Deployment shop/web` in prod',
      'kubernetes__kubernetes__failing-test.yaml: Reason for failure (if possible) = Resource: `Deployment shop/web` in prod',
      'kubernetes__kubernetes__flaking-test.yaml: Reason for failure (if possible) = Resource: `Deployment shop/web` in prod',
      'nodejs__node__1-bug-report.yml: Version = 1.4.2',
      'vitejs__vite__docs.yml: Explain in Detail = Resource: `Deployment shop/web` in prod',
      'vitejs__vite__feature_request.yml: Description = Resource: `Deployment shop/web` in prod',
      'vitejs__vite__feature_request.yml: Additional context = Resource: `Deployment shop/web` in prod',
    ]);
  });

  it('still fills the fields of a deploy form, whatever their wording', () => {
    const form = parseIssueForm(
      'name: D\ndescription: d\nbody:\n  - type: input\n    attributes: { label: Which version of the app? }\n  - type: input\n    attributes: { label: Image tag }\n  - type: input\n    attributes: { label: Target environment }\n  - type: input\n    attributes: { label: OS version }\n  - type: input\n    id: kubeVersion\n    attributes: { label: Cluster }\n  - type: input\n    attributes: { label: Service name }\n',
      'd.yml',
      '/t/d.yml',
    ).form!;
    assert.deepEqual(Object.values(prefillForm(form, context)), ['1.4.2', '1.4.2', 'prod', '', '', 'web']);
  });
});
