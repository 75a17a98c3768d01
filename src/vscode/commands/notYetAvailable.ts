import * as vscode from 'vscode';

/**
 * Commands whose surface is contributed already but whose channel ships in a
 * later release. They say so plainly instead of failing with "command not found".
 */
export function notYetAvailable(feature: string): () => Promise<void> {
  return async () => {
    await vscode.window.showInformationMessage(`YouOps: ${feature} is not available in this version yet.`);
  };
}
