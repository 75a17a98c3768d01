import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plantGitTraps } from './gitTraps';
import { writeTrapScript } from './trapScript';
import { createDemoWorkspace } from './workspace';

/** Marker files (relative to the workspace) that appear only if YouOps ran one of the folder's programs. */
export const MARKERS = {
  command: 'ran-command',
  kubectl: 'ran-kubectl',
  gpg: 'ran-gpg',
  textconv: 'ran-textconv',
} as const;

/** The environments added to the demo whose live state needs a process. */
export const COMMAND_ENV = 'cluster-command';
export const KUBECTL_ENV = 'cluster-kubectl';
export const FLUX_ENV = 'cluster-flux';
export const TRAP_SUBJECT = 'Read live state from the cluster';

/**
 * The demo repo as an untrusted download would arrive: youops.yaml adds an environment
 * whose live state is a `command`, one read with `kubectl`, one from a Flux Kustomization (read
 * with kubectl, with a Flux operation of its own), and its .git config names
 * programs that read-only git commands would run. Every such program only writes a marker.
 */
export function createUntrustedWorkspace(target?: string): string {
  const dir = createDemoWorkspace(target);
  const traps = path.join(dir, 'traps');
  writeTrapScript(path.join(traps, 'export-live.sh'), path.join(dir, MARKERS.command));
  writeTrapScript(path.join(traps, 'kubectl'), path.join(dir, MARKERS.kubectl));
  const configFile = path.join(dir, 'youops.yaml');
  const config = fs.readFileSync(configFile, 'utf8');
  const extra = [
    `  - name: ${COMMAND_ENV}`,
    '    manifests: envs/staging',
    '    live:',
    '      command: ["sh", "traps/export-live.sh", "--all-namespaces"]',
    `  - name: ${KUBECTL_ENV}`,
    '    manifests: envs/staging',
    '    live:',
    '      kubectl: { context: kind-shop, namespace: shop-staging }',
    `  - name: ${FLUX_ENV}`,
    '    manifests: envs/staging',
    '    live:',
    '      flux: { kustomization: shop-staging, context: kind-shop }',
    '',
  ].join('\n');
  fs.writeFileSync(configFile, config.replace(/\ndrift:/, `\n${extra}\ndrift:`).replace(/\noperations:\n/, '\noperations:\n  reconcile: flux:reconcile\n'));
  // Touching envs/staging puts the signed commit in those environments' History (git log -- envs/staging).
  fs.appendFileSync(path.join(dir, 'envs/staging/kustomization.yaml'), `# live state also read by ${COMMAND_ENV} and ${KUBECTL_ENV}\n`);
  execFileSync('git', ['add', '-A'], { cwd: dir });
  const marker = (name: string) => path.join(dir, name);
  plantGitTraps(dir, { gpg: marker(MARKERS.gpg), textconv: marker(MARKERS.textconv) }, path.join(dir, '.git', 'traps'), TRAP_SUBJECT);
  // As downloaded, origin has that commit too: main's tip is the same seen from either side.
  execFileSync('git', ['push', '-q', 'origin', 'main'], { cwd: dir });
  return dir;
}

/** User settings for the run: kubectl is the trap script (a user setting, honoured in untrusted folders). */
export function untrustedUserSettings(dir: string): Record<string, unknown> {
  return { 'youops.kubectl.path': path.join(dir, 'traps', 'kubectl') };
}
