import * as vscode from 'vscode';
import { asChatOpsError } from '../../core/chatops/chatOpsError';
import { needsConfirmation, feedbackPatternsFor, planParameters } from '../../core/chatops/commandCatalogue';
import { contextFromResource, type CommandContext } from '../../core/chatops/commandContext';
import type { HistoryEntry } from '../../core/chatops/commandHistory';
import { createTransport, type CreatedTransport } from '../../core/chatops/createTransport';
import { configuredTransports, isTransportKind } from '../../core/chatops/transportSettings';
import type { TransportKind } from '../../core/chatops/transports/transport';
import { describeRenderFailure, renderTemplate } from '../../core/chatops/template';
import type { ChatOpsCommandConfig, YouOpsConfig } from '../../core/config/types';
import { currentBranch } from '../../core/git/history';
import { relativeTime } from '../../core/text/relativeTime';
import { Failure } from '../shared/commands/failure';
import type { CommandTarget } from '../shared/commands/commandTarget';
import type { Failures } from '../shared/commands/failures';
import type { GitHubAccess } from '../shared/github/gitHubAccess';
import type { Secrets } from '../shared/secrets';
import type { ReadyState } from '../shared/store/workspaceState';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';
import type { ChatOpsController } from './chatOpsController';
import { githubComments } from './githubComments';

/** A second send of the same message within this window asks first: lenses are easy to double-click. */
const RECENT_MS = 10 * 60_000;

/** What the send flows use. */
export interface ChatOpsDeps {
  store: WorkspaceStore;
  ui: Ui;
  failures: Failures;
  secrets: Secrets;
  github: GitHubAccess;
  chatops: ChatOpsController;
}

/** Palette, tree, lens or hover → command → parameters → preview → confirmation → send → answer. */
export async function sendChatOpsCommand(deps: ChatOpsDeps, target: CommandTarget): Promise<HistoryEntry | undefined> {
  const state = readyForSending(deps);
  if (!state) return undefined;
  const { chatops, ui } = deps;
  const config = state.config;
  const commands = config.chatops.commands;

  let command: ChatOpsCommandConfig | undefined;
  if (target.command) {
    command = commands.find((c) => c.name === target.command);
    if (!command) return void ui.notify('error', `youops.yaml defines no ChatOps command "${target.command}".`);
  } else {
    const choice = await deps.ui.pickValue<ChatOpsCommandConfig | 'free' | 'history'>(
      [
        ...commands.map((c) => ({
          label: `$(comment-discussion) ${c.name}`,
          description: c.text,
          detail: [c.description, `via ${c.via}`].filter(Boolean).join(' · '),
          value: c,
        })),
        { label: '$(edit) Free-form message…', description: 'type the command yourself', value: 'free' as const },
        ...(chatops.history.all().length ? [{ label: '$(history) Resend from history…', value: 'history' as const }] : []),
      ],
      { title: 'Send ChatOps command', placeHolder: target.env ? `Command for ${target.env}` : 'Which command?' },
    );
    if (!choice) return undefined;
    if (choice === 'history') return resendFromHistory(deps);
    if (choice !== 'free') command = choice;
  }

  const via = command?.via ?? (await pickTransport(deps, config));
  if (!via) return undefined;
  // Nothing is sent before the transport exists: after a fix (a new sign-in) the same command starts over, preview included.
  const again = { ...target, ...(command ? { command: command.name } : {}) };
  const created = await transportFor(deps, state, via, `Cannot send via ${via}`, () => sendChatOpsCommand(deps, again), command?.name);
  if (!created) return undefined;

  let text: string | undefined;
  let env = target.env;
  if (command) {
    const filled = await fillParameters(deps, state, command, target);
    if (!filled) return undefined;
    env = filled.context.env;
    const rendered = renderTemplate(command.text, filled.values, created.transport.escape);
    if (!rendered.ok) return void ui.notify('error', `YouOps: ${describeRenderFailure(command.name, rendered)}.`);
    text = rendered.text;
  }

  // The preview is the exact message; it may be edited, and Escape sends nothing (VS Code's own hint says so under the box).
  text = await ui.input({
    title: `Preview — Enter sends this to ${created.transport.destination}`,
    prompt: command ? `The exact message of "${command.name}"${env ? ` for ${env}` : ''}; edit it if needed` : 'Type the command',
    value: text ?? lastFreeForm(chatops, via),
    validate: (v) => (v.trim() ? undefined : 'The message is empty'),
  });
  if (!text?.trim()) return undefined;
  text = text.trim();

  const envConfig = config.environments.find((e) => e.name === env);
  if (!(await confirmSend(deps, { text, destination: created.transport.destination, env, protectedEnv: needsConfirmation(command, envConfig) })))
    return undefined;
  return sendAndNotify(deps, { text, via: created.transport.kind, command: command?.name, env, created });
}

/**
 * The transport youops.yaml names, with its secret; a failure is reported with its fix and gives
 * undefined. When there is a fix (a sign-in, a token) the command is kept: the fix continues with
 * it, and so does Resend.
 */
