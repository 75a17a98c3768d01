import type { FieldValue, FormValues, InputField, IssueForm } from './issueTemplate';
import { inputFields } from './issueTemplate';

/** The form as GitHub shows it before anyone types: `value`s, dropdown `default`s, unchecked boxes. */
export function defaultValues(form: IssueForm): FormValues {
  const values: FormValues = {};
  for (const f of inputFields(form)) values[f.id] = defaultValue(f);
  return values;
}

export function defaultValue(f: InputField): FieldValue {
  switch (f.type) {
    case 'input':
    case 'textarea':
      return f.value ?? '';
    case 'upload':
      return '';
    case 'dropdown':
      return f.default !== undefined ? [f.options[f.default]] : [];
    case 'checkboxes':
      return f.options.map(() => false);
  }
}

export function isEmpty(v: FieldValue | undefined): boolean {
  if (v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return v.every((x) => x === false || x === '');
}

/** One line per value, for quick picks and previews. */
export function describeValue(f: InputField, v: FieldValue | undefined): string {
  if (isEmpty(v) && f.type !== 'checkboxes') return '';
  switch (f.type) {
    case 'input':
    case 'textarea':
    case 'upload':
      return String(v).replace(/\s*\n\s*/g, ' ⏎ ');
    case 'dropdown':
      return (v as string[]).join(', ');
    case 'checkboxes':
      return f.options.map((o, i) => `${(v as boolean[] | undefined)?.[i] ? '☑' : '☐'} ${o.label}`).join('  ');
  }
}
