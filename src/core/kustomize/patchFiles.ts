import * as path from 'node:path';
import { findKustomization } from '../manifests/kustomization';
import { nodeFileSystem, type ManifestFileSystem } from '../manifests/manifestFileSystem';
import { isRecord } from '../manifests/resourceId';
import { listEntries, parseKustomization } from './kustomizationModel';
import { FILE_LIMITS } from '../files/readBounded';

/** How many folders up a patch file's kustomization is looked for (kustomize only reads patches inside its own folder tree). */
const MAX_LEVELS = 8;

/**
 * Which files kustomizations use as strategic-merge patches (`patches: - path:`, legacy
 * `patchesStrategicMerge:`), so validation reads them as the partial objects they are.
 * kustomize loads patches only from within a kustomization's folder, so a file's own folder
 * and its ancestors are enough to ask. One instance per validation run or editor session;
 * `forget` drops a kustomization that changed.
 */
export class KustomizePatchFiles {
  private readonly byDir = new Map<string, Promise<Set<string>>>();

  constructor(private readonly fsys: ManifestFileSystem = nodeFileSystem) {}

  async isPatch(file: string): Promise<boolean> {
    let dir = path.dirname(path.resolve(file));
    for (let level = 0; level < MAX_LEVELS; level++) {
      if ((await this.patchesIn(dir)).has(path.resolve(file))) return true;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return false;
  }

  /** Call when a kustomization file changed. */
  forget(kustomizationFile: string): void {
    this.byDir.delete(path.dirname(path.resolve(kustomizationFile)));
  }

  private patchesIn(dir: string): Promise<Set<string>> {
    let known = this.byDir.get(dir);
    if (!known) {
      known = this.read(dir);
      this.byDir.set(dir, known);
    }
    return known;
  }

  private async read(dir: string): Promise<Set<string>> {
    const out = new Set<string>();
    const file = await findKustomization(dir, this.fsys).catch(() => undefined);
    if (!file) return out;
    let k;
    try {
      k = parseKustomization(file, await this.fsys.readFile(file, FILE_LIMITS.manifest));
    } catch {
      return out;
    }
    for (const e of listEntries(k, 'patches')) if (isRecord(e.value) && typeof e.value.path === 'string') out.add(path.resolve(dir, e.value.path));
    for (const e of listEntries(k, 'patchesStrategicMerge')) if (typeof e.value === 'string' && !e.value.includes('\n')) out.add(path.resolve(dir, e.value));
    return out;
  }
}
