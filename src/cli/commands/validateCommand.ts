import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findConfigFile } from '../../core/config/configFile';
import { KustomizePatchFiles } from '../../core/kustomize/patchFiles';
import { collectFiles } from '../../core/validation/collectFiles';
import { associationsFromConfig } from '../../core/validation/configAssociations';
import { readTextFile } from '../../core/validation/readTextFile';
import { summarize, toJsonReport, toSarif, toText, type FileReport } from '../../core/validation/reportFormats';
import { SchemaStore } from '../../core/validation/schemaStore';
import { validateText } from '../../core/validation/validateText';
import { version } from '../../../package.json';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../cliIo';
import type { ParsedArgs } from '../parseArgs';

export const VALIDATE_HELP = `youops validate [PATH|GLOB…] [--format text|json|sarif]

Validates YAML files against their schemas: Kubernetes 1.36 kinds, Argo CD and Flux
resources, kustomization.yaml, GitHub issue forms and youops.yaml, plus the associations
in youops.yaml \`schemas:\` and \`# yaml-language-server: $schema=\` modelines. Files a
kustomization uses as strategic-merge patches are checked as partial objects (no
required fields; unknown fields and wrong types are still errors).
Without paths, every *.yaml/*.yml under the working folder is checked.
  --format sarif   SARIF 2.1.0 for GitHub code scanning
URL schemas are cached in $YOUOPS_SCHEMA_CACHE (default ~/.cache/youops/schemas).
Exit 0 when there are no errors, 1 on errors, 2 on usage errors.`;

/** `youops validate`: the same validation as the editor, for CI. */
export async function validateCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const cwd = path.resolve(args.cwd);
  const { files, missing } = await collectFiles(cwd, args.positionals);
  if (missing.length) throw new UsageError(`no such file or no match: ${missing.join(', ')}`);
  const associations = await associationsFromConfig(findConfigFile(cwd, args.config));
  const store = new SchemaStore({ cacheDir: process.env.YOUOPS_SCHEMA_CACHE ?? path.join(os.homedir(), '.cache', 'youops', 'schemas') });

  const patchFiles = new KustomizePatchFiles();
  const reports: FileReport[] = [];
  for (const file of files) {
    const rel = path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
    const read = await readTextFile(file);
    if ('skipped' in read) {
      const zero = { line: 0, character: 0 };
      reports.push({ file: rel, documents: 0, diagnostics: [{ range: { start: zero, end: zero }, severity: 'warning', message: read.skipped, path: '', source: 'youops', code: 'skipped' }] });
      continue;
    }
    const result = await validateText(read.text, { fileName: file, associations, partialObject: await patchFiles.isPatch(file) }, store);
    result.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    reports.push({ file: rel, documents: result.documents, diagnostics: result.diagnostics });
  }

  if (args.format === 'json') io.out(JSON.stringify(toJsonReport(reports), null, 2));
  else if (args.format === 'sarif') io.out(JSON.stringify(toSarif(reports, { version, rootUri: pathToFileURL(cwd).href }), null, 2));
  else io.out(toText(reports));
  return summarize(reports).errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}
