import * as vscode from 'vscode';
import { asChatOpsError, type ChatOpsErrorCode } from '../../core/chatops/chatOpsError';
import { needsConfirmation, feedbackPatternsFor, planParameters } from '../../core/chatops/commandCatalogue';
import { contextFromResource, type CommandContext } from '../../core/chatops/commandContext';
import type { HistoryEntry } from '../../core/chatops/commandHistory';
import { configuredTransports } from '../../core/chatops/transportSettings';
import { describeRenderFailure, renderTemplate } from '../../core/chatops/template';
import type { ChatOpsCommandConfig, YouOpsConfig } from '../../core/config/types';
import { currentBranch } from '../../core/git/history';
import { relativeTime } from '../../core/text/relativeTime';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { ChatOpsController } from './chatOpsController';
import { createTransport, type CreatedTransport } from './createTransport';
import { signInToGitHubAgain } from './githubCommentAdapter';
import { parseSendArgs } from './sendArgs';

/** A second send of the same message within this window asks first: lenses are easy to double-click. */
const RECENT_MS = 10 * 60_000;
const SIGN_IN = 'Sign in to GitHub';
const SIGN_IN_AGAIN = 'Sign in again';

type Ready = Extract<WorkspaceStore['state'], { kind: 'ready' }>;

/** Palette, tree, lens or hover → command → parameters → preview → confirmation → send → answer. */
export async function sendChatOpsCommand(store: WorkspaceStore, chatops: ChatOpsController, arg?: unknown): Promise<HistoryEntry | undefined> {
  const state = readyForSending(store);
  if (!state) return undefined;
  const ask = chatops.prompter;
  const args = parseSendArgs(arg);
  const config = state.config;
  const commands = config.chatops.commands;

  let command: ChatOpsCommandConfig | undefined;
  if (args.command) {
    command = commands.find((c) => c.name === args.command);
    if (!command) return void vscode.window.showErrorMessage(`youops.yaml defines no ChatOps command "${args.command}".`);
  } else {
    const choice = await ask.pick<ChatOpsCommandConfig | 'free' | 'history'>(
      [
        ...commands.map((c) => ({ label: `$(comment-discussion) ${c.name}`, description: c.text, detail: [c.description, `via ${c.via}`].filter(Boolean).join(' · '), value: c })),
        { label: '$(edit) Free-form message…', description: 'type the command yourself', value: 'free' as const },
        ...(chatops.history.all().length ? [{ label: '$(history) Resend from history…', value: 'history' as const }] : []),
      ],
      { title: 'Send ChatOps command', placeHolder: args.env ? `Command for ${args.env}` : 'Which command?' },
    );
    if (!choice) return undefined;
    if (choice === 'history') return resendFromHistory(store, chatops);
    if (choice !== 'free') command = choice;
  }

  const via = command?.via ?? (await pickTransport(config, chatops));
  if (!via) return undefined;
  let created: CreatedTransport;
  try {
    created = await createTransport(config, via, chatops.secrets, chatops.user, state.rootDir);
  } catch (err) {
    // Nothing was sent: after a new GitHub sign-in the same command starts over (preview included).
    reportSetupFailure(chatops, `Cannot send via ${via}`, via, err, () => sendChatOpsCommand(store, chatops, arg));
    return undefined;
  }

  let text: string | undefined;
  let env = args.env;
  if (command) {
    const filled = await fillParameters(store, state, command, args, chatops);
    if (!filled) return undefined;
    env = filled.context.env;
    const rendered = renderTemplate(command.text, filled.values, created.transport.escape);
    if (!rendered.ok) return void vscode.window.showErrorMessage(`YouOps: ${describeRenderFailure(command.name, rendered)}.`);
    text = rendered.text;
  }

  // The preview is the exact message; it may be edited, and Escape sends nothing.
  text = await ask.input({
    title: `Preview — Enter sends this to ${created.transport.destination}`,
    prompt: command ? `The exact message of "${command.name}"${env ? ` for ${env}` : ''}. Edit it if needed; Escape cancels.` : 'Type the command; Escape cancels.',
    value: text ?? lastFreeForm(chatops, via),
    validate: (v) => (v.trim() ? undefined : 'The message is empty'),
  });
  if (!text?.trim()) return undefined;
  text = text.trim();

  const envConfig = config.environments.find((e) => e.name === env);
  if (!(await confirmSend(chatops, { text, destination: created.transport.destination, env, protectedEnv: needsConfirmation(command, envConfig) }))) return undefined;
  return sendAndNotify(store, chatops, { text, via, command: command?.name, env, created });
}

