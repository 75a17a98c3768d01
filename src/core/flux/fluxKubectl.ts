import { isRecord } from '../manifests/resourceId';
import { LiveStateError } from '../live/provider';
import { execKubectl, type KubectlCallOptions } from '../live/runKubectl';
import { FLUX_FIELD_MANAGER, FLUX_GROUPS, fluxTarget, formatFluxRef, type FluxRef } from './fluxApi';

/** kubectl settings of a flux live source: the user's kubeconfig and context, as the kubectl source uses them. */
export type FluxKubectlOptions = Omit<KubectlCallOptions, 'signal'>;

/**
 * Flux objects read and changed through the user's own kubectl: `get -o json`, `annotate`
 * and `patch --type=merge`, the calls `flux reconcile/suspend/resume` make. kubectl's
 * failures are turned into what the user has to do: Flux missing from the context, the
 * object missing from the namespace, anything else with kubectl's own stderr.
 */
export class FluxKubectl {
  constructor(readonly options: FluxKubectlOptions) {}

  async get(ref: FluxRef, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const label = `kubectl get ${fluxTarget(ref)} (namespace ${ref.namespace}${this.options.context ? `, context ${this.options.context}` : ''})`;
    const stdout = await this.run(ref, [`--namespace=${ref.namespace}`, 'get', '--output=json', '--', fluxTarget(ref)], label, signal);
    let object: unknown;
    try {
      object = JSON.parse(stdout);
    } catch {
      throw new LiveStateError('flux', `${label} printed invalid JSON`);
    }
    if (!isRecord(object)) throw new LiveStateError('flux', `${label} printed no object`);
    return object;
  }

  /** `kubectl annotate --overwrite`: what `flux reconcile` does to request a reconciliation. */
  async annotate(ref: FluxRef, key: string, value: string, signal?: AbortSignal): Promise<void> {
    const label = `kubectl annotate ${fluxTarget(ref)} ${key}`;
    await this.run(ref, [`--namespace=${ref.namespace}`, 'annotate', '--overwrite', `--field-manager=${FLUX_FIELD_MANAGER}`, '--output=name', fluxTarget(ref), `${key}=${value}`], label, signal);
  }

  /** `kubectl patch --type=merge`: what `flux suspend/resume` does to `spec.suspend`. */
  async mergePatch(ref: FluxRef, patch: unknown, signal?: AbortSignal): Promise<void> {
    const label = `kubectl patch ${fluxTarget(ref)}`;
    await this.run(ref, [`--namespace=${ref.namespace}`, 'patch', '--type=merge', `--field-manager=${FLUX_FIELD_MANAGER}`, '--output=name', fluxTarget(ref), `--patch=${JSON.stringify(patch)}`], label, signal);
  }

  /** `context kind-prod` for messages: the configured context, else the kubeconfig's current-context. */
  async contextLabel(signal?: AbortSignal): Promise<string> {
    if (this.options.context) return `context ${this.options.context}`;
    try {
      const r = await execKubectl(['config', 'current-context'], 'kubectl config current-context', { ...this.options, signal });
      const name = r.failure ? '' : r.stdout.trim();
      return name ? `context ${name}` : 'the current context';
    } catch {
      return 'the current context';
    }
  }

  private async run(ref: FluxRef, args: string[], label: string, signal?: AbortSignal): Promise<string> {
    let result;
    try {
      result = await execKubectl(args, label, { ...this.options, signal });
    } catch (e) {
      // Spawn failures, timeouts, cancellation: already worded by runProcess.
      throw e instanceof LiveStateError ? new LiveStateError('flux', e.message) : e;
    }
    if (!result.failure) return result.stdout;
    const context = () => this.contextLabel(signal);
    if (/the server doesn't have a resource type/.test(result.stderr)) {
      throw new FluxNotInstalledError(`Flux is not installed in ${await context()}: the cluster serves no ${ref.kind}.${FLUX_GROUPS[ref.kind] ?? ''} (install Flux, or check the context and kubeconfig)`);
    }
    if (/\(NotFound\)/.test(result.stderr)) {
      throw new LiveStateError('flux', `${formatFluxRef(ref)} not found in ${await context()}`);
    }
    throw new LiveStateError('flux', result.failure);
  }
}

/** The context answers, but Flux's CRDs are not there. */
export class FluxNotInstalledError extends LiveStateError {
  constructor(message: string) {
    super('flux', message);
  }
}
