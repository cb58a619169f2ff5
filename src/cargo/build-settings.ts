/** The effective profile of the measured build, resolved from already-parsed manifest, config files and environment. */
import type { BuildSettings, SettingValue } from '../analysis/analysis.js';
import {
  configEnvName,
  lookUp,
  resolveRustcWrapper,
  resolveRustflags,
  type ConfigFile,
  type Env,
} from './build-flags.js';

export type { ConfigFile } from './build-flags.js';
export { describeSettingWarnings, type MeasuredScenario } from './setting-warnings.js';

export interface BuildSettingsInput {
  readonly command: string;
  readonly triple: string;
  /** The workspace root's Cargo.toml, parsed; null when it could not be read. */
  readonly manifest: Readonly<Record<string, unknown>> | null;
  /** Cargo config files, nearest directory first, CARGO_HOME last. */
  readonly configFiles: readonly ConfigFile[];
  readonly env: Env;
  /** The configured linker as configured-linker.ts finds it; null: rustc's default. */
  readonly linker: SettingValue<string> | null;
  /** `rustc --print cfg` for the triple, to match `target.'cfg(…)'` tables; null: those are not matched. */
  readonly targetCfg: readonly string[] | null;
}

type Found = SettingValue<unknown>;

/** Cargo's defaults of its two root profiles (codegen-units and lto are derived, see below). */
const ROOT_DEFAULTS: Readonly<Record<'dev' | 'release', Readonly<Record<string, unknown>>>> = {
  dev: { 'opt-level': 0, debug: true, incremental: true, lto: false },
  release: { 'opt-level': 3, debug: false, incremental: false, lto: false },
};
const BUILT_IN_PARENTS: Readonly<Record<string, string>> = { test: 'dev', bench: 'release' };

/** The profile a command builds with: `--profile X`, `--release`/`-r`, else by subcommand (test, bench, install). */
export function selectProfile(command: string): string {
  const tokens = command.split(/\s+/).filter((token) => token !== '');
  const start = tokens.findIndex((token) => /(^|\/)cargo$/.test(token));
  let subcommand: string | null = null;
  let release = false;
  let debug = false;
  for (let index = start + 1; start >= 0 && index < tokens.length; index++) {
    const token = tokens[index]!;
    if (['&&', '||', ';', '|'].includes(token)) break;
    const profile =
      /^--profile=(.+)$/.exec(token)?.[1] ?? (token === '--profile' ? tokens[index + 1] : undefined);
    if (profile !== undefined) return profile;
    if (token === '--release' || token === '-r') release = true;
    else if (token === '--debug') debug = true;
    else if (subcommand === null && ['--config', '-Z', '-C', '--color'].includes(token)) index++;
    else if (subcommand === null && !token.startsWith('-') && !token.startsWith('+')) subcommand = token;
  }
  if (release) return 'release';
  if (subcommand === 'test' || subcommand === 't') return 'test';
  if (subcommand === 'bench') return 'bench';
  return subcommand === 'install' && !debug ? 'release' : 'dev';
}

/** A profile key as set for one profile name: CARGO_PROFILE_<NAME>_<KEY>, else config files, else Cargo.toml. */
function findProfileKey(input: BuildSettingsInput, profile: string, key: string): Found | null {
  const envName = configEnvName(['profile', profile, key]);
  const fromEnv = input.env[envName];
  if (fromEnv !== undefined) return { value: fromEnv, source: envName };
  for (const file of input.configFiles) {
    const value = lookUp(file.table, ['profile', profile, key]);
    if (value !== undefined) return { value, source: file.path };
  }
  const value = input.manifest === null ? undefined : lookUp(input.manifest, ['profile', profile, key]);
  return value === undefined ? null : { value, source: 'Cargo.toml' };
}

/** The profile and the ones it inherits from, ending at `dev` or `release` (`dev` for a broken chain). */
function inheritanceChain(input: BuildSettingsInput, profile: string): string[] {
  const chain = [profile];
  for (let name = profile; name !== 'dev' && name !== 'release';) {
    const inherits = BUILT_IN_PARENTS[name] ?? findProfileKey(input, name, 'inherits')?.value;
    name = typeof inherits === 'string' && !chain.includes(inherits) ? inherits : 'dev';
    chain.push(name);
  }
  return chain;
}

