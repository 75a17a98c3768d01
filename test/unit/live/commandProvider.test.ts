import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CommandProvider } from '../../../src/core/live/commandProvider';
import { LiveStateError } from '../../../src/core/live/provider';

const NODE = process.execPath;

function nodeScript(code: string): string[] {
  return [NODE, '-e', code];
}

/** False once the process is gone or a zombie (PID 1 in containers may never reap it). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

describe('CommandProvider', function () {
  this.timeout(15_000);
  let cwd: string;
  beforeEach(async () => {
    cwd = await fs.mkdtemp(path.join(os.tmpdir(), 'youops-command-'));
  });
  afterEach(async () => {
    await fs.rm(cwd, { recursive: true, force: true });
  });

  it('parses YAML documents printed by a real child process', async () => {
    // Not `namespace: n`: kubectl reads a plain `n` as the boolean false (YAML 1.1).
    const yaml = 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: a\\n  namespace: ns\\n---\\napiVersion: v1\\nkind: List\\nitems:\\n  - apiVersion: v1\\n    kind: Secret\\n    metadata: {name: s, namespace: ns}\\n';
    const provider = new CommandProvider({ argv: nodeScript(`process.stdout.write("${yaml}")`), cwd });
    const state = await provider.fetch({ resources: [] });
    assert.equal(provider.name, 'command');
    assert.equal(state.complete, true);
    assert.deepEqual(state.objects.map((o) => o.key), ['v1/ConfigMap/ns/a', 'v1/Secret/ns/s']);
  });

  it('runs in the given cwd, resolves a relative program against it, and passes argv without a shell', async () => {
    await fs.writeFile(path.join(cwd, 'export.js'), 'console.log(JSON.stringify({apiVersion:"v1",kind:"ConfigMap",metadata:{name:process.argv[2]}}))');
    const provider = new CommandProvider({ argv: [NODE, 'export.js', '$(echo not-expanded); rm -rf /'], cwd });
    const state = await provider.fetch({ resources: [] });
    assert.deepEqual(state.objects.map((o) => o.id.name), ['$(echo not-expanded); rm -rf /']);
    if (process.platform !== 'win32') {
      const script = path.join(cwd, 'export.sh');
      await fs.writeFile(script, `#!/bin/sh\nprintf 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\n' "$(basename "$PWD")"\n`, { mode: 0o755 });
      const relative = await new CommandProvider({ argv: ['./export.sh'], cwd }).fetch({ resources: [] });
      assert.deepEqual(relative.objects.map((o) => o.id.name), [path.basename(cwd)]);
    }
  });

  it('rejects with the exit code and the last lines of stderr on failure', async () => {
    const code = 'for (let i = 1; i <= 8; i++) console.error("line " + i); process.exit(3)';
    await assert.rejects(new CommandProvider({ argv: nodeScript(code), cwd }).fetch({ resources: [] }), (e: unknown) => {
      assert.ok(e instanceof LiveStateError);
      assert.equal(e.provider, 'command');
      assert.match(e.message, /exited with code 3:\nline 4\nline 5\nline 6\nline 7\nline 8$/);
      assert.doesNotMatch(e.message, /line 3/);
      return true;
    });
  });

  it('kills the process after the timeout', async () => {
    const started = Date.now();
    const provider = new CommandProvider({ argv: nodeScript('setInterval(() => {}, 1000)'), cwd, timeoutMs: 300 });
    await assert.rejects(provider.fetch({ resources: [] }), /timed out after 300ms/);
    assert.ok(Date.now() - started < 5000);
  });

  it('also stops grandchildren on timeout', async () => {
    if (process.platform === 'win32') return assert.ok(true);
    const pidFile = path.join(cwd, 'grandchild.pid');
    const code = `const c = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'inherit' }); require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); setInterval(() => {}, 1000)`;
    await assert.rejects(new CommandProvider({ argv: nodeScript(code), cwd, timeoutMs: 1000 }).fetch({ resources: [] }), /timed out/);
    const pid = Number(await fs.readFile(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await isRunning(pid), false);
  });

  it('can be cancelled with an AbortSignal', async () => {
    const controller = new AbortController();
    const pending = new CommandProvider({ argv: nodeScript('setInterval(() => {}, 1000)'), cwd }).fetch({ resources: [], signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, /was cancelled/);
  });

  it('reports a program that does not exist', async () => {
    await assert.rejects(new CommandProvider({ argv: ['youops-no-such-program'], cwd }).fetch({ resources: [] }), /program "youops-no-such-program" not found/);
  });

  it('reports output that is not YAML', async () => {
    await assert.rejects(new CommandProvider({ argv: nodeScript('console.log("a: [")'), cwd }).fetch({ resources: [] }), /printed invalid YAML\/JSON/);
  });
});
