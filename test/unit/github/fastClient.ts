import Bottleneck from 'bottleneck';
import { GitHubClient, type GitHubClientOptions } from '../../../src/core/github/githubClient';

/**
 * A client for tests against the fake server: same plugins and error handling,
 * but without GitHub's pacing of writes (1/s, 3/s for notifications) and with
 * millisecond backoff, so retries are exercised without making tests slow.
 */
export function fastClient(baseUrl: string, token: string, extra: Partial<GitHubClientOptions> = {}): GitHubClient {
  const group = () => new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 });
  return new GitHubClient({
    token,
    baseUrl,
    retryBaseMs: 5,
    throttle: { global: group(), write: group(), search: group(), notifications: group(), auth: group() },
    ...extra,
  });
}
