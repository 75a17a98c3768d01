import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LiveStateError, type LiveFetchRequest, type LiveObject, type LiveState, type LiveStateProvider } from './provider';
import { parseLiveObjects } from './parseLiveObjects';
import { readSnapshotRevision } from '../revision/snapshotRevision';
import type { DeployedRevision } from '../revision/deployedRevision';

const SNAPSHOT_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Live state exported to files (e.g. by CI running `kubectl get -o yaml`). Reads only
 * files, so it is safe in untrusted workspaces. The export is taken as the whole
 * truth: complete, so objects only in it are Extra. A revision file exported with it
 * (see snapshotRevision) says which commit was deployed.
 */
export class SnapshotProvider implements LiveStateProvider {
  readonly name = 'snapshot';

  /** @param snapshotPath absolute folder or file */
  constructor(private readonly snapshotPath: string) {}

  async fetch(request: LiveFetchRequest): Promise<LiveState> {
    const stat = await fs.stat(this.snapshotPath).catch(() => undefined);
    if (!stat) throw new LiveStateError(this.name, `snapshot folder ${this.snapshotPath} does not exist`);
    const files = stat.isDirectory() ? await listSnapshotFiles(this.snapshotPath) : [this.snapshotPath];
    const objects: LiveObject[] = [];
    for (const file of files) {
      request.signal?.throwIfAborted();
      const text = await fs.readFile(file, 'utf8');
      const parsed = parseLiveObjects(text, file);
      if (parsed.error) throw new LiveStateError(this.name, `snapshot file is not valid YAML/JSON: ${parsed.error}`);
      objects.push(...parsed.objects);
    }
    const revision = await this.readRevision(stat.isDirectory());
    return { objects, complete: true, fetchedAt: new Date(), ...(revision ? { revision } : {}) };
  }

  async deployedRevision(): Promise<DeployedRevision | undefined> {
    const stat = await fs.stat(this.snapshotPath).catch(() => undefined);
    if (!stat) throw new LiveStateError(this.name, `snapshot folder ${this.snapshotPath} does not exist`);
    return this.readRevision(stat.isDirectory());
  }

  private async readRevision(isDirectory: boolean): Promise<DeployedRevision | undefined> {
    try {
      return await readSnapshotRevision(this.snapshotPath, isDirectory);
    } catch (e) {
      throw new LiveStateError(this.name, `cannot read the snapshot's revision file: ${(e as Error).message}`);
    }
  }
}

async function listSnapshotFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listSnapshotFiles(abs)));
    else if (SNAPSHOT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(abs);
  }
  return out;
}
