import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string }>;
    menus: Record<string, Array<{ command?: string; when?: string }>>;
  };
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const palette = new Map(pkg.contributes.menus.commandPalette.map((e) => [e.command!, e.when]));

/** The context keys a when clause reads (not view ids or viewItem patterns). */
function contextKeys(when: string): string[] {
  const terms = when
    .replace(/=~\s*\/(?:\\.|[^/])*\//g, '')
    .replace(/\b(view|viewItem|activeViewlet|resourceScheme|resourceLangId)\s*[!=]=\s*[\w.-]+/g, '');
  return [...terms.matchAll(/\byouops\.[\w.]+/g)].map((m) => m[0]);
}

/** Every context key the extension sets (through its one setter). */
function keysSet(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf8').matchAll(/setContextKey\('([\w.]+)'/g)) keys.add(m[1]);
    }
  };
  walk(path.join(ROOT, 'src', 'vscode'));
  return keys;
}

describe('Command Palette: only what can run there (package.json menus.commandPalette)', () => {
  it('gives every command a when clause, except Get Started, which runs anywhere', () => {
    const always = pkg.contributes.commands.filter((c) => !palette.has(c.command)).map((c) => c.command);
    assert.deepEqual(always, ['youops.openWalkthrough']);
  });

  it('hides commands that only work on a tree row, a lens or a hover', () => {
    for (const id of ['youops.revealResource', 'youops.revealInTree', 'youops.showCommit']) assert.equal(palette.get(id), 'false', id);
  });

  it('offers Create youops.yaml only in a folder without one, and the config commands only with one', () => {
    assert.equal(palette.get('youops.createConfig'), 'workbenchState != empty && !youops.hasConfig');
    for (const id of ['youops.openConfig', 'youops.refresh', 'youops.showDrift', 'youops.openTicket', 'youops.sendChatOpsCommand', 'youops.rollback']) {
      assert.match(palette.get(id) ?? '', /\byouops\.hasConfig\b/, id);
    }
  });

  it('shows commands that need something to act on only once it exists (a draft, a ticket, a sent command, a transport, an Argo CD source)', () => {
    assert.equal(palette.get('youops.resendTicketDraft'), 'youops.hasTicketDrafts');
    assert.equal(palette.get('youops.chatops.resend'), 'youops.chatops.hasHistory');
    for (const id of ['youops.commentOnTicket', 'youops.closeTicket', 'youops.openTicketInBrowser', 'youops.runTicketCommand'])
      assert.equal(palette.get(id), 'youops.hasTickets');
    assert.equal(palette.get('youops.chatops.setSlackToken'), 'youops.chatops.slack');
    assert.equal(palette.get('youops.chatops.setWebhookUrl'), 'youops.chatops.webhook');
    assert.equal(palette.get('youops.argocd.setToken'), 'youops.hasArgoCD');
    assert.equal(palette.get('youops.promote'), 'youops.canPromote');
  });

  it('reads only context keys the extension sets (a misspelt key would hide a command for good)', () => {
    const set = keysSet();
    const read = Object.values(pkg.contributes.menus)
      .flat()
      .flatMap((e) => (e.when ? contextKeys(e.when) : []));
    const unknown = [...new Set(read)].filter((k) => !set.has(k));
    assert.deepEqual(unknown, []);
  });

  it('spells Resend one way in every title', () => {
    const titles = pkg.contributes.commands.map((c) => c.title);
    assert.deepEqual(
      titles.filter((t) => /re-send/i.test(t)),
      [],
    );
    assert.ok(titles.includes('Resend Ticket Draft…') && titles.includes('Resend ChatOps Command…'));
  });

  it('offers no Reveal in Manifest on a live-only (Extra) resource, which no manifest declares', () => {
    const reveal = Object.values(pkg.contributes.menus)
      .flat()
      .filter((e) => e.command === 'youops.revealResource' && e.when !== 'false');
    assert.ok(reveal.length >= 2, 'inline and context menu');
    for (const { when } of reveal) {
      const pattern = /viewItem =~ \/(.*)\/$/.exec(when!)![1];
      const matches = (contextValue: string) => new RegExp(pattern).test(contextValue);
      assert.equal(matches('youops.resource.extra'), false, when);
      for (const cv of ['youops.resource.drifted', 'youops.resource.missing', 'youops.resource.insync', 'youops.field'])
        assert.ok(matches(cv), `${cv}: ${when}`);
    }
  });
});
