/**
 * ajv, for schemas compiled at run time (user associations, modelines, cluster CRDs, a shipped
 * schema without its precompiled validator). Bundles ship it as a file of its own (dist/ajvRuntime.js)
 * that validation of shipped kinds never loads: a third of the code parsed at start-up.
 */
import Ajv, { _ } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';

/** standaloneCode is for the build (precompileValidators): it must come from the same ajv copy that compiled. */
export { Ajv, Ajv2019, Ajv2020, addFormats, standaloneCode, _ };
