import { parse } from 'yaml';
import type { TemplateChooserConfig, TemplateProblem } from './issueTemplate';

/** `config.yml`: whether blank issues are allowed and the contact links shown beside the templates. */
export function parseTemplateConfig(text: string, file = 'config.yml'): { config: TemplateChooserConfig; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const config: TemplateChooserConfig = { blankIssuesEnabled: true, contactLinks: [] };
  let raw: Record<string, unknown>;
  try {
    raw = (parse(text) ?? {}) as Record<string, unknown>;
  } catch (e) {
    return { config, problems: [{ file, message: `YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  if (raw.blank_issues_enabled !== undefined) {
    if (typeof raw.blank_issues_enabled === 'boolean') config.blankIssuesEnabled = raw.blank_issues_enabled;
    else problems.push({ file, message: '`blank_issues_enabled` must be true or false' });
  }
  const links = Array.isArray(raw.contact_links) ? raw.contact_links : [];
  links.forEach((l, i) => {
    const link = (l ?? {}) as Record<string, unknown>;
    const name = typeof link.name === 'string' ? link.name : '';
    const url = typeof link.url === 'string' ? link.url : '';
    if (!name || !/^https?:\/\//.test(url)) return void problems.push({ file, message: `contact_links[${i}] needs a name and an http(s) url` });
    config.contactLinks.push({ name, url, about: typeof link.about === 'string' ? link.about : '' });
  });
  return { config, problems };
}
