import { LiveStateError } from './provider';
import { runKubectl, type KubectlCallOptions } from './runKubectl';

export interface KubectlContexts {
  /** Context names as kubectl lists them. */
  contexts: string[];
  /** The kubeconfig's current-context, when set. */
  current?: string;
}

/** The contexts of the user's kubeconfig, for a picker (`kubectl config get-contexts -o name`). */
export async function listKubectlContexts(options: Omit<KubectlCallOptions, 'context'>): Promise<KubectlContexts> {
  const stdout = await runKubectl(['config', 'get-contexts', '--output=name'], 'kubectl config get-contexts', options);
  const contexts = stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let current: string | undefined;
  try {
    current = (await runKubectl(['config', 'current-context'], 'kubectl config current-context', options)).trim() || undefined;
  } catch (e) {
    // "current-context is not set" is an ordinary state, not a failure; a missing kubectl already failed above.
    if (!(e instanceof LiveStateError)) throw e;
  }
  return { contexts, current: current && contexts.includes(current) ? current : undefined };
}
