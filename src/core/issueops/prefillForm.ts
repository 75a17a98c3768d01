import { defaultValues } from './formValues';
import type { FormValues, InputField, IssueForm } from './issueTemplate';
import { inputFields } from './issueTemplate';
import type { TicketContext } from './ticketContext';

/** Which context value a field asks for, guessed from its id and label (ids first: they are stable). */
const RULES: Array<{ test: RegExp; pick: (c: TicketContext) => string | undefined; textareaOnly?: boolean }> = [
  { test: /\b(env|environment|stage|target)\b/, pick: (c) => c.env },
  { test: /\bnamespace\b/, pick: (c) => c.resource?.namespace },
  { test: /\b(service|app|application|component|workload)\b/, pick: (c) => c.app },
  { test: /\b(version|tag|release)\b/, pick: (c) => c.version },
  { test: /\bimage\b/, pick: (c) => c.image },
  { test: /\b(resource|object|manifest)\b/, pick: (c) => c.resource && `${c.resource.kind} ${c.resource.namespace ? `${c.resource.namespace}/` : ''}${c.resource.name}` },
  { test: /\b(ref|branch|commit|sha|revision)\b/, pick: (c) => c.gitRef },
  { test: /\b(reason|description|details|context|drift|problem|what happened|notes?|summary)\b/, pick: describeContext, textareaOnly: true },
];

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
  if (f.type === 'checkboxes') return undefined;
  const words = (s: string) => s.toLowerCase().replace(/[_-]+/g, ' ');
  for (const source of [words(f.id), words(f.label)]) {
    for (const rule of RULES) {
      if (rule.textareaOnly && f.type !== 'textarea') continue;
      if (!rule.test.test(source)) continue;
      const v = rule.pick(c);
      if (v) return v;
    }
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
