import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startFakeKubeApiServer, type FakeKubeApiServer, type FakeKubeApiServerOptions } from '../../fake-servers/fakeKubeApiServer';

export interface RealKubectlHarness {
  /** This test's temp folder: cwd, kubeconfig and kubectl's cache go here. */
  readonly dir: string;
  /** Starts a fake API server (one or more per test), closed after the test. */
  start(options?: FakeKubeApiServerOptions): Promise<FakeKubeApiServer>;
  /** Hermetic: kubectl's discovery cache in the temp folder, not ~/.kube/cache. */
  env(): NodeJS.ProcessEnv;
}

/** Mocha hooks for tests that run the real kubectl against a fake API server in a fresh temp folder. */
export function useRealKubectl(tmpPrefix: string): RealKubectlHarness {
  let dir = '';
  let servers: FakeKubeApiServer[] = [];
  before(() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { timeout: 10_000, stdio: 'ignore' });
    } catch (e) {
      throw new Error(`these tests run the real kubectl, which is not usable here (${(e as Error).message}); install kubectl on PATH`);
    }
  });
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), tmpPrefix));
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.close()));
    servers = [];
    await fs.rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    start: async (options) => {
      const server = await startFakeKubeApiServer(options);
      servers.push(server);
      return server;
    },
    env: () => ({ ...process.env, KUBECACHEDIR: path.join(dir, 'cache') }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
