/** One Cargo profile setting as a variant names it: `debug=line-tables-only`, `package."*".opt-level=1`. */
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
