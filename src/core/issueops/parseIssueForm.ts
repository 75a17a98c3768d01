import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { FormField, IssueForm, TemplateProblem } from './issueTemplate';

const FIELD_TYPES = new Set(['markdown', 'input', 'textarea', 'dropdown', 'checkboxes', 'upload']);

/** Plain scalars GitHub's YAML 1.1 reader turns into booleans; GitHub refuses them where it expects text. */
const YAML11_BOOLEAN = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

/**
 * Reads an issue form the way GitHub validates it (its "Common validation errors when
 * creating issue forms"): problems are returned with lines, never thrown, so one broken
 * template does not hide the others. This is the one place these rules live; the JSON
 * schema of issue forms only checks the shape.
 */
export function parseIssueForm(text: string, file: string, path: string): { form?: IssueForm; problems: TemplateProblem[] } {
  const problems: TemplateProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    return { problems: doc.errors.map((e) => ({ file, message: `YAML: ${e.message.split('\n')[0]}`, line: e.linePos?.[0]?.line })) };
  }
  const root = doc.toJS() as Record<string, unknown> | null;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return { problems: [{ file, message: 'an issue form must be a YAML mapping with name, description and body' }] };
  const problem = (message: string, node?: unknown, severity?: 'warning') => problems.push({ file, message, line: lineAt(text, node), ...(severity ? { severity } : {}) });
  /** A text value GitHub accepts: a string (quoted where YAML 1.1 would read a boolean), not empty or blank. */
  const text_ = (node: unknown, where: string, key: string, required: boolean): string | undefined => {
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (required) problem(`${where}\`${key}\` is required`, node);
      return undefined;
    }
    if (!isScalar(node)) return void problem(`${where}\`${key}\` must be a string`, node);
    if (node.type === 'PLAIN' && YAML11_BOOLEAN.test(String(node.source ?? node.value))) {
      return void problem(`${where}\`${key}\` must be a string: GitHub reads ${String(node.source ?? node.value)} as a boolean; quote it ("${String(node.source ?? node.value)}")`, node);
    }
    if (typeof node.value === 'boolean') return void problem(`${where}\`${key}\` must be a string, not ${String(node.value)}`, node);
    const value = String(node.value);
    if (!value.trim()) return void problem(`${where}\`${key}\` is empty: give it text${required ? '' : ' or remove the key'}`, node);
    return value;
  };

  const name = text_(doc.get('name', true), '', 'name', true);
  const description = text_(doc.get('description', true), '', 'description', true);
  const assigneesNode = doc.get('assignees', true);
  if (isScalar(assigneesNode) && typeof assigneesNode.value === 'string' && !assigneesNode.value.trim()) problem('`assignees` is empty: list logins or remove the key', assigneesNode);
  const bodyNode = doc.get('body', true);
  if (!isSeq(bodyNode) || bodyNode.items.length === 0) {
    problem('`body` must list at least one field', bodyNode);
    return { problems };
  }
  const body: FormField[] = [];
  const ids = new Set<string>();
  /** Where each input element's reference (its id, else its label as Rails' parameterize makes it) was first used. */
  const references = new Map<string, string>();
  const labels = new Map<string, { where: string; hasId: boolean }>();
  const checkboxLabels: Array<{ label: string; where: string; node: unknown }> = [];

  bodyNode.items.forEach((node, index) => {
    const where = `body[${index}]: `;
    if (!isMap(node)) return void problem(`${where}each field must be a mapping with type and attributes`, node);
    const type = str(node.get('type'));
    if (!type || !FIELD_TYPES.has(type)) return void problem(`${where}unknown field type ${JSON.stringify(node.get('type') ?? null)} (markdown, input, textarea, dropdown, checkboxes or upload)`, node);
    const attrs = node.get('attributes', true);
    const attr = (key: string): unknown => (isMap(attrs) ? attrs.get(key, true) : undefined);
    const validations = (node.toJSON() as Record<string, unknown>).validations as Record<string, unknown> | undefined;
    const rawId = node.get('id', true);
    const explicitId = rawId === undefined ? undefined : text_(rawId, where, 'id', false);
    const id = explicitId ?? `field-${index}`;
    let duplicateId = false;
    if (explicitId !== undefined) {
      if (!/^[A-Za-z0-9_-]+$/.test(explicitId)) problem(`${where}id ${JSON.stringify(explicitId)} may contain only letters, digits, - and _`, rawId);
      duplicateId = ids.has(explicitId);
      if (duplicateId) problem(`${where}duplicate id ${JSON.stringify(explicitId)}`, rawId);
      ids.add(explicitId);
    }
    if (type === 'markdown') {
      const value = text_(attr('value'), where, 'attributes.value', true);
      body.push({ type: 'markdown', id, value: value ?? '' });
      return;
    }
    const labelNode = attr('label');
    const label = text_(labelNode, where, 'attributes.label', true);
    if (label === undefined) return;
    if ((type === 'input' || type === 'textarea') && /password/i.test(label)) {
      problem(`${where}label ${JSON.stringify(label)} contains a word GitHub forbids in input and textarea labels ("password"): ask for no credentials in a ticket`, labelNode);
    }
    const earlier = labels.get(label);
    if (earlier && !earlier.hasId && explicitId === undefined) problem(`${where}duplicate label ${JSON.stringify(label)} (first at ${earlier.where.slice(0, -2)}): give one of them an id or another label`, labelNode);
    else if (earlier) problem(`${where}label ${JSON.stringify(label)} repeats ${earlier.where.slice(0, -2)}: GitHub accepts it (an id tells them apart), but the ticket gets two "### ${label}" sections`, labelNode, 'warning');
    if (!earlier) labels.set(label, { where, hasId: explicitId !== undefined });
    const reference = explicitId ?? parameterize(label);
    const clash = references.get(reference);
    // A repeated id is reported as such above.
    if (clash !== undefined && !(explicitId !== undefined && duplicateId)) problem(`${where}label or id ${JSON.stringify(explicitId ?? label)} becomes "${reference}" like ${clash.slice(0, -2)} after GitHub's normalization: make one of them differ by a letter, digit, - or _, or give it its own id`, explicitId !== undefined ? rawId : labelNode);
    else references.set(reference, where);
    const descriptionText = isScalar(attr('description')) && (attr('description') as { value: unknown }).value !== null ? String((attr('description') as { value: unknown }).value) : undefined;
    const base = { id, label, description: descriptionText, required: validations?.required === true };
    switch (type) {
      case 'input':
        body.push({ type, ...base, placeholder: optional(attr('placeholder')), value: optional(attr('value')) });
        return;
      case 'textarea':
        body.push({ type, ...base, placeholder: optional(attr('placeholder')), value: optional(attr('value')), render: str(node.get('render') ?? attr('render')) });
        return;
      case 'upload':
        body.push({ type, ...base });
        return;
      case 'dropdown': {
        const optionsNode = attr('options');
        const options: string[] = [];
        if (isSeq(optionsNode)) {
          optionsNode.items.forEach((o, i) => {
            if (isScalar(o) && (typeof o.value === 'boolean' || (o.type === 'PLAIN' && YAML11_BOOLEAN.test(String(o.source ?? o.value))))) {
              problem(`${where}dropdown "${label}" option ${String(o.source ?? o.value)} is read as a boolean by GitHub: wrap it in quotes ("${String(o.source ?? o.value)}")`, o);
            }
            const value = isScalar(o) && o.value !== null ? String(o.value) : '';
            if (!value.trim()) problem(`${where}dropdown "${label}" option ${i + 1} is empty`, o);
            else if (value.trim().toLowerCase() === 'none') problem(`${where}dropdown "${label}" may not offer "None": GitHub adds it itself for an optional dropdown left empty${base.required ? ' (make the dropdown optional instead)' : ''}`, o);
            options.push(value);
          });
        }
        if (options.length === 0) return void problem(`${where}dropdown "${label}" needs attributes.options`, node);
        if (new Set(options).size !== options.length) problem(`${where}dropdown "${label}" has duplicate options`, optionsNode);
        const def = (attrs && isMap(attrs) ? (attrs.toJSON() as Record<string, unknown>) : {}).default;
        if (def !== undefined && def !== null && (typeof def !== 'number' || !Number.isInteger(def) || def < 0 || def >= options.length)) {
          problem(`${where}dropdown "${label}" default must be an option index 0…${options.length - 1}`, attr('default'));
        }
        const multiple = isScalar(attr('multiple')) && (attr('multiple') as { value: unknown }).value === true;
        body.push({ type, ...base, options, multiple, default: typeof def === 'number' && def >= 0 && def < options.length ? def : undefined });
        return;
      }
      case 'checkboxes': {
        const optionsNode = attr('options');
        const options: Array<{ label: string; required: boolean }> = [];
        const peers = new Set<string>();
        if (isSeq(optionsNode)) {
          for (const o of optionsNode.items) {
            const optionLabel = isMap(o) ? text_(o.get('label', true), `${where}checkboxes "${label}": `, 'label', true) : isScalar(o) ? text_(o, `${where}checkboxes "${label}": `, 'option', true) : undefined;
            if (optionLabel === undefined) continue;
            if (peers.has(optionLabel)) problem(`${where}checkboxes "${label}" list "${optionLabel}" twice`, o);
            peers.add(optionLabel);
            checkboxLabels.push({ label: optionLabel, where, node: o });
            options.push({ label: optionLabel, required: isMap(o) && (o.toJSON() as Record<string, unknown>).required === true });
          }
        }
        if (options.length === 0) return void problem(`${where}checkboxes "${label}" need options with a label`, node);
        body.push({ type, ...base, required: base.required || options.some((o) => o.required), options });
        return;
      }
    }
  });
  // A checkbox may not repeat the label of another field, unless that field has an id.
  for (const c of checkboxLabels) {
    const field = labels.get(c.label);
    if (field && !field.hasId) problem(`${c.where}checkbox "${c.label}" has the label of ${field.where.slice(0, -2)}: rename one of them, or give that field an id`, c.node);
  }
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

/**
 * Rails' `parameterize`, which GitHub applies to labels to build a field's reference:
 * accents dropped, other characters outside `a-z0-9-_` become `-`, runs of `-` squeezed.
 */
export function parameterize(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9\-_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

function lineAt(text: string, node: unknown): number | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? text.slice(0, range[0]).split('\n').length : undefined;
}

/** `value:` and `placeholder:` may be left empty (null), as GitHub accepts them. */
function optional(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const v = String(node.value);
  return v.trim() ? v : undefined;
}

function str(v: unknown): string | undefined {
  if (isScalar(v)) v = v.value;
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
