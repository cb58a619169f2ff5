/** Turns raw input strings into the one typed Config; every error names the input and its value. */
import path from 'node:path';
import type { ConfigFacts } from './config-facts.js';
import { checkProjectPaths, checkResultsPath } from './check-paths.js';
import {
  type BuildSystem,
  type Config,
  ConfigError,
  SCENARIOS,
  type Scenario,
  LINKERS,
  type Linker,
} from './config.js';
import { parseGateVariant, parseSettingsInput } from './parse-settings.js';
import { parseComparison } from './parse-compare.js';
import {
  parseBoolean,
  parseChoice,
  parseChoices,
  parseCount,
  parseDuration,
  parseId,
  parsePublishInputs,
  read,
  splitList,
  type RawInputs,
} from './parse-inputs.js';

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

function decideBuildSystem(
  command: string,
  hasManifest: boolean,
  workingDirectory: string,
  given: string,
): BuildSystem {
  if (command === '') {
    if (hasManifest) return 'cargo';
    throw new ConfigError(
      'working-directory',
      given,
      `${workingDirectory} has no Cargo.toml: give the directory of a Cargo project, or the build command ` +
        "of another project in input 'command'",
    );
  }
  return hasManifest && /^cargo\s/.test(command + ' ') ? 'cargo' : 'command';
}

/**
 * What a build other than cargo's must be told that cargo would have said (how to clean, what it links, which
 * files to touch, how to edit), all missing inputs in one error rather than one run each.
 */
function checkCommandInputs(
  raw: RawInputs,
  command: string,
  scenarios: readonly Scenario[],
  linkers: readonly Linker[],
): void {
  const needs: [string, string][] = [];
  if (scenarios.includes('clean') && read(raw, 'clean-command') === '')
    needs.push(['clean-command', 'the command that empties its build output, for the clean scenario']);
  if (linkers.includes('mold') && splitList(read(raw, 'artifacts')).length === 0)
    needs.push(['artifacts', 'the executables it links, so the mold variant can be verified']);
  if (scenarios.includes('incremental') && splitList(read(raw, 'touch')).length === 0)
    needs.push(['touch', 'the source files the incremental scenario touches']);
  if (scenarios.includes('edit') && read(raw, 'edit-patch') === '')
    needs.push(['edit-patch', 'a patch for the edit scenario: the built-in edit changes Rust files']);
  if (needs.length === 0) return;
  const [[first, why], ...more] = needs as [[string, string], ...[string, string][]];
  const also = more.map(([name, reason]) => `input '${name}' (${reason})`).join('; ');
  throw new ConfigError(
    first,
    read(raw, first),
    `a build command other than cargo ('${command}') needs ${why}` +
      (also === '' ? '' : `; it also needs ${also}`),
  );
}

