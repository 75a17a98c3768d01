/** Schema validation of declarative configs: the API the editor layer and the CLI call. */
export { describeAt, descriptionFor, hoverAt, type HoverInfo } from './descriptions';
export { DocumentValidator } from './documentValidator';
export { createSchemaFetcher, httpFetcher, offlineFetcher, type SchemaFetcher } from './schemaFetcher';
export { SchemaStore, type SchemaStoreOptions } from './schemaStore';
export { getDefaultStore, validateText } from './validateText';
export type { CancellationToken, QuickFixData, SchemaAssociation, Severity, ValidateOptions, ValidationDiagnostic, ValidationResult } from './types';
