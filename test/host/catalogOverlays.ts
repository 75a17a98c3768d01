import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './codeServer';

export const CATALOG_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'kustomize', 'catalog');
export const CATALOG_STAGING = 'catalog-staging';
export const CATALOG_PROD = 'catalog-prod';
/** The files, relative to the workspace. */
export const CATALOG = {
  base: 'apps/catalog/base/deployment.yaml',
  stagingPatch: 'apps/catalog/overlays/staging/deployment-patch.yaml',
  prodPatch: 'apps/catalog/overlays/prod/deployment-patch.yaml',
  prodKustomization: 'apps/catalog/overlays/prod/kustomization.yaml',
};

/**
 * Adds the catalog app (a base with staging and prod overlays: patches, `images:`, a merged
 * generator) to a demo workspace as two environments, and commits it. Their live state is the
 * real `kubectl kustomize` rendering as a cluster holds it (server fields added): staging
 * exactly; prod with 2 replicas (its patch says 3) and a grace period of 60 s (the base says 30).
 */
export function addCatalogOverlays(dir: string): void {
  fs.cpSync(CATALOG_FIXTURE, dir, { recursive: true });
  const overlay = (env: string) => path.join(dir, 'apps/catalog/overlays', env);
  writeLive(dir, CATALOG_STAGING, rendered(overlay('staging')));
  writeLive(
    dir,
    CATALOG_PROD,
    rendered(overlay('prod')).map((o) => {
      if (o.kind === 'Deployment') {
        o.spec.replicas = 2;
        o.spec.template.spec.terminationGracePeriodSeconds = 60;
      }
      return o;
    }),
  );
  const configFile = path.join(dir, 'youops.yaml');
  const envs = [
    `  - name: ${CATALOG_STAGING}`,
    '    manifests: apps/catalog/overlays/staging',
    '    live:',
    `      snapshot: .youops/live/${CATALOG_STAGING}`,
    `  - name: ${CATALOG_PROD}`,
    '    manifests: apps/catalog/overlays/prod',
    `    promotesFrom: ${CATALOG_STAGING}`,
    '    live:',
    `      snapshot: .youops/live/${CATALOG_PROD}`,
    '',
  ].join('\n');
  fs.writeFileSync(configFile, fs.readFileSync(configFile, 'utf8').replace(/\ndrift:/, `\n${envs}\ndrift:`));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=YouOps Demo', '-c', 'user.email=demo@youops.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      stdio: 'pipe',
    });
  git('add', '-A', '--', 'apps', '.youops', 'youops.yaml');
  git('commit', '-q', '-m', 'catalog: base and overlays for staging and prod');
}

/** `kubectl kustomize` of an overlay, as the objects a cluster would hold. */
function rendered(overlay: string): Array<Record<string, any>> {
  const yaml = execFileSync('kubectl', ['kustomize', overlay], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return parseAllDocuments(yaml).map((d, i) => {
    const o = d.toJS() as Record<string, any>;
    o.metadata.uid = `6a1e0c2d-0000-4000-8000-00000000000${i}`;
    o.metadata.resourceVersion = String(7000 + i);
    o.metadata.creationTimestamp = '2026-11-20T09:14:03Z';
    if (o.kind === 'Deployment') o.status = { replicas: o.spec.replicas, readyReplicas: o.spec.replicas };
    return o;
  });
}

function writeLive(dir: string, env: string, items: unknown[]): void {
  const file = path.join(dir, '.youops/live', env, 'catalog.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2) + '\n');
}
