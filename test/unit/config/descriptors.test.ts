import * as assert from 'node:assert/strict';
import { transportsSchema, TRANSPORT_KINDS } from '../../../src/core/chatops/transportSettings';
import { configJsonSchema } from '../../../src/core/config/configSchema';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { LIVE_PROVIDER_NAMES, liveSchema } from '../../../src/core/config/liveSources';

const BASE = 'version: 1\nenvironments:\n  - name: prod\n    manifests: envs/prod\n';

describe('live-source and transport descriptors', () => {
  const schema = configJsonSchema as unknown as {
    definitions: { live: unknown };
    properties: { chatops: { properties: { transports: unknown; commands: { items: { properties: { via: unknown } } } } } };
  };

  it('are what the shipped youops.schema.json says (npm run generate:config-schema writes it)', () => {
    assert.deepEqual(schema.definitions.live, liveSchema());
    assert.deepEqual(schema.properties.chatops.properties.transports, transportsSchema().transports);
    assert.deepEqual(schema.properties.chatops.properties.commands.items.properties.via, transportsSchema().via);
  });

  it('parse every kind into its settings, and name each kind in the one-provider message', () => {
    assert.deepEqual(LIVE_PROVIDER_NAMES, ['snapshot', 'gitRef', 'command', 'kubectl', 'argocd', 'flux']);
    assert.deepEqual(TRANSPORT_KINDS, ['slack', 'webhook', 'github', 'http']);
    const argocd = parseConfigText(`${BASE}    live: { argocd: { server: "https://argocd.example.com", app: shop } }\n`);
    assert.deepEqual(argocd.config?.environments[0].live, { provider: 'argocd', server: 'https://argocd.example.com', app: 'shop' });
    const two = parseConfigText(`${BASE}    live: { snapshot: live/prod, kubectl: {} }\n`);
    assert.match(two.problems[0].message, /must name exactly one live-state provider \(snapshot, gitRef, command, kubectl, argocd or flux\)/);
  });

  it('refuse a live source no descriptor knows instead of reading it as another kind', () => {
    const r = parseConfigText(`${BASE}    live: { pulumi: { stack: prod } }\n`);
    assert.equal(r.config, undefined);
    assert.match(r.problems.map((p) => p.message).join('\n'), /unknown field "pulumi"/);
  });
});
