/** Turns raw input strings into the one typed Config; every error names the input and its value. */
import path from 'node:path';
import { DEFAULT_MOLD_VERSION, MOLD_RELEASE_BASE_URL } from '../install/mold-release.js';
import { parseThreshold } from './parse-threshold.js';
import {
  type BuildSystem,
  type Config,
  ConfigError,
  FAIL_ON,
  SAVE_BASELINE,
  SCENARIOS,
  type Scenario,
  VARIANTS,
  type Variant,
} from './config.js';

/** Raw values by input name (as in action.yml); absent or blank means "use the default". */
export type RawInputs = Readonly<Record<string, string | undefined>>;

/** Facts about the machine the config depends on, gathered by the caller. */
export interface ConfigFacts {
  /** Directory relative paths are resolved against (the workspace on a runner). */
  readonly baseDirectory: string;
  /** Whether `<working-directory>/Cargo.toml` exists. */
  readonly hasCargoManifest: (workingDirectory: string) => boolean;
  /** What is at a path, to reject a missing working directory or a results path that is a folder. */
  readonly pathKind?: (absolutePath: string) => 'file' | 'directory' | 'missing';
}

export const INPUT_DEFAULTS = {
  id: 'build-bench',
  'working-directory': '.',
  scenarios: 'clean, incremental',
  linkers: 'default, mold',
  runs: '5',
  'clean-runs': '1',
  warmup: '1',
  'mold-version': DEFAULT_MOLD_VERSION,
  'mold-release-url': MOLD_RELEASE_BASE_URL,
  'build-timeout-minutes': '60',
  threshold: '5%',
  'fail-on': 'regression',
  'save-baseline': 'auto',
  'allow-cross-machine': 'false',
  'baseline-history': '10',
} as const;

function read(raw: RawInputs, name: string): string {
  const value = raw[name]?.trim() ?? '';
  if (value !== '') return value;
  return (INPUT_DEFAULTS as Record<string, string>)[name] ?? '';
}

