import { listItems } from '../manifests/parseManifestText';
import { resourceIdOf, resourceKey } from '../manifests/resourceId';
import { readYamlValuesOffThread } from '../yaml/offThread';
import type { YamlValues } from '../yaml/readYaml';
import type { LiveObject } from './provider';

/** A live export's objects, and its first hard error. */
export interface ParsedLiveObjects {
  objects: LiveObject[];
  error?: string;
}

/**
 * Live objects from exported YAML/JSON (`kubectl get -o yaml` Lists included), read as kubectl
 * reads them but without positions: nobody edits live state. Returns the first hard error so
 * a corrupt export is not mistaken for "nothing deployed" (which would mark every resource Missing).
 * Large exports are read off the calling thread.
 */
export async function parseLiveObjects(text: string, source: string): Promise<ParsedLiveObjects> {
  return liveObjectsOf(await readYamlValuesOffThread(text), source);
}

/** parseLiveObjects of values already read (readYamlValues, or a file read off the thread). */
export function liveObjectsOf({ values, problems }: YamlValues, source: string): ParsedLiveObjects {
  const objects: LiveObject[] = [];
  for (const value of values) {
    for (const object of listItems(value) ?? [value]) {
      const id = resourceIdOf(object);
      if (id) objects.push({ id, key: resourceKey(id), object });
    }
  }
  const hard = problems.find((p) => p.severity === 'error');
  if (!hard) return { objects };
  return { objects, error: `${source}:${hard.range.start.line + 1}:${hard.range.start.character + 1}: ${hard.message}` };
}
