import { configBaseDir } from '../config/configFile';
import { FILE_LIMITS, readBoundedText } from '../files/readBounded';
import { readYamlDocuments } from '../yaml/readYaml';
import type { SchemaAssociation } from './types';

/**
 * The `schemas:` associations of a youops.yaml, read leniently: a config with other problems
 * still contributes its associations (its own problems are reported when it is validated). They
 * are the repository's word: their schemas' `$ref`s are read only inside it.
 */
export async function associationsFromConfig(configFile: string | undefined): Promise<SchemaAssociation[]> {
  if (!configFile) return [];
  let data: unknown;
  try {
    const [doc] = readYamlDocuments(await readBoundedText(configFile, FILE_LIMITS.config));
    if (!doc || doc.hasSyntaxErrors) return [];
    data = doc.value;
  } catch {
    return [];
  }
  const list = (data as { schemas?: unknown } | null)?.schemas;
  if (!Array.isArray(list)) return [];
  const baseDir = configBaseDir(configFile);
  return list
    .filter((e): e is { files: string; schema: string } => typeof e?.files === 'string' && typeof e?.schema === 'string')
    .map((e) => ({ files: e.files, schema: e.schema, baseDir, confinedTo: baseDir }));
}
