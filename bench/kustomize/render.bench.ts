import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KustomizeRenderer } from '../../src/core/kustomize/kustomizeRenderer';
import { kustomizeTool } from '../../src/core/kustomize/kustomizeTool';
import { readKustomizeTree } from '../../src/core/kustomize/kustomizeTree';
import { renderedResources } from '../../src/core/kustomize/renderOverlay';
import { runKustomize } from '../../src/core/kustomize/runKustomize';
import type { ManifestResource } from '../../src/core/manifests/manifestResource';
import { median, printTable } from '../benchUtil';

/**
 * Issue 10's rendering benchmark: a cold render of a 20-resource overlay (wrapper kustomization,
 * the real `kubectl kustomize`, parsing, and the trace of every rendered value) beside the
 * kubectl process start and a bare `kubectl kustomize` of the same overlay (what the GitOps
 * agent itself pays), and a warm refresh with nothing changed (no render: stat calls only).
 */
export async function run(): Promise<void> {
  console.log(`\n== kustomize rendering (issue 10): 20-resource overlay, real kubectl kustomize (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores) ==`);
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    console.log('kubectl not found: skipped (install kubectl ≥ 1.27)');
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-bench-kustomize-'));
  try {
    writeOverlay(root);
    const overlay = path.join(root, 'overlays/prod');
    const tool = kustomizeTool();
    const N = 9;
    // Interleaved, so that the others' load on a shared machine falls on every measurement alike.
    const start: number[] = [];
    const bare: number[] = [];
    const cold: number[] = [];
    const stages = { tree: [] as number[], kustomize: [] as number[], annotated: [] as number[], parse: [] as number[], trace: [] as number[] };
    let resources: ManifestResource[] = [];
    let traced = 0;
    for (let i = 0; i < N; i++) {
      start.push(timed(() => execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' })));
      bare.push(timed(() => execFileSync('kubectl', ['kustomize', overlay], { stdio: ['ignore', 'pipe', 'ignore'] })));
      const t0 = performance.now();
      const r = await new KustomizeRenderer().render({ tool, dir: overlay, rootDir: root });
      traced = traceAll(r.resources);
      cold.push(performance.now() - t0);
      resources = r.resources;
      // The same steps one by one, for where the time goes.
      const a = performance.now();
      const tree = (await readKustomizeTree(overlay))!;
      const b = performance.now();
      const out = await runKustomize({ tool, dir: overlay, label: 'overlays/prod', annotate: false });
      const c = performance.now();
      await runKustomize({ tool, dir: overlay, label: 'overlays/prod', annotate: true });
      const p0 = performance.now();
      stages.annotated.push(p0 - c);
      const parsed = renderedResources(out.yaml, tree, out.wrapperDir);
      const d = performance.now();
      if (parsed.unresolved.length) throw new Error(`origins not found on the tree: ${parsed.unresolved.join(', ')}`);
      traceAll(parsed.resources);
      const e = performance.now();
      stages.tree.push(b - a);
      stages.kustomize.push(c - b);
      stages.parse.push(d - p0);
      stages.trace.push(e - d);
    }
    const renderer = new KustomizeRenderer();
    await renderer.render({ tool, dir: overlay, rootDir: root });
    const warm: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const r = await renderer.render({ tool, dir: overlay, rootDir: root });
      warm.push(performance.now() - t0);
      if (!r.cached) throw new Error('warm refresh rendered again');
    }

    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const startMs = median(start);
    const bareMs = median(bare);
    printTable(
      ['measurement (median)', 'time', 'note'],
      [
        ['kubectl process start (kubectl version --client)', ms(startMs), 'the floor of any render'],
        ['bare kubectl kustomize (the agent\'s own render)', ms(bareMs), `${(bareMs - startMs).toFixed(1)} ms beside the process start`],
        [`YouOps cold render, ${resources.length} objects, ${traced} values traced`, ms(median(cold)), `${(median(cold) - startMs).toFixed(1)} ms beside the process start (target ≤ 300)`],
        ['  read the kustomization tree', ms(median(stages.tree)), ''],
        ['  wrapper + kubectl kustomize', ms(median(stages.kustomize)), 'origins read off the tree'],
        ['  (the same with origin/transformer annotations)', ms(median(stages.annotated)), 'only for objects the tree cannot place'],
        ['  parse, place at origins', ms(median(stages.parse)), ''],
        ['  trace every rendered value', ms(median(stages.trace)), ''],
        ['YouOps warm refresh, nothing changed', ms(median(warm)), `no render (${(bareMs / median(warm)).toFixed(0)}x faster than a bare render)`],
      ],
    );
    console.log(`ratio YouOps cold render / bare kubectl kustomize: ${(median(cold) / bareMs).toFixed(2)}x`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Every leaf of every rendered object traced, as a full hover/decoration pass would. */
function traceAll(resources: ManifestResource[]): number {
  let n = 0;
  const walk = (r: ManifestResource, v: unknown, p: string): void => {
    if (v !== null && typeof v === 'object') {
      for (const [k, c] of Object.entries(v)) walk(r, c, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      return;
    }
    r.rendered?.sourceOf(p);
    n++;
  };
  for (const r of resources) walk(r, r.object, '');
  return n;
}

/** A base of 10 Deployments and 10 Services and a prod overlay using every transformer the trace follows. */
export function writeOverlay(root: string): void {
  const w = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const names = Array.from({ length: 10 }, (_, i) => `svc${i}`);
  w('base/kustomization.yaml', `resources:\n${names.map((n) => `  - ${n}.yaml`).join('\n')}\nconfigMapGenerator:\n  - name: settings\n    literals: [LOG_LEVEL=info, MODE=a]\n`);
  for (const n of names) {
    w(
      `base/${n}.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${n}\n  labels: {app: ${n}}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: ${n}}\n  template:\n    metadata:\n      labels: {app: ${n}}\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/${n}:1.0.0\n          ports: [{containerPort: 8080}]\n          envFrom: [{configMapRef: {name: settings}}]\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${n}\nspec:\n  selector: {app: ${n}}\n  ports: [{port: 80, targetPort: 8080}]\n`,
    );
  }
  w(
    'overlays/prod/kustomization.yaml',
    [
      'resources: [../../base]',
      'namespace: shop-prod',
      'namePrefix: prod-',
      'labels:',
      '  - pairs: {env: prod}',
      '    includeSelectors: true',
      'images:',
      ...names.map((n) => `  - name: ghcr.io/acme/${n}\n    newTag: 1.2.0`),
      'replicas:',
      ...names.map((n) => `  - name: ${n}\n    count: 3`),
      'patches:',
      '  - path: limits.yaml',
      '    target: {kind: Deployment}',
      'configMapGenerator:',
      '  - name: settings',
      '    behavior: merge',
      '    literals: [LOG_LEVEL=warn]',
      '',
    ].join('\n'),
  );
  w('overlays/prod/limits.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          resources:\n            limits: {memory: 512Mi}\n');
}
