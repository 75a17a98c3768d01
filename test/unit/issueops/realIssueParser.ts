/**
 * The real `@github/issue-parser` from npm (the parser issue-ops/parser and the IssueOps
 * actions use), loaded as published. It ships only ESM without a `types` entry, so it is
 * required (Node 20 loads ESM through require) and typed here.
 */
export type ParsedValue = string | string[] | { selected: string[]; unselected: string[] } | undefined;
export type ParsedBody = Record<string, ParsedValue>;

interface IssueParser {
  parseIssue(issue: string, template?: string, options?: { slugify?: boolean }): ParsedBody;
  parseTemplate(template?: string): Record<string, { type: string; label: string; required: boolean }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const real = require('@github/issue-parser') as IssueParser;

export const parseIssue = real.parseIssue;
export const parseTemplate = real.parseTemplate;
