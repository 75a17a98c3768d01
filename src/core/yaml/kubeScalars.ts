/**
 * Scalars as kubectl reads them. kubectl, Argo CD and Flux decode manifests with
 * sigs.k8s.io/yaml on go-yaml v2: YAML 1.1 booleans (`yes`, `on`, `y`…), Go integer syntax
 * (`0644` is octal 420, `0x1F`, `0b101`, `1_000`), and map keys turned into JSON strings.
 * This file is the one place those rules live; both readers of the layer use it.
 */

export const MERGE_KEY = '<<';

const TAG = 'tag:yaml.org,2002:';
export const STR_TAG = `${TAG}str`;
export const MERGE_TAG = `${TAG}merge`;
const BOOL_TAG = `${TAG}bool`;
const INT_TAG = `${TAG}int`;
const FLOAT_TAG = `${TAG}float`;
const NULL_TAG = `${TAG}null`;
const BINARY_TAG = `${TAG}binary`;
const TIMESTAMP_TAG = `${TAG}timestamp`;

export type KubeScalar = null | boolean | number | string;

/** go-yaml v2's resolve_map: whole-string matches. */
const EXACT = new Map<string, { tag: string; value: KubeScalar }>();
const add = (tag: string, value: KubeScalar, words: string[]): void => words.forEach((w) => EXACT.set(w, { tag, value }));
add(BOOL_TAG, true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
add(BOOL_TAG, false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
add(NULL_TAG, null, ['', '~', 'null', 'Null', 'NULL']);
add(FLOAT_TAG, NaN, ['.nan', '.NaN', '.NAN']);
add(FLOAT_TAG, Infinity, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
add(FLOAT_TAG, -Infinity, ['-.inf', '-.Inf', '-.INF']);

/** go-yaml v2's resolve_table: the first character decides what a plain scalar may be. */
function hintOf(text: string): 'N' | 'S' | 'D' | 'M' | '.' | undefined {
  if (text === '') return 'N';
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) return 'D';
  if (c === 43 || c === 45) return 'S';
  if (c === 46) return '.';
  return 'yYnNtTfFoO~'.includes(text[0]) ? 'M' : undefined;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, 0, 64), or ParseUint when `unsigned`; undefined where Go returns an error. */
function parseGoInt(s: string, unsigned: boolean): bigint | undefined {
  let i = 0;
  let negative = false;
  if (!unsigned && (s[0] === '+' || s[0] === '-')) {
    negative = s[0] === '-';
    i = 1;
  }
  let base = 10;
  if (s[i] === '0' && s.length > i + 1) {
    const p = s[i + 1];
    if (p === 'x' || p === 'X') (base = 16), (i += 2);
    else if (p === 'o' || p === 'O') (base = 8), (i += 2);
    else if (p === 'b' || p === 'B') (base = 2), (i += 2);
    else (base = 8), (i += 1);
  }
  if (i >= s.length) return undefined;
  let n = 0n;
  const b = BigInt(base);
  for (; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d < 0 || d >= base) return undefined;
    n = n * b + BigInt(d);
  }
  if (negative) n = -n;
  if (unsigned ? n > UINT64_MAX : n < INT64_MIN || n > INT64_MAX) return undefined;
  return n;
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Go's ParseFloat for the forms go-yaml lets through; out of range is an error there, so a string here. */
function parseGoFloat(s: string): number | undefined {
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

interface Resolved {
  tag: string;
  value: KubeScalar;
}

/** go-yaml v2's resolve() for an untagged plain scalar (or one tagged with a resolvable tag). */
function resolve(text: string): Resolved {
  const hint = hintOf(text);
  if (hint === undefined) return { tag: STR_TAG, value: text };
  const exact = EXACT.get(text);
  if (exact) return exact;
  if (hint === '.') {
    const f = DOT_FLOAT.test(text) ? parseGoFloat(text) : undefined;
    return f === undefined ? { tag: STR_TAG, value: text } : { tag: FLOAT_TAG, value: f };
  }
  if (hint === 'D' || hint === 'S') {
    // Timestamps come out as their own text when decoded into interface{}: a string either way.
    const plain = text.includes('_') ? text.replace(/_/g, '') : text;
    const int = parseGoInt(plain, false) ?? parseGoInt(plain, true);
    if (int !== undefined) return { tag: INT_TAG, value: Number(int) };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== undefined) return { tag: FLOAT_TAG, value: f };
    }
  }
  return { tag: STR_TAG, value: text };
}

/** The value of an untagged plain scalar. Strings come back as the same string. */
export function resolvePlainScalar(text: string): KubeScalar {
  const hint = hintOf(text);
  // Fast exits for the common cases: most values start with a letter no YAML 1.1 word starts with,
  // the words are at most five characters long, and most numbers are small decimals.
  if (hint === undefined || (hint === 'M' && text.length > 5)) return text;
  if (hint === 'D' && isSmallDecimal(text)) return Number(text);
  return resolve(text).value;
}

/** `0`, or up to 15 digits without a leading zero: the same number in Go's ParseInt and in a double. */
function isSmallDecimal(text: string): boolean {
  const n = text.length;
  if (n > 15 || (n > 1 && text.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export class ScalarTagError extends Error {}

/**
 * The value of a scalar with an explicit tag (`!!int "0644"`, `!!str 0644`). Tags go-yaml does not
 * resolve (`!custom`) leave the text as it is. Throws ScalarTagError where go-yaml refuses.
 */
export function resolveTaggedScalar(tag: string, text: string): KubeScalar {
  switch (tag) {
    case STR_TAG:
      return text;
    case BINARY_TAG:
      return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    case BOOL_TAG:
    case INT_TAG:
    case FLOAT_TAG:
    case NULL_TAG:
    case TIMESTAMP_TAG: {
      if (tag === TIMESTAMP_TAG) return text;
      const r = resolve(text);
      if (r.tag === tag || (tag === FLOAT_TAG && r.tag === INT_TAG)) return r.value;
      throw new ScalarTagError(`cannot decode ${shortTag(r.tag)} \`${text}\` as a ${shortTag(tag)}`);
    }
    default:
      return text;
  }
}

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
}

/**
 * A map key as sigs.k8s.io/yaml writes it into JSON: strings as they are, integers and booleans
 * formatted as Go formats them, floats as go-yaml formats float keys. Null and collection keys
 * have no JSON form there (kubectl refuses them): undefined.
 */
export function mapKeyString(key: unknown, isFloat = false): string | undefined {
  if (typeof key === 'string') return key;
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'number') return isFloat || !Number.isInteger(key) ? formatFloat32G(key) : String(key);
  return undefined;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 32). */
function formatFloat32G(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const target = Math.fround(f);
  let digits = 1;
  while (digits < 9 && Math.fround(Number(f.toPrecision(digits))) !== target) digits++;
  const [mantissa, expText] = Number(f.toPrecision(digits)).toExponential(digits - 1).split('e');
  const exp = Number(expText);
  // Shortest formatting switches to an exponent below 1e-4 and from 1e6 on ("1e+06").
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return Number(mantissa + 'e' + exp).toFixed(Math.max(digits - exp - 1, 0));
}

/** Whether a resolved plain scalar is a float (for key formatting): its tag, not its JS type, says so. */
export function isFloatScalar(text: string): boolean {
  return resolve(text).tag === FLOAT_TAG;
}
