import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A real VS Code (code-server 4.100.3 = VS Code 1.100.3) on 127.0.0.1, with every
 * piece of state in a throwaway folder so runs never share or leak settings.
 */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const ENTRY = path.join(REPO_ROOT, 'tools', 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export interface CodeServerOptions {
  /** Folder to keep user data, extensions and HOME in; a new temp dir when absent. */
  stateDir?: string;
  /** Packaged extensions to install before starting. */
  vsixFiles?: string[];
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Keep Workspace Trust on (off by default so tests are not interrupted by the trust prompt). */
  workspaceTrust?: boolean;
  port?: number;
  log?: (line: string) => void;
}

export interface CodeServer {
  url: string;
  port: number;
  stateDir: string;
  /** URL that opens `folder` in the workbench, with optional `payload` pairs. */
  folderUrl(folder: string, payload?: Array<[string, string]>): string;
  stop(): Promise<void>;
}

export function hostInstalled(): boolean {
  return fs.existsSync(ENTRY);
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  if (!hostInstalled()) throw new Error('code-server is not installed: run scripts/setup.sh (npm test and npm run demo do)');
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'youops-host-'));
  const dirs = {
    userData: path.join(stateDir, 'user-data'),
    extensions: path.join(stateDir, 'extensions'),
    home: path.join(stateDir, 'home'),
    tmp: path.join(stateDir, 'tmp'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
  fs.writeFileSync(
    settingsFile,
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'git.openRepositoryInParentFolders': 'never',
        'files.autoSave': 'off',
        'security.workspace.trust.enabled': options.workspaceTrust ?? false,
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const configFile = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(dirs.home, '.config'),
    XDG_DATA_HOME: path.join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(dirs.home, '.cache'),
    TMPDIR: dirs.tmp,
    VSCODE_PROXY_URI: '',
  };
  delete env.PASSWORD;
  delete env.GITHUB_TOKEN;
  delete env.ELECTRON_RUN_AS_NODE;

  const common = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  for (const vsix of options.vsixFiles ?? []) {
    const r = spawnSync(process.execPath, [ENTRY, ...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }

  const port = options.port ?? (await freePort());
  const args = [
    ENTRY,
    ...common,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (!options.workspaceTrust) args.push('--disable-workspace-trust');
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = fs.createWriteStream(path.join(stateDir, 'code-server.log'));
  const onData = (chunk: Buffer) => {
    logFile.write(chunk);
    options.log?.(chunk.toString());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const stop = () => killGroup(child);
  // Never leave a server behind, whatever ends this process.
  process.once('exit', () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  });

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, 60_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url,
    port,
    stateDir,
    folderUrl(folder, payload) {
      const q = new URLSearchParams({ folder });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${url}/?${q.toString()}`;
    },
    stop,
  };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not become healthy within ${timeoutMs / 1000}s`);
}

function killGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || !child.pid) return resolve();
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      resolve();
    }, 3000).unref();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
