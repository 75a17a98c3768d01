import { randomUUID } from 'node:crypto';
import { ArgoCdAppClient } from '../argocd/argoCdClient';
import { runArgoSync } from '../argocd/argoCdSync';
import type { AuditLog } from '../chatops/auditLog';
import type { SendStatus } from '../chatops/commandHistory';
import type { AgentOperationChannel, EnvironmentConfig, LiveSource, OperationChannel, YouOpsConfig } from '../config/types';
import { formatFluxRef } from '../flux/fluxApi';
import { FluxKubectl } from '../flux/fluxKubectl';
import { runFluxAction } from '../flux/fluxOperations';
import { sourceToken, type SecretLookup } from '../live/createProvider';
import { fluxObjectRef } from '../live/fluxProvider';
import type { OperationOutcome, ProgressListener } from './operationOutcome';

type FluxSource = Extract<LiveSource, { provider: 'flux' }>;
type ArgoSource = Extract<LiveSource, { provider: 'argocd' }>;

export interface AgentOperationRequest {
  /** The operation's name in youops.yaml (`reconcile`, `sync-now`, …). */
  operation: string;
  channel: AgentOperationChannel;
  env: EnvironmentConfig;
  timeoutMs?: number;
  pollMs?: number;
}

export interface AgentOperationDeps {
  /** Folder of youops.yaml: a relative kubeconfig resolves against it. */
  rootDir: string;
  kubectlPath?: string;
  /** Environment of kubectl processes (default process.env). */
  processEnv?: NodeJS.ProcessEnv;
  /** Credentials by kind and host, as live sources get them (SecretStorage in the editor, the environment in the CLI). */
  secret?: SecretLookup;
  audit: AuditLog;
  /** Who acts, for the audit log. */
  user: string;
  /** Workspace Trust: an untrusted workspace changes nothing. */
  isTrusted(): boolean;
  /** Asked before acting on a protected environment; false cancels before anything is sent. */
  confirm(question: string, request: AgentOperationRequest): Promise<boolean>;
}

/**
 * Runs the operations youops.yaml gives to the GitOps agent (`flux:*`, `argocd:sync`) under
 * the rules of ChatOps sends: trusted workspaces only, confirmation on protected
 * environments, one at a time per environment and operation, and every request in the
 * append-only audit log — a `send` line before anything reaches the cluster, a `result` line
 * after. Surfaces show `onProgress` and the outcome; they decide nothing themselves.
 */
export class AgentOperationRunner {
  private readonly inflight = new Set<string>();

  constructor(private readonly deps: AgentOperationDeps) {}

  isRunning(operation: string, env: string): boolean {
    return this.inflight.has(`${operation}\n${env}`);
  }

  async run(request: AgentOperationRequest, onProgress?: ProgressListener, signal?: AbortSignal): Promise<OperationOutcome> {
    const { env, channel, operation } = request;
    const refuse = (message: string): OperationOutcome => ({ status: 'refused', delivery: 'not-sent', message, steps: [] });
    if (!this.deps.isTrusted()) return refuse('this workspace is not trusted: YouOps changes nothing from it');
    const problem = mismatch(channel, env);
    if (problem) return refuse(problem);
    const key = `${operation}\n${env.name}`;
    if (this.inflight.has(key)) return refuse(`${operation} is already running on ${env.name}`);
    this.inflight.add(key);
    try {
      const what = describeAgentOperation(channel, env);
      if (env.protected && !(await this.deps.confirm(`${what}? ${env.name} is protected.`, request))) {
        return { status: 'cancelled', delivery: 'not-sent', message: `${what}: cancelled, nothing was sent`, steps: [] };
      }
      const id = randomUUID();
      try {
        await this.deps.audit.append({ type: 'send', id, time: new Date().toISOString(), by: this.deps.user, via: channel.channel, destination: destinationOf(env), command: operation, env: env.name, text: equivalentCommand(channel, env) });
      } catch (e) {
        // Nothing goes out that the audit log does not hold.
        return { status: 'error', delivery: 'not-sent', message: `cannot write the audit log ${this.deps.audit.file}: ${(e as Error).message}; nothing was sent`, steps: [] };
      }
      const outcome = await this.perform(request, onProgress, signal);
      const result = {
        type: 'result' as const,
        id,
        time: new Date().toISOString(),
        status: AUDIT_STATUS[outcome.status],
        delivery: outcome.delivery,
        ...(outcome.status === 'success' || outcome.status === 'failure' ? {} : { error: outcome.message }),
        replies: [{ author: channel.channel === 'flux' ? 'flux' : 'argocd', text: outcome.message, at: new Date().toISOString() }],
      };
      const recorded = await this.deps.audit.append(result).then(
        () => true,
        () => false,
      );
      return recorded ? outcome : { ...outcome, message: `${outcome.message} (the audit log ${this.deps.audit.file} could not record the result)` };
    } finally {
      this.inflight.delete(key);
    }
  }