/** A key's value along the inheritance chain; `default` when no profile of the chain sets it. */
function resolveKey(input: BuildSettingsInput, chain: readonly string[], key: string): Found | null {
  for (const [index, name] of chain.entries()) {
    const found = findProfileKey(input, name, key);
    if (found !== null)
      return index === 0 ? found : { ...found, source: `${found.source}, inherited from ${name}` };
  }
  const root = chain[chain.length - 1] as 'dev' | 'release';
  const value = ROOT_DEFAULTS[root][key];
  if (value === undefined) return null;
  return { value, source: chain.length === 1 ? 'default' : `default of ${root}` };
}

const asText = (value: unknown): string => String(value).trim();

/** cargo's `debug` values by the names analysis.ts uses. */
function normalizeDebug(value: unknown): string {
  const text = asText(value);
  if (['0', 'false', 'none'].includes(text)) return 'none';
  if (['1', 'limited'].includes(text)) return 'limited';
  if (['2', 'true', 'full'].includes(text)) return 'full';
  return text;
}

/** cargo's `lto`: `false` is thin local LTO, which rustc skips for one codegen unit or opt-level 0. */
function normalizeLto(value: unknown, codegenUnits: number, optLevel: string): string {
  const text = asText(value);
  if (text === 'true' || text === 'fat') return 'fat';
  if (text === 'false') return codegenUnits === 1 || optLevel === '0' ? 'off' : 'thin-local';
  return text;
}

/** CARGO_INCREMENTAL (only `1` enables), else `build.incremental` (CARGO_BUILD_INCREMENTAL), else the profile. */
function resolveIncremental(input: BuildSettingsInput, chain: readonly string[]): SettingValue<boolean> {
  const cargoIncremental = input.env.CARGO_INCREMENTAL;
  if (cargoIncremental !== undefined) return { value: cargoIncremental === '1', source: 'CARGO_INCREMENTAL' };
  const fromBuildEnv = input.env.CARGO_BUILD_INCREMENTAL;
  if (fromBuildEnv !== undefined)
    return { value: fromBuildEnv === 'true', source: 'CARGO_BUILD_INCREMENTAL' };
  for (const file of input.configFiles) {
    const value = lookUp(file.table, ['build', 'incremental']);
    if (typeof value === 'boolean') return { value, source: `${file.path} (build.incremental)` };
  }
  const found = resolveKey(input, chain, 'incremental')!;
  return { value: asText(found.value) === 'true', source: found.source };
}

export function resolveBuildSettings(input: BuildSettingsInput): BuildSettings {
  const profile = selectProfile(input.command);
  const chain = inheritanceChain(input, profile);
  const opt = resolveKey(input, chain, 'opt-level')!;
  const optLevel = { value: asText(opt.value), source: opt.source };
  const debugFound = resolveKey(input, chain, 'debug')!;
  const incremental = resolveIncremental(input, chain);
  // Unset, rustc picks 256 codegen units for an incremental crate and 16 otherwise.
  const units = resolveKey(input, chain, 'codegen-units');
  const codegenUnits =
    units === null
      ? { value: incremental.value ? 256 : 16, source: 'default' }
      : { value: parseUnits(asText(units.value), incremental.value), source: units.source };
  const ltoFound = resolveKey(input, chain, 'lto')!;
  const rustflags = resolveRustflags(input.configFiles, input.env, input.triple, input.targetCfg);
  return {
    profile,
    optLevel,
    debug: { value: normalizeDebug(debugFound.value), source: debugFound.source },
    codegenUnits,
    incremental,
    lto: { value: normalizeLto(ltoFound.value, codegenUnits.value, optLevel.value), source: ltoFound.source },
    target: input.triple,
    linker: input.linker,
    // An empty RUSTFLAGS still hides every config file's rustflags: it is kept, an empty config list is none.
    rustflags:
      rustflags === null || (rustflags.value.length === 0 && !/RUSTFLAGS$/.test(rustflags.source))
        ? null
        : rustflags,
    cargoIncremental: input.env.CARGO_INCREMENTAL ?? null,
    rustcWrapper: resolveRustcWrapper(input.configFiles, input.env),
  };
}

/** A whole count of codegen units; anything else (cargo would reject it) reads as rustc's default. */
function parseUnits(text: string, incremental: boolean): number {
  const units = Number(text);
  return Number.isInteger(units) && units > 0 ? units : incremental ? 256 : 16;
}
