/**
 * What "Send ChatOps command" was invoked with: nothing (palette), a ResourceRef from a lens
 * or hover, a tree row, or `{ command, context }` from "Run Operation…".
 */
export interface SendArgs {
  command?: string;
  env?: string;
  key?: string;
}

export function parseSendArgs(arg: unknown): SendArgs {
  if (!isObject(arg)) return {};
  if (typeof arg.command === 'string') return { ...parseSendArgs(arg.context), command: arg.command };
  const env = typeof arg.env === 'string' ? arg.env : undefined;
  if (typeof arg.key === 'string') return { env, key: arg.key };
  // Tree rows: resource and field rows carry the resource, the environment row only its name.
  if (isObject(arg.resource) && typeof arg.resource.key === 'string') return { env, key: arg.resource.key };
  return { env };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
