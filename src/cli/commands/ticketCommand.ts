import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findConfigFile } from '../../core/config/configFile';
import { cliDefaultGitHubHost, cliGitHubAccess } from '../cliTokens';
import { remoteRepo } from '../../core/github/remoteRepo';
import { GitHubClient } from '../../core/github/githubClient';
import { GitHubError } from '../../core/github/githubError';
import { withIdempotencyMarker } from '../../core/github/idempotencyMarker';
import { formatRepo, parseRepo, type RepoRef } from '../../core/github/repoRef';
import { buildTicket } from '../../core/issueops/buildTicket';
import { defaultValues } from '../../core/issueops/formValues';
import { inputFields, type FieldValue, type FormValues, type InputField, type IssueTemplate } from '../../core/issueops/issueTemplate';
import { parseIssueForm } from '../../core/issueops/parseIssueForm';
import { parseMarkdownTemplate } from '../../core/issueops/parseMarkdownTemplate';
import { renderTitle } from '../../core/issueops/renderTitle';
import { describeDropped, droppedFrom } from '../../core/issueops/submitTicket';
import type { TicketDraft } from '../../core/issueops/ticketDraft';
import { EXIT_OK, UsageError, type CliIo } from '../cliIo';
import { loadWorkspaceConfig } from '../loadWorkspaceConfig';
import type { ParsedArgs } from '../parseArgs';

export const TICKET_OPTIONS = { template: 'value', 'values-file': 'value', set: 'list', title: 'value', repo: 'value', 'dry-run': 'flag' } as const;

export const TICKET_HELP = `youops ticket --template FILE [--values-file F.json] [--set ID=VALUE …] [--title T]
              [--repo OWNER/NAME] [--dry-run] [--format text|json]

Opens an IssueOps ticket from an issue form (or a Markdown template), with the body
exactly as GitHub writes it for the same answers, so the automation behind the form
reads it like a ticket opened on github.com.

--template FILE     the form: a path, or a file name in youops.yaml's issueops.templates
--values-file F     JSON object of answers keyed by field id (by label for fields without
                    one): inputs and textareas are strings, dropdowns arrays of the chosen
                    options, checkboxes arrays of the labels of the checked options
--set ID=VALUE      one answer (repeat it; for dropdowns and checkboxes each --set adds
                    one option); applied after --values-file
--title T           the title (default: the form's title with its <placeholders> filled)
--repo OWNER/NAME   the repository (default: youops.yaml's issueops.github.repo, else origin)
--dry-run           print the request it would POST and send nothing; with --format json:
                    {"repo","title","body","labels","assignees"}

Without --dry-run the issue is created with $GITHUB_TOKEN, sent only to github.com or to
the host of an explicitly set $GITHUB_API_URL, and its URL is printed. The same ticket
sent again (a CI retry after a lost answer) returns the issue created the first time.

Exit 0 when printed or created, 2 when a required field is empty, a value is not one of a
dropdown's options, or on any usage, template or GitHub error.`;

