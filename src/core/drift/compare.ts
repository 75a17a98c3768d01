import { DEFAULT_FIELD_MANAGERS, type DriftIgnoreRule } from '../config/types';
import { pointerFromSegments } from '../text/jsonPointer';
import { isRecord } from '../manifests/resourceId';
import { KindSchema } from './fieldSchema';
import { agentKeys, appliedByAgent, appliedChild, appliedItem, managedChild, managedItem, ownedByController, ownershipOf, type ManagedFields, type Ownership } from './fieldOwnership';
import { IgnoreMatcher } from './ignoreRules';
import { injectedNames } from './injectedSidecars';
import { listRule, matchListItems, type ListRule } from './listMatching';
import { ownValue } from './ownValue';
import { quantitiesEqual } from './quantity';
import { desiredSecretData, isSecret, liveSecretData, SECRET_MASK, SECRET_MASK_DIFFERENT, secretValuesEqual, setOwn } from './secretData';
import { isAgentBookkeeping, isIdentityPath, isServerManagedPath } from './serverFields';
import { containsTemplate, isTemplateText } from './templateExpression';

/** One field where live state differs from what Git sets. */
export interface FieldDrift {
  /**
   * JSON pointer in the desired document's terms, e.g. `/spec/template/spec/containers/0/image`.
   * For `extra`: the live-only key (`/metadata/labels/team`) or, for extra list items, the list.
   */
  path: string;
  /** undefined for `extra` (Git does not set it) and when masked. */
  desired: unknown;
  /** undefined = absent from the live object (`missing`), or masked. */
  live: unknown;
  /**
   * - changed: both set, different
   * - missing: Git sets it, live lacks it
   * - extra: live has it and Git does not: a field the agent applied that Git no longer sets,
   *   or list items no controller owns (desired undefined; live is the list of extra items)
   */
  reason: 'changed' | 'missing' | 'extra';
  /** Secret data: no value is carried; surfaces say "value differs". */
  masked?: true;
}

export interface DiffOptions {
  kind: string;
  apiVersion: string;
  ignore: readonly DriftIgnoreRule[];
  /** Pointers whose live value the source hides (LiveObject.hiddenPaths): never reported. */
  hidden?: ReadonlySet<string>;
  /** The agent's field managers in managedFields (drift.fieldManagers); default DEFAULT_FIELD_MANAGERS. */
  fieldManagers?: readonly string[];
  /**
   * `live` (default): desired against live state. `desired`: two desired states (promotion), compared
   * both ways by the caller: what only the second has is not reported, `{{ … }}` is plain text.
   */
  against?: 'live' | 'desired';
}

export interface Comparison {
  fields: FieldDrift[];
  /** Pointer of the first `{{ … }}` desired value that live does not hold verbatim: the object is not rendered. */
  unrendered?: string;
}

/** Both sides of a Show Drift diff, shaped by the same walk that decides drift. */
export interface DiffDocuments {
  desired: unknown;
  live: unknown;
}

/**
 * The drift rule, in one walk used by the status and by Show Drift alike:
 * - what Git sets is compared; live-only fields (defaults, status, server metadata) are not
 *   drift, except fields the agent applied that Git no longer sets (last-applied-configuration,
 *   the agent's managedFields);
 * - lists follow their schema list type (see ListRule): keyed lists by key, sets as sets,
 *   atomic lists whole and in order; an extra live item is drift unless a controller owns it;
 * - quantities compare by value where the schema types them resource.Quantity;
 * - Secrets compare `stringData` folded into `data`, and no Secret value leaves the walk;
 * - desired `null` means unset; `{{ … }}` values are not desired values (see Comparison.unrendered).
 */
export function compareObjects(desired: unknown, live: unknown, opts: DiffOptions): Comparison {
  const walk = new Walk(opts, false, false, live);
  walk.root(desired, live);
  return { fields: walk.fields, ...(walk.unrendered !== undefined ? { unrendered: walk.unrendered } : {}) };
}

