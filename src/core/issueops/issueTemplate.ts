/**
 * GitHub issue templates: issue forms (`*.yml`/`*.yaml` with a `body` of fields)
 * and classic Markdown templates with front matter, as GitHub documents them.
 */

export interface FieldBase {
  /** `id` from the form, or `field-<index>` when the form gives none (GitHub allows that). */
  id: string;
  label: string;
  description?: string;
  required: boolean;
}

export type FormField =
  | { type: 'markdown'; id: string; value: string }
  | (FieldBase & { type: 'input'; placeholder?: string; value?: string })
  | (FieldBase & { type: 'textarea'; placeholder?: string; value?: string; /** Language: GitHub renders the value as a code block. */ render?: string })
  | (FieldBase & { type: 'dropdown'; options: string[]; multiple: boolean; /** Index into options. */ default?: number })
  | (FieldBase & { type: 'checkboxes'; options: Array<{ label: string; required: boolean }> })
  /** Files attached on github.com; the value is the Markdown GitHub writes for them (links to the uploads). */
  | (FieldBase & { type: 'upload' });

export type InputField = Exclude<FormField, { type: 'markdown' }>;

interface TemplateBase {
  /** File name inside the templates folder, e.g. `deploy-request.yml`. */
  file: string;
  /** Absolute path. */
  path: string;
  name: string;
  description: string;
  /** Title prefill, e.g. `[deploy] <service> to <environment>`. */
  title?: string;
  labels: string[];
  assignees: string[];
}

export interface IssueForm extends TemplateBase {
  kind: 'form';
  body: FormField[];
  /** `org/number` project boards; GitHub applies them only through its web form. */
  projects: string[];
  /** GitHub issue type (`type:`), when the organisation uses them. */
  issueType?: string;
}

export interface MarkdownTemplate extends TemplateBase {
  kind: 'markdown';
  body: string;
}

export type IssueTemplate = IssueForm | MarkdownTemplate;

/** `config.yml` of the templates folder. */
export interface TemplateChooserConfig {
  blankIssuesEnabled: boolean;
  contactLinks: Array<{ name: string; url: string; about: string }>;
}

export interface TemplateProblem {
  file: string;
  message: string;
  line?: number;
  /** `error` (default): GitHub refuses the form; `warning`: GitHub accepts it, but tickets will be hard to read. */
  severity?: 'error' | 'warning';
}

/** What a person enters per field: text (uploads: the Markdown of the attached files), the chosen options, or one flag per checkbox. */
export type FieldValue = string | string[] | boolean[];
export type FormValues = Record<string, FieldValue>;

export function inputFields(form: IssueForm): InputField[] {
  return form.body.filter((f): f is InputField => f.type !== 'markdown');
}
