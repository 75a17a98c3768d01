import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** test/fake-servers/hubot in the source tree: the team's scripts are plain .mjs, not compiled. */
const HERE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fake-servers', 'hubot');
const HUBOT_BIN = path.resolve(HERE, '..', '..', '..', 'node_modules', 'hubot', 'bin', 'hubot');

export interface RunningHubot {
  /** The hubot-youops route, for the `http` transport. */
  url: string;
  /** Everything the robot printed (the Shell adapter prints what it says in chat). */
  output(): string;
  /** Types a line into the Shell adapter, as a person in the chat would. */
  say(line: string): void;
  stop(): Promise<void>;
}

/**
 * Starts a real Hubot (npm `hubot`) as its own process with the stock Shell adapter, the
 * hubot-youops script of this repository loaded the way a team installs it (external-scripts.json,
 * resolved through node_modules) and the shop's scripts in ./scripts. HTTP on 127.0.0.1
 * (random port unless given); an empty working directory so nothing else is loaded.
 */
export async function startHubot(options: { name?: string; timeoutMs?: number; port?: number; env?: Record<string, string> } = {}): Promise<RunningHubot> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'youops-hubot-'));
  fs.mkdirSync(path.join(cwd, 'scripts'));
  fs.copyFileSync(path.join(HERE, 'scripts', 'shopOps.mjs'), path.join(cwd, 'scripts', 'shopOps.mjs'));
  fs.writeFileSync(path.join(cwd, 'external-scripts.json'), JSON.stringify(['hubot-youops']));
  const child = spawn(process.execPath, [HUBOT_BIN, '--adapter', 'Shell', '--name', options.name ?? 'hubot'], {
    cwd,
    env: { ...process.env, EXPRESS_PORT: String(options.port ?? 0), EXPRESS_BIND_ADDRESS: '127.0.0.1', HUBOT_LOG_LEVEL: 'info', ELECTRON_RUN_AS_NODE: '1', ...options.env },
    // stdin stays open: it is the Shell adapter's chat.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
  const stop = () => stopProcess(child, cwd);
  process.once('exit', () => child.kill('SIGKILL'));
  try {
    const url = await waitForRoute(child, () => log, options.timeoutMs ?? 20_000);
    return { url, output: () => log, say: (line) => child.stdin?.write(`${line}\n`), stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\nhubot output:\n${log}`);
  }
}

/** hubot-youops logs its route once the scripts are loaded. */
async function waitForRoute(child: ChildProcess, log: () => string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = /youops: accepting commands on POST (http:\/\/127\.0\.0\.1:\d+\/[\w/-]+)/.exec(log());
    if (m) return m[1];
    if (child.exitCode !== null) throw new Error(`hubot exited with code ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`hubot did not load hubot-youops within ${timeoutMs} ms`);
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
