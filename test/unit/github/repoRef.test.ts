import * as assert from 'node:assert/strict';
import { apiBaseUrlForHost, parseRemoteUrl, parseRepo, webHostOfApiUrl } from '../../../src/core/github/repoRef';

describe('GitHub repository from a remote URL', () => {
  const cases: Array<[string, string | undefined]> = [
    ['https://github.com/acme/shop-ops.git', 'github.com acme/shop-ops'],
    ['https://github.com/acme/shop-ops', 'github.com acme/shop-ops'],
    ['https://github.com/acme/shop-ops/', 'github.com acme/shop-ops'],
    ['https://user:secret@github.com/acme/shop.ops.git', 'github.com acme/shop.ops'],
    ['http://github.com/acme/x', 'github.com acme/x'],
    ['git@github.com:acme/shop-ops.git', 'github.com acme/shop-ops'],
    ['github.com:acme/shop-ops', 'github.com acme/shop-ops'],
    ['ssh://git@github.com/acme/shop-ops.git', 'github.com acme/shop-ops'],
    ['ssh://git@ssh.github.com:443/acme/shop-ops.git', 'github.com acme/shop-ops'],
    ['git://github.com/acme/shop-ops.git', 'github.com acme/shop-ops'],
    ['https://GitHub.example.com/platform/requests.git', 'github.example.com platform/requests'],
    ['git@github.example.com:platform/requests.git', 'github.example.com platform/requests'],
    ['ssh://git@github.example.com:2222/platform/requests.git', 'github.example.com platform/requests'],
    ['https://git.example.com/ghes/platform/requests', 'git.example.com platform/requests'],
    ['https://github.com/acme', undefined],
    ['/srv/git/shop.git', undefined],
    ['file:///srv/git/acme/shop.git', undefined],
    ['not a url', undefined],
  ];
  for (const [url, expected] of cases) {
    it(`${url} → ${expected ?? 'not GitHub'}`, () => {
      const r = parseRemoteUrl(url);
      assert.equal(r && `${r.host} ${r.owner}/${r.repo}`, expected);
    });
  }

  it('reads `owner/name` from youops.yaml on github.com or the given host', () => {
    assert.deepEqual(parseRepo('acme/shop-ops'), { owner: 'acme', repo: 'shop-ops', host: 'github.com' });
    assert.deepEqual(parseRepo('acme/shop-ops', 'ghes.example.com'), { owner: 'acme', repo: 'shop-ops', host: 'ghes.example.com' });
    assert.deepEqual(parseRepo('ghes.example.com/acme/shop-ops'), { owner: 'acme', repo: 'shop-ops', host: 'ghes.example.com' });
    assert.equal(parseRepo('acme'), undefined);
  });

  it('derives API base URLs and web hosts for github.com and GHES', () => {
    assert.equal(apiBaseUrlForHost('github.com'), 'https://api.github.com');
    assert.equal(apiBaseUrlForHost('ghes.example.com'), 'https://ghes.example.com/api/v3');
    assert.equal(webHostOfApiUrl('https://api.github.com'), 'github.com');
    assert.equal(webHostOfApiUrl('https://ghes.example.com/api/v3'), 'ghes.example.com');
    assert.equal(webHostOfApiUrl('http://127.0.0.1:8080/api/v3'), '127.0.0.1:8080');
  });
});