/** The last confirmation before a message leaves: protected environments and recent duplicates. */
async function confirmSend(chatops: ChatOpsController, s: { text: string; destination: string; env?: string; protectedEnv: boolean; resendOf?: HistoryEntry }): Promise<boolean> {
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
  return chatops.prompter.confirm(title, lines.join('\n\n'), recent ? 'Send Again' : 'Send');
}

async function sendAndNotify(
  store: WorkspaceStore,
  chatops: ChatOpsController,
  s: { text: string; via: string; command?: string; env?: string; created: CreatedTransport },
): Promise<HistoryEntry | undefined> {
  const state = store.state;
  if (state.kind !== 'ready') return undefined;
  const { transport, followMs } = s.created;
  if (chatops.isInFlight({ transport, text: s.text })) {
    void vscode.window.showWarningMessage(`"${s.text}" is still being sent to ${transport.destination}.`);
    return undefined;
  }
  const commandConfig = state.config.chatops.commands.find((c) => c.name === s.command);
  try {
    const entry = await chatops.send({ text: s.text, transport, command: s.command, env: s.env, patterns: feedbackPatternsFor(state.config.chatops, commandConfig), followMs });
    void chatops.notify(entry, (e) => resendEntry(store, chatops, e));
    return entry;
  } catch (err) {
    void chatops.prompter.notify('error', `YouOps: ${asChatOpsError(err).message}`);
    return undefined;
  }
}

/**
 * A transport that could not be set up, with the fix as a button. Not awaited: the flow ends
 * here and the button starts the fix later; `retry` runs after a GitHub sign-in.
 */
function reportSetupFailure(chatops: ChatOpsController, what: string, via: string, err: unknown, retry: () => unknown): void {
  const e = asChatOpsError(err);
  const fix = fixFor(via, e.code);
  void chatops.prompter.notify('error', `${what}: ${e.message}`, ...(fix ? [fix] : [])).then(async (choice) => {
    if (choice === 'Set Slack Bot Token') void vscode.commands.executeCommand('youops.chatops.setSlackToken');
    if (choice === 'Set Webhook URL') void vscode.commands.executeCommand('youops.chatops.setWebhookUrl');
    // A plain sign-in happens when the transport is created again; a rejected session is replaced first.
    if (choice === SIGN_IN || (choice === SIGN_IN_AGAIN && (await signInToGitHubAgain()))) await retry();
  });
}

function fixFor(via: string, code: ChatOpsErrorCode): string | undefined {
  // The github transport has no secret of its own: it uses VS Code's GitHub sign-in.
  if (via === 'github') return code === 'invalid_auth' ? SIGN_IN_AGAIN : code === 'no-secret' ? SIGN_IN : undefined;
  if (code !== 'no-secret') return undefined;
  return via === 'slack' ? 'Set Slack Bot Token' : 'Set Webhook URL';
}

/** "Resend" from a notification, the tree or the history list: the same text, the same transport. */
export async function resendEntry(store: WorkspaceStore, chatops: ChatOpsController, entry: HistoryEntry): Promise<HistoryEntry | undefined> {
  const state = readyForSending(store);
  if (!state) return undefined;
  let created: CreatedTransport;
  try {
    created = await createTransport(state.config, entry.via, chatops.secrets, chatops.user, state.rootDir);
  } catch (err) {
    reportSetupFailure(chatops, `Cannot resend via ${entry.via}`, entry.via, err, () => resendEntry(store, chatops, entry));
    return undefined;
  }
  const command = state.config.chatops.commands.find((c) => c.name === entry.command);
  const envConfig = state.config.environments.find((e) => e.name === entry.env);
  const ok = await confirmSend(chatops, { text: entry.text, destination: created.transport.destination, env: entry.env, protectedEnv: needsConfirmation(command, envConfig), resendOf: entry });
  if (!ok) return undefined;
  return sendAndNotify(store, chatops, { text: entry.text, via: entry.via, command: entry.command, env: entry.env, created });
}

