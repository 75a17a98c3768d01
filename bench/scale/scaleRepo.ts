import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { generateDriftCorpus, type DriftPair } from '../drift/driftCorpus';

/** What a generated repository holds, for the bench to check its answers against. */
export interface ScaleRepo {
  dir: string;
  envs: string[];
  manifestFiles: string[];
  snapshotFiles: string[];
  manifestBytes: number;
  snapshotBytes: number;
  resources: number;
  /** Drifted fields injected into the live state (the answer `drift` must give). */
  injectedFields: number;
}

/**
 * A GitOps repository at scale: per environment, `files` manifest files of `perFile` resources
 * (Deployments, StatefulSets, Services, ConfigMaps) and a `kubectl get -o yaml` export of the
 * same objects as the API server returns them (status, managedFields, defaults, injected
 * sidecars, reordered lists), with drift injected into one object in ten. One Git commit.
 */
export async function generateScaleRepo(dir: string, options: { envs: number; files: number; perFile: number }): Promise<ScaleRepo> {
  await fs.rm(dir, { recursive: true, force: true });
  const repo: ScaleRepo = { dir, envs: [], manifestFiles: [], snapshotFiles: [], manifestBytes: 0, snapshotBytes: 0, resources: 0, injectedFields: 0 };
  const config: string[] = ['version: 1', 'environments:'];
  for (let e = 0; e < options.envs; e++) {
    const env = options.envs === 1 ? 'prod' : `env-${String(e + 1).padStart(2, '0')}`;
    repo.envs.push(env);
    const pairs = generateDriftCorpus(options.files * options.perFile, 1000 + e);
    const manifestDir = path.join(dir, 'envs', env);
    await fs.mkdir(manifestDir, { recursive: true });
    for (let f = 0; f < options.files; f++) {
      const docs = pairs.slice(f * options.perFile, (f + 1) * options.perFile).map((p) => jsyaml.dump(p.desired, { noArrayIndent: true, lineWidth: -1 }));
      const file = path.join(manifestDir, `resources-${String(f + 1).padStart(3, '0')}.yaml`);
      const text = docs.join('---\n');
      await fs.writeFile(file, text);
      repo.manifestFiles.push(file);
      repo.manifestBytes += Buffer.byteLength(text);
    }
    const snapshot = path.join(dir, 'live', `${env}.yaml`);
    await fs.mkdir(path.dirname(snapshot), { recursive: true });
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: pairs.map((p: DriftPair) => p.live) };
    const exported = jsyaml.dump(list, { noArrayIndent: true, lineWidth: -1 });
    await fs.writeFile(snapshot, exported);
    repo.snapshotFiles.push(snapshot);
    repo.snapshotBytes += Buffer.byteLength(exported);
    repo.resources += pairs.length;
    repo.injectedFields += pairs.reduce((n, p) => n + p.injected.length, 0);
    config.push(`  - name: ${env}`, `    manifests: envs/${env}`, `    live:`, `      snapshot: live/${env}.yaml`);
  }
  await fs.writeFile(path.join(dir, 'youops.yaml'), config.join('\n') + '\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'scale repository');
  return repo;
}
