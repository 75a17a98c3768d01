import { isEmpty } from './formValues';
import type { FormValues, InputField, IssueForm } from './issueTemplate';
import { inputFields } from './issueTemplate';

export interface FieldProblem {
  fieldId: string;
  message: string;
}

/** The checks GitHub's web form makes before submitting: required fields, required boxes, known options. */
export function validateForm(form: IssueForm, values: FormValues): FieldProblem[] {
  return inputFields(form).flatMap((f) => validateField(f, values[f.id]));
}

export function validateField(f: InputField, v: FormValues[string] | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (message: string) => problems.push({ fieldId: f.id, message });
  switch (f.type) {
    case 'input':
    case 'textarea':
    case 'upload':
      if (f.required && isEmpty(v)) add(`"${f.label}" is required`);
      break;
    case 'dropdown': {
      const chosen = Array.isArray(v) ? (v as string[]) : [];
      if (f.required && chosen.length === 0) add(`"${f.label}" is required: choose ${f.multiple ? 'at least one' : 'one'} of ${f.options.join(', ')}`);
      const unknown = chosen.filter((c) => !f.options.includes(c));
      if (unknown.length) add(`"${f.label}" has no option ${unknown.map((u) => JSON.stringify(u)).join(', ')} (options: ${f.options.join(', ')})`);
      if (!f.multiple && chosen.length > 1) add(`"${f.label}" takes a single choice`);
      break;
    }
    case 'checkboxes':
      f.options.forEach((o, i) => {
        if (o.required && !(Array.isArray(v) && v[i] === true)) add(`"${f.label}": "${o.label}" must be checked`);
      });
      break;
  }
  return problems;
}
