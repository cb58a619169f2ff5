/** Finds the linker the user configured for a target: CARGO_TARGET_<TRIPLE>_LINKER, else `.cargo/config.toml`. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ConfiguredLinker {
  readonly linker: string;
  /** Where it was set: an environment variable or a config file. */
  readonly source: string;
}

export function linkerEnvName(triple: string): string {
  return `CARGO_TARGET_${triple.toUpperCase().replace(/[-.]/g, '_')}_LINKER`;
}

/** The `linker` of `[target.<triple>]` (or a dotted `target.<triple>.linker` key) in one config text. */
export function readLinkerFromConfigText(text: string, triple: string): string | null {
  let table = '';
  const escaped = triple.replace(/[.]/g, '\\.');
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      table = header[1]!.replace(/\s/g, '').replace(/["']/g, '');
      continue;
    }
    const inTable = table === `target.${triple}` && /^linker\s*=\s*["'](.+)["']$/.exec(line);
    if (inTable) return inTable[1]!;
    const dotted =
      table === '' && new RegExp(`^target\\.["']?${escaped}["']?\\.linker\\s*=\\s*["'](.+)["']$`).exec(line);
    if (dotted) return dotted[1]!;
    const inTargets =
      table === 'target' && new RegExp(`^["']?${escaped}["']?\\.linker\\s*=\\s*["'](.+)["']$`).exec(line);
    if (inTargets) return inTargets[1]!;
  }
  return null;
}

/**
 * Cargo's config files in its order of precedence: nearest directory first, then CARGO_HOME. Where both
 * `config` and `config.toml` exist, cargo reads `config`.
 */
export function findConfigFiles(workingDirectory: string, env: NodeJS.ProcessEnv): string[] {
  const directories: string[] = [];
  for (let directory = path.resolve(workingDirectory); ; directory = path.dirname(directory)) {
    directories.push(path.join(directory, '.cargo'));
    if (path.dirname(directory) === directory) break;
  }
  directories.push(path.resolve(env.CARGO_HOME ?? path.join(env.HOME ?? '/', '.cargo')));
  const files = directories
    .map((directory) => ['config', 'config.toml'].map((name) => path.join(directory, name)).find(existsSync))
    .filter((file) => file !== undefined);
  return [...new Set(files)];
}

export function findConfiguredLinker(
  workingDirectory: string,
  triple: string,
  env: NodeJS.ProcessEnv,
): ConfiguredLinker | null {
  const envName = linkerEnvName(triple);
  const fromEnv = env[envName];
  if (fromEnv) return { linker: fromEnv, source: envName };
  for (const file of findConfigFiles(workingDirectory, env)) {
    const linker = readLinkerFromConfigText(readFileSync(file, 'utf8'), triple);
    if (linker === null) continue;
    // Cargo resolves a linker path with a slash against the directory holding `.cargo`.
    const resolved = linker.includes('/') ? path.resolve(path.dirname(path.dirname(file)), linker) : linker;
    return { linker: resolved, source: file };
  }
  return null;
}

/** `build.target` in one config text (a `[build]` table or a dotted key); the first target of a list. */
export function readBuildTargetFromConfigText(text: string): string | null {
  let table = '';
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      table = header[1]!.replace(/\s/g, '');
      continue;
    }
    const key = table === 'build' ? 'target' : table === '' ? 'build\\.target' : null;
    if (key === null) continue;
    const match = new RegExp(`^${key}\\s*=\\s*\\[?\\s*["']([^"']+)["']`).exec(line);
    if (match) return match[1]!;
  }
  return null;
}

/** The target cargo builds for without `--target`: CARGO_BUILD_TARGET, else `build.target` in config. */
export function findConfiguredBuildTarget(workingDirectory: string, env: NodeJS.ProcessEnv): string | null {
  if (env.CARGO_BUILD_TARGET) return env.CARGO_BUILD_TARGET;
  for (const file of findConfigFiles(workingDirectory, env)) {
    const target = readBuildTargetFromConfigText(readFileSync(file, 'utf8'));
    if (target !== null) return target;
  }
  return null;
}
