import { defaultValues } from './formValues';
import type { FormValues, InputField, IssueForm } from './issueTemplate';
import { inputFields } from './issueTemplate';
import type { TicketContext } from './ticketContext';

/**
 * Which context value a field asks for, from the words of its id or label (ids first: they
 * are stable). A field matches when it names the thing (`nouns`) and every other word is
 * one that keeps it the same thing (`also`): "Version" and "Image tag" are the app's,
 * "OS version", "Terraform version" and "Error component stack" are not.
 */
const RULES: Array<{ nouns: string[]; also: string[]; pick: (c: TicketContext) => string | undefined; textareaOnly?: boolean }> = [
  { nouns: ['env', 'environment', 'stage'], also: ['target', 'deploy', 'deployment'], pick: (c) => c.env },
  { nouns: ['namespace'], also: ['kubernetes', 'k8s', 'target'], pick: (c) => c.resource?.namespace },
  { nouns: ['service', 'app', 'application', 'workload'], also: ['name', 'affected', 'target'], pick: (c) => c.app },
  { nouns: ['version', 'tag', 'release'], also: ['app', 'application', 'service', 'image', 'container', 'new', 'target', 'deploy', 'deployment'], pick: (c) => c.version },
  { nouns: ['image'], also: ['container', 'docker', 'new', 'target', 'app', 'service'], pick: (c) => c.image },
  { nouns: ['resource', 'object', 'manifest'], also: ['kubernetes', 'k8s', 'affected', 'drifted', 'name'], pick: (c) => c.resource && `${c.resource.kind} ${c.resource.namespace ? `${c.resource.namespace}/` : ''}${c.resource.name}` },
  { nouns: ['ref', 'branch', 'commit', 'sha', 'revision'], also: ['git', 'source', 'target', 'deploy', 'base', 'head'], pick: (c) => c.gitRef },
  {
    nouns: ['reason', 'description', 'details', 'context', 'drift', 'problem', 'happened', 'notes', 'note', 'summary'],
    also: ['additional', 'extra', 'other', 'short', 'change', 'more', 'found'],
    pick: describeContext,
    textareaOnly: true,
  },
];

/** Words that carry no meaning of their own in a label ("Which version of the app?"). */
const FILLER = new Set(['a', 'an', 'the', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'which', 'what', 'is', 'are', 'was', 'your', 'you', 'do', 'does', 'please', 'enter', 'select', 'choose', 'be', 'if', 'any', 'this', 'that', 'it', 'e', 'g']);

function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !FILLER.has(w));
}

function ruleFor(text: string, isTextarea: boolean): (typeof RULES)[number] | undefined {
  const words = wordsOf(text);
  return RULES.find((r) => (!r.textareaOnly || isTextarea) && words.some((w) => r.nouns.includes(w)) && words.every((w) => r.nouns.includes(w) || r.also.includes(w)));
}

/**
 * Starts from the form's defaults and fills every field the context can answer.
 * Dropdowns take a context value only when it is one of their options.
 */
export function prefillForm(form: IssueForm, context: TicketContext): FormValues {
  const values = defaultValues(form);
  for (const f of inputFields(form)) {
    const value = contextValue(f, context);
    if (value === undefined) continue;
    if (f.type === 'dropdown') {
      const option = f.options.find((o) => o.toLowerCase() === value.toLowerCase());
      if (option) values[f.id] = [option];
    } else if (f.type === 'input' || f.type === 'textarea') {
      values[f.id] = value;
    }
  }
  return values;
}

function contextValue(f: InputField, c: TicketContext): string | undefined {
  if (f.type === 'checkboxes' || f.type === 'upload') return undefined;
  // A generated id (`field-3`) says nothing; the label does.
  for (const source of /^field-\d+$/.test(f.id) ? [f.label] : [f.id, f.label]) {
    const rule = ruleFor(source, f.type === 'textarea');
    const v = rule?.pick(c);
    if (v) return v;
  }
  return undefined;
}

/** Markdown for a free-text field: the resource, the drift found and the selected text. */
export function describeContext(c: TicketContext): string | undefined {
  const parts: string[] = [];
  if (c.resource) parts.push(`Resource: \`${c.resource.kind} ${c.resource.namespace ? `${c.resource.namespace}/` : ''}${c.resource.name}\`${c.env ? ` in ${c.env}` : ''}`);
  if (c.drift?.length) parts.push(`Drift found by YouOps:\n${c.drift.map((d) => `- ${d}`).join('\n')}`);
  if (c.selection?.trim()) parts.push('```\n' + c.selection.replace(/\s+$/, '') + '\n```');
  return parts.length ? parts.join('\n\n') : undefined;
}