/** `youops ticket`: the IssueOps core of the extension, for CI and scripts. */
export async function ticketCommand(args: ParsedArgs, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.format !== 'text' && args.format !== 'json') throw new UsageError(`ticket supports --format text or json, not ${args.format}`);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const templateArg = args.options.template;
  if (typeof templateArg !== 'string') throw new UsageError('ticket needs --template FILE (try youops help ticket)');
  const configFile = findConfigFile(args.cwd, args.config);
  const config = configFile ? await loadWorkspaceConfig(args.cwd, args.config) : undefined;
  const template = await loadTemplate(templateArg, args.cwd, config);

  const values = template.kind === 'form' ? defaultValues(template) : {};
  if (typeof args.options['values-file'] === 'string') applyValuesFile(template, values, await readJson(path.resolve(args.cwd, args.options['values-file'])));
  applySets(template, values, args.lists.set ?? []);

  const repo = await resolveRepo(typeof args.options.repo === 'string' ? args.options.repo : undefined, config?.config.issueops.repo, args.cwd, cliDefaultGitHubHost(env));
  const title = typeof args.options.title === 'string' ? args.options.title : renderTitle(template.title, template.kind === 'form' ? template : undefined, values);
  const draft: TicketDraft = {
    id: 'cli-pending',
    repo: formatRepo(repo),
    template: template.file,
    title,
    values,
    body: template.kind === 'markdown' ? template.body : undefined,
    labels: template.labels,
    assignees: template.assignees,
    context: {},
    createdAt: new Date().toISOString(),
    attempts: 0,
  };
  const built = buildTicket(draft, template);
  if (built.problems.length) throw new UsageError(built.problems.map(withFieldId(template)).join('\n'));
  // Same ticket, same key: a re-run after a lost answer finds the first issue instead of opening another.
  const key = `cli-${createHash('sha256').update(JSON.stringify([formatRepo(repo), built.title, built.body, built.labels, built.assignees])).digest('hex').slice(0, 24)}`;
  const request = { repo: formatRepo(repo), title: built.title, body: withIdempotencyMarker(built.body, key), labels: built.labels, assignees: built.assignees };

  if (args.options['dry-run']) {
    if (args.format === 'json') io.out(JSON.stringify(request, null, 2));
    else io.out(`POST ${repo.host} ${request.repo}\ntitle: ${request.title}\nlabels: ${request.labels.join(', ') || '(none)'}\nassignees: ${request.assignees.join(', ') || '(none)'}\n\n${request.body}`);
    return EXIT_OK;
  }

  const access = cliGitHubAccess(env, repo);
  if (!access.ok) throw new UsageError(`cannot create the issue: ${access.reason}`);
  const client = new GitHubClient({ token: access.token, baseUrl: access.baseUrl, userAgent: 'youops-cli' });
  let issue;
  try {
    issue = await client.createIssue(repo, { title: built.title, body: built.body, labels: built.labels, assignees: built.assignees }, { idempotencyKey: key, checkFirst: true });
  } catch (err) {
    if (err instanceof GitHubError) throw new UsageError(err.message);
    throw err;
  }
  const dropped = droppedFrom(issue, built.labels, built.assignees);
  const warning = describeDropped(dropped);
  if (warning) io.err(`youops: warning: #${issue.number}: ${warning}`);
  if (args.format === 'json') io.out(JSON.stringify({ number: issue.number, url: issue.htmlUrl, reused: issue.reused, dropped }, null, 2));
  else io.out(issue.reused ? `${issue.htmlUrl} (created earlier by the same request)` : issue.htmlUrl);
  return EXIT_OK;
}

async function loadTemplate(arg: string, cwd: string, config: Awaited<ReturnType<typeof loadWorkspaceConfig>> | undefined): Promise<IssueTemplate> {
  const candidates = [path.resolve(cwd, arg)];
  if (config) candidates.push(path.resolve(config.rootDir, config.config.issueops.templates, arg));
  for (const file of candidates) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      continue;
    }
    const name = path.basename(file);
    const { form, problems } = /\.md$/i.test(name) ? { form: undefined, ...pick(parseMarkdownTemplate(text, name, file)) } : parseIssueForm(text, name, file);
    const errors = problems.filter((p) => (p.severity ?? 'error') === 'error');
    const rel = path.relative(cwd, file) || file;
    if (errors.length || !form) throw new UsageError(errors.map((p) => `${rel}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('\n') || `${rel}: not an issue template`);
    return form;
  }
  throw new UsageError(`template ${arg} not found${config ? ` (also looked in ${config.config.issueops.templates})` : ''}`);
}

function pick(r: ReturnType<typeof parseMarkdownTemplate>): { form?: IssueTemplate; problems: ReturnType<typeof parseMarkdownTemplate>['problems'] } {
  return { form: r.template, problems: r.problems };
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --values-file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--values-file ${file} is not JSON: ${(e as Error).message}`);
  }
}

/** The field a key names: its id, else (for fields without one) its label. */
function fieldFor(template: IssueTemplate, key: string): InputField {
  const fields = template.kind === 'form' ? inputFields(template) : [];
  const f = fields.find((x) => x.id === key) ?? fields.find((x) => /^field-\d+$/.test(x.id) && x.label === key);
  if (!f) {
    const known = fields.map((x) => (/^field-\d+$/.test(x.id) ? JSON.stringify(x.label) : x.id));
    throw new UsageError(template.kind === 'form' ? `the form has no field "${key}" (fields: ${known.join(', ')})` : `${template.file} is a Markdown template: it has no fields to set`);
  }
  return f;
}