/** Splits a list given with commas and/or newlines. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function parseChoices<T extends string>(raw: RawInputs, name: string, allowed: readonly T[]): T[] {
  const value = read(raw, name);
  const items = splitList(value);
  if (items.length === 0) throw new ConfigError(name, value, `give at least one of ${allowed.join(', ')}`);
  const chosen: T[] = [];
  for (const item of items) {
    const lower = item.toLowerCase() as T;
    if (!allowed.includes(lower)) {
      throw new ConfigError(name, value, `'${item}' is not one of ${allowed.join(', ')}`);
    }
    if (chosen.includes(lower)) throw new ConfigError(name, value, `'${item}' is listed twice`);
    chosen.push(lower);
  }
  return chosen;
}

function parseChoice<T extends string>(raw: RawInputs, name: string, allowed: readonly T[]): T {
  const value = read(raw, name);
  const lower = value.toLowerCase() as T;
  if (!allowed.includes(lower)) throw new ConfigError(name, value, `expected one of ${allowed.join(', ')}`);
  return lower;
}

function parseBoolean(raw: RawInputs, name: string): boolean {
  return parseChoice(raw, name, ['true', 'false'] as const) === 'true';
}

function parseCount(raw: RawInputs, name: string, min: number, max: number): number {
  const value = read(raw, name);
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, value, `expected a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function parseMoldVersion(raw: RawInputs): string {
  const value = read(raw, 'mold-version');
  if (value === 'any' || /^\d+\.\d+(\.\d+)?$/.test(value.replace(/^v/, ''))) return value.replace(/^v/, '');
  throw new ConfigError('mold-version', value, "expected a release version like '2.40.4', or 'any'");
}

function parseSha256(raw: RawInputs): string | null {
  const value = read(raw, 'mold-sha256');
  if (value === '') return null;
  if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new ConfigError('mold-sha256', value, 'expected 64 hex digits');
  return value.toLowerCase();
}

function parseUrl(raw: RawInputs, name: string): string {
  const value = read(raw, name);
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw new ConfigError(name, value, 'expected an http(s) URL');
}

function decideBuildSystem(command: string, hasManifest: boolean, workingDirectory: string): BuildSystem {
  if (command === '') {
    if (hasManifest) return 'cargo';
    throw new ConfigError(
      'command',
      command,
      `no Cargo.toml in ${workingDirectory}: give the build command (and 'clean-command' for the clean scenario)`,
    );
  }
  return hasManifest && /^cargo\s/.test(command + ' ') ? 'cargo' : 'command';
}

export function parseConfig(raw: RawInputs, facts: ConfigFacts): Config {
  const id = read(raw, 'id');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
    throw new ConfigError('id', id, 'expected 1 to 64 letters, digits, dots, dashes or underscores');
  }
  const workingDirectory = path.resolve(facts.baseDirectory, read(raw, 'working-directory'));
  if (facts.pathKind && facts.pathKind(workingDirectory) !== 'directory') {
    throw new ConfigError(
      'working-directory',
      read(raw, 'working-directory'),
      `${workingDirectory} is not a directory`,
    );
  }
  const givenCommand = read(raw, 'command');
  const buildSystem = decideBuildSystem(
    givenCommand,
    facts.hasCargoManifest(workingDirectory),
    workingDirectory,
  );
  const command = givenCommand === '' ? 'cargo build' : givenCommand;
  const scenarios: Scenario[] = parseChoices(raw, 'scenarios', SCENARIOS);
  const variants: Variant[] = parseChoices(raw, 'linkers', VARIANTS);
  const cleanCommand = read(raw, 'clean-command') || null;
  if (buildSystem === 'command') {
    if (scenarios.includes('clean') && cleanCommand === null) {
      throw new ConfigError(
        'clean-command',
        '',
        `the clean scenario of a non-Cargo command ('${command}') needs it`,
      );
    }
    if (variants.includes('mold') && splitList(read(raw, 'artifacts')).length === 0) {
      throw new ConfigError(
        'artifacts',
        '',
        'name the executables the command links, so the mold variant can be verified',
      );
    }
    const unsupported = variants.filter((variant) => variant === 'lld' || variant === 'bfd');
    if (unsupported.length > 0) {
      throw new ConfigError('linkers', read(raw, 'linkers'), `${unsupported.join(', ')} need a Cargo build`);
    }
  }
  if (buildSystem === 'cargo' && /(^|\s)--target-dir(\s|=|$)/.test(command)) {
    throw new ConfigError(
      'command',
      command,
      'leave out --target-dir: every variant builds into its own target directory',
    );
  }
  const resultsPath = read(raw, 'results-path');
  if (
    resultsPath !== '' &&
    facts.pathKind?.(path.resolve(facts.baseDirectory, resultsPath)) === 'directory'
  ) {
    throw new ConfigError(
      'results-path',
      resultsPath,
      'is a directory; give the path of the JSON file to write',
    );
  }
  return {
    id,
    workingDirectory,
    buildSystem,
    command,
    cleanCommand,
    scenarios: SCENARIOS.filter((scenario) => scenarios.includes(scenario)),
    variants,
    touchPatterns: splitList(read(raw, 'touch')),
    artifactPatterns: splitList(read(raw, 'artifacts')),
    runs: parseCount(raw, 'runs', 1, 100),
    cleanRuns: parseCount(raw, 'clean-runs', 1, 20),
    warmup: parseCount(raw, 'warmup', 0, 10),
    mold: {
      version: parseMoldVersion(raw),
      sha256: parseSha256(raw),
      releaseBaseUrl: parseUrl(raw, 'mold-release-url'),
    },
    resultsPath: resultsPath === '' ? null : path.resolve(facts.baseDirectory, resultsPath),
    buildTimeoutMs: parseCount(raw, 'build-timeout-minutes', 1, 24 * 60) * 60_000,
    gate: {
      thresholds: parseThreshold(read(raw, 'threshold')),
      failOn: parseChoice(raw, 'fail-on', FAIL_ON),
      allowCrossMachine: parseBoolean(raw, 'allow-cross-machine'),
    },
    baseline: {
      save: parseChoice(raw, 'save-baseline', SAVE_BASELINE),
      historySize: parseCount(raw, 'baseline-history', 1, 100),
    },
  };
}
