import { describeValue } from './formValues';
import type { FormValues, IssueForm } from './issueTemplate';
import { inputFields } from './issueTemplate';

/**
 * Fills `<placeholders>` of a template title with the form's values when a
 * placeholder names a field (by id or label): `[deploy] <service> to <environment>`
 * → `[deploy] web to prod`. Unknown placeholders stay for the person to replace.
 */
export function renderTitle(template: string | undefined, form: IssueForm | undefined, values: FormValues): string {
  if (!template) return '';
  if (!form) return template;
  const fields = inputFields(form);
  return template.replace(/<([^<>]{1,40})>/g, (whole, name: string) => {
    const key = name.trim().toLowerCase();
    const f = fields.find((x) => x.id.toLowerCase() === key || x.label.toLowerCase() === key) ?? fields.find((x) => x.id.toLowerCase().startsWith(key) || key.startsWith(x.id.toLowerCase()));
    if (!f || f.type === 'checkboxes') return whole;
    const v = describeValue(f, values[f.id]);
    return v || whole;
  });
}

/** True while the title still has an unreplaced `<placeholder>`. */
export function hasPlaceholder(title: string): boolean {
  return /<[^<>]{1,40}>/.test(title);
}
