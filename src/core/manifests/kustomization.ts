import * as path from 'node:path';
import { parse } from 'yaml';
import { nodeFileSystem, type ManifestFileSystem } from './manifestFileSystem';
import { isRecord } from './resourceId';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization file of a folder, if any. */
export async function findKustomization(dir: string, fsys: ManifestFileSystem = nodeFileSystem): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const file = path.join(dir, name);
    if ((await fsys.stat(file))?.isFile) return file;
  }
  return undefined;
}

/**
 * Local entries a kustomization pulls in (`resources`, legacy `bases`, `components`, `crds`).
 * Remote ones (URLs, `github.com/...`, `git@...`) are returned separately: they cannot be
 * read offline. Patches, images and generators are not applied: YouOps compares the
 * listed resources as written.
 */
export function kustomizationEntries(text: string): { local: string[]; remote: string[] } {
  const data: unknown = parse(text);
  const local: string[] = [];
  const remote: string[] = [];
  if (!isRecord(data)) return { local, remote };
  for (const field of ['resources', 'bases', 'components', 'crds']) {
    const list = data[field];
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      if (typeof entry !== 'string' || entry === '') continue;
      (isRemote(entry) ? remote : local).push(entry);
    }
  }
  return { local, remote };
}

/** URLs, `github.com/...`, `git@...`: kustomize fetches these itself. */
export function isRemote(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git@/.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry);
}

