import * as path from 'node:path';
import { configBaseDir, findConfigFile } from '../core/config/configFile';
import { loadConfigFile } from '../core/config/loadConfig';
import type { YouOpsConfig } from '../core/config/types';
import { UsageError } from './cliIo';

export interface LoadedConfig {
  file: string;
  rootDir: string;
  config: YouOpsConfig;
}

/** The config for CLI commands; problems become a usage/config error (exit 2) with positions. */
export async function loadWorkspaceConfig(cwd: string, override?: string): Promise<LoadedConfig> {
  const file = findConfigFile(cwd, override);
  if (!file) throw new UsageError(override ? `config ${override} not found` : `no youops.yaml in ${cwd} (also looked for .youops.yaml and .github/youops.yaml)`);
  const result = await loadConfigFile(file);
  if (!result.config) {
    const rel = path.relative(cwd, file) || file;
    throw new UsageError(
      result.problems.map((p) => `${rel}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message}`).join('\n'),
    );
  }
  return { file, rootDir: configBaseDir(file), config: result.config };
}
