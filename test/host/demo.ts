import * as fs from 'node:fs';
import * as path from 'node:path';
import { startHubot } from '../fake-servers/hubot/startHubot';
import { REPO_ROOT, startCodeServer } from './codeServer';
import { createDemoWorkspace, DEMO_ORIGIN_URL, demoOriginPath } from './workspace';

/**
 * `npm run demo`: the packaged extension in a real VS Code on 127.0.0.1 with the
 * demo GitOps repo open. State lives in .demo/ (`--fresh` starts over).
 */
async function main(): Promise<void> {
  const demoDir = path.join(REPO_ROOT, '.demo');
  if (process.argv.includes('--fresh')) fs.rmSync(demoDir, { recursive: true, force: true });
  const workspace = path.join(demoDir, 'shop');
  createDemoWorkspace(workspace);
  const hostDir = path.join(demoDir, 'host');
  fs.rmSync(path.join(hostDir, 'extensions'), { recursive: true, force: true }); // always the freshly packaged build
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const port = Number(process.env.YOUOPS_DEMO_PORT ?? 0) || undefined;
  const server = await startCodeServer({ stateDir: hostDir, vsixFiles: [path.join(REPO_ROOT, `youops-${version}.vsix`)], port });
  // The demo's `release` ChatOps command goes to a Hubot on 127.0.0.1:8080 (see examples/demo/youops.yaml).
  const hubot = await startHubot({ port: 8080 }).catch((err: Error) => {
    console.warn(`(ChatOps over http will not answer: could not start Hubot on 127.0.0.1:8080: ${err.message.split('\n')[0]})`);
    return undefined;
  });
  const url = server.folderUrl(workspace);
  console.log(
    [
      `\nYouOps demo is running: ${url}`,
      `  the demo repo: ${workspace}`,
      `  its origin:    ${DEMO_ORIGIN_URL}, pushed to the bare repo ${demoOriginPath(workspace)} (Promote and Roll Back push there)`,
      hubot ? `  Hubot:         answers ChatOps at ${hubot.url}` : '',
      'Ctrl+C stops everything.\n',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  const stop = () => void Promise.all([server.stop(), hubot?.stop()]).then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => undefined);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
