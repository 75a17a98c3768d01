import * as os from 'node:os';
import * as vscode from 'vscode';
import type { AgentOperationChannel, EnvironmentConfig } from '../../../core/config/types';
import { AgentOperationRunner, agentActionVerb, describeAgentOperation, equivalentCommand } from '../../../core/operations/agentOperations';
import type { OperationOutcome } from '../../../core/operations/operationOutcome';
import { Failure } from '../../shared/commands/failure';
import { Disposable } from '../../shared/disposable';
import type { Services } from '../../shared/services';

/** An operation in flight on an environment, and the last thing the agent was seen doing. */
export interface RunningOperation {
  operation: string;
  what: string;
  progress?: string;
}

const SYMBOL: Record<OperationOutcome['status'], string> = { success: '✓', failure: '✗', timeout: '∅', error: '⚠', cancelled: '–', refused: '⛔' };

const UNTRUSTED =
  'This workspace is not trusted, so YouOps changes nothing in your clusters from it. Trust the workspace to reconcile, suspend, resume or sync.';

/**
 * The operations the GitOps agent performs — Flux reconcile, suspend and resume, Argo CD sync —
 * as the environments feature's own store of what is running. The core runner holds the rules
 * (trusted workspaces only, a question on protected environments, every request in the window's
 * audit log before it is sent); here they get a progress notification until the agent's
 * outcome, the outcome as a notification, and a refresh of the environment.
 */
export class AgentOperations extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly inflight = new Map<string, RunningOperation>();
  private readonly runner: AgentOperationRunner;

  constructor(private readonly services: Pick<Services, 'store' | 'ui' | 'secrets' | 'audit'>) {
    super();
    const { store, ui, secrets, audit } = services;
    this.runner = new AgentOperationRunner({
      // Read when an operation starts: the loaded config's folder and the current kubectl setting.
      get rootDir() {
        const state = store.state;
        return state.kind === 'ready' ? state.rootDir : '';
      },
      get kubectlPath() {
        return vscode.workspace.getConfiguration('youops').get<string>('kubectl.path') || undefined;
      },
      secret: secrets.lookup,
      audit,
      user: os.userInfo().username,
      isTrusted: () => vscode.workspace.isTrusted,
      confirm: async (question, request) => {
        const action = agentActionVerb(request.channel);
        const detail = `Same as: ${equivalentCommand(request.channel, request.env)}\n\nThe request is written to the audit log before it is sent.`;
        return (await ui.confirm(question, detail, action)) === action;
      },
    });
  }

  /** What runs on `env` now (the latest started), for the environment's agent row. */
  running(env: string): RunningOperation | undefined {
    return [...this.inflight.entries()].reverse().find(([key]) => key.endsWith(`\n${env}`))?.[1];
  }

  /**
   * Runs one operation on one environment with progress until the agent's outcome (cancelling
   * stops waiting, not the agent), then shows the outcome and refreshes the environment.
   */
  async run(env: EnvironmentConfig, operation: string, channel: AgentOperationChannel): Promise<OperationOutcome> {
    if (!vscode.workspace.isTrusted) throw new Failure('untrusted', UNTRUSTED);
    const what = describeAgentOperation(channel, env);
    const key = `${operation}\n${env.name}`;
    const outcome = await this.services.ui.progress({ title: `YouOps: ${what}`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const started = !this.inflight.has(key);
      if (started) this.track(key, { operation, what });
      try {
        return await this.runner.run(
          { operation, channel, env },
          (p) => {
            progress.report({ message: p.message });
            if (started) this.track(key, { operation, what, progress: p.message });
          },
          abort.signal,
        );
      } finally {
        if (started) this.track(key, undefined);
      }
    });
    if (outcome.delivery !== 'not-sent') void this.services.store.refresh(env.name);
    void this.notify(env, channel, outcome);
    return outcome;
  }

  private track(key: string, running: RunningOperation | undefined): void {
    if (running) this.inflight.set(key, running);
    else this.inflight.delete(key);
    this.changed.fire();
  }

  private async notify(env: EnvironmentConfig, channel: AgentOperationChannel, outcome: OperationOutcome): Promise<void> {
    const { ui } = this.services;
    const text = `${SYMBOL[outcome.status]} ${outcome.message}`;
    // Declined at the question: nothing happened, nothing to report.
    if (outcome.status === 'cancelled' && outcome.delivery === 'not-sent') return;
    const setToken = 'Set Argo CD Token';
    const actions = ['Show Audit Log', ...(channel.channel === 'argocd' && outcome.status === 'error' && outcome.delivery === 'not-sent' ? [setToken] : [])];
    const severity =
      outcome.status === 'success' || outcome.status === 'cancelled'
        ? 'info'
        : outcome.status === 'timeout' || outcome.status === 'refused'
          ? 'warning'
          : 'error';
    const choice = await ui.notify(severity, `${text}${outcome.status === 'success' ? '' : ` (${env.name})`}`, ...actions);
    if (choice === 'Show Audit Log') await vscode.commands.executeCommand('youops.chatops.showAuditLog');
    else if (choice === setToken) await vscode.commands.executeCommand('youops.argocd.setToken');
  }
}
