/**
 * The two calls the github transport needs from a GitHub client, kept as a port so the
 * ChatOps core does not depend on how IssueOps talks to GitHub.
 */
export interface GitHubComment {
  id: number;
  body: string;
  author: string;
  createdAt: Date;
  url?: string;
}

export interface GitHubCommentPort {
  /** Human label of the repository, e.g. `acme/shop-ops`, for the destination shown. */
  readonly repo: string;
  postComment(issue: number, body: string, signal?: AbortSignal): Promise<GitHubComment>;
  /** Comments created at or after `since`, oldest first. */
  listCommentsSince(issue: number, since: Date, signal?: AbortSignal): Promise<GitHubComment[]>;
}