async function transportFor(
  deps: ChatOpsDeps,
  state: ReadyState,
  via: string,
  what: string,
  retry: () => unknown,
  commandName?: string,
): Promise<CreatedTransport | undefined> {
  const cfg = vscode.workspace.getConfiguration('youops.chatops');
  const followOverride = cfg.get<number>('followSeconds', -1);
  try {
    return await createTransport(state.config.chatops.transports, via, {
      user: deps.chatops.user,
      timeoutMs: Math.max(1, cfg.get<number>('requestTimeoutSeconds', 30)) * 1000,
      followMs: (fromConfig) => (followOverride >= 0 ? followOverride : fromConfig) * 1000,
      secret: (kind, target) => deps.secrets.transportSecret(kind, target),
      githubComments: (issue) => githubComments(deps.github, state.rootDir, issue),
    });
  } catch (err) {
    // Not awaited: the flow ends here and the button starts the fix later.
    const failure = err instanceof Failure ? err : asChatOpsError(err);
    const ctx = { what, transport: isTransportKind(via) ? via : undefined, retry };
    const fixable = deps.failures.fixesFor(failure, ctx).length > 0;
    const kept = fixable
      ? { kept: `Nothing was sent; ${commandName ? `"${commandName}"` : 'the command'} is kept: Resend runs it again.`, actions: ['Resend'] }
      : {};
    void deps.failures.show(failure, { ...ctx, ...kept }).then((choice) => choice === 'Resend' && retry());
    return undefined;
  }
}

/** The last confirmation before a message leaves: protected environments and recent duplicates. */
async function confirmSend(
  deps: ChatOpsDeps,
  s: { text: string; destination: string; env?: string; protectedEnv: boolean; resendOf?: HistoryEntry },
): Promise<boolean> {
  const { chatops } = deps;
  const previous = s.resendOf ?? chatops.history.all().find((h) => h.text === s.text && h.destination === s.destination && h.delivery !== 'not-sent');
  const recent = previous && (s.resendOf || Date.now() - Date.parse(previous.sentAt) < RECENT_MS) && previous.delivery !== 'not-sent' ? previous : undefined;
  if (!s.protectedEnv && !recent) return true;
  const lines = [`${s.text}`, `→ ${s.destination}`];
  if (recent) {
    lines.push(
      recent.delivery === 'sent'
        ? `This message was already delivered ${relativeTime(new Date(recent.sentAt))} (${recent.status}). Sending it again runs the command again.`
        : `An earlier attempt ${relativeTime(new Date(recent.sentAt))} may have arrived (${recent.error ?? 'no confirmation'}). Check the channel first.`,
    );
  }
  const title = s.protectedEnv ? `${s.env} is protected. Send this ChatOps command?` : 'Send this ChatOps command again?';
  const action = recent ? 'Send Again' : 'Send';
  return (await deps.ui.confirm(title, lines.join('\n\n'), action)) === action;
}

async function sendAndNotify(
  deps: ChatOpsDeps,
  s: { text: string; via: TransportKind; command?: string; env?: string; created: CreatedTransport },
): Promise<HistoryEntry | undefined> {
  const { chatops, ui } = deps;
  const state = deps.store.state;
  if (state.kind !== 'ready') return undefined;
  const { transport, followMs } = s.created;
  if (chatops.isInFlight({ transport, text: s.text })) {
    void ui.notify('warning', `"${s.text}" is still being sent to ${transport.destination}.`);
    return undefined;
  }
  const commandConfig = state.config.chatops.commands.find((c) => c.name === s.command);
  try {
    const entry = await chatops.send({
      text: s.text,
      transport,
      command: s.command,
      env: s.env,
      patterns: feedbackPatternsFor(state.config.chatops, commandConfig),
      followMs,
    });
    void chatops.notify(entry, (e) => resendEntry(deps, e));
    return entry;
  } catch (err) {
    void ui.notify('error', `YouOps: ${asChatOpsError(err).message}`);
    return undefined;
  }
}

/** "Resend" from a notification, the tree or the history list: the same text, the same transport. */
export async function resendEntry(deps: ChatOpsDeps, entry: HistoryEntry): Promise<HistoryEntry | undefined> {
  const state = readyForSending(deps);
  if (!state) return undefined;
  const created = await transportFor(deps, state, entry.via, `Cannot resend via ${entry.via}`, () => resendEntry(deps, entry), entry.text);
  if (!created) return undefined;
  const command = state.config.chatops.commands.find((c) => c.name === entry.command);
  const envConfig = state.config.environments.find((e) => e.name === entry.env);
  const ok = await confirmSend(deps, {
    text: entry.text,
    destination: created.transport.destination,
    env: entry.env,
    protectedEnv: needsConfirmation(command, envConfig),
    resendOf: entry,
  });
  if (!ok) return undefined;
  return sendAndNotify(deps, { text: entry.text, via: entry.via, command: entry.command, env: entry.env, created });
}

