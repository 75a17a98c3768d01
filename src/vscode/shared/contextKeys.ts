import * as vscode from 'vscode';

const current = new Map<string, unknown>();

/**
 * Sets a `when`-clause context key (menus, the Command Palette, walkthrough steps), only when
 * its value changed: stores and features call it on every change of their state.
 */
export function setContextKey(key: string, value: boolean | string | readonly string[]): void {
  const text = JSON.stringify(value);
  if (current.get(key) === text) return;
  current.set(key, text);
  void vscode.commands.executeCommand('setContext', key, value);
}
