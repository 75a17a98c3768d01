import { isSeq, parseDocument } from 'yaml';
import type { FormField, IssueForm, TemplateProblem } from './issueTemplate';

const FIELD_TYPES = new Set(['markdown', 'input', 'textarea', 'dropdown', 'checkboxes']);

/**
 * Reads an issue form the way GitHub validates it; problems are returned (with
 * lines), never thrown, so one broken template does not hide the others.
 */
export function parseIssueForm(text: string, file: string, path: string): { form?: IssueForm; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: false });
  const lineOf = (node: unknown): number | undefined => lineAt(text, node);
  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => ({ file, message: `YAML: ${e.message.split('\n')[0]}`, line: e.linePos?.[0]?.line })) };
  }
  const root = doc.toJS() as Record<string, unknown> | null;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return { problems: [{ file, message: 'an issue form must be a YAML mapping with name, description and body' }] };
  const problem = (message: string, node?: unknown) => problems.push({ file, message, line: lineOf(node) });

  const name = str(root.name);
  const description = str(root.description);
  if (!name) problem('`name` is required');
  if (!description) problem('`description` is required');
  const bodyNode = doc.get('body', true);
  if (!Array.isArray(root.body) || root.body.length === 0) {
    problem('`body` must list at least one field', bodyNode);
    return { problems };
  }
  const body: FormField[] = [];
  const ids = new Set<string>();
  const labels = new Set<string>();
  (root.body as unknown[]).forEach((raw, index) => {
    const node = isSeq(bodyNode) ? bodyNode.items[index] : undefined;
    const where = `body[${index}]`;
    const f = (raw ?? {}) as Record<string, unknown>;
    const type = str(f.type);
    if (!type || !FIELD_TYPES.has(type)) return void problem(`${where}: unknown field type ${JSON.stringify(f.type)} (markdown, input, textarea, dropdown or checkboxes)`, node);
    const attrs = (f.attributes ?? {}) as Record<string, unknown>;
    const validations = (f.validations ?? {}) as Record<string, unknown>;
    const id = str(f.id) ?? `field-${index}`;
    if (str(f.id)) {
      if (!/^[A-Za-z0-9_-]+$/.test(id)) problem(`${where}: id ${JSON.stringify(id)} may contain only letters, digits, - and _`, node);
      if (ids.has(id)) problem(`${where}: duplicate id ${JSON.stringify(id)}`, node);
      ids.add(id);
    }
    if (type === 'markdown') {
      const value = str(attrs.value);
      if (!value) problem(`${where}: markdown needs attributes.value`, node);
      body.push({ type: 'markdown', id, value: value ?? '' });
      return;
    }
    const label = str(attrs.label);
    if (!label) return void problem(`${where}: attributes.label is required`, node);
    if (labels.has(label)) problem(`${where}: duplicate label ${JSON.stringify(label)} (GitHub renders one heading per label)`, node);
    labels.add(label);
    const base = { id, label, description: str(attrs.description), required: validations.required === true };
    switch (type) {
      case 'input':
        body.push({ type, ...base, placeholder: str(attrs.placeholder), value: str(attrs.value) });
        return;
      case 'textarea':
        body.push({ type, ...base, placeholder: str(attrs.placeholder), value: str(attrs.value), render: str(f.render ?? attrs.render) });
        return;
      case 'dropdown': {
        const options = Array.isArray(attrs.options) ? attrs.options.map((o) => String(o)) : [];
        if (options.length === 0) return void problem(`${where}: dropdown "${label}" needs attributes.options`, node);
        if (new Set(options).size !== options.length) problem(`${where}: dropdown "${label}" has duplicate options`, node);
        const def = attrs.default;
        if (def !== undefined && (typeof def !== 'number' || !Number.isInteger(def) || def < 0 || def >= options.length)) {
          problem(`${where}: dropdown "${label}" default must be an option index 0…${options.length - 1}`, node);
        }
        body.push({ type, ...base, options, multiple: attrs.multiple === true, default: typeof def === 'number' && def >= 0 && def < options.length ? def : undefined });
        return;
      }
      case 'checkboxes': {
        const options = Array.isArray(attrs.options)
          ? attrs.options.map((o) => (typeof o === 'string' ? { label: o, required: false } : { label: String((o as Record<string, unknown>)?.label ?? ''), required: (o as Record<string, unknown>)?.required === true }))
          : [];
        if (options.length === 0 || options.some((o) => !o.label)) return void problem(`${where}: checkboxes "${label}" need options with a label`, node);
        body.push({ type, ...base, required: base.required || options.some((o) => o.required), options });
        return;
      }
    }
  });
  if (!body.some((f) => f.type !== 'markdown')) problem('`body` needs at least one field that is not markdown');
  if (!name || !description) return { problems };
  return {
    form: {
      kind: 'form',
      file,
      path,
      name,
      description,
      title: str(root.title),
      labels: list(root.labels),
      assignees: list(root.assignees),
      projects: list(root.projects),
      issueType: str(root.type),
      body,
    },
    problems,
  };
}

function lineAt(text: string, node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? text.slice(0, range[0]).split('\n').length : undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() ? v : undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** GitHub accepts a list or a comma-separated string for labels, assignees and projects. */
export function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
  return [];
}
