import type { CommitInfo } from '../../../core/git/history';
import type { ResourceRef } from '../store/resourceRef';

/**
 * What a command was started on, whichever surface started it: a tree row
 * (`{type, env, resource|commit|number…}`), a lens or hover reference (`{env, key, path}`),
 * a promotion lens (`{from, to, resource: 'Kind/name'}`), Run Operation's wrapper
 * (`{operation, template|command, context}`), a history entry (`{id}` or `{entry}`), or
 * plain values (a line number, a draft id). Decoded once, here, for every command; commands
 * that work on "where you are" add the active editor's context (editorContext.ts).
 */
export interface CommandTarget {
  env?: string;
  /** The resource's key in `env`. */
  key?: string;
  /** A drifted field of that resource (JSON pointer). */
  path?: string;
  /** `Kind/name`, when the surface names the resource without its key (a promotion lens). */
  resourceName?: string;
  /** The environment a promotion goes to. */
  to?: string;
  commit?: CommitInfo;
  /** A commit named by hash alone (the History row's "Show commit"). */
  hash?: string;
  /** An issue or pull request of a ticket row. */
  ticket?: number;
  pull?: number;
  /** The operation of Run Operation, and what it names: an issue template or a ChatOps command. */
  operation?: string;
  template?: string;
  command?: string;
  /** A ChatOps history entry. */
  historyId?: string;
  /** env, key and path come from the active editor (the palette), not from a surface that named them. */
  fromEditor?: boolean;
  /** The text selected in the active editor. */
  selection?: string;
  /** Resources under the cursor when several environments deploy it: the command asks which. */
  candidates?: readonly ResourceRef[];
  /** Plain positional arguments: a config line, a draft id and its mode, a secret's name. */
  args: readonly unknown[];
}

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

export function decodeTarget(args: readonly unknown[]): CommandTarget {
  const [first] = args;
  if (!isObject(first)) return { args };
  const outer = first;
  // Run Operation wraps where it was started in `context`; the operation's own fields stay outside.
  const inner = 'context' in outer ? (isObject(outer.context) ? outer.context : {}) : outer;
  const target: CommandTarget = { args };
  const set = <K extends keyof CommandTarget>(k: K, v: CommandTarget[K] | undefined) => v !== undefined && (target[k] = v);
  set('operation', str(outer.operation));
  set('template', str(outer.template));
  set('command', str(outer.command));
  set('env', str(inner.env) ?? str(inner.from));
  set('to', str(inner.to));
  set('key', str(inner.key));
  set('path', str(inner.path));
  set('hash', str(inner.hash));
  const resource = inner.resource;
  if (typeof resource === 'string') set('resourceName', resource);
  else if (isObject(resource) && typeof resource.key === 'string') {
    set('key', resource.key);
    // A field row names its field by index into the resource's drifted fields.
    const fields = resource.fields;
    const index = num(inner.index);
    if (inner.type === 'field' && Array.isArray(fields) && index !== undefined && isObject(fields[index])) set('path', str(fields[index].path));
  }
  if (isObject(inner.commit) && typeof inner.commit.hash === 'string') set('commit', inner.commit as unknown as CommitInfo);
  if (typeof inner.type === 'string' && inner.type.startsWith('ticket')) {
    set('ticket', num(inner.number));
    set('pull', num(inner.pull));
  }
  const entry = isObject(inner.entry) ? inner.entry : inner;
  if (inner.type === 'chatops' || (!inner.type && typeof entry.id === 'string')) set('historyId', str(entry.id));
  return target;
}
