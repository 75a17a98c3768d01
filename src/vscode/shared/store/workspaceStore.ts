import * as path from 'node:path';
import * as vscode from 'vscode';
import { configBaseDir, findConfigFile } from '../../../core/config/configFile';
import { loadConfigFile, parseConfigText } from '../../../core/config/loadConfig';
import { warmOffThreadReading } from '../../../core/yaml/offThread';
import type { ResourceDrift } from '../../../core/drift/environmentDrift';
import { deploysFile, draftDrift, type ResourceInEnvironment } from '../../../core/environments/draftDrift';
import { EvaluationCache } from '../../../core/environments/evaluationCache';
import { evaluateEnvironment, type EvaluationContext } from '../../../core/environments/evaluateEnvironment';
import type { SecretLookup } from '../../../core/live/createProvider';
import { IncrementalManifestParser } from '../../../core/manifests/incrementalManifestParser';
import { setContextKey } from '../contextKeys';
import { Disposable } from '../disposable';
import { ManifestIndex } from './manifestIndex';
import type { ConfigProblem } from '../../../core/config/configProblem';
import { shownState, type EnvironmentEntry, type ReadyState, type WorkspaceState } from './workspaceState';

/**
 * The single producer of what the views show: loads youops.yaml, refreshes the environments
 * through the core, keeps the drift of unsaved manifests, and tells listeners when anything
 * changed. State flows one way — core → store → views — and is replaced, never mutated.
 */
