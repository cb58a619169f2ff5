/**
 * A variant's name is its definition: `mold` (a linker), `debug=line-tables-only, codegen-units=16` (Cargo
 * profile settings, linked by `default`), or `mold + debug=line-tables-only` (both). Pure.
 */
import { LINKERS, type Linker, type Variant } from '../config/config.js';
import {
  describeSetting,
  parseSetting,
  scopePrefix,
  SettingError,
  type ProfileSetting,
} from '../cargo/cargo.js';

export interface VariantSpec {
  readonly linker: Linker;
  readonly settings: readonly ProfileSetting[];
}

/**
 * One line of input `settings`: `[<linker> +] key=value, key=value`. A key may appear once per scope; the
 * settings keep the order given.
 */
export function parseVariantLine(line: string): VariantSpec {
  const plus = line.indexOf('+');
  const head = plus >= 0 ? line.slice(0, plus).trim() : null;
  let linker: Linker = 'default';
  if (head !== null) {
    if (!(LINKERS as readonly string[]).includes(head)) {
      throw new SettingError(line, `\`${head}\` before \`+\` is not a linker (${LINKERS.join(', ')})`);
    }
    linker = head as Linker;
  }
  const items = (plus >= 0 ? line.slice(plus + 1) : line)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new SettingError(line, 'no setting after the linker');
  const settings = items.map(parseSetting);
  const seen = new Set<string>();
  for (const setting of settings) {
    const where = `${scopePrefix(setting.scope)}${setting.key}`;
    if (seen.has(where)) throw new SettingError(line, `\`${where}\` is set twice`);
    seen.add(where);
  }
  return { linker, settings };
}

/** The canonical name: `mold`, `debug=line-tables-only`, `mold + debug=0, codegen-units=16`. */
export function nameVariant(spec: VariantSpec): Variant {
  if (spec.settings.length === 0) return spec.linker;
  const settings = spec.settings.map(describeSetting).join(', ');
  return spec.linker === 'default' ? settings : `${spec.linker} + ${settings}`;
}

/** A variant's linker and settings, read back from its name; throws SettingError for a name that is neither. */
export function parseVariant(variant: Variant): VariantSpec {
  if ((LINKERS as readonly string[]).includes(variant)) return { linker: variant as Linker, settings: [] };
  return parseVariantLine(variant);
}

export function linkerOf(variant: Variant): Linker {
  return parseVariant(variant).linker;
}

export function hasSettings(variant: Variant): boolean {
  return parseVariant(variant).settings.length > 0;
}

/** A name fit for an output or a file: `debug=line-tables-only` → `debug-line-tables-only`. */
export function slugOfVariant(variant: Variant): string {
  return variant
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Whether any variant links with the linker: `mold` and `mold + debug=0` both need mold. */
export function usesLinker(variants: readonly Variant[], linker: Linker): boolean {
  return variants.some((variant) => linkerOf(variant) === linker);
}

/**
 * The folder a variant builds in: a linker's own name (as before settings existed, so target directories stay),
 * else `settings-<slug>-<hash>`, short and safe whatever the settings hold.
 */
export function variantFolderName(variant: Variant): string {
  if ((LINKERS as readonly string[]).includes(variant)) return variant;
  let hash = 0x811c9dc5;
  for (const char of variant) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `settings-${slugOfVariant(variant).slice(0, 48)}-${hash.toString(16).padStart(8, '0')}`;
}