export async function resendFromHistory(store: WorkspaceStore, chatops: ChatOpsController, arg?: unknown): Promise<HistoryEntry | undefined> {
  const id = typeof (arg as { id?: unknown } | undefined)?.id === 'string' ? (arg as { id: string }).id : undefined;
  const given = id ? chatops.history.find(id) : undefined;
  const entry =
    given ??
    (await chatops.prompter.pick(
      chatops.history.all().map((h) => ({
        label: h.text,
        description: `${h.status} · ${relativeTime(new Date(h.sentAt))}`,
        detail: `${h.destination}${h.env ? ` · ${h.env}` : ''}${h.error ? ` · ${h.error}` : h.replies.at(-1) ? ` · ${h.replies.at(-1)!.author}: ${h.replies.at(-1)!.text}` : ''}`,
        value: h,
      })),
      { title: 'Resend ChatOps command', placeHolder: chatops.history.all().length ? 'Which command?' : 'No command sent from this workspace yet' },
    ));
  return entry ? resendEntry(store, chatops, entry) : undefined;
}

/** Context first (where the user stood), then defaults, then questions; nothing is guessed. */
async function fillParameters(
  store: WorkspaceStore,
  state: Ready,
  command: ChatOpsCommandConfig,
  args: { env?: string; key?: string },
  chatops: ChatOpsController,
): Promise<{ context: CommandContext; values: Record<string, string | undefined> } | undefined> {
  const ask = chatops.prompter;
  let context: CommandContext = { env: args.env };
  const resourceOf = (env: string, key: string) => store.environment(env)?.state?.drift.resources.find((r) => r.key === key);
  if (args.env && args.key) {
    const r = resourceOf(args.env, args.key);
    if (r) context = contextFromResource(args.env, r);
  }
  let plan = planParameters(command, context);
  const needs = (name: string) => plan.some((p) => p.name === name && !p.value);

  if (needs('env')) {
    const env = await ask.pick(
      state.config.environments.map((e) => ({ label: e.name, description: e.protected ? '$(lock) protected' : undefined, value: e.name })),
      { title: `${command.name}: which environment?` },
    );
    if (!env) return undefined;
    context = { ...context, env };
  }
  if (['app', 'resource', 'version'].some(needs) && context.env) {
    const resources = store.environment(context.env)?.state?.drift.resources ?? [];
    if (resources.length) {
      const key = await ask.pick(
        resources.map((r) => ({ label: r.id.name, description: `${r.id.kind}${r.id.namespace ? ` · ${r.id.namespace}` : ''}`, value: r.key })),
        { title: `${command.name}: which resource in ${context.env}?` },
      );
      if (!key) return undefined;
      context = { ...contextFromResource(context.env, resourceOf(context.env, key)!), ...definedOnly(context) };
    }
  }
  if (needs('ref')) context.ref = (await currentBranch(state.rootDir)) ?? undefined;
  plan = planParameters(command, context);

  const values: Record<string, string | undefined> = {};
  for (const p of plan) {
    let value = p.value;
    // Choices are always offered (the context's value first); other parameters only when empty.
    if (p.spec.choices || !value) {
      value = await askParameter(chatops, command.name, p.name, p.spec, value);
      if (value === undefined) return undefined;
    }
    values[p.name] = value;
  }
  return { context, values };
}

async function askParameter(
  chatops: ChatOpsController,
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
    const picked = await chatops.prompter.pick([...items, ...(spec.strict ? [] : [{ label: '$(edit) Other value…', description: undefined, value: OTHER }])], { title });
    if (picked !== OTHER) return picked;
  }
  return chatops.prompter.input({ title, prompt: `Value for {{${name}}}`, value, validate: (v) => (v.trim() ? undefined : `{{${name}}} needs a value`) });
}

async function pickTransport(config: YouOpsConfig, chatops: ChatOpsController): Promise<string | undefined> {
  const kinds = configuredTransports(config.chatops.transports);
  if (kinds.length === 0) {
    void vscode.window.showWarningMessage('youops.yaml configures no chatops.transports yet.');
    return undefined;
  }
  if (kinds.length === 1) return kinds[0];
  return chatops.prompter.pick(kinds.map((k) => ({ label: k, value: k })), { title: 'Send the message via…' });
}

function lastFreeForm(chatops: ChatOpsController, via: string): string | undefined {
  return chatops.history.all().find((h) => !h.command && h.via === via)?.text;
}

function readyForSending(store: WorkspaceStore): Ready | undefined {
  const state = store.state;
  if (state.kind !== 'ready') {
    void vscode.window.showWarningMessage(state.kind === 'invalid' ? 'Fix the errors in youops.yaml first.' : 'No youops.yaml in this workspace.');
    return undefined;
  }
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('YouOps sends nothing from an untrusted workspace.', 'Manage Workspace Trust').then((c) => {
      if (c) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return undefined;
  }
  return state;
}

function definedOnly(c: CommandContext): CommandContext {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as CommandContext;
}
