import { parse } from 'yaml';
import type { MarkdownTemplate, TemplateProblem } from './issueTemplate';
import { list } from './parseIssueForm';

/** A classic `*.md` template: YAML front matter (name, about, title, labels, assignees) and a Markdown body. */
export function parseMarkdownTemplate(text: string, file: string, path: string): { template?: MarkdownTemplate; problems: TemplateProblem[] } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return { problems: [{ file, message: 'a Markdown issue template needs front matter between --- lines (name, about)', line: 1 }] };
  let front: Record<string, unknown>;
  try {
    front = (parse(m[1]) ?? {}) as Record<string, unknown>;
  } catch (e) {
    return { problems: [{ file, message: `front matter: ${(e as Error).message.split('\n')[0]}`, line: 2 }] };
  }
  const problems: TemplateProblem[] = [];
  const name = typeof front.name === 'string' ? front.name.trim() : '';
  const about = typeof front.about === 'string' ? front.about.trim() : '';
  if (!name) problems.push({ file, message: 'front matter needs `name`', line: 2 });
  if (!about) problems.push({ file, message: 'front matter needs `about`', line: 2 });
  if (!name || !about) return { problems };
  const title = typeof front.title === 'string' && front.title.trim() ? front.title : undefined;
  return {
    template: { kind: 'markdown', file, path, name, description: about, title, labels: list(front.labels), assignees: list(front.assignees), body: m[2].replace(/^\s*\n/, '').replace(/\s+$/, '') },
    problems,
  };
}
