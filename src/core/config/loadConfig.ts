import { isAlias, parseDocument, visit, type Document } from 'yaml';
import { FILE_LIMITS, FileRefusedError, readBoundedText } from '../files/readBounded';
import { LineIndex } from '../text/range';
import type { ConfigProblem } from './configProblem';
import { validateConfigShape } from './configSchema';
import { parseDurationSeconds } from './duration';
import { checkConfigSemantics } from './checkConfigSemantics';
import { configBaseDir } from './configFile';
import { checkConfigPaths } from './configPaths';
import { describeSchemaErrors } from './schemaErrorMessage';
import { parseLiveSource } from './liveSources';
import { DEFAULT_FIELD_MANAGERS, type AgentOperationChannel, type ChatOpsFeedbackConfig, type ChatOpsParamConfig, type EnvironmentConfig, type OperationChannel, type YouOpsConfig } from './types';
import { YamlNodeLocator } from './yamlNodeLocator';

export interface ConfigLoadResult {
  file: string;
  /** The text that was read, when it could be read. */
  text?: string;
  /** Present when the file could be understood, even with warnings. */
  config?: YouOpsConfig;
  problems: ConfigProblem[];
}

export async function loadConfigFile(file: string): Promise<ConfigLoadResult> {
  let text: string;
  try {
    text = await readBoundedText(file, FILE_LIMITS.config);
  } catch (err) {
    return failure(file, err instanceof FileRefusedError ? err.message : `cannot read ${file}: ${(err as Error).message}`);
  }
  return { ...parseConfigText(text, file, configBaseDir(file)), text };
}

/**
 * Parses and checks config text; never throws, every problem carries a position.
 * With `baseDir`, paths are also checked for symbolic links out of the repository.
 */
export function parseConfigText(text: string, file = 'youops.yaml', baseDir?: string): ConfigLoadResult {
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

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // yaml throws a ReferenceError past maxAliasCount (and for an alias before its anchor).
    const at = mostUsedAlias(doc);
    const message = e instanceof ReferenceError && /alias count/i.test(e.message)
      ? `YAML: aliases expand to too much data${at ? ` (*${at.name} is used ${at.uses} times)` : ''}; youops.yaml allows ${MAX_ALIAS_COUNT} alias expansions — write the values out instead`
      : `YAML: ${(e as Error).message}`;
    problems.push({ severity: 'error', message, path: '', range: at ? lines.rangeOf(at.range[0], at.range[1]) : lines.rangeOf(0, 0) });
    return { file, problems };
  }
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
  for (const p of [...checkConfigSemantics(config), ...checkConfigPaths(config, data, baseDir)]) {
    problems.push({ ...p, range: locate.fieldRange(p.path) });
  }
  const fatal = problems.some((p) => p.severity === 'error');
  return { file, config: fatal ? undefined : config, problems };
}

/** Aliases a config may expand: a config needs a few; thousands are an expansion attack. */
const MAX_ALIAS_COUNT = 100;

/** The alias whose anchor is used most (its last use), where a problem about aliases is shown. */
function mostUsedAlias(doc: Document): { name: string; uses: number; range: [number, number] } | undefined {
  const uses = new Map<string, { uses: number; range: [number, number] }>();
  visit(doc, {
    Alias(_key, node) {
      if (!isAlias(node) || !node.range) return;
      const entry = uses.get(node.source) ?? { uses: 0, range: [node.range[0], node.range[1]] };
      entry.uses++;
      entry.range = [node.range[0], node.range[1]];
      uses.set(node.source, entry);
    },
  });
  let best: { name: string; uses: number; range: [number, number] } | undefined;
  for (const [name, entry] of uses) if (!best || entry.uses > best.uses) best = { name, ...entry };
  return best;
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
  drift?: { ignore?: Array<{ kind?: string; path: string }>; fieldManagers?: string[]; refresh?: string | number };
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
      fieldManagers: raw.drift?.fieldManagers ?? [...DEFAULT_FIELD_MANAGERS],
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
    ...splitOperations(raw.operations ?? {}),
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

/** The operations the editor hands to its own commands, and those the agent performs. */
function splitOperations(raw: Record<string, string>): Pick<YouOpsConfig, 'operations' | 'agentOperations' | 'operationOrder'> {
  const operations: Record<string, OperationChannel> = {};
  const agentOperations: Record<string, AgentOperationChannel> = {};
  for (const [name, value] of Object.entries(raw)) {
    const agent = parseAgentChannel(value);
    if (agent) agentOperations[name] = agent;
    else operations[name] = parseChannel(value);
  }
  return { operations, agentOperations, operationOrder: Object.keys(raw) };
}

/** `flux:reconcile`, `flux:reconcile-with-source`, `flux:suspend`, `flux:resume`, `argocd:sync`; undefined for the other channels. */
export function parseAgentChannel(value: string): AgentOperationChannel | undefined {
  if (value === 'argocd:sync') return { channel: 'argocd', action: 'sync' };
  const flux = /^flux:(reconcile|reconcile-with-source|suspend|resume)$/.exec(value);
  if (!flux) return undefined;
  return flux[1] === 'reconcile-with-source' ? { channel: 'flux', action: 'reconcile', withSource: true } : { channel: 'flux', action: flux[1] as 'reconcile' | 'suspend' | 'resume', withSource: false };
}

export function parseChannel(value: string): OperationChannel {
  if (value.startsWith('issueops:')) return { channel: 'issueops', template: value.slice('issueops:'.length) };
  if (value.startsWith('chatops:')) return { channel: 'chatops', command: value.slice('chatops:'.length) };
  return { channel: 'gitops' };
}
