import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** test/fake-servers/hubot in the source tree: the adapter and scripts are plain .mjs, not compiled. */
const HERE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fake-servers', 'hubot');
const HUBOT_BIN = path.resolve(HERE, '..', '..', '..', 'node_modules', 'hubot', 'bin', 'hubot');

export interface RunningHubot {
  /** The adapter's route, for the `http` transport. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real Hubot (npm `hubot`) as its own process on 127.0.0.1 (random port unless given):
 * the YouOpsHttp adapter and the shop scripts, in an empty working directory so nothing
 * else is loaded.
 */
export async function startHubot(options: { name?: string; timeoutMs?: number; port?: number } = {}): Promise<RunningHubot> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-hubot-'));
  const child = spawn(
    process.execPath,
    [HUBOT_BIN, '--file', path.join(HERE, 'adapters', 'YouOpsHttp.mjs'), '--name', options.name ?? 'hubot', '--require', path.join(HERE, 'scripts')],
    {
      cwd,
      env: { ...process.env, EXPRESS_PORT: String(options.port ?? 0), EXPRESS_BIND_ADDRESS: '127.0.0.1', HUBOT_LOG_LEVEL: 'warn', ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const stop = () => stopProcess(child, cwd);
  process.once('exit', () => child.kill('SIGKILL'));
  try {
    const port = await waitForPort(child, () => log, options.timeoutMs ?? 20_000);
    const url = `http://127.0.0.1:${port}/youops/chatops`;
    await waitForScripts(url, options.timeoutMs ?? 20_000);
    return { url, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\nhubot output:\n${log}`);
  }
}

/** The adapter prints the port its server got once it runs. */
async function waitForPort(child: ChildProcess, log: () => string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const port = /YOUOPS_HUBOT_PORT=(\d+)/.exec(log())?.[1];
    if (port) return Number(port);
    if (child.exitCode !== null) throw new Error(`hubot exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`hubot did not listen within ${timeoutMs} ms`);
}

/** Scripts load after the adapter connects: wait until the robot answers a known command. */
async function waitForScripts(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'restart ping in dev', user: 'probe' }) });
      if (res.ok && (await res.text()).includes('Restarted')) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('hubot did not load its scripts in time');
}

async function stopProcess(child: ChildProcess, cwd: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  fs.rmSync(cwd, { recursive: true, force: true });
}
