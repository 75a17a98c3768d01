import type { EnvironmentConfig, YouOpsConfig } from '../core/config/types';
import { didYouMean } from '../core/text/didYouMean';
import { UsageError } from './cliIo';
import type { ParsedArgs } from './parseArgs';

/** `--env NAME[,NAME…]` as a list (empty when not given). */
export function envOption(args: ParsedArgs): string[] {
  return typeof args.options.env === 'string' ? args.options.env.split(',').map((n) => n.trim()).filter(Boolean) : [];
}

/** The named environments in youops.yaml order, all of them when none is named; an unknown name is a usage error. */
export function selectEnvironments(config: YouOpsConfig, requested: readonly string[]): EnvironmentConfig[] {
  const names = config.environments.map((e) => e.name);
  for (const wanted of requested) {
    if (!names.includes(wanted)) {
      const hint = didYouMean(wanted, names);
      throw new UsageError(`no environment "${wanted}" in youops.yaml${hint ? ` (did you mean "${hint}"?)` : ''}; environments: ${names.join(', ')}`);
    }
  }
  return requested.length ? config.environments.filter((e) => requested.includes(e.name)) : config.environments;
}
