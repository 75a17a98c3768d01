import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FILE_LIMITS, FileRefusedError, readBoundedText } from '../files/readBounded';
import type { IssueTemplate, TemplateChooserConfig, TemplateProblem } from './issueTemplate';
import { parseIssueForm } from './parseIssueForm';
import { parseMarkdownTemplate } from './parseMarkdownTemplate';
import { parseTemplateConfig } from './parseTemplateConfig';

export interface TemplateSet {
  dir: string;
  templates: IssueTemplate[];
  config: TemplateChooserConfig;
  /** Invalid templates are listed here and left out of `templates`. */
  problems: TemplateProblem[];
}

/**
 * Every issue form and Markdown template of a folder, sorted by name, plus config.yml.
 * Files whose real path is outside `rootDir` (the repository) are refused.
 */
export async function loadTemplates(dir: string, rootDir = dir): Promise<TemplateSet> {
  const set: TemplateSet = { dir, templates: [], config: { blankIssuesEnabled: true, contactLinks: [] }, problems: [] };
  let names: string[];
  try {
    names = (await fs.readdir(dir)).sort();
  } catch {
    return set;
  }
  for (const file of names) {
    const full = path.join(dir, file);
    const lower = file.toLowerCase();
    if (!/\.(ya?ml|md)$/.test(lower)) continue;
    let text: string;
    try {
      text = await readBoundedText(full, FILE_LIMITS.template, rootDir);
    } catch (e) {
      set.problems.push({ file, message: e instanceof FileRefusedError ? e.reason : `cannot read: ${(e as Error).message}` });
      continue;
    }
    if (lower === 'config.yml' || lower === 'config.yaml') {
      const { config, problems } = parseTemplateConfig(text, file);
      set.config = config;
      set.problems.push(...problems);
    } else if (lower.endsWith('.md')) {
      const { template, problems } = parseMarkdownTemplate(text, file, full);
      if (template) set.templates.push(template);
      set.problems.push(...problems);
    } else {
      const { form, problems } = parseIssueForm(text, file, full);
      if (form) set.templates.push(form);
      set.problems.push(...problems);
    }
  }
  set.templates.sort((a, b) => a.name.localeCompare(b.name));
  return set;
}
