import { parseManifestText } from '../manifests/parseManifestText';
import type { LiveObject } from './provider';

/**
 * Live objects from exported YAML/JSON (`kubectl get -o yaml` Lists included).
 * Returns the first hard error message so a corrupt export is not mistaken for
 * "nothing deployed" (which would mark every resource Missing).
 */
export function parseLiveObjects(text: string, source: string): { objects: LiveObject[]; error?: string } {
  const { resources, errors } = parseManifestText(text, source);
  const hard = errors.find((e) => e.severity === 'error');
  const objects = resources.map((r) => ({ id: r.id, key: r.key, object: r.object }));
  if (!hard) return { objects };
  const where = hard.range ? `:${hard.range.start.line + 1}:${hard.range.start.character + 1}` : '';
  return { objects, error: `${source}${where}: ${hard.message}` };
}
