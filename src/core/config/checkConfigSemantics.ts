import { compileReplyPattern } from '../chatops/feedback';
import { slackSlashCommandProblem } from '../chatops/transports/slackTransport';
import { pointerFromSegments as joinPointer } from '../text/jsonPointer';
import type { ConfigProblem } from './configProblem';
import type { YouOpsConfig } from './types';

type Finding = Omit<ConfigProblem, 'range'>;

/** Rules the JSON Schema cannot express: references between parts of the config. */
export function checkConfigSemantics(config: YouOpsConfig): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, number>();
  config.environments.forEach((env, i) => {
    if (names.has(env.name)) {
      findings.push({ severity: 'error', path: joinPointer(['environments', i, 'name']), message: `environment "${env.name}" is defined twice (first at environments[${names.get(env.name)}])` });
    } else {
      names.set(env.name, i);
    }
  });

  config.environments.forEach((env, i) => {
    if (env.promotesFrom === undefined) return;
    const at = joinPointer(['environments', i, 'promotesFrom']);
    if (env.promotesFrom === env.name) {
      findings.push({ severity: 'error', path: at, message: `environment "${env.name}" cannot promote from itself` });
    } else if (!names.has(env.promotesFrom)) {
      findings.push({ severity: 'error', path: at, message: `promotesFrom: no environment named "${env.promotesFrom}" (known: ${[...names.keys()].join(', ')})` });
    } else if (promotionCycle(config, env.name)) {
      findings.push({ severity: 'error', path: at, message: `promotion path of "${env.name}" loops back to itself` });
    }
  });

  const commandNames = new Set(config.chatops.commands.map((c) => c.name));
  config.chatops.commands.forEach((cmd, i) => {
    if (!(cmd.via in config.chatops.transports)) {
      findings.push({ severity: 'warning', path: joinPointer(['chatops', 'commands', i, 'via']), message: `command "${cmd.name}" goes via "${cmd.via}", but chatops.transports has no ${cmd.via} entry` });
    }
    const slash = cmd.via === 'slack' ? slackSlashCommandProblem(cmd.text) : undefined;
    if (slash) findings.push({ severity: 'error', path: joinPointer(['chatops', 'commands', i, 'text']), message: slash });
    cmd.confirm.forEach((envName, j) => {
      if (!names.has(envName)) {
        findings.push({ severity: 'warning', path: joinPointer(['chatops', 'commands', i, 'confirm', j]), message: `no environment named "${envName}"` });
      }
    });
    for (const kind of ['success', 'failure'] as const) {
      cmd[kind]?.forEach((p, j) => {
        const problem = patternProblem(p);
        if (problem) findings.push({ severity: 'error', path: joinPointer(['chatops', 'commands', i, kind, j]), message: problem });
      });
    }
  });
  for (const kind of ['success', 'failure'] as const) {
    config.chatops.feedback[kind]?.forEach((p, j) => {
      const problem = patternProblem(p);
      if (problem) findings.push({ severity: 'error', path: joinPointer(['chatops', 'feedback', kind, j]), message: problem });
    });
  }

  for (const [op, channel] of Object.entries(config.agentOperations)) {
    const provider = channel.channel;
    if (!config.environments.some((e) => e.live?.provider === provider)) {
      findings.push({ severity: 'warning', path: joinPointer(['operations', op]), message: `operation "${op}" acts on ${provider === 'flux' ? 'a Flux object' : 'an Argo CD application'}, but no environment has ${provider === 'argocd' ? 'an' : 'a'} ${provider} live source` });
    }
  }
  for (const [op, channel] of Object.entries(config.operations)) {
    if (channel.channel === 'chatops' && !commandNames.has(channel.command)) {
      findings.push({ severity: 'error', path: joinPointer(['operations', op]), message: `operation "${op}" uses chatops command "${channel.command}", which chatops.commands does not define` });
    }
  }
  return findings;
}

function promotionCycle(config: YouOpsConfig, start: string): boolean {
  const byName = new Map(config.environments.map((e) => [e.name, e]));
  const seen = new Set<string>([start]);
  let current = byName.get(start)?.promotesFrom;
  while (current !== undefined) {
    if (seen.has(current)) return current === start;
    seen.add(current);
    current = byName.get(current)?.promotesFrom;
  }
  return false;
}

function patternProblem(pattern: string): string | undefined {
  try {
    compileReplyPattern(pattern);
    return undefined;
  } catch (e) {
    return `not a valid regular expression: ${pattern}: ${(e as Error).message}`;
  }
}
