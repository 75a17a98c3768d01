import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ValueSource } from '../../../src/core/kustomize/valueSources';

export const SHOP_FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/kustomize/shop');

/** These tests run the real kustomize built into kubectl; v5 is what the issue names (kubectl ≥ 1.27). */
export function requireKustomizeV5(): void {
  let out = '';
  try {
    out = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 10_000 });
  } catch (e) {
    throw new Error(`these tests run the real kubectl kustomize, and kubectl is not usable here (${(e as Error).message}); install kubectl ≥ 1.27`);
  }
  if (!/Kustomize Version: v5\./.test(out)) throw new Error(`these tests need kustomize v5 (kubectl ≥ 1.27); kubectl reports:\n${out}`);
}

/** A fresh copy of a fixture tree in a temp folder (renders, edits and Git stay out of the repository). */
export function copyFixture(src: string, prefix = 'youops-kustomize-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}

/** A fixture tree as relative path → text, for a Git fixture to commit. */
export function fixtureFiles(src: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else files[path.relative(src, abs)] = fs.readFileSync(abs, 'utf8');
    }
  };
  walk(src);
  return files;
}

/**
 * The shop fixture as files to commit, plus values staging and prod each set in their own overlay
 * (a patch, an inline patch, an env file) and one prod takes from the base staging overrides (the
 * proxy's imagePullPolicy).
 */
export function promotionShopFiles(config: string): Record<string, string> {
  const files: Record<string, string> = { ...fixtureFiles(SHOP_FIXTURE), 'youops.yaml': config };
  files['overlays/staging/kustomization.yaml'] += [
    'patches:',
    '  - patch: |-',
    '      apiVersion: apps/v1',
    '      kind: Deployment',
    '      metadata:',
    '        name: web',
    '      spec:',
    '        template:',
    '          spec:',
    '            containers:',
    '              - name: web',
    '                env:',
    '                  - name: REGION',
    '                    value: us-east-1',
    '                resources:',
    '                  limits:',
    '                    memory: 640Mi',
    '              - name: proxy',
    '                imagePullPolicy: Always',
    '',
  ].join('\n');
  files['base/deployment.yaml'] += '          imagePullPolicy: IfNotPresent\n';
  files['overlays/prod/kustomization.yaml'] = files['overlays/prod/kustomization.yaml'].replace('    literals:\n      - LOG_LEVEL=warn\n', '    literals:\n      - LOG_LEVEL=warn\n    envs:\n      - checkout.env\n');
  files['overlays/prod/checkout.env'] = '# prod keeps the old checkout until the load test\nFEATURE_CHECKOUT=false\n';
  files['overlays/staging/settings.env'] = '# staging turns the new checkout on\nFEATURE_CHECKOUT=true\n';
  return files;
}

/** The shop fixture as two environments, each with its live state in a snapshot folder (live/<env>). */
export const SHOP_CONFIG = `version: 1
environments:
  - name: staging
    manifests: overlays/staging
    live:
      snapshot: live/staging
  - name: prod
    manifests: overlays/prod
    promotesFrom: staging
    live:
      snapshot: live/prod
`;

export function write(root: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** `overlays/prod/kustomization.yaml:17 replicas replicas[web].count` — one line per step of the chain. */
export function describeSource(root: string, s: ValueSource | undefined): string[] {
  const out: string[] = [];
  for (let x = s; x; x = x.overrides) {
    out.push(`${path.relative(root, x.file)}:${x.range.start.line + 1}${x.ancestor ? ' (ancestor)' : ''} ${x.setBy}${x.entry ? ` ${x.entry}` : ''}`);
  }
  return out;
}

/**
 * What the cluster holds after applying the real `kubectl kustomize` output, as a kubectl List
 * export would show it (server fields and status added), with `edit` applied to each object.
 */
export function liveSnapshotOf(overlay: string, edit: (o: Record<string, any>) => void = () => undefined): string {
  const yaml = execFileSync('kubectl', ['kustomize', overlay], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const items = parseAllDocuments(yaml).map((d, i) => {
    const o = d.toJS() as Record<string, any>;
    o.metadata.uid = `00000000-0000-0000-0000-00000000000${i}`;
    o.metadata.resourceVersion = String(1000 + i);
    o.metadata.creationTimestamp = '2024-05-01T10:00:00Z';
    if (o.kind === 'Deployment') o.status = { replicas: o.spec.replicas, readyReplicas: o.spec.replicas };
    edit(o);
    return o;
  });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
}

/** SHOP_CONFIG's live state: staging exactly as rendered, prod as rendered with `editProd` applied to each object. */
export function writeShopLive(root: string, editProd: (o: Record<string, any>) => void): void {
  write(root, 'live/staging/export.json', liveSnapshotOf(path.join(root, 'overlays/staging')));
  write(root, 'live/prod/export.json', liveSnapshotOf(path.join(root, 'overlays/prod'), editProd));
}
