import * as vscode from 'vscode';

/**
 * Argo CD tokens live in SecretStorage, one per server: a youops.yaml from the
 * repository can name a server, but only the token stored for that exact server
 * is ever sent to it.
 */
export function argocdTokenKey(server: string): string {
  return `youops.argocd.token:${normalizeServer(server)}`;
}

export function normalizeServer(server: string): string {
  const withScheme = /^[a-z]+:\/\//i.test(server) ? server : `https://${server}`;
  try {
    const u = new URL(withScheme);
    return `${u.protocol}//${u.host}`;
  } catch {
    return server;
  }
}

export function argocdTokenSource(secrets: vscode.SecretStorage): (server: string) => Promise<string | undefined> {
  return async (server) => secrets.get(argocdTokenKey(server));
}

/** Asks for the token (masked) of one of the config's Argo CD servers and stores it. */
export async function setArgocdToken(secrets: vscode.SecretStorage, servers: string[], clear = false): Promise<string | undefined> {
  const unique = [...new Set(servers.map(normalizeServer))];
  const server =
    unique.length === 1
      ? unique[0]
      : await vscode.window.showQuickPick(unique.length ? unique : [], { placeHolder: unique.length ? 'Which Argo CD server?' : 'No argocd live source in youops.yaml' });
  if (!server) return undefined;
  if (clear) {
    await secrets.delete(argocdTokenKey(server));
    void vscode.window.showInformationMessage(`YouOps: the Argo CD token for ${server} was removed.`);
    return server;
  }
  const token = await vscode.window.showInputBox({
    title: `Argo CD token for ${server}`,
    prompt: 'An Argo CD API token (argocd account generate-token). Stored in VS Code SecretStorage, sent only to this server.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'The token cannot be empty'),
  });
  if (!token) return undefined;
  await secrets.store(argocdTokenKey(server), token.trim());
  void vscode.window.showInformationMessage(`YouOps: Argo CD token for ${server} saved.`);
  return server;
}

/** Set/clear commands; a new token refreshes the environments that read from Argo CD. */
export function registerArgocdTokenCommands(secrets: vscode.SecretStorage, servers: () => string[], refresh: () => Promise<void>): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('youops.argocd.setToken', async () => {
      if (await setArgocdToken(secrets, servers())) await refresh();
    }),
    vscode.commands.registerCommand('youops.argocd.clearToken', async () => {
      if (await setArgocdToken(secrets, servers(), true)) await refresh();
    }),
  );
}