/** The drifted fields alone (see compareObjects). */
export function diffObjects(desired: unknown, live: unknown, opts: DiffOptions): FieldDrift[] {
  return compareObjects(desired, live, opts).fields;
}

/**
 * Desired and live objects shaped for a side-by-side diff with exactly the rule of
 * compareObjects: server-managed and ignored fields left out on both sides, keys and keyed
 * items in the manifest's order, values equal by meaning (`1000m` vs `1`) written as the
 * manifest writes them, live-only fields shown only where they are drift (all of them with
 * `keepLiveOnlyFields`), Secret values masked as Argo CD masks them. Either side may be absent.
 */
export function shapeForDiff(desired: unknown, live: unknown, opts: DiffOptions & { keepLiveOnlyFields?: boolean }): DiffDocuments {
  const walk = new Walk(opts, true, opts.keepLiveOnlyFields ?? false, live);
  const [d, l] = walk.root(desired, live);
  return { desired: d === OMIT ? undefined : d, live: l === OMIT ? undefined : l };
}

const OMIT = Symbol('omit');
type Pair = readonly [unknown, unknown];
const NONE: Pair = [OMIT, OMIT];
const NO_EXTRAS: { reportable: readonly number[]; owned: readonly number[] } = { reportable: [], owned: [] };

class Walk {
  readonly fields: FieldDrift[] = [];
  unrendered?: string;
  private readonly segments: string[] = [];
  private readonly aliases: Array<string | undefined> = [];
  /** Live maps along the path: the pod metadata next to a PodSpec tells which sidecars were injected. */
  private readonly liveParents: unknown[] = [];
  private readonly ignore: IgnoreMatcher;
  private readonly liveOnly: boolean;
  private readonly ownership: Ownership | undefined;
  private readonly liveIsSecret: boolean;
  private readonly schema: KindSchema | undefined;

  constructor(
    private readonly opts: DiffOptions,
    private readonly shape: boolean,
    private readonly keepExtra: boolean,
    live: unknown,
  ) {
    this.ignore = new IgnoreMatcher(opts.ignore, opts.kind);
    this.liveOnly = opts.against !== 'desired';
    this.ownership = this.liveOnly ? ownershipOf(live, opts.fieldManagers ?? DEFAULT_FIELD_MANAGERS) : undefined;
    this.liveIsSecret = isSecret(live);
    this.schema = KindSchema.of(opts.apiVersion, opts.kind);
  }

  root(desired: unknown, live: unknown): Pair {
    const l = live === null ? undefined : live;
    if (desired === null || desired === undefined) return this.shape && l !== undefined ? [OMIT, this.copyLive(l)] : NONE;
    return this.node(desired, l, this.ownership?.applied, this.ownership?.managed);
  }

  private pair(d: unknown, l: unknown): Pair {
    return this.shape ? [d, l] : NONE;
  }

  /** `a`: what the agent last applied here; `m`: managedFields here. */
  private node(d: unknown, l: unknown, a: unknown, m: ManagedFields | undefined): Pair {
    if (l === null) l = undefined;
    if (d === null || d === undefined) return this.shape && this.keepExtra && l !== undefined ? [OMIT, this.copyLive(l)] : NONE;
    const depth = this.segments.length;
    if (depth > 0) {
      if (isServerManagedPath(this.segments)) {
        // Top-level apiVersion/kind stay in a diff: they make the document readable.
        return depth === 1 && (this.segments[0] === 'apiVersion' || this.segments[0] === 'kind') ? this.pair(d, l ?? OMIT) : NONE;
      }
      if (isIdentityPath(this.segments)) return this.pair(d, d); // matched already: equal by meaning
      if (this.ignore.ignores(this.segments, this.aliases)) return NONE;
    }
    if (Array.isArray(d)) return this.list(d, l, a, m);
    if (isRecord(d)) return this.map(d, l, a, m);
    if (l === undefined) {
      this.report(d, undefined, 'missing');
      return this.pair(d, OMIT);
    }
    if (d === l) return this.pair(d, l);
    if (this.schema?.isQuantity(this.segments) && quantitiesEqual(d, l)) return this.pair(d, d);
    this.report(d, l, 'changed');
    return this.pair(d, l);
  }