function applyValuesFile(template: IssueTemplate, values: FormValues, data: unknown): void {
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError('--values-file must hold a JSON object keyed by field id');
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    const f = fieldFor(template, key);
    const name = fieldName(f);
    switch (f.type) {
      case 'input':
      case 'textarea':
      case 'upload':
        if (typeof raw !== 'string') throw new UsageError(`${name} takes a string, not ${JSON.stringify(raw)}`);
        values[f.id] = raw;
        break;
      case 'dropdown':
        values[f.id] = chosen(f, stringList(raw, name));
        break;
      case 'checkboxes':
        values[f.id] = checked(f, stringList(raw, name));
        break;
    }
  }
}

function applySets(template: IssueTemplate, values: FormValues, sets: string[]): void {
  const added = new Map<string, string[]>();
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set needs ID=VALUE, not "${s}"`);
    const f = fieldFor(template, s.slice(0, eq));
    const value = s.slice(eq + 1);
    if (f.type === 'dropdown' || f.type === 'checkboxes') {
      // Repeated --set for one field adds options; the first replaces what the file chose.
      const list = [...(added.get(f.id) ?? []), value];
      added.set(f.id, list);
      values[f.id] = f.type === 'dropdown' ? chosen(f, list) : checked(f, list);
    } else {
      values[f.id] = value;
    }
  }
}

function stringList(raw: unknown, name: string): string[] {
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return raw as string[];
  throw new UsageError(`${name} takes an array of strings, not ${JSON.stringify(raw)}`);
}

function chosen(f: Extract<InputField, { type: 'dropdown' }>, picks: string[]): FieldValue {
  const unknown = picks.filter((p) => !f.options.includes(p));
  if (unknown.length) throw new UsageError(`${fieldName(f)} has no option ${unknown.map((u) => JSON.stringify(u)).join(', ')} (options: ${f.options.join(', ')})`);
  if (!f.multiple && picks.length > 1) throw new UsageError(`${fieldName(f)} takes a single choice, not ${picks.length}`);
  return picks;
}

function checked(f: Extract<InputField, { type: 'checkboxes' }>, labels: string[]): FieldValue {
  const unknown = labels.filter((l) => !f.options.some((o) => o.label === l));
  if (unknown.length) throw new UsageError(`${fieldName(f)} has no checkbox ${unknown.map((u) => JSON.stringify(u)).join(', ')} (checkboxes: ${f.options.map((o) => JSON.stringify(o.label)).join(', ')})`);
  return f.options.map((o) => labels.includes(o.label));
}

function fieldName(f: InputField): string {
  return /^field-\d+$/.test(f.id) ? `field "${f.label}"` : `field ${f.id} ("${f.label}")`;
}

/** Validation messages name a field by its label; the CLI addresses fields by id, so say both. */
function withFieldId(template: IssueTemplate): (problem: string) => string {
  const fields = template.kind === 'form' ? inputFields(template) : [];
  return (problem) => {
    const f = fields.find((x) => problem.startsWith(`"${x.label}"`));
    return f && !/^field-\d+$/.test(f.id) ? `${f.id}: ${problem}` : problem;
  };
}

async function resolveRepo(arg: string | undefined, configured: string | undefined, cwd: string, defaultHost: string): Promise<RepoRef> {
  if (arg) {
    const r = parseRepo(arg, defaultHost);
    if (!r) throw new UsageError(`--repo must be OWNER/NAME (or HOST/OWNER/NAME), not "${arg}"`);
    return r;
  }
  if (configured) {
    const r = parseRepo(configured, defaultHost);
    if (!r) throw new UsageError(`issueops.github.repo in youops.yaml is not OWNER/NAME: ${configured}`);
    return r;
  }
  const detected = await remoteRepo(cwd);
  if (!detected) throw new UsageError('no repository: pass --repo OWNER/NAME, set issueops.github.repo in youops.yaml, or run inside a clone with a GitHub origin');
  return detected;
}
