import type { GitHubComment, GitHubIssue, GitHubPullRequest, GitHubUser } from './types';

/* Raw REST JSON → the narrow shapes in types.ts. Defensive: GHES versions and fakes omit fields. */

type Raw = Record<string, unknown>;

export function toUser(raw: unknown): GitHubUser | undefined {
  const u = raw as Raw | null | undefined;
  return u && typeof u.login === 'string' ? { login: u.login, type: typeof u.type === 'string' ? u.type : 'User' } : undefined;
}

export function toIssue(raw: unknown): GitHubIssue {
  const r = raw as Raw;
  return {
    number: Number(r.number),
    title: String(r.title ?? ''),
    body: typeof r.body === 'string' ? r.body : '',
    state: r.state === 'closed' ? 'closed' : 'open',
    stateReason: typeof r.state_reason === 'string' ? r.state_reason : undefined,
    htmlUrl: String(r.html_url ?? ''),
    labels: ((r.labels as unknown[]) ?? []).map((l) => (typeof l === 'string' ? l : String((l as Raw).name ?? ''))).filter(Boolean),
    user: toUser(r.user),
    assignees: ((r.assignees as unknown[]) ?? []).map((a) => toUser(a)?.login).filter((a): a is string => !!a),
    comments: Number(r.comments ?? 0),
    createdAt: String(r.created_at ?? ''),
    updatedAt: String(r.updated_at ?? ''),
    isPullRequest: r.pull_request !== undefined && r.pull_request !== null,
  };
}

export function toComment(raw: unknown): GitHubComment {
  const r = raw as Raw;
  return {
    id: Number(r.id),
    body: typeof r.body === 'string' ? r.body : '',
    user: toUser(r.user),
    htmlUrl: String(r.html_url ?? ''),
    createdAt: String(r.created_at ?? ''),
    updatedAt: String(r.updated_at ?? r.created_at ?? ''),
  };
}

export function toPullRequest(raw: unknown): GitHubPullRequest {
  const r = raw as Raw;
  const ref = (x: unknown) => String((x as Raw | undefined)?.ref ?? '');
  return {
    number: Number(r.number),
    title: String(r.title ?? ''),
    body: typeof r.body === 'string' ? r.body : '',
    state: r.state === 'closed' ? 'closed' : 'open',
    merged: r.merged === true || (typeof r.merged_at === 'string' && r.merged_at !== ''),
    draft: r.draft === true,
    htmlUrl: String(r.html_url ?? ''),
    head: ref(r.head),
    base: ref(r.base),
  };
}
