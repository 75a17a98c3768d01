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

/**
 * The template title's own `<placeholders>` still in the title. Only those count: a title a
 * person typed, such as `Support Map<string, number>`, has none.
 */
export function unreplacedPlaceholders(title: string, templateTitle: string | undefined): string[] {
  if (!templateTitle) return [];
  const own = new Set([...templateTitle.matchAll(/<[^<>]{1,40}>/g)].map((m) => m[0]));
  return [...own].filter((p) => title.includes(p));
}

/** True while the title still has one of its template's `<placeholders>`. */
export function hasPlaceholder(title: string, templateTitle: string | undefined): boolean {
  return unreplacedPlaceholders(title, templateTitle).length > 0;
}
