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
