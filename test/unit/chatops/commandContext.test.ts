import * as assert from 'node:assert/strict';
import { feedbackPatternsFor, needsConfirmation, planParameters } from '../../../src/core/chatops/commandCatalogue';
import { contextFromResource, tagOf } from '../../../src/core/chatops/commandContext';
import type { ResourceDrift } from '../../../src/core/drift/environmentDrift';
import type { ChatOpsConfig, EnvironmentConfig } from '../../../src/core/config/types';

function deployment(labels: Record<string, string>, image: string): ResourceDrift {
  const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web-v2', namespace: 'shop', labels }, spec: { template: { spec: { containers: [{ name: 'web', image }] } } } };
  return { key: 'k', id: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web-v2' }, status: 'InSync', fields: [], resource: { id: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web-v2' }, key: 'k', file: '/x.yaml', docIndex: 0, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, object, fields: new Map() } };
}

describe('ChatOps command context', () => {
  it('takes app from app.kubernetes.io/name, version from the first image tag, resource kubectl-style', () => {
    const c = contextFromResource('prod', deployment({ 'app.kubernetes.io/name': 'web', app: 'legacy' }, 'ghcr.io/acme/web:1.4.0'));
    assert.deepEqual(c, { env: 'prod', app: 'web', resource: 'deployment/web-v2', version: '1.4.0' });
  });

  it('falls back to the app label, then the name; reads CronJob pod specs', () => {
    assert.equal(contextFromResource('dev', deployment({ app: 'legacy' }, 'web:1')).app, 'legacy');
    assert.equal(contextFromResource('dev', deployment({}, 'web:1')).app, 'web-v2');
    const cron: ResourceDrift = {
      key: 'c',
      id: { apiVersion: 'batch/v1', kind: 'CronJob', name: 'report' },
      status: 'Extra',
      fields: [],
      live: { kind: 'CronJob', metadata: { name: 'report' }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ image: 'reg:5000/report:2.0' }] } } } } } },
    };
    assert.deepEqual(contextFromResource('dev', cron), { env: 'dev', app: 'report', resource: 'cronjob/report', version: '2.0' });
  });

  it('reads tags past registry ports and shortens digests', () => {
    assert.equal(tagOf('localhost:5000/web'), undefined);
    assert.equal(tagOf('localhost:5000/web:3.1'), '3.1');
    assert.equal(tagOf('web@sha256:0123456789abcdef0123'), 'sha256:0123456789ab');
  });

  it('prefers the context over a configured default, and asks for nothing the context fills', () => {
    const plan = planParameters({ text: 'deploy {{version}} to {{env}} because {{reason}}', params: { version: { default: '1.0' }, reason: { prompt: 'Why?' } } }, { env: 'prod', version: '1.4' });
    assert.deepEqual(plan, [
      { name: 'version', value: '1.4', spec: { default: '1.0' } },
      { name: 'env', value: 'prod', spec: {} },
      { name: 'reason', value: undefined, spec: { prompt: 'Why?' } },
    ]);
    assert.equal(planParameters({ text: '{{version}}', params: { version: { default: '1.0' } } }, {})[0].value, '1.0');
  });

  it('asks for confirmation in protected environments and those a command lists', () => {
    const env = (name: string, protectedEnv = false) => ({ name, protected: protectedEnv, manifests: [] }) as EnvironmentConfig;
    assert.equal(needsConfirmation({ confirm: [] }, env('prod', true)), true);
    assert.equal(needsConfirmation({ confirm: ['staging'] }, env('staging')), true);
    assert.equal(needsConfirmation({ confirm: ['staging'] }, env('dev')), false);
    assert.equal(needsConfirmation(undefined, env('prod', true)), true, 'free-form messages too');
    assert.equal(needsConfirmation({ confirm: ['prod'] }, undefined), false);
  });

  it("uses a command's own reply patterns before the config's", () => {
    const chatops: ChatOpsConfig = { transports: {}, commands: [], feedback: { success: ['^shipped'] } };
    assert.equal(feedbackPatternsFor(chatops).success[0].source, '^shipped');
    assert.equal(feedbackPatternsFor(chatops, { success: ['^yay'] }).success[0].source, '^yay');
    assert.ok(feedbackPatternsFor(chatops).failure.length > 0, 'failure keeps the defaults');
  });
});