export async function resendFromHistory(deps: ChatOpsDeps, historyId?: string): Promise<HistoryEntry | undefined> {
  const { chatops } = deps;
  const given = historyId ? chatops.history.find(historyId) : undefined;
  const entry =
    given ??
    (await deps.ui.pickValue(
      chatops.history.all().map((h) => ({
        label: h.text,
        description: `${h.status} · ${relativeTime(new Date(h.sentAt))}`,
        detail: `${h.destination}${h.env ? ` · ${h.env}` : ''}${h.error ? ` · ${h.error}` : h.replies.at(-1) ? ` · ${h.replies.at(-1)!.author}: ${h.replies.at(-1)!.text}` : ''}`,
        value: h,
      })),
      { title: 'Resend ChatOps command', placeHolder: chatops.history.all().length ? 'Which command?' : 'No command sent from this workspace yet' },
    ));
  return entry ? resendEntry(deps, entry) : undefined;
}

/** Context first (where the user stood), then defaults, then questions; nothing is guessed. */
async function fillParameters(
  deps: ChatOpsDeps,
  state: ReadyState,
  command: ChatOpsCommandConfig,
  target: CommandTarget,
): Promise<{ context: CommandContext; values: Record<string, string | undefined> } | undefined> {
  const { store } = deps;
  let context: CommandContext = { env: target.env };
  if (target.env && target.key) {
    const r = store.resource(target.env, target.key);
    if (r) context = contextFromResource(target.env, r);
  }
  let plan = planParameters(command, context);
  const needs = (name: string) => plan.some((p) => p.name === name && !p.value);

  if (needs('env')) {
    const env = await deps.ui.pickValue(
      state.config.environments.map((e) => ({ label: e.name, description: e.protected ? '$(lock) protected' : undefined, value: e.name })),
      { title: `${command.name}: which environment?` },
    );
    if (!env) return undefined;
    context = { ...context, env };
  }
  if (['app', 'resource', 'version'].some(needs) && context.env) {
    const resources = store.environment(context.env)?.state?.drift.resources ?? [];
    if (resources.length) {
      const key = await deps.ui.pickValue(
        resources.map((r) => ({ label: r.id.name, description: `${r.id.kind}${r.id.namespace ? ` · ${r.id.namespace}` : ''}`, value: r.key })),
        { title: `${command.name}: which resource in ${context.env}?` },
      );
      if (!key) return undefined;
      context = { ...contextFromResource(context.env, store.resource(context.env, key)!), ...definedOnly(context) };
    }
  }
  if (needs('ref')) context.ref = (await currentBranch(state.rootDir)) ?? undefined;
  plan = planParameters(command, context);

  const values: Record<string, string | undefined> = {};
  for (const p of plan) {
    let value = p.value;
    // Choices are always offered (the context's value first); other parameters only when empty.
    if (p.spec.choices || !value) {
      value = await askParameter(deps, command.name, p.name, p.spec, value);
      if (value === undefined) return undefined;
    }
    values[p.name] = value;
  }
  return { context, values };
}

async function askParameter(
  deps: ChatOpsDeps,
  command: string,
  name: string,
  spec: ChatOpsCommandConfig['params'][string],
  value: string | undefined,
): Promise<string | undefined> {
  const title = `${command}: ${spec.prompt ?? name}`;
  if (spec.choices) {
    const OTHER = '\u0000other';
    const items = spec.choices.map((c) => ({ label: c, description: c === value ? 'from the current context' : undefined, value: c }));
    if (value && !spec.choices.includes(value) && !spec.strict) items.unshift({ label: value, description: 'from the current context', value });
    const picked = await deps.ui.pickValue([...items, ...(spec.strict ? [] : [{ label: '$(edit) Other value…', description: undefined, value: OTHER }])], {
      title,
    });
    if (picked !== OTHER) return picked;
  }
  return deps.ui.input({ title, prompt: `Value for {{${name}}}`, value, validate: (v) => (v.trim() ? undefined : `{{${name}}} needs a value`) });
}

async function pickTransport(deps: ChatOpsDeps, config: YouOpsConfig): Promise<string | undefined> {
  const kinds = configuredTransports(config.chatops.transports);
  if (kinds.length === 0) {
    void deps.ui.notify('warning', 'youops.yaml configures no chatops.transports yet.');
    return undefined;
  }
  if (kinds.length === 1) return kinds[0];
  return deps.ui.pickValue(
    kinds.map((k) => ({ label: k, value: k })),
    { title: 'Send the message via…' },
  );
}

function lastFreeForm(chatops: ChatOpsController, via: string): string | undefined {
  return chatops.history.all().find((h) => !h.command && h.via === via)?.text;
}

/** Sending needs a loaded youops.yaml (the command wrapper checked it) and Workspace Trust. */
function readyForSending(deps: ChatOpsDeps): ReadyState | undefined {
  const state = deps.store.state;
  if (state.kind !== 'ready') return undefined;
  if (!vscode.workspace.isTrusted) {
    void deps.failures.show(new Failure('untrusted', 'YouOps sends nothing from an untrusted workspace.'));
    return undefined;
  }
  return state;
}

function definedOnly(c: CommandContext): CommandContext {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as CommandContext;
}
