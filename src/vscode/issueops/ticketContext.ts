import { driftText } from '../../core/drift/driftText';
import { contextFromObject, type TicketContext } from '../../core/issueops/ticketContext';
import { driftFieldLabel } from '../../core/environments/fieldPathLabel';
import type { CommandTarget } from '../shared/commands/commandTarget';
import { shortValue } from '../shared/shortValue';
import type { WorkspaceStore } from '../shared/store/workspaceStore';

/**
 * Turns whatever the ticket was opened from into prefill context: environment,
 * resource, app, image/version, the drift found, the Git ref and the selection (the command
 * wrapper adds the active editor's, so the palette prefills what the code lens would).
 */
export function ticketContext(store: WorkspaceStore, target: CommandTarget): TicketContext {
  const context: TicketContext = { operation: target.operation };
  const { env, key } = target;
  if (env) {
    context.env = env;
    const state = store.environment(env)?.state;
    context.gitRef = state?.branch ?? state?.history[0]?.shortHash;
    const r = key ? state?.drift.resources.find((x) => x.key === key) : undefined;
    if (r) {
      context.resource = { kind: r.id.kind, name: r.id.name, namespace: r.id.namespace };
      Object.assign(context, contextFromObject(r.resource?.object ?? r.live));
      const fields = target.path ? r.fields.filter((f) => f.path === target.path) : r.fields;
      if (fields.length) context.drift = fields.map((f) => `${driftFieldLabel(r, f.path)}: ${driftText(f, shortValue).summary}`);
      else if (r.status !== 'InSync') context.drift = [`${r.status} in ${env}`];
    }
  }
  if (target.selection) context.selection = target.selection;
  return context;
}
