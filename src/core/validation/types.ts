import type { Range } from '../text/range';

/** Same names as VS Code's DiagnosticSeverity, so the editor layer maps them one to one. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Quick-fix data: replace the diagnostic's range with `replacement`. */
export interface QuickFixData {
  title: string;
  replacement: string;
}

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'unknown-field'
  | 'type'
  | 'required'
  | 'enum'
  | 'value'
  | 'unknown-kind'
  | 'wrong-kind'
  | 'nested-too-deeply'
  | 'schema-load'
  | 'template'
  | 'too-many'
  | 'issue-form'
  | 'skipped';

export interface ValidationDiagnostic {
  /** 0-based, on the offending key or value. */
  range: Range;
  severity: Severity;
  message: string;
  /** JSON pointer into the document, e.g. `/spec/replicas`; '' for the whole document. */
  path: string;
  source: 'youops';
  code?: DiagnosticCode;
  data?: QuickFixData;
}

/** A user association (youops.yaml `schemas:` or the `youops.schemas` setting). */
export interface SchemaAssociation {
  /** Glob relative to baseDir; without a `/` it matches the file name in any folder. */
  files: string;
  /** Local path (relative to baseDir) or http(s) URL of a JSON Schema. */
  schema: string;
  /** Folder of the youops.yaml (or the workspace folder for the setting). */
  baseDir: string;
  /**
   * For youops.yaml's own associations (the repository's word, as a modeline is): the schema and
   * every file it refers to are read only inside this folder.
   */
  confinedTo?: string;
}

export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export interface ValidateOptions {
  /** Path of the file (absolute preferred); drives file-pattern and association selection. */
  fileName?: string;
  associations?: SchemaAssociation[];
  /** Severity of "no schema for this apiVersion/kind" (default information). */
  unknownKindSeverity?: Severity | 'ignore';
  /**
   * The file is a strategic-merge patch a kustomization uses (core/kustomize/patchFiles): validated
   * as a partial object, without required fields.
   */
  partialObject?: boolean;
  /**
   * The workspace folder or repository the file belongs to: a `# yaml-language-server: $schema=`
   * modeline's local schema (and the files it refers to) is read only inside it, links followed.
   * Unset: not confined (callers that read a repository set it).
   */
  rootDir?: string;
  /** Caps findings per document so one broken document cannot flood the Problems panel. */
  maxDiagnosticsPerDocument?: number;
  token?: CancellationToken;
}

export interface ValidationResult {
  diagnostics: ValidationDiagnostic[];
  /** Number of non-empty YAML documents seen. */
  documents: number;
  /** True when the token was cancelled; diagnostics are then incomplete. */
  cancelled?: boolean;
}
