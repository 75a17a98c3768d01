import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findConfigFile } from '../../core/config/configFile';
import { KustomizePatchFiles } from '../../core/kustomize/patchFiles';
import { collectFiles } from '../../core/validation/collectFiles';
import { associationsFromConfig } from '../../core/validation/configAssociations';
import { readTextFile } from '../../core/validation/readTextFile';
import { summarize, toJsonReport, toSarif, toText, type FileReport } from '../../core/validation/reportFormats';
import { createSchemaFetcher } from '../../core/validation/schemaFetcher';
import { SchemaStore } from '../../core/validation/schemaStore';
import { validateText } from '../../core/validation/validateText';
import { version } from '../../../package.json';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../cliIo';
import type { ParsedArgs } from '../parseArgs';

export const VALIDATE_HELP = `youops validate [PATH|GLOB…] [--format text|json|sarif] [--strict] [--strict-kinds] [--allow-private-schema-hosts]

Validates YAML and JSON files against their schemas: Kubernetes 1.36 kinds, Argo CD and Flux
resources, kustomization.yaml, GitHub issue forms and youops.yaml, plus the associations
in youops.yaml \`schemas:\` and \`# yaml-language-server: $schema=\` modelines (a modeline's
schema file must be inside the working folder, links followed; one outside is not read). Files a
kustomization uses as strategic-merge patches are checked as partial objects (no
required fields; unknown fields and wrong types are still errors).
Without paths, every *.yaml/*.yml (and every *.json manifest) under the working folder is checked.
Kubernetes kinds at removed or wrong apiVersions and misspelled kinds are errors; kinds with no
known schema (CRDs) are informational unless --strict-kinds.
  --format sarif   SARIF 2.1.0 for GitHub code scanning
  --strict         files that could not be validated (too big, unreadable, symlinks leading
                   outside the folder) are errors, not warnings
  --strict-kinds   a kind with no schema is an error (kubeconform without -ignore-missing-schemas)
URL schemas are cached in $YOUOPS_SCHEMA_CACHE (default ~/.cache/youops/schemas). They are
fetched from public hosts only, with redirects followed only on the same host, and must be
JSON; --allow-private-schema-hosts also allows loopback and private network addresses.
Exit 0 when there are no errors, 1 on errors, 2 on usage errors.`;

export const VALIDATE_OPTIONS: Record<string, 'flag' | 'value'> = { strict: 'flag', 'strict-kinds': 'flag', 'allow-private-schema-hosts': 'flag' };

/** A .json file found by a folder walk is validated when it looks like a manifest (package.json is not). */
const JSON_MANIFEST = /"(apiVersion|kind)"\s*:/;

/** `youops validate`: the same validation as the editor, for CI. */
export async function validateCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const cwd = path.resolve(args.cwd);
  const strict = args.options.strict === true;
  const { files, missing, skipped, discovered } = await collectFiles(cwd, args.positionals);
  if (missing.length) throw new UsageError(`no such file or no match: ${missing.join(', ')}`);
  const associations = await associationsFromConfig(findConfigFile(cwd, args.config));
  const store = new SchemaStore({
    cacheDir: process.env.YOUOPS_SCHEMA_CACHE ?? path.join(os.homedir(), '.cache', 'youops', 'schemas'),
    fetcher: createSchemaFetcher({ allowPrivateHosts: args.options['allow-private-schema-hosts'] === true }),
  });
  const relative = (file: string) => path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
  const skip = (file: string, message: string): FileReport => {
    const zero = { line: 0, character: 0 };
    return { file: relative(file), documents: 0, diagnostics: [{ range: { start: zero, end: zero }, severity: strict ? 'error' : 'warning', message, path: '', source: 'youops', code: 'skipped' }] };
  };

  const patchFiles = new KustomizePatchFiles();
  const reports: FileReport[] = skipped.map((s) => skip(s.file, `skipped: ${s.reason}`));
  for (const file of files) {
    const read = await readTextFile(file);
    if ('skipped' in read) {
      reports.push(skip(file, read.skipped));
      continue;
    }
    if (discovered.has(file) && !JSON_MANIFEST.test(read.text)) continue;
    const result = await validateText(
      read.text,
      {
        fileName: file,
        associations,
        // The working folder is the repository: modelines take their schema files from inside it only.
        rootDir: cwd,
        unknownKindSeverity: args.options['strict-kinds'] ? 'error' : 'information',
        partialObject: await patchFiles.isPatch(file),
      },
      store,
    );
    result.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    reports.push({ file: relative(file), documents: result.documents, diagnostics: result.diagnostics });
  }
  reports.sort((a, b) => a.file.localeCompare(b.file));

  if (args.format === 'json') io.out(JSON.stringify(toJsonReport(reports), null, 2));
  else if (args.format === 'sarif') io.out(JSON.stringify(toSarif(reports, { version, rootUri: pathToFileURL(cwd).href }), null, 2));
  else io.out(toText(reports));
  return summarize(reports).errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}
