import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../../schemas/youops.schema.json';
import { ajvRuntime } from '../ajv/ajvRuntimeLoader';

/**
 * The shipped JSON Schema of youops.yaml, compiled on first use so that
 * activation never pays for ajv.
 */
let validator: ValidateFunction | undefined;

export function validateConfigShape(data: unknown): ErrorObject[] {
  if (!validator) {
    const { Ajv } = ajvRuntime();
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, formats: { uri: /^[a-z][a-z0-9+.-]*:\/\/\S+$/i } });
    validator = ajv.compile(schema);
  }
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

export { schema as configJsonSchema };