export class WorkspaceStore extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<WorkspaceState>());
  readonly onDidChange = this.changed.event;
  private readonly draftsChanged = this._register(new vscode.EventEmitter<string>());
  /** Fires with the file whose unsaved drift changed (editor surfaces only; the tree shows saved state). */
  readonly onDidChangeDraft = this.draftsChanged.event;
  private readonly configDraftChanged = this._register(new vscode.EventEmitter<void>());
  /** The problems of the unsaved youops.yaml changed. */
  readonly onDidChangeConfigDraft = this.configDraftChanged.event;
  /** Problems of youops.yaml as it is being typed, until it is saved, reverted or closed. */
  private configDraft: { file: string; problems: readonly ConfigProblem[] } | undefined;

  private current: WorkspaceState = { kind: 'noFolder' };
  private refreshTimer: NodeJS.Timeout | undefined;
  private generation = 0;
  private readonly inflight = new Map<string, AbortController>();
  private index: ManifestIndex | undefined;
  private configFingerprint: string | undefined;
  /** Parsed files, comparisons, live states and histories reused across refreshes of one loaded config. */
  private cache = new EvaluationCache();
  private manifestFilesKey: string | undefined;
  /** Drift of unsaved editor buffers, per file: shown in the editor until the file is saved and refreshed. */
  private readonly drafts = new Map<string, ResourceInEnvironment[]>();
  private readonly parsers = new Map<string, IncrementalManifestParser>();

  /** `secrets` answers live sources' credentials (SecretStorage); the store never holds a secret itself. */
  constructor(private readonly secrets?: SecretLookup) {
    super();
    this._register({
      dispose: () => {
        if (this.refreshTimer) clearInterval(this.refreshTimer);
        for (const c of this.inflight.values()) c.abort();
      },
    });
  }

  get state(): WorkspaceState {
    return this.current;
  }

  /** Where each environment's resources are declared, unsaved edits included; rebuilt lazily after each change. */
  get manifests(): ManifestIndex {
    return (this.index ??= new ManifestIndex(shownState(this.current) ?? this.current, this.drafts));
  }

  environment(name: string): EnvironmentEntry | undefined {
    return shownState(this.current)?.environments.find((e) => e.name === name);
  }

  /** The problems of youops.yaml as the person sees it: the unsaved buffer's while it is being edited, else the file's. */
  configProblems(): { file: string; problems: readonly ConfigProblem[] } | undefined {
    const state = this.current;
    if (state.kind !== 'ready' && state.kind !== 'invalid') return undefined;
    return this.configDraft?.file === state.configFile ? this.configDraft : { file: state.configFile, problems: state.problems };
  }

  /** The config file being edited, when `file` is it. */
  isConfigFile(file: string): boolean {
    const state = this.current;
    return (state.kind === 'ready' || state.kind === 'invalid') && state.configFile === file;
  }

  /** The unsaved text of youops.yaml: checked like the saved file (the same loader), shown as diagnostics while typing. */
  editConfigDraft(file: string, text: string): void {
    if (!this.isConfigFile(file)) return;
    this.configDraft = { file, problems: parseConfigText(text, file, configBaseDir(file)).problems };
    this.configDraftChanged.fire();
  }

  /** Saved, reverted or closed: the file's own problems again (a save also reloads). */
  discardConfigDraft(file: string): void {
    if (this.configDraft?.file !== file) return;
    this.configDraft = undefined;
    this.configDraftChanged.fire();
  }

  resource(env: string, key: string): ResourceDrift | undefined {
    return this.environment(env)?.state?.drift.resources.find((r) => r.key === key);
  }

  /**
   * The environments `file` belongs to: it declares, sets or renders something of theirs (a shared
   * base, another layer's kustomization.yaml or patch), or it is under their manifests path.
   */
  environmentsOf(file: string): string[] {
    const state = shownState(this.current);
    if (!state) return [];
    const reads = new Set(this.manifests.environmentsOf(file));
    return state.config.environments
      .filter((env) => reads.has(env.name) || env.manifests.some((m) => isInside(file, path.resolve(state.rootDir, m.split(/[*?[{]/)[0]))))
      .map((env) => env.name);
  }

  /** True when the text of `file` is worth comparing while it is edited (an environment deploys it). */
  tracksDraft(file: string): boolean {
    return this.parsers.has(file) || (this.current.kind === 'ready' && deploysFile(file, this.current.environments));
  }

  /** The unsaved text of a manifest: re-parsed incrementally and compared with the last refresh's live objects. */
  editDraft(file: string, text: string): void {
    const state = this.current;
    if (state.kind !== 'ready' || !deploysFile(file, state.environments)) return;
    const parser = this.parsers.get(file) ?? new IncrementalManifestParser();
    this.parsers.set(file, parser);
    this.setDraft(file, draftDrift(file, parser.parse(text, file).resources, state.environments, state.config.drift));
  }

  /** Saved, reverted or closed: the file shows its saved state again. */
  discardDraft(file: string): void {
    this.parsers.delete(file);
    this.setDraft(file, undefined);
  }

  private setDraft(file: string, items: ResourceInEnvironment[] | undefined): void {
    if (items) this.drafts.set(file, items);
    else if (!this.drafts.delete(file)) return;
    this.index = undefined;
    this.draftsChanged.fire(file);
  }

  /** Reads the config again (on start and whenever the file changes), then refreshes live state. */
  async reload(options: { force?: boolean } = {}): Promise<void> {
    const generation = ++this.generation;
    const rootDir = this.workspaceRoot();
    if (!rootDir) return this.set({ kind: 'noFolder' });
    const override = vscode.workspace.getConfiguration('youops').get<string>('configPath') || undefined;
    const configFile = findConfigFile(rootDir, override);
    if (!configFile) return this.set({ kind: 'noConfig', rootDir });
    // Large live exports are read by a worker: it starts while the config is read (an idle one stops by itself).
    warmOffThreadReading();
    const result = await loadConfigFile(configFile);
    if (generation !== this.generation) return;
    // The file as read is what the diagnostics show now; a buffer still being edited sends its text again.
    if (this.configDraft) {
      this.configDraft = undefined;
      this.configDraftChanged.fire();
    }
    // Editors and file watchers report one save several times: an unchanged config needs no new refresh.
    const fingerprint = `${configFile}\n${result.text ?? ''}`;
    if (!options.force && this.current.kind === 'ready' && fingerprint === this.configFingerprint) return;
    this.configFingerprint = fingerprint;
    this.cache = new EvaluationCache();
    const lastGood = shownState(this.current);
    // A typo saved must not empty the views: the last valid state stays, under the errors.
    if (!result.config)
      return this.set({ kind: 'invalid', rootDir, configFile, problems: result.problems, ...(lastGood ? { lastGood: settled(lastGood) } : {}) });
    const previous = lastGood?.environments ?? [];
    this.set({
      kind: 'ready',
      rootDir: configBaseDir(configFile),
      configFile,
      config: result.config,
      problems: result.problems,
      environments: result.config.environments.map((e) => ({ name: e.name, refreshing: false, state: previous.find((p) => p.name === e.name)?.state })),
    });
    this.scheduleRefresh();
    await this.refresh();
  }

  /**
   * Re-evaluates one environment, or all of them, with progress in the view. `reason` says what
   * may have changed: a save changes only desired state (live state and history are reused), the
   * interval only live state (history is reused); a HEAD move or a request re-reads everything.
   * Unchanged files and comparisons are reused in every case.
   */
  async refresh(envName?: string, reason: 'save' | 'interval' | 'request' = 'request'): Promise<void> {
    const state = this.current;
    if (state.kind !== 'ready') return;
    const targets = state.environments.filter((e) => !envName || e.name === envName).map((e) => e.name);
    const reuse = reason === 'save' ? { live: true, history: true } : reason === 'interval' ? { history: true } : undefined;
    await vscode.window.withProgress({ location: { viewId: 'youops.environments' }, title: 'Refreshing environments' }, () =>
      Promise.all(targets.map((name) => this.refreshEntry(state, name, reuse))),
    );
  }

  private async refreshEntry(loaded: ReadyState, name: string, reuse: EvaluationContext['reuse']): Promise<void> {
    const config = loaded.config.environments.find((e) => e.name === name);
    if (!config) return;
    this.inflight.get(name)?.abort();
    const abort = new AbortController();
    this.inflight.set(name, abort);
    this.updateEntry(loaded, name, { refreshing: true });
    let result: EnvironmentEntry['state'];
    try {
      result = await evaluateEnvironment(config, loaded.config, {
        rootDir: loaded.rootDir,
        trusted: vscode.workspace.isTrusted,
        kubectlPath: vscode.workspace.getConfiguration('youops').get<string>('kubectl.path'),
        kustomizePath: vscode.workspace.getConfiguration('youops').get<string>('kustomize.path') || undefined,
        secret: this.secrets,
        signal: abort.signal,
        cache: this.cache,
        reuse,
      });
    } finally {
      // A newer refresh of this environment (or a reload) took over: its result is the one to show.
      if (this.inflight.get(name) === abort) {
        this.inflight.delete(name);
        this.updateEntry(loaded, name, { refreshing: false, ...(result && !abort.signal.aborted ? { state: result } : {}) });
      }
    }
  }

  /** Replaces one entry, while the config it was evaluated for is still the loaded one. */
  private updateEntry(loaded: ReadyState, name: string, change: Partial<Omit<EnvironmentEntry, 'name'>>): void {
    const state = this.current;
    if (state.kind !== 'ready' || state.config !== loaded.config) return;
    this.current = { ...state, environments: state.environments.map((e) => (e.name === name ? { ...e, ...change } : e)) };
    this.emit();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    if (this.current.kind !== 'ready') return;
    const setting = vscode.workspace.getConfiguration('youops').get<number>('refreshInterval', -1);
    const seconds = setting >= 0 ? setting : this.current.config.drift.refreshSeconds;
    if (seconds > 0) this.refreshTimer = setInterval(() => void this.refresh(undefined, 'interval'), Math.max(5, seconds) * 1000);
  }

  private workspaceRoot(): string | undefined {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const override = vscode.workspace.getConfiguration('youops').get<string>('configPath') || undefined;
    const withConfig = folders.find((f) => f.uri.scheme === 'file' && findConfigFile(f.uri.fsPath, override));
    return (withConfig ?? folders.find((f) => f.uri.scheme === 'file'))?.uri.fsPath;
  }

  private set(state: WorkspaceState): void {
    for (const c of this.inflight.values()) c.abort();
    this.inflight.clear();
    this.current = state;
    if (state.kind !== 'ready') this.scheduleRefresh();
    setContextKey('youops.hasConfig', state.kind === 'ready' || state.kind === 'invalid');
    this.emit();
  }

  private emit(): void {
    this.index = undefined;
    // Refreshes emit several times; the context key (for the editor title's Show Drift) changes far less often.
    const files = this.manifests.files();
    const filesKey = files.join('\n');
    if (filesKey !== this.manifestFilesKey) {
      this.manifestFilesKey = filesKey;
      setContextKey('youops.manifestFiles', files);
    }
    this.changed.fire(this.current);
  }
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The state with no refresh running: the one kept while youops.yaml has errors is not refreshed. */
function settled(state: ReadyState): ReadyState {
  return { ...state, environments: state.environments.map((e) => (e.refreshing ? { ...e, refreshing: false } : e)) };
}
