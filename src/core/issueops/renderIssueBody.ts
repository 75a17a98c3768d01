import type { FormValues, InputField, IssueForm } from './issueTemplate';
import { inputFields } from './issueTemplate';

export const NO_RESPONSE = '_No response_';
/** What GitHub writes for an optional dropdown left empty. */
export const NO_CHOICE = 'None';

/**
 * The body exactly as GitHub writes it when an issue form is submitted, so
 * IssueOps parsers (e.g. `issue-ops/parser`) read tickets from the editor like
 * tickets from the web: `### Label`, a blank line, the value; `_No response_`
 * for empty text and uploads, `None` for an empty dropdown; `- [X]`/`- [ ]` per
 * checkbox; multiple choices joined by ", "; `render:` textareas in a code block;
 * markdown fields left out.
 */
export function renderIssueBody(form: IssueForm, values: FormValues): string {
  return inputFields(form)
    .map((f) => `### ${f.label}\n\n${renderValue(f, values[f.id])}`)
    .join('\n\n');
}

function renderValue(f: InputField, v: FormValues[string] | undefined): string {
  switch (f.type) {
    case 'input':
    case 'upload': {
      const text = typeof v === 'string' ? v.trim() : '';
      return text || NO_RESPONSE;
    }
    case 'textarea': {
      const text = typeof v === 'string' ? v.replace(/\s+$/, '').replace(/^\s*\n/, '') : '';
      if (!text.trim()) return NO_RESPONSE;
      return f.render ? `\`\`\`${f.render}\n${text}\n\`\`\`` : text;
    }
    case 'dropdown': {
      const chosen = Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string' && x !== '') : [];
      return chosen.length ? chosen.join(', ') : NO_CHOICE;
    }
    case 'checkboxes':
      return f.options.map((o, i) => `- [${Array.isArray(v) && v[i] === true ? 'X' : ' '}] ${o.label}`).join('\n');
  }
}
