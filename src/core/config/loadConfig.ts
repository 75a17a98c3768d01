import * as fs from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { LineIndex } from '../text/range';
import type { ConfigProblem } from './configProblem';
import { validateConfigShape } from './configSchema';
import { parseDurationSeconds } from './duration';
import { checkConfigSemantics } from './checkConfigSemantics';
import { describeSchemaErrors } from './schemaErrorMessage';
import type { AgentOperationChannel, ChatOpsFeedbackConfig, ChatOpsParamConfig, EnvironmentConfig, LiveSource, OperationChannel, YouOpsConfig } from './types';
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
    ...splitOperations(raw.operations ?? {}),
    schemas: raw.schemas ?? [],
  };
}

function normalizeEnvironment(raw: RawEnvironment): EnvironmentConfig {
  return {
    name: raw.name,
    manifests: Array.isArray(raw.manifests) ? raw.manifests : [raw.manifests],
    live: raw.live ? parseLive(raw.live) : undefined,
    promotesFrom: raw.promotesFrom,
    protected: raw.protected ?? false,
    branch: raw.branch,
  };
}

function parseLive(live: Record<string, unknown>): LiveSource {
  const [provider, value] = Object.entries(live)[0] as [string, never];
  switch (provider) {
    case 'snapshot':
      return { provider, path: value };
    case 'gitRef':
      return { provider, ...(value as { ref: string; path?: string }) };
    case 'command':
      return { provider, argv: value };
    case 'kubectl':
      return { provider, ...(value as object) };
    case 'flux': {
      const { kustomization, helmRelease, ...rest } = value as { kustomization?: string; helmRelease?: string; namespace?: string; context?: string; kubeconfig?: string };
      return { provider, kind: kustomization !== undefined ? 'Kustomization' : 'HelmRelease', name: kustomization ?? helmRelease ?? '', ...rest };
    }
    default:
      return { provider: 'argocd', ...(value as { server: string; app: string; appNamespace?: string; insecure?: boolean }) };
  }
}

/** The operations the editor hands to its own commands, and those the agent performs. */
function splitOperations(raw: Record<string, string>): Pick<YouOpsConfig, 'operations' | 'agentOperations'> {
  const operations: Record<string, OperationChannel> = {};
  const agentOperations: Record<string, AgentOperationChannel> = {};
  for (const [name, value] of Object.entries(raw)) {
    const agent = parseAgentChannel(value);
    if (agent) agentOperations[name] = agent;
    else operations[name] = parseChannel(value);
  }
  return { operations, agentOperations };
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
