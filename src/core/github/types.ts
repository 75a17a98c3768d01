/** The parts of GitHub's REST objects YouOps uses, in camelCase, independent of Octokit's types. */

export interface GitHubUser {
  login: string;
  /** `User`, `Bot` or `Organization`. */
  type: string;
}

export interface GitHubIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason?: string;
  htmlUrl: string;
  labels: string[];
  user?: GitHubUser;
  assignees: string[];
  comments: number;
  createdAt: string;
  updatedAt: string;
  /** The issues API lists pull requests too; they carry this flag. */
  isPullRequest: boolean;
}

export interface GitHubComment {
  id: number;
  body: string;
  user?: GitHubUser;
  htmlUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface GitHubPullRequest {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  htmlUrl: string;
  head: string;
  base: string;
}

export interface RateLimitInfo {
  limit: number;
  remaining: number;
  resetAt: Date;
}