  private perform(request: AgentOperationRequest, onProgress: ProgressListener | undefined, signal: AbortSignal | undefined): Promise<OperationOutcome> {
    const { channel, env, timeoutMs, pollMs } = request;
    const live = env.live!;
    if (channel.channel === 'flux') {
      const source = live as FluxSource;
      const kubectl = new FluxKubectl({ kubectlPath: this.deps.kubectlPath, kubeconfig: source.kubeconfig, context: source.context, cwd: this.deps.rootDir, env: this.deps.processEnv });
      return runFluxAction(kubectl, { object: fluxObjectRef(source), action: channel.action, withSource: channel.withSource, timeoutMs, pollMs, onProgress, signal });
    }
    const source = live as ArgoSource;
    const client = new ArgoCdAppClient({ server: source.server, app: source.app, appNamespace: source.appNamespace, insecure: source.insecure, getToken: sourceToken(source, this.deps.secret) });
    return runArgoSync(client, { app: source.app, appNamespace: source.appNamespace, timeoutMs, pollMs, onProgress, signal });
  }
}

/** Audit results speak the ChatOps vocabulary: a timeout is a request nobody answered in time. */
const AUDIT_STATUS: Record<OperationOutcome['status'], SendStatus> = {
  success: 'success',
  failure: 'failure',
  timeout: 'no-answer',
  error: 'error',
  cancelled: 'error',
  refused: 'error',
};

/** Why this operation cannot act on this environment, if it cannot. */
function mismatch(channel: AgentOperationChannel, env: EnvironmentConfig): string | undefined {
  if (env.live?.provider === channel.channel) return undefined;
  const needs = channel.channel === 'flux' ? 'a flux live source (live: { flux: { kustomization: … } })' : 'an argocd live source';
  return `${channel.channel}:${channel.action} needs ${needs}; ${env.name}'s live source is ${env.live?.provider ?? 'not set'}`;
}

/** `Reconcile Kustomization flux-system/prod (source first)`, `Sync Argo CD application shop`. */
export function describeAgentOperation(channel: AgentOperationChannel, env: EnvironmentConfig): string {
  if (channel.channel === 'argocd') return `Sync Argo CD application ${env.live?.provider === 'argocd' ? env.live.app : '?'}`;
  const target = env.live?.provider === 'flux' ? formatFluxRef(fluxObjectRef(env.live)) : 'the Flux object';
  return `${agentActionVerb(channel)} ${target}${channel.withSource ? ' (source first)' : ''}`;
}

/** `Reconcile`, `Suspend`, `Resume`, `Sync`: the operation's verb, for buttons. */
export function agentActionVerb(channel: AgentOperationChannel): string {
  return { reconcile: 'Reconcile', suspend: 'Suspend', resume: 'Resume', sync: 'Sync' }[channel.action];
}

/** The agent operations that can act on an environment (its live source is theirs). */
export function agentOperationsFor(config: YouOpsConfig, env: EnvironmentConfig): Array<{ name: string; channel: AgentOperationChannel }> {
  return Object.entries(config.agentOperations)
    .filter(([, channel]) => !mismatch(channel, env))
    .map(([name, channel]) => ({ name, channel }));
}

/** Every operation of youops.yaml, for a picker, in youops.yaml's order (without it: the editor's channels, then the agent's). */
export function listOperations(config: YouOpsConfig): Array<{ name: string; channel: OperationChannel | AgentOperationChannel }> {
  const all = [...Object.entries(config.operations), ...Object.entries(config.agentOperations)].map(([name, channel]) => ({ name, channel }));
  const order = config.operationOrder;
  if (!order) return all;
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return all.sort((a, b) => rank(a.name) - rank(b.name));
}

function destinationOf(env: EnvironmentConfig): string {
  const live = env.live!;
  if (live.provider === 'flux') return `${formatFluxRef(fluxObjectRef(live))}${live.context ? ` in context ${live.context}` : ''}`;
  if (live.provider === 'argocd') return `Argo CD ${live.server} application ${live.appNamespace ? `${live.appNamespace}/` : ''}${live.app}`;
  return live.provider;
}

/** The same request with the agent's own CLI, for the audit log and for people reading it. */
export function equivalentCommand(channel: AgentOperationChannel, env: EnvironmentConfig): string {
  const live = env.live!;
  if (channel.channel === 'argocd' && live.provider === 'argocd') return `argocd app sync ${live.app}${live.appNamespace ? ` --app-namespace ${live.appNamespace}` : ''}`;
  if (channel.channel === 'flux' && live.provider === 'flux') {
    const ref = fluxObjectRef(live);
    const kind = ref.kind === 'Kustomization' ? 'kustomization' : 'helmrelease';
    return `flux ${channel.action} ${kind} ${ref.name} --namespace ${ref.namespace}${channel.withSource ? ' --with-source' : ''}${live.context ? ` --context ${live.context}` : ''}`;
  }
  return `${channel.channel}:${channel.action}`;
}
