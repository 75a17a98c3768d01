import type { ChatOpsCommandConfig, ChatOpsConfig, ChatOpsParamConfig, EnvironmentConfig } from '../config/types';
import type { CommandContext } from './commandContext';
import { compilePatterns, type FeedbackPatterns } from './feedback';
import { templateParameters } from './template';

/** One template parameter: the value the context gives, and how to ask when it gives none. */
export interface ParameterPlan {
  name: string;
  value?: string;
  spec: ChatOpsParamConfig;
}

/**
 * Which parameters a command needs and what the context already fills. A configured
 * default only applies when the context is silent: the resource the user stands on wins.
 */
export function planParameters(command: Pick<ChatOpsCommandConfig, 'text' | 'params'>, context: CommandContext): ParameterPlan[] {
  return templateParameters(command.text).map((name) => {
    const spec = command.params[name] ?? {};
    const fromContext = (context as Record<string, string | undefined>)[name];
    return { name, spec, value: fromContext?.trim() ? fromContext : spec.default };
  });
}

/** A command asks first when its `confirm` lists the environment or the environment is protected. */
export function needsConfirmation(command: Pick<ChatOpsCommandConfig, 'confirm'> | undefined, env: EnvironmentConfig | undefined): boolean {
  return !!env && (env.protected || (command?.confirm.includes(env.name) ?? false));
}

/** The reply patterns for a command: its own, else the config's, else the defaults. */
export function feedbackPatternsFor(chatops: ChatOpsConfig, command?: Pick<ChatOpsCommandConfig, 'success' | 'failure'>): FeedbackPatterns {
  return compilePatterns(command?.success ?? chatops.feedback.success, command?.failure ?? chatops.feedback.failure).patterns;
}
