import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a team may keep its config, in lookup order. */
export const CONFIG_FILE_NAMES = ['youops.yaml', '.youops.yaml', '.github/youops.yaml'] as const;

/** The config file of a workspace folder, or undefined when there is none. */
export function findConfigFile(rootDir: string, override?: string): string | undefined {
  if (override) {
    const file = path.resolve(rootDir, override);
    return fs.existsSync(file) ? file : undefined;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(rootDir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The folder that relative paths in the config are resolved against (the repo root for .github/). */
export function configBaseDir(configFile: string): string {
  const dir = path.dirname(configFile);
  return path.basename(dir) === '.github' ? path.dirname(dir) : dir;
}