/** The configuration of a run that measures builds (`mode: run` or `measure`). */
export function parseConfig(raw: RawInputs, facts: ConfigFacts): Config {
  const mode = parseChoice(raw, 'mode', ['run', 'measure'] as const);
  const id = parseId(raw);
  const workingDirectory = path.resolve(facts.baseDirectory, read(raw, 'working-directory'));
  if (facts.pathKind && facts.pathKind(workingDirectory) !== 'directory') {
    throw new ConfigError(
      'working-directory',
      read(raw, 'working-directory'),
      `${workingDirectory} is not a directory`,
    );
  }
  checkProjectPaths(raw, workingDirectory, facts.paths);
  const givenCommand = read(raw, 'command');
  const buildSystem = decideBuildSystem(
    givenCommand,
    facts.hasCargoManifest(workingDirectory),
    workingDirectory,
    read(raw, 'working-directory'),
  );
  const command = givenCommand === '' ? 'cargo build' : givenCommand;
  const scenarios: Scenario[] = parseChoices(raw, 'scenarios', SCENARIOS);
  const linkers: Linker[] = parseChoices(raw, 'linkers', LINKERS);
  const cleanCommand = read(raw, 'clean-command') || null;
  if (buildSystem === 'command') {
    const unsupported = linkers.filter(
      (linker) => linker === 'lld' || linker === 'bfd' || linker === 'toolchain',
    );
    if (unsupported.length > 0) {
      const names = unsupported.map((variant) => `'${variant}'`).join(' and ');
      throw new ConfigError(
        'linkers',
        read(raw, 'linkers'),
        `${names} ${unsupported.length === 1 ? 'is' : 'are'} applied through cargo's linker setting, so only to a Cargo build; another command can measure 'default' and 'mold' (under mold -run)`,
      );
    }
  }
  if (buildSystem === 'cargo' && /(^|\s)--target-dir(\s|=|$)/.test(command)) {
    throw new ConfigError(
      'command',
      command,
      'leave out --target-dir: every variant builds into its own target directory',
    );
  }
  const { compareTo, compareToAuto, compareFile, base } = parseComparison(raw, facts, scenarios);
  const settings = parseSettingsInput(raw, buildSystem, command, linkers);
  const variants = [...linkers, ...settings.variants];
  const runs = parseCount(raw, 'runs', 1, 100);
  const cleanRuns = parseCount(raw, 'clean-runs', 1, 20);
  const llvmLines = parseLlvmLines(raw, buildSystem);
  if (buildSystem === 'command' && scenarios.includes('link')) {
    throw new ConfigError(
      'scenarios',
      read(raw, 'scenarios'),
      `the link scenario replays the links cargo runs through build-bench's link shim; '${command}' is not a cargo build`,
    );
  }
  if (buildSystem === 'command') checkCommandInputs(raw, command, scenarios, linkers);
  return {
    mode,
    compareTo,
    compareToAuto,
    compareFile,
    base,
    id,
    workingDirectory,
    buildSystem,
    command,
    cleanCommand,
    scenarios: SCENARIOS.filter((scenario) => scenarios.includes(scenario)),
    variants,
    recommendedSettings: settings.recommended,
    gatedVariant: parseGateVariant(raw, variants),
    touchPatterns: splitList(read(raw, 'touch')),
    artifactPatterns: splitList(read(raw, 'artifacts')),
    runs,
    cleanRuns,
    maxRuns: parseMaxRuns(raw, Math.max(runs, cleanRuns)),
    timeBudgetMs: parseDuration(raw, 'time-budget', 24 * 3_600_000),
    warmup: parseCount(raw, 'warmup', 0, 10),
    editPatch: parseEditPatch(raw, facts, scenarios, buildSystem),
    mold: {
      version: parseMoldVersion(raw),
      sha256: parseSha256(raw),
      releaseBaseUrl: parseUrl(raw, 'mold-release-url'),
    },
    resultsPath: parseResultsPath(raw, facts),
    historyFile: parseResultsPath(raw, facts, 'history-file'),
    buildTimeoutMs: parseCount(raw, 'build-timeout-minutes', 1, 24 * 60) * 60_000,
    llvmLines,
    ...parsePublishInputs(raw),
  };
}

/** `max-runs`: at least the fewest rounds asked for. */
function parseMaxRuns(raw: RawInputs, fewest: number): number {
  const maxRuns = parseCount(raw, 'max-runs', 1, 1000);
  if (maxRuns < fewest) {
    throw new ConfigError(
      'max-runs',
      read(raw, 'max-runs'),
      `must be at least 'runs' and 'clean-runs' (${fewest})`,
    );
  }
  return maxRuns;
}

/** `edit-patch`: a patch file for the edit scenario; without one the built-in edit needs a Cargo project. */
function parseEditPatch(
  raw: RawInputs,
  facts: ConfigFacts,
  scenarios: readonly Scenario[],
  buildSystem: BuildSystem,
): string | null {
  const value = read(raw, 'edit-patch');
  if (value === '') {
    if (scenarios.includes('edit') && buildSystem !== 'cargo') {
      throw new ConfigError(
        'edit-patch',
        '',
        'the built-in edit changes Rust files: give a patch for the edit scenario of a non-Cargo command',
      );
    }
    return null;
  }
  const file = path.resolve(facts.baseDirectory, value);
  if ((facts.pathKind?.(file) ?? 'file') !== 'file')
    throw new ConfigError('edit-patch', value, `${file} is not a file`);
  return file;
}

/** `llvm-lines` counts a Cargo project's IR; the packages must be names cargo accepts for `-p`. */
function parseLlvmLines(raw: RawInputs, buildSystem: BuildSystem): Config['llvmLines'] {
  const enabled = parseBoolean(raw, 'llvm-lines');
  const given = read(raw, 'llvm-lines-packages');
  const packages = splitList(given);
  const bad = packages.find((name) => !/^[A-Za-z0-9_-]+$/.test(name));
  if (bad !== undefined) {
    throw new ConfigError('llvm-lines-packages', given, `'${bad}' is not a package name`);
  }
  if (enabled && buildSystem !== 'cargo') {
    throw new ConfigError('llvm-lines', 'true', 'counting LLVM IR lines needs a Cargo build');
  }
  return { enabled, packages };
}

/** Where the results JSON goes; null: the mode's default place. A folder is rejected. */
export function parseResultsPath(
  raw: RawInputs,
  facts: ConfigFacts,
  input: 'results-path' | 'history-file' = 'results-path',
): string | null {
  const resultsPath = read(raw, input);
  if (resultsPath === '') return null;
  const absolute = path.resolve(facts.baseDirectory, resultsPath);
  if (facts.pathKind?.(absolute) === 'directory') {
    throw new ConfigError(input, resultsPath, 'is a directory; give the path of the file to write');
  }
  checkResultsPath(raw, absolute, facts.paths, input);
  return absolute;
}