  private map(d: Record<string, unknown>, l: unknown, a: unknown, m: ManagedFields | undefined): Pair {
    if (l !== undefined && !isRecord(l)) {
      this.report(d, l, 'changed');
      return this.pair(this.copyDesired(d), this.copyLive(l));
    }
    const dOut: Record<string, unknown> | undefined = this.shape ? {} : undefined;
    const lOut: Record<string, unknown> | undefined = this.shape ? {} : undefined;
    const secretRoot = this.segments.length === 0 && isSecret(d);
    let secretDone = false;
    const appliedMap = isRecord(a) ? a : undefined;
    let appliedHits = 0; // desired keys the agent also applied: when all applied keys are hit, Git removed none
    this.liveParents.push(l);
    for (const key of Object.keys(d)) {
      if (secretRoot && (key === 'data' || key === 'stringData')) {
        if (!secretDone) this.secretData(d, l, a, m, dOut, lOut);
        secretDone = true;
        continue;
      }
      const lv = l !== undefined ? ownValue(l, key) : undefined;
      const av = appliedMap ? ownValue(appliedMap, key) : undefined;
      if (av !== undefined) appliedHits++; // JSON holds no undefined: present means defined
      this.push(key, undefined);
      const shaped = this.node(d[key], lv, av, m && managedChild(m, key));
      this.pop();
      if (dOut && lOut) {
        const ds = shaped[0];
        const ls = shaped[1];
        // An empty map or list Git writes and the server omits is no difference: shown on neither side.
        if (ds !== OMIT && !(ls === OMIT && isEmpty(ds))) setOwn(dOut, key, ds);
        if (ls !== OMIT && !(isRecord(ls) && Object.keys(ls).length === 0 && !isRecord(d[key]))) setOwn(lOut, key, ls);
      }
    }
    const removable = this.liveOnly && ((m !== undefined && m.agent.length > 0) || (appliedMap !== undefined && keyCount(appliedMap) > appliedHits));
    if (l !== undefined && (lOut || removable)) this.liveOnlyKeys(d, l, a, m, lOut, secretRoot);
    this.liveParents.pop();
    return this.pair(dOut, l === undefined ? OMIT : lOut);
  }

  /** Keys only live has: drift when the agent applied them and Git no longer does (unless a controller owns them too). */
  private liveOnlyKeys(d: Record<string, unknown>, l: Record<string, unknown>, a: unknown, m: ManagedFields | undefined, lOut: Record<string, unknown> | undefined, secretRoot: boolean): void {
    let removed: Map<string, unknown> | undefined;
    if (this.liveOnly && appliedByAgent(a, m)) {
      for (const key of agentKeys(a, m)) {
        if (Object.hasOwn(d, key) || !Object.hasOwn(l, key) || l[key] === null || l[key] === undefined) continue;
        if (secretRoot && (key === 'data' || key === 'stringData')) continue;
        const lv = l[key];
        const childManaged = managedChild(m, key);
        this.push(key, undefined);
        if (!this.skipped() && !isIdentityPath(this.segments) && !isAgentBookkeeping(this.segments) && !ownedByController(childManaged)) {
          if (isRecord(lv)) {
            // Each removed field on its own (a removed label, not the whole labels map).
            const shaped = this.map({}, lv, appliedChild(a, key), childManaged)[1];
            if (shaped !== OMIT && !(isRecord(shaped) && Object.keys(shaped).length === 0)) (removed ??= new Map()).set(key, shaped);
          } else {
            this.report(undefined, lv, 'extra');
            (removed ??= new Map()).set(key, this.shape ? this.copyLive(lv) : undefined);
          }
        }
        this.pop();
      }
    }
    if (!lOut) return;
    for (const key of Object.keys(l)) {
      if (Object.hasOwn(d, key) || (secretRoot && (key === 'data' || key === 'stringData'))) continue;
      if (removed?.has(key) && !this.keepExtra) {
        setOwn(lOut, key, removed.get(key));
        continue;
      }
      if (!this.keepExtra) continue;
      this.push(key, undefined);
      const copied = this.skipped() ? OMIT : this.copyLive(l[key]);
      if (copied !== OMIT && !(isRecord(copied) && Object.keys(copied).length === 0)) setOwn(lOut, key, copied);
      this.pop();
    }
  }

