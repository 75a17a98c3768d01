import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { WorkspaceStore } from '../store/workspaceStore';
import type { ReadyState } from '../store/workspaceState';
import { decodeTarget, type CommandTarget } from './commandTarget';
import { editorContext } from './editorContext';
import { notReady } from './failure';
import type { Failures } from './failures';

export interface CommandOptions {
  /** The command works on a loaded youops.yaml: without one it says so (with the fix) and does not run. */
  needsConfig?: boolean;
  /**
   * The command works on where the person is: started without an argument (palette, key
   * binding), it takes the active editor's environment, resource and drifted field; the
   * selection always comes along.
   */
  fromEditor?: boolean;
}

type Handler = (target: CommandTarget) => unknown;
type ReadyHandler = (target: CommandTarget, state: ReadyState) => unknown;

/**
 * The one command wrapper, in the spirit of VS Code's git extension (`@command` +
 * `createCommand`) but a typed call instead of a decorator: every YouOps command decodes its
 * argument the same way (tree row, lens or hover reference, Run Operation context), checks
 * that youops.yaml is ready when it needs it, adds where the person is in the editor when it
 * works on that, and turns a failure into one message with the
 * buttons that fix it. What the handler returns is the command's result.
 */
export class Commands extends Disposable {
  constructor(
    private readonly store: WorkspaceStore,
    private readonly failures: Failures,
  ) {
    super();
  }

  register(id: string, handler: Handler, options?: CommandOptions & { needsConfig?: false }): void;
  register(id: string, handler: ReadyHandler, options: CommandOptions & { needsConfig: true }): void;
  register(id: string, handler: Handler | ReadyHandler, options: CommandOptions = {}): void {
    this._register(vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(handler as ReadyHandler, args, options)));
  }

  private async run(handler: ReadyHandler, args: unknown[], options: CommandOptions): Promise<unknown> {
    try {
      const decoded = decodeTarget(args);
      const target = options.fromEditor ? editorContext(this.store, decoded) : decoded;
      const state = this.store.state;
      if (options.needsConfig && state.kind !== 'ready') {
        void this.failures.show(notReady(state.kind), {}, 'warning');
        return undefined;
      }
      return await handler(target, state as ReadyState);
    } catch (err) {
      // The command is over; the message stays with its fixes, and a fix that needs it runs the command again.
      void this.failures.show(err, { retry: () => this.run(handler, args, options) });
      return undefined;
    }
  }
}
