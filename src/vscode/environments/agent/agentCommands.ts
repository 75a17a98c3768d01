import type { AgentOperationChannel, EnvironmentConfig } from '../../../core/config/types';
import { agentActionVerb, agentOperationsFor, describeAgentOperation } from '../../../core/operations/agentOperations';
import type { OperationOutcome } from '../../../core/operations/operationOutcome';
import type { CommandTarget } from '../../shared/commands/commandTarget';
import type { Commands } from '../../shared/commands/commands';
import type { ReadyState } from '../../shared/store/workspaceState';
import type { Ui } from '../../shared/ui/uiSeam';
import type { AgentOperations } from './agentOperations';

/** The palette and tree commands of the agents, each the channel youops.yaml would name (`flux:reconcile`, …). */
const AGENT_COMMANDS: Record<string, AgentOperationChannel> = {
  'youops.flux.reconcile': { channel: 'flux', action: 'reconcile', withSource: false },
  'youops.flux.reconcileWithSource': { channel: 'flux', action: 'reconcile', withSource: true },
  'youops.flux.suspend': { channel: 'flux', action: 'suspend', withSource: false },
  'youops.flux.resume': { channel: 'flux', action: 'resume', withSource: false },
  'youops.argocd.sync': { channel: 'argocd', action: 'sync' },
};

/** Flux Reconcile/Suspend/Resume and Argo CD Sync, from a tree row (its environment) or the palette (asks which). */
export function registerAgentCommands(commands: Commands, ui: Ui, agent: AgentOperations): void {
  for (const [id, channel] of Object.entries(AGENT_COMMANDS)) {
    commands.register(
      id,
      async (target, state) => {
        const env = await chooseEnvironment(ui, state, target, channel, commandTitle(channel));
        return env ? agent.run(env, operationName(state, env, channel), channel) : undefined;
      },
      { needsConfig: true },
    );
  }
}

/** Runs a named agent operation of youops.yaml (from Run Operation) on the environment it was started on, else the one chosen. */
export async function runAgentOperation(
  ui: Ui,
  agent: AgentOperations,
  state: ReadyState,
  target: CommandTarget,
  name: string,
  channel: AgentOperationChannel,
): Promise<OperationOutcome | undefined> {
  const env = await chooseEnvironment(ui, state, target, channel, name);
  return env ? agent.run(env, name, channel) : undefined;
}

/**
 * The team's name for the operation when youops.yaml has one for this channel on this
 * environment (the audit log then says `reconcile-prod`), else the action itself.
 */
function operationName(state: ReadyState, env: EnvironmentConfig, channel: AgentOperationChannel): string {
  const named = agentOperationsFor(state.config, env).find((o) => channelKey(o.channel) === channelKey(channel));
  return named?.name ?? channelKey(channel);
}

/** `reconcile`, `reconcile-with-source`, `suspend`, `resume`, `sync`: as youops.yaml spells the channel after `flux:` or `argocd:`. */
function channelKey(c: AgentOperationChannel): string {
  return c.channel === 'flux' && c.withSource ? 'reconcile-with-source' : c.action;
}

/** The environment of the row or context it was started on when its source fits, else a pick among those that fit. */
async function chooseEnvironment(
  ui: Ui,
  state: ReadyState,
  target: CommandTarget,
  channel: AgentOperationChannel,
  title: string,
): Promise<EnvironmentConfig | undefined> {
  const fits = state.config.environments.filter((e) => e.live?.provider === channel.channel);
  const started = target.env ? fits.find((e) => e.name === target.env) : undefined;
  if (started) return started;
  if (fits.length === 0 || target.env) {
    const source = channel.channel === 'flux' ? 'a flux live source' : 'an argocd live source';
    void ui.notify(
      'info',
      `${title} acts on the GitOps agent of an environment with ${source}: ${target.env ? `${target.env} has none` : 'youops.yaml has none'}.`,
    );
    return undefined;
  }
  if (fits.length === 1) return fits[0];
  return ui.pickValue(
    fits.map((e) => ({ label: e.name, description: `${describeAgentOperation(channel, e)}${e.protected ? ' · protected' : ''}`, value: e })),
    { placeHolder: `${title}: on which environment?` },
  );
}

/** `Flux: Reconcile`, `Argo CD: Sync`: how the palette names the command. */
function commandTitle(channel: AgentOperationChannel): string {
  return `${channel.channel === 'flux' ? 'Flux' : 'Argo CD'}: ${agentActionVerb(channel)}${channel.channel === 'flux' && channel.withSource ? ' with Source' : ''}`;
}
