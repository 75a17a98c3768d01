import * as path from 'node:path';
import { readYamlValues } from '../yaml/readYaml';
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
 * read offline. Read as kustomize reads it (the YAML reading layer); a syntax error throws.
 * This is the raw reading, where nothing is rendered (no kustomize, an untrusted folder) and
 * for the checks of promote: patches, images and generators are not applied here.
 */
export function kustomizationEntries(text: string): { local: string[]; remote: string[] } {
  const { values, problems } = readYamlValues(text);
  const syntax = problems.find((p) => p.code === 'yaml-syntax');
  if (syntax) throw new Error(syntax.message);
  const data: unknown = values[0];
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

