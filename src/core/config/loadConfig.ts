import * as fs from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { LineIndex } from '../text/range';
import type { ConfigProblem } from './configProblem';
import { validateConfigShape } from './configSchema';
import { parseDurationSeconds } from './duration';
import { checkConfigSemantics } from './checkConfigSemantics';
import { describeSchemaErrors } from './schemaErrorMessage';
import { parseLiveSource } from './liveSources';
import type { ChatOpsFeedbackConfig, ChatOpsParamConfig, EnvironmentConfig, OperationChannel, YouOpsConfig } from './types';
import { YamlNodeLocator } from './yamlNodeLocator';

export interface ConfigLoadResult {
  file: string;
  /** The text that was read, when it could be read. */
  text?: string;
  /** Present when the file could be understood, even with warnings. */
  config?: YouOpsConfig;
  problems: ConfigProblem[];
}

/** Files larger than this are refused rather than parsed: a config is never this big. */
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

export async function loadConfigFile(file: string): Promise<ConfigLoadResult> {
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_CONFIG_BYTES) {
      return failure(file, `youops.yaml is ${Math.round(stat.size / 1024)} KB; configs over ${MAX_CONFIG_BYTES / 1024} KB are not read`);
    }
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    return failure(file, `cannot read ${file}: ${(err as Error).message}`);
  }
  return { ...parseConfigText(text, file), text };
}

/** Parses and checks config text; never throws, every problem carries a position. */
export function parseConfigText(text: string, file = 'youops.yaml'): ConfigLoadResult {
  // logLevel error: toJS() of collection keys would otherwise print a process warning per parse.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];

  for (const e of [...doc.errors, ...doc.warnings]) {
    problems.push({
      severity: doc.errors.includes(e) ? 'error' : 'warning',
      message: `YAML: ${e.message.split('\n')[0]}`,
      path: '',
      range: lines.rangeOf(e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)),
    });
  }
  if (doc.errors.length) return { file, problems };

  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  const locate = new YamlNodeLocator(doc, text);
  if (data === null || data === undefined) {
    problems.push({ severity: 'error', message: 'youops.yaml is empty: add `version: 1` and your `environments`', path: '', range: lines.rangeOf(0, 0) });
    return { file, problems };
  }

  for (const f of describeSchemaErrors(validateConfigShape(data))) {
    problems.push({
      severity: 'error',
      message: f.message,
      path: f.pointer,
      range: f.key !== undefined ? locate.keyRange(f.pointer, f.key) : f.pointer ? locate.fieldRange(f.pointer) : locate.valueRange(''),
    });
  }
  if (problems.some((p) => p.severity === 'error')) return { file, problems };

  const config = normalize(data as RawConfig);
  // The schema admits only the kinds of LIVE_SOURCES; a kind without an entry must never pass as another.
  (data as RawConfig).environments.forEach((raw, i) => {
    if (raw.live && !config.environments[i].live) {
      problems.push({ severity: 'error', message: `environments[${i}].live: unknown live-state provider "${Object.keys(raw.live)[0]}"`, path: `/environments/${i}/live`, range: locate.fieldRange(`/environments/${i}/live`) });
    }
  });
  for (const p of checkConfigSemantics(config)) {
    problems.push({ ...p, range: locate.fieldRange(p.path) });
  }
  const fatal = problems.some((p) => p.severity === 'error');
  return { file, config: fatal ? undefined : config, problems };
}

function failure(file: string, message: string): ConfigLoadResult {
  return { file, problems: [{ severity: 'error', message, path: '', range: new LineIndex('').rangeOf(0, 0) }] };
}

interface RawEnvironment {
  name: string;
  manifests: string | string[];
  branch?: string;
  promotesFrom?: string;
  protected?: boolean;
  live?: Record<string, unknown>;
}

interface RawConfig {
  version: 1;
  environments: RawEnvironment[];
  drift?: { ignore?: Array<{ kind?: string; path: string }>; refresh?: string | number };
  issueops?: { github?: { repo?: string }; templates?: string; commands?: string[] };
  chatops?: {
    transports?: Record<string, Record<string, unknown>>;
    commands?: Array<{ name: string; text: string; via: string; confirm?: string[]; description?: string; params?: Record<string, ChatOpsParamConfig>; success?: string[]; failure?: string[] }>;
    feedback?: ChatOpsFeedbackConfig;
  };
  operations?: Record<string, string>;
  schemas?: Array<{ files: string; schema: string }>;
}

/** Shape-checked raw data → the model with defaults filled in. */
function normalize(raw: RawConfig): YouOpsConfig {
  return {
    version: 1,
    environments: raw.environments.map(normalizeEnvironment),
    drift: {
      ignore: raw.drift?.ignore ?? [],
      refreshSeconds: parseDurationSeconds(raw.drift?.refresh, 60),
    },
    issueops: {
      repo: raw.issueops?.github?.repo,
      templates: raw.issueops?.templates ?? '.github/ISSUE_TEMPLATE',
      commands: raw.issueops?.commands ?? [],
    },
    chatops: {
      transports: raw.chatops?.transports ?? {},
      commands: (raw.chatops?.commands ?? []).map((c) => ({ ...c, confirm: c.confirm ?? [], params: c.params ?? {} })),
      feedback: raw.chatops?.feedback ?? {},
    },
    operations: Object.fromEntries(Object.entries(raw.operations ?? {}).map(([name, v]) => [name, parseChannel(v)])),
    schemas: raw.schemas ?? [],
  };
}

function normalizeEnvironment(raw: RawEnvironment): EnvironmentConfig {
  return {
    name: raw.name,
    manifests: Array.isArray(raw.manifests) ? raw.manifests : [raw.manifests],
    live: raw.live ? parseLiveSource(raw.live) : undefined,
    promotesFrom: raw.promotesFrom,
    protected: raw.protected ?? false,
    branch: raw.branch,
  };
}

export function parseChannel(value: string): OperationChannel {
  if (value.startsWith('issueops:')) return { channel: 'issueops', template: value.slice('issueops:'.length) };
  if (value.startsWith('chatops:')) return { channel: 'chatops', command: value.slice('chatops:'.length) };
  return { channel: 'gitops' };
}