  private list(d: unknown[], l: unknown, a: unknown, m: ManagedFields | undefined): Pair {
    if (l === undefined) {
      if (d.length > 0) this.report(d, undefined, 'missing'); // empty lists are omitted by the server
      return this.pair(d.length ? this.copyDesired(d) : OMIT, OMIT);
    }
    if (!Array.isArray(l)) {
      this.report(d, l, 'changed');
      return this.pair(this.copyDesired(d), this.copyLive(l));
    }
    const rule = listRule(this.schema, this.segments, d, l, this.opts.kind);
    if (rule.type === 'map') return this.mapList(d, l, a, m, rule);
    if (rule.type === 'set') return this.setList(d, l, m, rule);
    return this.atomicList(d, l, a, rule);
  }

  /** Compared whole: same length, item by item in order (inside items, what Git sets). */
  private atomicList(d: unknown[], l: unknown[], a: unknown, rule: ListRule): Pair {
    const scalars = d.every(isScalar);
    if (d.length !== l.length || (scalars && d.some((item, i) => item !== l[i]))) {
      this.report(d, l, 'changed');
      return this.pair(this.copyDesired(d), this.copyLive(l));
    }
    if (scalars) return this.pair(d.slice(), l.slice());
    const dOut: unknown[] = [];
    const lOut: unknown[] = [];
    d.forEach((item, i) => {
      this.push(String(i), aliasOf(item));
      // managedFields own an atomic list whole: nothing below it.
      const shaped = this.node(item, l[i], appliedItem(a, l[i], i, rule), undefined);
      this.pop();
      if (shaped[0] !== OMIT) dOut.push(shaped[0]);
      if (shaped[1] !== OMIT) lOut.push(shaped[1]);
    });
    return this.pair(dOut, lOut);
  }

  /** Items by merge key; extra live items are drift unless a controller owns them; ordered lists keep their order. */
  private mapList(d: unknown[], l: unknown[], a: unknown, m: ManagedFields | undefined, rule: ListRule & { type: 'map' }): Pair {
    const matches = matchListItems(d, l, rule.keys);
    const dOut: unknown[] = [];
    const shaped = new Map<number, unknown>();
    d.forEach((item, i) => {
      this.push(String(i), aliasOf(item));
      const match = matches[i];
      if (match === undefined) {
        if (item !== null && item !== undefined && !this.skipped()) {
          this.report(item, undefined, 'missing');
          if (this.shape) dOut.push(this.copyDesired(item));
        }
      } else {
        const pair = this.node(item, l[match], appliedItem(a, l[match], i, rule), m && managedItem(m, l[match], rule));
        if (pair[0] !== OMIT) dOut.push(pair[0]);
        if (pair[1] !== OMIT) shaped.set(match, pair[1]);
      }
      this.pop();
    });
    const matched = matches.filter((m): m is number => m !== undefined);
    const outOfOrder = rule.ordered && matched.some((m, i) => i > 0 && m < matched[i - 1]);
    const { reportable, owned } = matched.length === l.length ? NO_EXTRAS : this.extraItems(l, new Set(matched), m, rule);
    if (outOfOrder) this.report(d, l, 'changed'); // the order carries meaning: the whole list differs
    else if (reportable.length) this.report(undefined, reportable.map((i) => l[i]), 'extra');
    if (!this.shape) return NONE;
    const shown = new Set([...reportable, ...(this.keepExtra ? owned : [])]);
    const extraOut = (i: number) => this.withItem(i, l[i], () => this.copyLive(l[i]));
    const lOut = outOfOrder
      ? l.flatMap((_, i) => (shaped.has(i) ? [shaped.get(i)] : shown.has(i) ? [extraOut(i)] : []))
      : [...matches.flatMap((m) => (m !== undefined && shaped.has(m) ? [shaped.get(m)] : [])), ...[...shown].sort((a, b) => a - b).map(extraOut)];
    return [dOut, lOut];
  }

