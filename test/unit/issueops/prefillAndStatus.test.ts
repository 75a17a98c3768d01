import * as assert from 'node:assert/strict';
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

  it('finds linked pull requests of the same repository', () => {
    assert.deepEqual(linkedPullRequests(['Opened https://github.com/acme/shop-ops/pull/7 and /acme/shop-ops/pull/3', 'see https://github.com/other/repo/pull/9'], 'acme', 'shop-ops'), [3, 7]);
  });
});
