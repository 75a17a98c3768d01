import * as vscode from 'vscode';
import type { EnvironmentState } from '../../core/environments/environmentState';
import { Disposable } from '../shared/disposable';
import type { WorkspaceStore } from '../shared/store/workspaceStore';
import { environmentStatusLabel, summarizeCounts } from './tree/statusIcons';

const KEEP = 200;

/**
 * "YouOps Environments" output: one line per evaluation of an environment (status and
 * counts, or why live state is unavailable) and one per manifest problem, so what the
 * tree summarises can be read in full. The last lines are kept for tests and bug reports.
 */
export class EnvironmentLog extends Disposable {
  private readonly channel = this._register(vscode.window.createOutputChannel('YouOps Environments', { log: true }));
  private readonly lines: string[] = [];
  private readonly logged = new WeakSet<Readonly<EnvironmentState>>();

  constructor(store: WorkspaceStore) {
    super();
    this._register(
      store.onDidChange((state) => {
        if (state.kind === 'invalid')
          return this.write(
            'error',
            `${state.configFile}: ${state.problems
              .filter((p) => p.severity === 'error')
              .map((p) => `line ${p.range.start.line + 1}: ${p.message}`)
              .join('; ')}`,
          );
        if (state.kind !== 'ready') return;
        for (const entry of state.environments) {
          const s = entry.state;
          if (!s || entry.refreshing || this.logged.has(s)) continue;
          this.logged.add(s);
          this.logEnvironment(s);
        }
      }),
    );
  }

  /** The most recent lines, oldest first. */
  recent(): readonly string[] {
    return this.lines;
  }

  show(): void {
    this.channel.show(true);
  }

  private logEnvironment(s: Readonly<EnvironmentState>): void {
    const name = s.config.name;
    const source = s.config.live ? s.config.live.provider : 'no live source';
    if (s.rendering?.status === 'notRendered') this.write('warn', `${name}: ${s.rendering.reason ?? 'not rendered'}`);
    if (s.rendering?.status === 'failed') this.write('error', `${name}: not rendered: ${s.drift.error ?? s.rendering.reason}`);
    else if (s.drift.error) this.write('error', `${name}: live state unavailable (${source}): ${s.drift.error}`);
    else {
      // The tree's words: "out of sync — 1 missing · 4 in sync", never "Drifted" with nothing drifted.
      this.write(
        s.drift.status === 'InSync' || s.drift.status === 'Unknown' ? 'info' : 'warn',
        `${name}: ${environmentStatusLabel(s.drift.status)} (${source}) — ${summarizeCounts(s.drift.counts) || 'no resources'}`,
      );
    }
    for (const e of s.manifestErrors) {
      if (e.severity === 'error') this.write('warn', `${name}: ${e.file}${e.range ? `:${e.range.start.line + 1}` : ''}: ${e.message}`);
    }
  }

  private write(level: 'info' | 'warn' | 'error', line: string): void {
    this.lines.push(`[${level}] ${line}`);
    if (this.lines.length > KEEP) this.lines.splice(0, this.lines.length - KEEP);
    this.channel[level](line);
  }
}
