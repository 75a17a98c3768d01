import type { Severity, ValidationDiagnostic } from './types';

/** One validated file, path relative to the working folder with `/` separators. */
export interface FileReport {
  file: string;
  documents: number;
  diagnostics: ValidationDiagnostic[];
}

export interface JsonDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  path: string;
  source: 'youops';
}

export interface JsonReport {
  files: Array<{ file: string; diagnostics: JsonDiagnostic[] }>;
  summary: { files: number; documents: number; errors: number; warnings: number };
}

/** Hints are editor-only (e.g. "template not validated"); reports leave them out. */
export function reportable(d: ValidationDiagnostic): boolean {
  return d.severity !== 'hint';
}

const JSON_SEVERITY: Record<Severity, JsonDiagnostic['severity']> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

/** Lines and columns 1-based; endColumn is exclusive (the column after the last character), as in SARIF. */
export function toJsonReport(files: FileReport[]): JsonReport {
  return {
    files: files.map((f) => ({
      file: f.file,
      diagnostics: f.diagnostics.filter(reportable).map((d) => ({
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: JSON_SEVERITY[d.severity],
        message: d.message,
        path: d.path,
        source: d.source,
      })),
    })),
    summary: summarize(files),
  };
}

export function summarize(files: FileReport[]): JsonReport['summary'] {
  let errors = 0;
  let warnings = 0;
  let documents = 0;
  for (const f of files) {
    documents += f.documents;
    for (const d of f.diagnostics) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  }
  return { files: files.length, documents, errors, warnings };
}

/** `file:line:col: severity: message` per finding, then a summary line. */
export function toText(files: FileReport[]): string {
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics.filter(reportable)) {
      lines.push(`${f.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${JSON_SEVERITY[d.severity]}: ${d.message}`);
    }
  }
  const s = summarize(files);
  lines.push(`${s.files} file(s), ${s.documents} document(s): ${s.errors} error(s), ${s.warnings} warning(s)`);
  return lines.join('\n');
}

const RULES: Record<string, string> = {
  'yaml-syntax': 'YAML syntax error',
  'unknown-field': 'Field not defined by the schema',
  type: 'Value of the wrong type',
  required: 'Required field missing',
  enum: 'Value not allowed',
  value: 'Value does not satisfy the schema',
  'unknown-kind': 'No schema for this apiVersion/kind',
  'wrong-kind': 'Kubernetes kind at a removed or wrong apiVersion, misspelled, or without apiVersion/kind',
  'nested-too-deeply': 'Document nested too deeply to validate',
  'schema-load': 'Schema could not be loaded',
  'too-many': 'Too many problems in one document',
  'issue-form': 'Issue form GitHub refuses',
  skipped: 'File skipped',
  template: 'Templated document not validated',
};

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: tool.driver with rules, results with ruleId,
 * level, message.text and a physicalLocation relative to %SRCROOT% (the working folder).
 */
export function toSarif(files: FileReport[], tool: { version: string; rootUri: string }): object {
  const used = [...new Set(files.flatMap((f) => f.diagnostics.filter(reportable).map((d) => d.code ?? 'value')))].sort();
  const results = files.flatMap((f) =>
    f.diagnostics.filter(reportable).map((d) => {
      const ruleId = d.code ?? 'value';
      return {
        ruleId,
        ruleIndex: used.indexOf(ruleId),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: relativeUri(f.file), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
        ...(d.path ? { properties: { path: d.path } } : {}),
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'youops',
            version: tool.version,
            rules: used.map((id) => ({ id, name: id, shortDescription: { text: RULES[id] ?? id }, defaultConfiguration: { level: id === 'unknown-kind' ? 'note' : 'error' } })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: tool.rootUri.endsWith('/') ? tool.rootUri : `${tool.rootUri}/` } },
        results,
      },
    ],
  };
}

/** A relative path as a URI reference: `#` and `?` are data in a file name, not a fragment or query. */
export function relativeUri(file: string): string {
  return encodeURI(file).replace(/#/g, '%23').replace(/\?/g, '%3F');
}
