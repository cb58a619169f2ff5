/** Inputs `settings` and `gate-variant`: settings variants checked before any build, and the variant the gate watches. */
import { applySettings } from '../cargo/cargo.js';
import { nameVariant, parseVariantLine } from '../variants/variant-spec.js';
import { SettingError } from '../cargo/cargo.js';
import { type BuildSystem, ConfigError, type Linker, type Variant } from './config.js';
import { read, type RawInputs } from './parse-inputs.js';

/** The word that asks for the curated settings of the detected toolchain. */
export const RECOMMENDED = 'recommended';

export interface SettingsInputs {
  /** Settings variants named in the input, in its order. */
  readonly variants: readonly Variant[];
  /** `recommended` was given: the measure step adds the curated ones the project does not have yet. */
  readonly recommended: boolean;
}

/** One variant per line (or per `;`), each `[<linker> +] key=value, …`, or `recommended`. */
export function parseSettingsInput(
  raw: RawInputs,
  buildSystem: BuildSystem,
  command: string,
  linkers: readonly Linker[],
): SettingsInputs {
  const value = read(raw, 'settings');
  const lines = value
    .split(/[\n;]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return { variants: [], recommended: false };
  if (buildSystem !== 'cargo') {
    throw new ConfigError('settings', value, 'settings are Cargo profile keys, so they need a Cargo build');
  }
  if (!linkers.includes('default')) {
    throw new ConfigError(
      'settings',
      value,
      "each settings variant is compared with `default`: add `default` to input 'linkers'",
    );
  }
  const variants: Variant[] = [];
  let recommended = false;
  for (const line of lines) {
    if (line.toLowerCase() === RECOMMENDED) {
      recommended = true;
      continue;
    }
    try {
      const spec = parseVariantLine(line);
      // Applied once here only to refuse, before any build, a package override the command cannot take.
      applySettings(spec.settings, 'dev', command);
      const name = nameVariant(spec);
      if (variants.includes(name)) throw new SettingError(line, 'this variant is listed twice');
      variants.push(name);
    } catch (error) {
      if (error instanceof SettingError) throw new ConfigError('settings', line, error.reason);
      throw error;
    }
  }
  return { variants, recommended };
}

/** `gate-variant`: empty, the project's own linker (`default`) when measured, else the first variant. */
export function parseGateVariant(raw: RawInputs, variants: readonly Variant[]): Variant {
  const value = read(raw, 'gate-variant').trim();
  if (value === '') return variants.includes('default') ? 'default' : variants[0]!;
  let name = value;
  if (value.includes('=')) {
    try {
      name = nameVariant(parseVariantLine(value));
    } catch {
      // Not a variant at all: the error below lists the measured ones.
    }
  }
  if (variants.includes(value)) return value;
  if (variants.includes(name)) return name;
  throw new ConfigError(
    'gate-variant',
    value,
    `name a measured variant: ${variants.map((variant) => `'${variant}'`).join(', ')}`,
  );
}
