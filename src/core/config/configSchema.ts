import type { ErrorObject, ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import schema from '../../../schemas/youops.schema.json';
import { ajvRuntime } from '../ajv/ajvRuntimeLoader';

/** `format: uri` as youops.yaml means it: a scheme and `://`. */
export const URI_FORMAT = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
export const CONFIG_AJV_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;
/** The build's precompiled validator of youops.yaml (dist/validators beside the bundle), with the schema text it was built from. */
export const PRECOMPILED_CONFIG = { module: 'config/youops.js', schemaText: 'config/youops.schema.json' };

/**
 * The shipped JSON Schema of youops.yaml: the validator the build precompiled when it was built
 * from this schema (no ajv at all), else compiled on first use, so that activation never pays for ajv.
 */
let validator: ValidateFunction | undefined;

export function validateConfigShape(data: unknown): ErrorObject[] {
  validator ??= configValidator();
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** The precompiled validator in validatorsDir when it was built from this schema, else one compiled now. */
export function configValidator(validatorsDir = path.join(__dirname, 'validators')): ValidateFunction {
  return precompiled(validatorsDir) ?? compile();
}

function compile(): ValidateFunction {
  const { Ajv } = ajvRuntime();
  return new Ajv({ ...CONFIG_AJV_OPTIONS, formats: { uri: URI_FORMAT } }).compile(schema);
}

function precompiled(dir: string): ValidateFunction | undefined {
  try {
    const built = JSON.parse(fs.readFileSync(path.join(dir, PRECOMPILED_CONFIG.schemaText), 'utf8')) as unknown;
    if (JSON.stringify(built) !== JSON.stringify(schema)) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a generated module, loaded on first use
    return (require(path.join(dir, PRECOMPILED_CONFIG.module)) as { validate: ValidateFunction }).validate;
  } catch {
    return undefined;
  }
}

export { schema as configJsonSchema };
