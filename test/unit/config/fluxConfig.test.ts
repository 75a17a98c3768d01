import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { createLiveProvider } from '../../../src/core/live/createProvider';
import { FluxProvider } from '../../../src/core/live/fluxProvider';
import { LiveStateError } from '../../../src/core/live/provider';
import { listOperations } from '../../../src/core/operations/agentOperations';

describe('youops.yaml: the flux live source and agent operations', () => {
  it('reads a Kustomization or a HelmRelease, defaulting the namespace to flux-system', () => {
    const r = parseConfigText(`version: 1
environments:
  - { name: a, manifests: a, live: { flux: { kustomization: apps-prod } } }
  - { name: b, manifests: b, live: { flux: { helmRelease: podinfo, namespace: shop, context: kind-prod, kubeconfig: ~/.kube/prod } } }
`);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config!.environments[0].live, { provider: 'flux', kind: 'Kustomization', name: 'apps-prod' });
    assert.deepEqual(r.config!.environments[1].live, { provider: 'flux', kind: 'HelmRelease', name: 'podinfo', namespace: 'shop', context: 'kind-prod', kubeconfig: '~/.kube/prod' });
    const provider = createLiveProvider(r.config!.environments[0].live!, { rootDir: '/repo', trusted: true });
    assert.ok(provider instanceof FluxProvider);
    assert.throws(() => createLiveProvider(r.config!.environments[0].live!, { rootDir: '/repo', trusted: false }), (e: unknown) => e instanceof LiveStateError && e.message === 'the flux live source runs kubectl: trust this workspace to use it');
  });

  it('asks for exactly one Flux object, a namespace name and known fields, on the right line', () => {
    const messages = (text: string) => parseConfigText(`version: 1\nenvironments:\n  - name: a\n    manifests: a\n    live:\n${text}`).problems.map((p) => `${p.range.start.line + 1}: ${p.message}`);
    assert.deepEqual(messages('      flux: { namespace: flux-system }\n'), ['6: environments[0].live.flux: name exactly one Flux object: kustomization: NAME or helmRelease: NAME']);
    assert.deepEqual(messages('      flux: { kustomization: a, helmRelease: b }\n'), ['6: environments[0].live.flux: name exactly one Flux object: kustomization: NAME or helmRelease: NAME']);
    assert.deepEqual(messages('      flux: { kustomization: a, namespace: Flux_System }\n'), ['6: environments[0].live.flux.namespace: "Flux_System" is not a Kubernetes namespace name: lowercase letters, digits and -']);
    assert.match(messages('      flux: { kustomisation: a }\n').join('\n'), /unknown field "kustomisation" — did you mean "kustomization"\?/);
  });

  it('reads agent operations beside the others, and warns when no environment has their source', () => {
    const r = parseConfigText(`version: 1
environments:
  - { name: prod, manifests: p, live: { flux: { kustomization: prod } } }
chatops:
  transports: { slack: { channel: "#ops" } }
  commands: [{ name: restart, text: "<@U0BOT> restart", via: slack }]
operations:
  promote: gitops
  reconcile: flux:reconcile
  refresh-all: flux:reconcile-with-source
  pause: flux:suspend
  unpause: flux:resume
  sync-now: argocd:sync
  restart: chatops:restart
`);
    assert.deepEqual(r.config!.operations, { promote: { channel: 'gitops' }, restart: { channel: 'chatops', command: 'restart' } });
    assert.deepEqual(r.config!.agentOperations, {
      reconcile: { channel: 'flux', action: 'reconcile', withSource: false },
      'refresh-all': { channel: 'flux', action: 'reconcile', withSource: true },
      pause: { channel: 'flux', action: 'suspend', withSource: false },
      unpause: { channel: 'flux', action: 'resume', withSource: false },
      'sync-now': { channel: 'argocd', action: 'sync' },
    });
    assert.deepEqual(listOperations(r.config!).map((o) => o.name), ['promote', 'reconcile', 'refresh-all', 'pause', 'unpause', 'sync-now', 'restart'], "youops.yaml's order");
    const { operationOrder: _, ...unordered } = r.config!;
    assert.deepEqual(listOperations(unordered).map((o) => o.name), ['promote', 'restart', 'reconcile', 'refresh-all', 'pause', 'unpause', 'sync-now'], 'without an order: the editor’s channels, then the agent’s');
    assert.deepEqual(r.problems.map((p) => `${p.severity}: ${p.message}`), ['warning: operation "sync-now" acts on an Argo CD application, but no environment has an argocd live source']);
    const bad = parseConfigText('version: 1\nenvironments: [{ name: a, manifests: a }]\noperations: { r: "flux:rollback" }\n');
    assert.match(bad.problems[0].message, /operations\.r: "flux:rollback" is not a channel: use gitops, issueops:<template>, chatops:<command>, flux:reconcile, flux:reconcile-with-source, flux:suspend, flux:resume or argocd:sync/);
  });
});
