import { isScalar, parseAllDocuments, type Node } from 'yaml';
import type { FieldLocation } from '../manifests/manifestResource';
import { collectFields } from '../manifests/parseManifestText';
import { LineIndex, type Range } from '../text/range';

/** One YAML document that is not necessarily a resource (a kustomization, a JSON 6902 op list), with field positions. */
export interface YamlDocument {
  value: unknown;
  /** JSON pointer → location, as ManifestResource.fields. */
  fields: Map<string, FieldLocation>;
  range: Range;
}

export interface YamlReadResult {
  documents: YamlDocument[];
  errors: Array<{ message: string; range: Range }>;
}

/**
 * Reads the documents of a kustomization, a patch or an op list with the field positions the
 * manifest reader collects, so kustomize inputs and manifests are located the same way.
 */
export function readYamlDocuments(text: string): YamlReadResult {
  const lines = new LineIndex(text);
  const documents: YamlDocument[] = [];
  const errors: YamlReadResult['errors'] = [];
  let docs;
  try {
    docs = parseAllDocuments(text, { prettyErrors: false, strict: false, logLevel: 'error' });
  } catch (e) {
    return { documents, errors: [{ message: (e as Error).message, range: lines.rangeOf(0, 0) }] };
  }
  if (!Array.isArray(docs)) return { documents, errors };
  for (const doc of docs) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      errors.push({ message: e.message.split('\n')[0], range: lines.rangeOf(e.pos[0], Math.max(e.pos[0], e.pos[1])) });
      continue;
    }
    const contents = doc.contents as Node | null;
    if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      errors.push({ message: (e as Error).message, range: lines.rangeOf(0, 0) });
      continue;
    }
    const fields = new Map<string, FieldLocation>();
    collectFields(contents, '', fields, lines);
    const r = contents.range ?? [0, 0];
    documents.push({ value, fields, range: lines.rangeOf(r[0], r[1]) });
  }
  return { documents, errors };
}
