import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { registerReadOnlyDocuments, showReadOnlyDocument } from './readOnlyDocuments';
import type { InputOptions, PickOptions, ProgressOptions, Questions, Severity } from './ui';
import { windowUi } from './windowUi';

/**
 * The one way the extension talks to the person: questions and notifications (the window's,
 * or a test's recording double), documents it opens, and progress. Features hold this and
 * never call `window.show*` themselves.
 */
export class Ui extends Disposable implements Questions {
  private questions: Questions = windowUi;

  constructor() {
    super();
    this._register(registerReadOnlyDocuments());
  }

  /** Extension-host tests answer through a recording double; undefined restores the window. */
  answerWith(questions: Questions | undefined): void {
    this.questions = questions ?? windowUi;
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
    return this.questions.pick(items, options);
  }

  /** A pick whose items carry what they stand for: resolves with the chosen item's value. */
  async pickValue<T>(items: ReadonlyArray<vscode.QuickPickItem & { value: T }>, options: PickOptions): Promise<T | undefined> {
    return (await this.questions.pick(items, options))?.value;
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T[] | undefined> {
    return this.questions.pickMany(items, options);
  }

  input(options: InputOptions): Promise<string | undefined> {
    return this.questions.input(options);
  }

  longText(label: string, value: string, required: boolean, description?: string): Promise<string | undefined> {
    return this.questions.longText(label, value, required, description);
  }

  confirm(message: string, detail: string, ...actions: string[]): Promise<string | undefined> {
    return this.questions.confirm(message, detail, ...actions);
  }

  notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined> {
    return this.questions.notify(severity, message, ...actions);
  }

  showPatch(title: string, patch: string): Promise<void> {
    return this.questions.showPatch(title, patch);
  }

  /** Opens a file or document in an editor (always the real window: tests read the editor back). */
  async showDocument(target: vscode.Uri | vscode.TextDocument, options?: vscode.TextDocumentShowOptions & { language?: string }): Promise<vscode.TextEditor> {
    let doc = target instanceof vscode.Uri ? await vscode.workspace.openTextDocument(target) : target;
    if (options?.language && doc.languageId !== options.language) doc = await vscode.languages.setTextDocumentLanguage(doc, options.language);
    return vscode.window.showTextDocument(doc, options);
  }

  /** Text the person reads but never saves, in a read-only tab. */
  showReadOnly(name: string, content: string, language: string, options?: vscode.TextDocumentShowOptions): Promise<vscode.TextEditor> {
    return showReadOnlyDocument(name, content, language, options);
  }

  /**
   * Shows a Markdown document rendered (VS Code's Markdown preview) beside the editor, kept up
   * to date as the document changes; `close` closes that preview tab (the flow that opened it
   * is over). Falls back to the text when the Markdown extension is not there.
   */
  async showMarkdownPreview(uri: vscode.Uri): Promise<{ close(): Promise<void> }> {
    const isPreview = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const before = new Set(
      tabs()
        .filter(isPreview)
        .map((t) => t.label),
    );
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } catch {
      const editor = await this.showDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true, language: 'markdown' });
      return {
        close: async () =>
          void (await closeTabs(tabs().filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === editor.document.uri.toString()))),
      };
    }
    const label = await new Promise<string | undefined>((resolve) => {
      const found = () => tabs().find((t) => isPreview(t) && !before.has(t.label))?.label;
      const now = found();
      if (now) return resolve(now);
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        const l = found();
        if (l) (sub.dispose(), clearTimeout(timer), resolve(l));
      });
      const timer = setTimeout(() => (sub.dispose(), resolve(undefined)), 5000);
    });
    return { close: async () => void (label && (await closeTabs(tabs().filter((t) => isPreview(t) && t.label === label)))) };
  }

  /** Long work with progress; `cancellable` hands the task a token (a test's double can press Cancel). */
  progress<T>(options: ProgressOptions, task: (progress: vscode.Progress<{ message?: string }>, token: vscode.CancellationToken) => Thenable<T>): Promise<T> {
    return this.questions.progress(options, task);
  }
}

function closeTabs(tabs: vscode.Tab[]): Thenable<boolean> | undefined {
  return tabs.length ? vscode.window.tabGroups.close(tabs, true) : undefined;
}
