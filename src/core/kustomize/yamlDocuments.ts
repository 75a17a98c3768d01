import { LazyFieldMap } from '../manifests/lazyFieldMap';
import { ZERO_RANGE, type Range } from '../text/range';
import { readYamlDocuments as readShared } from '../yaml/readYaml';
import type { FieldLocation } from '../yaml/yamlPositions';

/** One YAML document that is not necessarily a resource (a kustomization, a JSON 6902 op list), with field positions. */
export interface PositionedDocument {
  value: unknown;
  /** JSON pointer → location, as ManifestResource.fields (computed on first use). */
  fields: ReadonlyMap<string, FieldLocation>;
  range: Range;
}

export interface PositionedRead {
  documents: PositionedDocument[];
  errors: Array<{ message: string; range: Range }>;
}

/**
 * Kustomizations, patches and op lists through the shared reading layer (read as kubectl reads
 * them, positions on first use), in the shape the kustomize code uses: non-empty documents with
 * their field map, and the syntax errors of the others.
 */
export function readYamlDocuments(text: string): PositionedRead {
  const documents: PositionedDocument[] = [];
  const errors: PositionedRead['errors'] = [];
  for (const doc of readShared(text)) {
    if (doc.hasSyntaxErrors || doc.value === undefined) {
      const p = doc.problems.find((x) => x.severity === 'error') ?? doc.problems[0];
      errors.push({ message: p?.message ?? 'not YAML', range: p?.range ?? ZERO_RANGE });
      continue;
    }
    if (doc.value === null) continue;
    documents.push({
      value: doc.value,
      fields: new LazyFieldMap(() => doc.positions().fieldsUnder('')),
      get range() {
        return doc.positions().field('')?.valueRange ?? ZERO_RANGE;
      },
    });
  }
  return { documents, errors };
}
