export { cliDefaultGitHubHost, cliGitHubAccess, type CliGitHubAccess } from './cliGitHubAccess';
export { detectRepoFromGit } from './detectRepo';
export { GitHubClient, RequestTimeout, type CommentOptions, type CreateOptions, type Created, type GitHubClientOptions, type NewIssue, type NewPullRequest } from './githubClient';
export { GitHubError, toGitHubError, type GitHubErrorKind } from './githubError';
export { hasIdempotencyMarker, idempotencyMarker, readIdempotencyKey, withIdempotencyMarker } from './idempotencyMarker';
export { apiBaseUrlForHost, formatRepo, GITHUB_COM, parseRemoteUrl, parseRepo, webHostOfApiUrl, type RepoRef } from './repoRef';
export type { GitHubComment, GitHubIssue, GitHubPullRequest, GitHubUser, RateLimitInfo } from './types';
