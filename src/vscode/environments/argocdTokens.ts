import { normalizeServer, type Secrets } from '../shared/secrets';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import type { Ui } from '../shared/ui/uiSeam';

/** The Argo CD servers youops.yaml reads live state from. */
function argocdServers(store: WorkspaceStore): string[] {
  const state = store.state;
  if (state.kind !== 'ready') return [];
  return [...new Set(state.config.environments.flatMap((e) => (e.live?.provider === 'argocd' ? [normalizeServer(e.live.server)] : [])))];
}

/**
 * Asks for the token (masked) of one of the config's Argo CD servers and stores it, or removes
 * it; a repository's youops.yaml can name a server, but only the token stored for that exact
 * server is ever sent to it. True when something changed (the environments then refresh).
 */
export async function setArgocdToken(store: WorkspaceStore, secrets: Secrets, ui: Ui, clear = false): Promise<boolean> {
  const servers = argocdServers(store);
  const server =
    servers.length === 1
      ? servers[0]
      : (
          await ui.pick(
            servers.map((label) => ({ label })),
            { placeHolder: servers.length ? 'Which Argo CD server?' : 'No argocd live source in youops.yaml' },
          )
        )?.label;
  if (!server) return false;
  if (clear) {
    await secrets.setArgocdToken(server, undefined);
    void ui.notify('info', `YouOps: the Argo CD token for ${server} was removed.`);
    return true;
  }
  const token = await ui.input({
    title: `Argo CD token for ${server}`,
    prompt: 'An Argo CD API token (argocd account generate-token). Stored in VS Code SecretStorage, sent only to this server.',
    password: true,
    validate: (v) => (v.trim() ? undefined : 'The token cannot be empty'),
  });
  if (!token) return false;
  await secrets.setArgocdToken(server, token.trim());
  void ui.notify('info', `YouOps: Argo CD token for ${server} saved.`);
  return true;
}