  /** Values in any order; extra live values as for keyed lists. */
  private setList(d: unknown[], l: unknown[], m: ManagedFields | undefined, rule: ListRule): Pair {
    const free = new Map<string, number[]>();
    l.forEach((v, i) => {
      const id = JSON.stringify(v);
      const list = free.get(id);
      if (list) list.push(i);
      else free.set(id, [i]);
    });
    const matched = new Set<number>();
    const order: number[] = [];
    d.forEach((item, i) => {
      if (item === null || item === undefined) return;
      const match = free.get(JSON.stringify(item))?.shift();
      if (match !== undefined) {
        matched.add(match);
        order.push(match);
        return;
      }
      this.push(String(i), undefined);
      if (!this.skipped()) this.report(item, undefined, 'missing');
      this.pop();
    });
    const { reportable, owned } = matched.size === l.length ? NO_EXTRAS : this.extraItems(l, matched, m, rule);
    if (reportable.length) this.report(undefined, reportable.map((i) => l[i]), 'extra');
    if (!this.shape) return NONE;
    const extras = [...reportable, ...(this.keepExtra ? owned : [])].sort((a, b) => a - b);
    return [d.filter((v) => v !== null && v !== undefined), [...order, ...extras].map((i) => l[i])];
  }

  /** Live items Git does not set, split into drift and items a controller demonstrably owns. */
  private extraItems(l: unknown[], matched: ReadonlySet<number>, m: ManagedFields | undefined, rule: ListRule): { reportable: readonly number[]; owned: readonly number[] } {
    const reportable: number[] = [];
    const owned: number[] = [];
    const podMetadata = this.liveParents.length >= 2 ? recordField(this.liveParents[this.liveParents.length - 2], 'metadata') : undefined;
    const injected = injectedNames(podMetadata, this.segments[this.segments.length - 1]);
    l.forEach((item, i) => {
      if (matched.has(i)) return;
      const name = isRecord(item) && typeof item.name === 'string' ? item.name : undefined;
      const byController = (name !== undefined && injected.has(name)) || ownedByController(managedItem(m, item, rule));
      const skipped = this.withItem(i, item, () => this.skipped());
      (!this.liveOnly || byController || skipped ? owned : reportable).push(i);
    });
    return { reportable, owned };
  }

  /**
   * Secret data: `stringData` folded into `data` on both sides, each key compared by its bytes
   * and reported where Git writes it; "" and null are the same empty value. No value leaves:
   * drifts are masked, and the shaped documents carry Argo CD style masks.
   */
  private secretData(d: Record<string, unknown>, l: unknown, a: unknown, m: ManagedFields | undefined, dOut?: Record<string, unknown>, lOut?: Record<string, unknown>): void {
    const desired = desiredSecretData(d);
    const live = isRecord(l) ? liveSecretData(l) : undefined;
    const dData: Record<string, unknown> = {};
    const lData: Record<string, unknown> = {};
    for (const [key, entry] of desired) {
      this.segments.push(...entry.segments);
      this.aliases.push(undefined, undefined);
      if (!this.skipped()) {
        const lv = live && Object.hasOwn(live, key) ? (live[key] ?? undefined) : undefined;
        const equal = secretValuesEqual(entry.value, lv);
        if (!equal && this.liveOnly && typeof entry.value === 'string' && isTemplateText(entry.value)) this.unrendered ??= entry.pointer;
        else if (!equal) this.reportMasked(lv === undefined ? 'missing' : 'changed');
        setOwn(dData, key, SECRET_MASK);
        // "" and an absent value are the same empty value: shown alike.
        if (lv !== undefined || equal) setOwn(lData, key, this.opts.hidden?.has(entry.pointer) && lv !== undefined ? lv : equal ? SECRET_MASK : SECRET_MASK_DIFFERENT);
      }
      this.pop();
      this.pop();
    }
    if (live) {
      const applied = new Set(this.liveOnly ? [...secretKeys(appliedChild(a, 'data'), managedChild(m, 'data')), ...secretKeys(appliedChild(a, 'stringData'), managedChild(m, 'stringData'))] : []);
      for (const key of Object.keys(live)) {
        if (desired.has(key) || live[key] === null || live[key] === undefined) continue;
        this.push('data', undefined);
        this.push(key, undefined);
        if (!this.skipped() && (applied.has(key) || this.keepExtra)) {
          if (applied.has(key)) this.reportMasked('extra');
          setOwn(lData, key, SECRET_MASK);
        }
        this.pop();
        this.pop();
      }
    }
    if (dOut && Object.keys(dData).length) dOut.data = dData;
    if (lOut && Object.keys(lData).length) lOut.data = lData;
  }

