import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ChatOpsError } from '../../../src/core/chatops/chatOpsError';
import { HttpTransport } from '../../../src/core/chatops/transports/httpTransport';
import { startHubot, type RunningHubot } from '../../fake-servers/hubot/startHubot';

const PACKAGE = path.resolve(__dirname, '../../../../packages/hubot-youops');

describe('hubot-youops: the Hubot script of this repository in a real hubot process with the stock Shell adapter', function () {
  this.timeout(60_000);

  describe('without a token (this machine only)', () => {
    let hubot: RunningHubot;
    before(async () => (hubot = await startHubot()));
    after(() => hubot?.stop());

    it("takes {text,user,room} on robot.router and answers with the robot's replies", async () => {
      const posted = await new HttpTransport(hubot.url, 'ada', 10_000).send('deploy 1.4.2 to staging');
      assert.deepEqual(posted.replies.map((r) => [r.author, r.text]), [
        ['hubot', 'Deploying shop 1.4.2 to staging…'],
        ['hubot', '✅ Deployed shop 1.4.2 to staging'],
      ]);
      assert.equal((await new HttpTransport(hubot.url, 'ada', 10_000).send('hubot restart web in dev')).replies[0].text, '✅ Restarted web in dev (rollout complete)', 'an addressed command works too');
    });

    it('keeps concurrent commands apart and answers unknown ones through the catch-all', async () => {
      const t = new HttpTransport(hubot.url, 'ada', 10_000);
      const [a, b, c] = await Promise.all([t.send('deploy 1.0.0 to dev'), t.send('restart api in staging'), t.send('dance')]);
      assert.deepEqual(a.replies.map((r) => r.text), ['Deploying shop 1.0.0 to dev…', '✅ Deployed shop 1.0.0 to dev']);
      assert.deepEqual(b.replies.map((r) => r.text), ['✅ Restarted api in staging (rollout complete)']);
      assert.deepEqual(c.replies.map((r) => r.text), ['Sorry, I don\'t know how to "dance"']);
    });

    it('leaves the chat adapter working and does not echo HTTP exchanges into the chat', async () => {
      await new HttpTransport(hubot.url, 'ada', 10_000).send('deploy 9.9.9 to dev');
      hubot.say('hubot restart worker in prod');
      const deadline = Date.now() + 10_000;
      while (!hubot.output().includes('Restarted worker in prod') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.match(hubot.output(), /✅ Restarted worker in prod \(rollout complete\)/, 'the Shell chat still answers');
      assert.doesNotMatch(hubot.output(), /Deployed shop 9\.9\.9/, 'the HTTP answer went to the caller only');
    });

    it('refuses an empty command with 400', async () => {
      const res = await fetch(hubot.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'ada' }) });
      assert.equal(res.status, 400);
      await assert.rejects(new HttpTransport(hubot.url, 'ada', 10_000).send(' '), (e: ChatOpsError) => e.code === 'rejected' && /400/.test(e.message));
    });
  });

  describe('with HUBOT_YOUOPS_TOKEN and HUBOT_YOUOPS_ECHO', () => {
    let hubot: RunningHubot;
    before(async () => (hubot = await startHubot({ env: { HUBOT_YOUOPS_TOKEN: 's3cret-token', HUBOT_YOUOPS_ECHO: 'true' } })));
    after(() => hubot?.stop());

    it('answers only with the bearer token, and echoes the replies into the chat when asked', async () => {
      await assert.rejects(new HttpTransport(hubot.url, 'ada', 10_000).send('deploy 1.0.0 to dev'), (e: ChatOpsError) => /401/.test(e.message) && e.delivery === 'not-sent');
      await assert.rejects(new HttpTransport(hubot.url, 'ada', 10_000, 'wrong').send('deploy 1.0.0 to dev'), /401/);
      const ok = await new HttpTransport(hubot.url, 'ada', 10_000, 's3cret-token').send('deploy 2.0.0 to dev');
      assert.equal(ok.replies.at(-1)!.text, '✅ Deployed shop 2.0.0 to dev');
      const deadline = Date.now() + 5000;
      while (!hubot.output().includes('Deployed shop 2.0.0') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.match(hubot.output(), /✅ Deployed shop 2\.0\.0 to dev/);
      assert.ok(!hubot.output().includes('s3cret-token'));
    });
  });

  it('is packaged for npm: the script, its README and the manifest', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: PACKAGE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{ name: string; files: Array<{ path: string }> }>;
    assert.equal(pack.name, 'hubot-youops');
    assert.deepEqual(pack.files.map((f) => f.path).sort(), ['README.md', 'index.mjs', 'package.json']);
  });
});
