/** Reading raw input strings: defaults, lists, choices, counts and the inputs every mode shares. */
import { DEFAULT_MOLD_VERSION, MOLD_RELEASE_BASE_URL } from '../install/mold-release.js';
import {
  COMMENT_MODES,
  ConfigError,
  EXPORT_FORMATS,
  type ExportFormat,
  FAIL_ON,
  MODES,
  type Mode,
  type PublishConfig,
  SAVE_BASELINE,
} from './config.js';
import { parseThreshold } from './parse-threshold.js';

/** Raw values by input name (as in action.yml); absent or blank means "use the default". */
export type RawInputs = Readonly<Record<string, string | undefined>>;

/** The defaults the code applies; action.yml declares the same (a test keeps them in step). */
export const INPUT_DEFAULTS = {
  mode: 'run',
  id: 'build-bench',
  'working-directory': '.',
  scenarios: 'clean, incremental',
  linkers: 'default, mold',
  runs: '5',
  'clean-runs': '1',
  'max-runs': '50',
  'time-budget': '10m',
  warmup: '1',
  'mold-version': DEFAULT_MOLD_VERSION,
  'mold-release-url': MOLD_RELEASE_BASE_URL,
  'build-timeout-minutes': '60',
  'allow-outside-workspace': 'false',
  threshold: '5%',
  'fail-on': 'regression',
  'save-baseline': 'auto',
  'allow-cross-machine': 'false',
  'baseline-history': '10',
  comment: 'always',
  'compare-to': 'auto',
  'llvm-lines': 'false',
} as const;

export function read(raw: RawInputs, name: string): string {
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

export function parseChoices<T extends string>(raw: RawInputs, name: string, allowed: readonly T[]): T[] {
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

export function parseChoice<T extends string>(raw: RawInputs, name: string, allowed: readonly T[]): T {
  const value = read(raw, name);
  const lower = value.toLowerCase() as T;
  if (!allowed.includes(lower)) throw new ConfigError(name, value, `expected one of ${allowed.join(', ')}`);
  return lower;
}

export function parseBoolean(raw: RawInputs, name: string): boolean {
  return parseChoice(raw, name, ['true', 'false'] as const) === 'true';
}

export function parseCount(raw: RawInputs, name: string, min: number, max: number): number {
  const value = read(raw, name);
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, value, `expected a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

const DURATION_UNITS_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
};

/** A duration like `10m`, `90s`, `1h` or `0`, in ms, at most `maxMs`. */
export function parseDuration(raw: RawInputs, name: string, maxMs: number): number {
  const value = read(raw, name);
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|min|m|h)?$/i.exec(value);
  const unit = match?.[2]?.toLowerCase() ?? (match?.[1] === '0' ? 'ms' : undefined);
  const ms = match && unit !== undefined ? Number(match[1]) * DURATION_UNITS_MS[unit]! : Number.NaN;
  if (!(ms >= 0 && ms <= maxMs)) {
    throw new ConfigError(
      name,
      value,
      `expected a duration like 10m, 90s or 1h (0 for none), at most ${maxMs / 3_600_000} h`,
    );
  }
  return ms;
}

export function parseMode(raw: RawInputs): Mode {
  return parseChoice(raw, 'mode', MODES);
}

export function parseId(raw: RawInputs): string {
  const id = read(raw, 'id');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
    throw new ConfigError('id', id, 'expected 1 to 64 letters, digits, dots, dashes or underscores');
  }
  return id;
}

/** The gate, the baseline and the comment; `resultsPath` is the caller's to resolve. */
export function parsePublishInputs(
  raw: RawInputs,
): Omit<PublishConfig, 'id' | 'resultsPath' | 'historyFile'> {
  return {
    gate: {
      thresholds: parseThreshold(read(raw, 'threshold')),
      failOn: parseChoice(raw, 'fail-on', FAIL_ON),
      allowCrossMachine: parseBoolean(raw, 'allow-cross-machine'),
      llvmLinesThreshold: parseLlvmLinesThreshold(raw),
    },
    baseline: {
      save: parseChoice(raw, 'save-baseline', SAVE_BASELINE),
      historySize: parseCount(raw, 'baseline-history', 1, 100),
    },
    comment: { mode: parseChoice(raw, 'comment', COMMENT_MODES), token: read(raw, 'github-token') },
    exportFormats: parseExportFormats(raw),
  };
}

/** `llvm-lines-threshold`: a percentage like `10%`; empty: IR lines never fail the gate. */
function parseLlvmLinesThreshold(raw: RawInputs): number | null {
  const value = read(raw, 'llvm-lines-threshold');
  if (value === '') return null;
  const match = /^(\d+(?:\.\d+)?)\s*%$/.exec(value);
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent > 0 && percent < 1000)) {
    throw new ConfigError('llvm-lines-threshold', value, 'expected a percentage above 0 % like 10%');
  }
  return percent / 100;
}

/** `export`: none by default, or any of the formats. */
function parseExportFormats(raw: RawInputs): ExportFormat[] {
  return read(raw, 'export') === '' ? [] : parseChoices(raw, 'export', EXPORT_FORMATS);
}