  private reportMasked(reason: FieldDrift['reason']): void {
    const path = pointerFromSegments(this.segments);
    if (!this.opts.hidden?.has(path)) this.fields.push({ path, desired: undefined, live: undefined, reason, masked: true });
  }

  private report(desired: unknown, live: unknown, reason: FieldDrift['reason']): void {
    const path = pointerFromSegments(this.segments);
    // A hidden live value is unknown, not different: checked only on report, so the walk stays cheap.
    if (this.opts.hidden?.has(path)) return;
    // Nothing rendered this value: what Git will set is unknown, so it is never a drift.
    if (this.liveOnly && (containsTemplate(desired) || this.segments.some(isTemplateText))) {
      this.unrendered ??= path;
      return;
    }
    this.fields.push({ path, desired, live, reason });
  }

  private skipped(): boolean {
    return isServerManagedPath(this.segments) || this.ignore.ignores(this.segments, this.aliases);
  }

  private push(segment: string, alias: string | undefined): void {
    this.segments.push(segment);
    this.aliases.push(alias);
  }

  private pop(): void {
    this.segments.pop();
    this.aliases.pop();
  }

  private withItem<T>(index: number, item: unknown, fn: () => T): T {
    this.push(String(index), aliasOf(item));
    try {
      return fn();
    } finally {
      this.pop();
    }
  }

  /** A live subtree as shown in a diff: without server-managed or ignored fields, Secret values masked. */
  private copyLive(value: unknown): unknown {
    return this.copy(value, this.liveIsSecret);
  }

  private copyDesired(value: unknown): unknown {
    return this.copy(value, false);
  }

  private copy(value: unknown, secret: boolean): unknown {
    if (Array.isArray(value)) return value.map((item, i) => this.withItem(i, item, () => this.copy(item, secret)));
    if (!isRecord(value)) return secret && this.segments.length === 2 && (this.segments[0] === 'data' || this.segments[0] === 'stringData') ? SECRET_MASK : value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      this.push(key, undefined);
      const keep = this.segments.length === 1 && (key === 'apiVersion' || key === 'kind') ? true : !this.skipped();
      if (keep) setOwn(out, key, this.copy(value[key], secret));
      this.pop();
    }
    return out;
  }
}

/** Own keys of a plain (JSON-parsed) object, counted without building the key list. */
function keyCount(record: Record<string, unknown>): number {
  let n = 0;
  for (const key in record) if (Object.hasOwn(record, key)) n++;
  return n;
}

function isEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length === 0 : isRecord(value) && Object.keys(value).length === 0;
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

/** List items are also named by their `name` in ignore paths (`containers.web.image`). */
function aliasOf(item: unknown): string | undefined {
  return isRecord(item) && typeof item.name === 'string' ? item.name : undefined;
}

function recordField(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

function secretKeys(applied: unknown, managed: ManagedFields | undefined): string[] {
  return appliedByAgent(applied, managed) ? agentKeys(applied, managed) : [];
}
