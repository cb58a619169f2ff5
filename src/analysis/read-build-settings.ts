/** Reads what decides how the measured build compiles: the root Cargo.toml, cargo's config files, the environment. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { findConfiguredLinker } from '../bench/configured-linker.js';
import { describeError } from '../system/errors.js';
import type { BuildSettings } from './analysis.js';
import { resolveBuildSettings, type ConfigFile } from './build-settings.js';

export interface BuildSettingsRequest {
  /** Where the build runs: cargo looks for config files from here upwards. */
  readonly workingDirectory: string;
  /** The workspace root: only its Cargo.toml's profiles count. */
  readonly workspaceRoot: string;
  readonly command: string;
  readonly triple: string;
  readonly env: NodeJS.ProcessEnv;
}

export interface BuildSettingsOutcome {
  readonly settings: BuildSettings | null;
  readonly problems: string[];
}

/** Never throws: a file that cannot be read or parsed is a problem, and the rest is still read. */
export function readBuildSettings(request: BuildSettingsRequest): BuildSettingsOutcome {
  const problems: string[] = [];
  const readToml = (file: string): Record<string, unknown> | null => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push(`${file} could not be read (${describeError(error)}); its settings were left out.`);
      return null;
    }
    try {
      return parse(text);
    } catch (error) {
      problems.push(
        `${file} is not valid TOML (${firstLine(describeError(error))}); its settings were left out.`,
      );
      return null;
    }
  };
  const manifestPath = path.join(request.workspaceRoot, 'Cargo.toml');
  const manifest = readToml(manifestPath);
  const configFiles: ConfigFile[] = [];
  for (const file of findConfigFiles(request.workingDirectory, request.env)) {
    const table = readToml(file);
    if (table !== null) configFiles.push({ path: file, table });
  }
  const configured = findConfiguredLinker(request.workingDirectory, request.triple, request.env);
  const settings = resolveBuildSettings({
    command: request.command,
    triple: request.triple,
    manifest,
    configFiles,
    env: request.env,
    linker: configured === null ? null : { value: configured.linker, source: configured.source },
    targetCfg: hasCfgTables(configFiles) ? readTargetCfg(request, problems) : null,
  });
  return { settings, problems };
}

/**
 * Cargo's config files, nearest directory first, then CARGO_HOME (the order configured-linker.ts uses).
 * Where both `config` and `config.toml` exist cargo reads `config`.
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

function hasCfgTables(configFiles: readonly ConfigFile[]): boolean {
  return configFiles.some((file) => {
    const target = file.table.target;
    return (
      typeof target === 'object' &&
      target !== null &&
      Object.keys(target).some((key) => key.startsWith('cfg('))
    );
  });
}

/** `rustc --print cfg` for the triple, as cargo asks it to match `target.'cfg(…)'` tables; null on failure. */
function readTargetCfg(request: BuildSettingsRequest, problems: string[]): string[] | null {
  const rustc = request.env.RUSTC ?? 'rustc';
  const result = spawnSync(rustc, ['--print', 'cfg', '--target', request.triple], {
    cwd: request.workingDirectory,
    env: request.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status === 0) return result.stdout.split('\n').filter((line) => line.trim() !== '');
  const reason = result.error
    ? describeError(result.error)
    : firstLine(result.stderr || `exit code ${result.status}`);
  problems.push(
    `\`${rustc} --print cfg\` failed (${reason}); rustflags of target.'cfg(…)' tables were left out.`,
  );
  return null;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
