import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

describe('README', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it('opens with the two fresh-machine commands', () => {
    const head = readme.split('\n').slice(0, 8).join('\n');
    assert.match(head, /^npm run demo/m);
    assert.match(head, /^npm test/m);
  });

  it('lists every contributed command and setting (run node scripts/readme-reference.mjs after changing package.json)', async () => {
    const { readmeWithReference } = (await import(path.join(ROOT, 'scripts', 'readme-reference.mjs'))) as {
      readmeWithReference: (readme: string, pkg: unknown) => string;
    };
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    assert.equal(readme, readmeWithReference(readme, pkg));
    for (const c of pkg.contributes.commands) assert.ok(readme.includes(`\`${c.command}\``), c.command);
  });

  it('names every folder of src/core and src/vscode in the architecture section', () => {
    const section = readme.slice(readme.indexOf('## Architecture'), readme.indexOf('## Developing'));
    const tree = section.slice(section.indexOf('```'), section.indexOf('```', section.indexOf('```') + 3));
    const folders = (dir: string): string[] =>
      fs
        .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .flatMap((e) => [`${dir}/${e.name}`, ...folders(`${dir}/${e.name}`)]);
    const missing = [...folders('src/core'), ...folders('src/vscode')].filter((f) => !/\/transports$/.test(f) && !tree.includes(`${path.basename(f)}/`));
    assert.deepEqual(missing, []);
  });
});
