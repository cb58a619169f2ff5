/**
 * A variant's name is its definition: `mold` (a linker), `debug=line-tables-only, codegen-units=16` (Cargo
 * profile settings, linked by `default`), or `mold + debug=line-tables-only` (both). Pure.
 */
import { LINKERS, type Linker, type Variant } from '../config/config.js';
import { acceptsValue, PROFILE_KEYS, REFUSED_KEYS } from './profile-keys.js';

/** Where in the profile a setting goes: the profile itself, one package's override, or build scripts'. */
export type SettingScope =
  | { readonly kind: 'profile' }
  | { readonly kind: 'package'; readonly spec: string }
  | { readonly kind: 'build-override' };

export interface ProfileSetting {
  readonly scope: SettingScope;
  readonly key: string;
  /** Lower case, without quotes: `line-tables-only`, `false`, `16`. */
  readonly value: string;
}

export interface VariantSpec {
  readonly linker: Linker;
  readonly settings: readonly ProfileSetting[];
}

/** A setting or variant that cannot be measured: the text and why, for the caller to name its input. */
export class SettingError extends Error {
  constructor(
    readonly text: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(text)}: ${reason}`);
    this.name = 'SettingError';
  }
}

/** `package."*".`, `package.serde.`, `build-override.` or nothing. */
export function scopePrefix(scope: SettingScope): string {
  if (scope.kind === 'profile') return '';
  if (scope.kind === 'build-override') return 'build-override.';
  return /^[A-Za-z0-9_-]+$/.test(scope.spec)
    ? `package.${scope.spec}.`
    : `package.${JSON.stringify(scope.spec)}.`;
}

export function describeSetting(setting: ProfileSetting): string {
  return `${scopePrefix(setting.scope)}${setting.key}=${setting.value}`;
}

/** `package."*".opt-level`, `package.foo.debug`, `build-override.opt-level`, `debug` → scope and key. */
function parsePath(path: string, text: string): { scope: SettingScope; key: string } {
  const packageMatch = /^package\.(?:"([^"]+)"|([A-Za-z0-9_*-]+))\.([a-z-]+)$/.exec(path);
  if (packageMatch) {
    return { scope: { kind: 'package', spec: packageMatch[1] ?? packageMatch[2]! }, key: packageMatch[3]! };
  }
  const buildOverride = /^build-override\.([a-z-]+)$/.exec(path);
  if (buildOverride) return { scope: { kind: 'build-override' }, key: buildOverride[1]! };
  if (/^[a-z-]+$/.test(path)) return { scope: { kind: 'profile' }, key: path };
  throw new SettingError(
    text,
    'expected `key=value`, `package.<name>.key=value` (`package."*"` for every dependency) or `build-override.key=value`',
  );
}

/** One `key=value` item, checked against the keys cargo knows and their values. */
export function parseSetting(text: string): ProfileSetting {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new SettingError(text, 'expected `key=value`, like `debug=line-tables-only`');
  const { scope, key } = parsePath(text.slice(0, equals).trim(), text);
  const value = text
    .slice(equals + 1)
    .trim()
    .replace(/^"(.*)"$|^'(.*)'$/, '$1$2')
    .toLowerCase();
  const refused = REFUSED_KEYS[key];
  if (refused !== undefined)
    throw new SettingError(text, `\`${key}\` is not measured as a variant: ${refused}`);
  const known = PROFILE_KEYS[key];
  if (known === undefined) {
    const names = Object.keys(PROFILE_KEYS).join(', ');
    throw new SettingError(text, `cargo does not know the profile key \`${key}\`; known keys: ${names}`);
  }
  if (!acceptsValue(known, value)) {
    throw new SettingError(text, `\`${key}\` takes ${known.accepted}, not ${JSON.stringify(value)}`);
  }
  return { scope, key, value };
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
