/** Reads what decides how the measured build compiles: the root Cargo.toml, cargo's config files, the environment. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import { findConfigFiles, findConfiguredLinker } from './configured-linker.js';
import { describeError } from '../../system/errors.js';
import type { ProcessRunner } from '../../system/ports.js';
import type { BuildSettings } from '../../analysis/analysis.js';
import { resolveBuildSettings, type ConfigFile } from '../build-settings.js';
import { resolveOuterRustcWrapper } from '../build-flags.js';

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
export async function readBuildSettings(
  request: BuildSettingsRequest,
  runner: ProcessRunner,
): Promise<BuildSettingsOutcome> {
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
    targetCfg: hasCfgTables(configFiles) ? await readTargetCfg(request, runner, problems) : null,
  });
  return { settings, problems };
}

/**
 * The rustc wrapper cargo would run (RUSTC_WRAPPER, CARGO_BUILD_RUSTC_WRAPPER or `build.rustc-wrapper`), which
 * build-bench's own wrapper runs in turn; null: none. A config file that does not parse is skipped.
 */
export function findRustcWrapper(workingDirectory: string, env: NodeJS.ProcessEnv): string | null {
  const configFiles: ConfigFile[] = [];
  for (const file of findConfigFiles(workingDirectory, env)) {
    try {
      configFiles.push({ path: file, table: parse(readFileSync(file, 'utf8')) });
    } catch {
      // Cargo itself reports a broken config file when it builds.
    }
  }
  return resolveOuterRustcWrapper(configFiles, env)?.value ?? null;
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
async function readTargetCfg(
  request: BuildSettingsRequest,
  runner: ProcessRunner,
  problems: string[],
): Promise<string[] | null> {
  const rustc = request.env.RUSTC ?? 'rustc';
  const args = ['--print', 'cfg', '--target', request.triple];
  const options = { cwd: request.workingDirectory, env: request.env, timeoutMs: 60_000, tailLines: 5 };
  let reason: string;
  try {
    const result = await runner.run(rustc, args, options);
    if (result.exitCode === 0) return result.stdout.split('\n').filter((line) => line.trim() !== '');
    reason = firstLine(result.outputTail) || `exit code ${result.exitCode}`;
  } catch (error) {
    reason = describeError(error);
  }
  problems.push(
    `\`${rustc} --print cfg\` failed (${reason}); rustflags of target.'cfg(…)' tables were left out.`,
  );
  return null;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
