import * as vscode from 'vscode';
import { showReadOnlyDocument } from './readOnlyDocuments';
import type { Questions } from './ui';

const EDIT_IN_EDITOR: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: 'Edit in an editor tab (for long text)' };

/** The questions as VS Code asks them: quick picks and inputs that survive a click elsewhere, modal dialogs, notifications. */
export const windowUi: Questions = {
  pick: (items, options) =>
    Promise.resolve(vscode.window.showQuickPick(items, { ...options, ignoreFocusOut: true, matchOnDescription: true, matchOnDetail: true })),
  async pickMany(items, options) {
    return vscode.window.showQuickPick(items, { ...options, canPickMany: true, ignoreFocusOut: true, matchOnDescription: true });
  },
  input: (o) =>
    Promise.resolve(
      vscode.window.showInputBox({
        title: o.title,
        prompt: o.prompt,
        value: o.value,
        valueSelection: o.valueSelection,
        placeHolder: o.placeHolder,
        password: o.password,
        ignoreFocusOut: true,
        validateInput: o.validate,
      }),
    ),
  longText: (label, value, required, description) => (value.includes('\n') ? editLongText(label, value) : textareaInput(label, value, required, description)),
  confirm: (message, detail, ...actions) => Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions)),
  notify: (severity, message, ...actions) =>
    Promise.resolve(
      severity === 'error'
        ? vscode.window.showErrorMessage(message, ...actions)
        : severity === 'warning'
          ? vscode.window.showWarningMessage(message, ...actions)
          : vscode.window.showInformationMessage(message, ...actions),
    ),
  async showPatch(title, patch) {
    await showReadOnlyDocument(`${title}.diff`, patch, 'diff', { viewColumn: vscode.ViewColumn.Active });
  },
  progress: (options, task) => Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, ...options }, task)),
};

/** A one-line input with a button to switch to an editor tab for long answers. */
function textareaInput(label: string, value: string, required: boolean, description?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = `${label}${required ? ' (required)' : ''}`;
    box.prompt = `${description ? `${description} — ` : ''}for several lines use the editor button`;
    box.value = value;
    box.ignoreFocusOut = true;
    box.buttons = [EDIT_IN_EDITOR];
    let done = false;
    const finish = (v: string | undefined) => {
      if (done) return;
      done = true;
      box.dispose();
      resolve(v);
    };
    box.onDidChangeValue((v) => (box.validationMessage = required && !v.trim() ? `"${label}" is required` : undefined));
    box.onDidAccept(() => !(required && !box.value.trim()) && finish(box.value));
    box.onDidTriggerButton(() => {
      const v = box.value;
      done = true;
      box.dispose();
      void editLongText(label, v).then(resolve);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

/** Opens the text in an untitled Markdown tab and takes it back when the person clicks Done. */
async function editLongText(label: string, value: string): Promise<string | undefined> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: value });
  await vscode.window.showTextDocument(doc, { preview: false });
  const choice = await vscode.window.showInformationMessage(`Write "${label}" in the editor tab, then click Done.`, 'Done', 'Cancel');
  const text = doc.getText();
  if (vscode.window.activeTextEditor?.document === doc)
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
  return choice === 'Done' ? text : undefined;
}
