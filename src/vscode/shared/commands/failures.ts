import * as vscode from 'vscode';
import { ChatOpsError } from '../../../core/chatops/chatOpsError';
import { transportSecret } from '../../../core/chatops/transportSettings';
import type { TransportKind } from '../../../core/chatops/transports/transport';
import { GitHubError } from '../../../core/github/githubError';
import { GitOpsError } from '../../../core/gitops/gitOpsError';
import type { GitHubAccess } from '../github/gitHubAccess';
import type { Severity } from '../ui/ui';
import type { Ui } from '../ui/uiSeam';
import { Failure } from './failure';

/** A button that fixes a failure; `retry` runs what failed again once the fix is done. */
interface Fix {
  title: string;
  run(retry?: () => unknown): Thenable<unknown> | unknown;
}

export interface FailureContext {
  /** What was being done, put before the message: "Roll back prod", "Cannot send via github". */
  what?: string;
  /** The transport a ChatOps failure came from: its own secret is the fix for a missing or rejected one. */
  transport?: TransportKind;
  /** Runs the failed step again after a fix that makes it worth it (a new sign-in). */
  retry?: () => unknown;
  /** What was kept for later, said after the message ("The draft is kept: …"): nothing typed is lost. */
  kept?: string;
  /** Buttons of the caller, after the fixes ("Resend", "Edit Draft"), handled by the caller. */
  actions?: string[];
  /** Where the log of the failure is (for "Show Log"). */
  log?: vscode.OutputChannel;
}

/**
 * The one failure vocabulary: every error kind YouOps meets (its own, GitHub's, ChatOps',
 * GitOps') maps to the buttons that fix it, here and nowhere else — never chosen by
 * matching message text.
 */
export class Failures {
  constructor(
    private readonly ui: Ui,
    private readonly github: GitHubAccess,
  ) {}

  /** The fixes for `err`, in the order they are offered. */
  fixesFor(err: unknown, ctx: FailureContext = {}): Fix[] {
    const command = (title: string, id: string, ...args: unknown[]): Fix => ({ title, run: () => vscode.commands.executeCommand(id, ...args) });
    const signIn: Fix = { title: 'Sign in to GitHub', run: async (retry) => (await this.github.signIn()) && retry?.() };
    const signInAgain: Fix = { title: 'Sign in again', run: async (retry) => (await this.github.signInAgain()) && retry?.() };
    if (err instanceof Failure) {
      switch (err.kind) {
        case 'untrusted':
          return [command('Manage Workspace Trust', 'workbench.trust.manage')];
        case 'signedOut':
        case 'signInCancelled':
          return [signIn];
        case 'sessionRejected':
          return [signInAgain];
        case 'noConfig':
          return [command('Create youops.yaml', 'youops.createConfig')];
        case 'invalidConfig':
        case 'noRepo':
          return [command('Open youops.yaml', 'youops.openConfig')];
        case 'noFolder':
        case 'hostMismatch':
          return [];
      }
    }
    if (err instanceof GitHubError) {
      if (err.kind === 'network') return [command('Open Proxy Settings', 'workbench.action.openSettings', 'http.proxy')];
      if (err.kind === 'unauthorized') return [signInAgain];
      return [];
    }
    if (err instanceof GitOpsError && err.resume) {
      const steps = err.resume.steps;
      return [
        { title: 'Copy Resume Steps', run: () => vscode.env.clipboard.writeText(steps.join('\n')) },
        ...(ctx.log ? [{ title: 'Show Log', run: () => ctx.log!.show() }] : []),
      ];
    }
    if (err instanceof ChatOpsError && ctx.transport) {
      // The github transport has no secret of its own: it uses the GitHub sign-in.
      if (ctx.transport === 'github') return err.code === 'invalid_auth' ? [signInAgain] : err.code === 'no-secret' ? [signIn] : [];
      const secret = transportSecret(ctx.transport);
      if (secret && (err.code === 'no-secret' || err.code === 'invalid_auth')) return [command(secret.title, secret.command)];
    }
    return [];
  }

  /**
   * Shows the failure, what was kept, and its fixes, and runs the one chosen; resolves with the
   * button the person chose (the caller's own actions are theirs to handle).
   */
  async show(err: unknown, ctx: FailureContext = {}, severity: Severity = 'error'): Promise<string | undefined> {
    const message = [err instanceof Error ? err.message : String(err), ctx.kept].filter(Boolean).join(' ');
    const fixes = this.fixesFor(err, ctx);
    // The fix first: it is what makes the next attempt work (and it retries by itself).
    const choice = await this.ui.notify(severity, ctx.what ? `${ctx.what}: ${message}` : message, ...fixes.map((f) => f.title), ...(ctx.actions ?? []));
    const fix = fixes.find((f) => f.title === choice);
    try {
      await fix?.run(ctx.retry);
    } catch (again) {
      // The fix failed too (the sign-in was cancelled again): say so, with the same way forward.
      return this.show(again, ctx, severity);
    }
    return choice;
  }
}
