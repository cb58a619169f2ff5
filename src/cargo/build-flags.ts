/** Cargo's rustflags and rustc wrapper from parsed config files and the environment, in cargo's precedence. */
import path from 'node:path';
import type { SettingValue } from '../analysis/analysis.js';

/** One parsed cargo config file. */
export interface ConfigFile {
  readonly path: string;
  readonly table: Readonly<Record<string, unknown>>;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The value at a dotted path of a parsed TOML table; undefined when absent. */
export function lookUp(table: Readonly<Record<string, unknown>>, keys: readonly string[]): unknown {
  let value: unknown = table;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A config key's environment variable: `CARGO_` and the key, upper case, dots and dashes as underscores. */
export function configEnvName(keys: readonly string[]): string {
  return `CARGO_${keys.join('_').toUpperCase().replace(/[-.]/g, '_')}`;
}

/** A string-list value: an array of strings, or a string split on whitespace. */
function toFlags(value: unknown): string[] | null {
  if (typeof value === 'string') return value.split(/\s+/).filter((flag) => flag !== '');
  if (Array.isArray(value)) return value.map(String);
  return null;
}

/**
 * A list key as cargo merges it: the config files' arrays joined, the farthest (CARGO_HOME) first and the
 * nearest last, then the environment variable's words. `configFiles` is nearest first.
 */
function mergeList(
  configFiles: readonly ConfigFile[],
  env: Env,
  keys: readonly string[],
): SettingValue<string[]> | null {
  const flags: string[] = [];
  const sources: string[] = [];
  for (const file of [...configFiles].reverse()) {
    const found = toFlags(lookUp(file.table, keys));
    if (found === null) continue;
    flags.push(...found);
    sources.push(`${file.path} (${keys.join('.')})`);
  }
  const envName = configEnvName(keys);
  const fromEnv = env[envName];
  if (fromEnv !== undefined) {
    flags.push(...(toFlags(fromEnv) ?? []));
    sources.push(envName);
  }
  return flags.length > 0 ? { value: flags, source: sources.join(', ') } : null;
}

/**
 * The flags cargo passes to rustc: the first of CARGO_ENCODED_RUSTFLAGS, RUSTFLAGS, the matching
 * `target.<triple>` and `target.'cfg(…)'` rustflags joined, `build.rustflags`. An empty variable still wins.
 * `targetCfg` is `rustc --print cfg` for the triple; null: `cfg(…)` tables are not matched.
 */
export function resolveRustflags(
  configFiles: readonly ConfigFile[],
  env: Env,
  triple: string,
  targetCfg: readonly string[] | null,
): SettingValue<readonly string[]> | null {
  const encoded = env.CARGO_ENCODED_RUSTFLAGS;
  if (encoded !== undefined) {
    return { value: encoded === '' ? [] : encoded.split('\x1f'), source: 'CARGO_ENCODED_RUSTFLAGS' };
  }
  if (env.RUSTFLAGS !== undefined) return { value: toFlags(env.RUSTFLAGS) ?? [], source: 'RUSTFLAGS' };
  const forTarget = [mergeList(configFiles, env, ['target', triple, 'rustflags'])];
  if (targetCfg !== null) {
    const cfgKeys = new Set(
      configFiles.flatMap((file) => Object.keys(asTable(lookUp(file.table, ['target'])))),
    );
    for (const key of [...cfgKeys].sort()) {
      if (key.startsWith('cfg(') && matchesCfg(key, targetCfg)) {
        forTarget.push(mergeList(configFiles, {}, ['target', key, 'rustflags']));
      }
    }
  }
  const found = forTarget.filter((value) => value !== null);
  if (found.length > 0) {
    return {
      value: found.flatMap((value) => value.value),
      source: found.map((value) => value.source).join(', '),
    };
  }
  return mergeList(configFiles, env, ['build', 'rustflags']);
}

function asTable(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * The rustc wrapper: RUSTC_WRAPPER, else CARGO_BUILD_RUSTC_WRAPPER, else the nearest `build.rustc-wrapper`;
 * an empty variable means none. The workspace wrapper (members only) in the same way, when there is no wrapper.
 */
export function resolveRustcWrapper(
  configFiles: readonly ConfigFile[],
  env: Env,
): SettingValue<string> | null {
  return (
    resolveWrapper(configFiles, env, 'RUSTC_WRAPPER', 'rustc-wrapper') ??
    resolveWrapper(configFiles, env, 'RUSTC_WORKSPACE_WRAPPER', 'rustc-workspace-wrapper')
  );
}

/** The RUSTC_WRAPPER level alone (what an environment variable RUSTC_WRAPPER replaces), without the workspace's. */
export function resolveOuterRustcWrapper(
  configFiles: readonly ConfigFile[],
  env: Env,
): SettingValue<string> | null {
  return resolveWrapper(configFiles, env, 'RUSTC_WRAPPER', 'rustc-wrapper');
}

function resolveWrapper(
  configFiles: readonly ConfigFile[],
  env: Env,
  envName: string,
  key: string,
): SettingValue<string> | null {
  for (const name of [envName, configEnvName(['build', key])]) {
    const value = env[name];
    if (value !== undefined) return value === '' ? null : { value, source: name };
  }
  for (const file of configFiles) {
    const value = lookUp(file.table, ['build', key]);
    if (typeof value !== 'string') continue;
    if (value === '') return null;
    // A path with a slash is relative to the directory holding `.cargo` (cargo's config-relative paths).
    const resolved = value.includes('/') ? path.resolve(path.dirname(path.dirname(file.path)), value) : value;
    return { value: resolved, source: `${file.path} (build.${key})` };
  }
  return null;
}

/** Whether a `cfg(…)` key matches the target, given `rustc --print cfg` lines such as `unix`, `target_os="linux"`. */
export function matchesCfg(key: string, targetCfg: readonly string[]): boolean {
  const tokens = key.match(/"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|[(),=]/g) ?? [];
  const cfg = new Set(targetCfg.map((line) => line.replace(/\s/g, '')));
  let position = 0;
  const next = (): string => tokens[position++] ?? '';
  const expression = (): boolean => {
    const name = next();
    if (['all', 'any', 'not'].includes(name) && tokens[position] === '(') {
      next();
      const values: boolean[] = [];
      while (tokens[position] !== ')' && position < tokens.length) {
        values.push(expression());
        if (tokens[position] === ',') next();
      }
      next();
      if (name === 'not') return !(values[0] ?? false);
      return name === 'all' ? values.every(Boolean) : values.some(Boolean);
    }
    if (tokens[position] === '=') {
      next();
      return cfg.has(`${name}=${next()}`);
    }
    return cfg.has(name);
  };
  if (next() !== 'cfg' || next() !== '(') return false;
  return expression();
}
