/**
 * How a settings variant reaches cargo without touching the user's files or RUSTFLAGS. Pure.
 *
 * Keys of the profile itself and of `build-override` go in as `CARGO_PROFILE_<PROFILE>_<KEY>` variables: they
 * reach every cargo the command runs (a script, `make`, `cargo build && cargo test`), need no parsing of the
 * command, and beat the profile in Cargo.toml and config files. Cargo reads no variable for per-package
 * overrides (checked on cargo 1.95: `CARGO_PROFILE_DEV_PACKAGE_<NAME>_OPT_LEVEL` is ignored), so those go in as
 * `--config 'profile.<profile>.package.<spec>.<key>=<value>'` after the command's leading `cargo`.
 */
import { PROFILE_KEYS, tomlLiteral } from './profile-keys.js';
import { SettingError, describeSetting, type ProfileSetting } from './profile-setting.js';

export interface AppliedSettings {
  /** Variables added to every build of the variant. */
  readonly env: Readonly<Record<string, string>>;
  /** The command line with any `--config` inserted. */
  readonly command: string;
}

/** `dev` + `build-override.opt-level` → `CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL`. */
export function profileEnvName(profile: string, setting: ProfileSetting): string {
  const scope = setting.scope.kind === 'build-override' ? ['build-override'] : [];
  return ['cargo', 'profile', profile, ...scope, setting.key].join('_').toUpperCase().replace(/[-.]/g, '_');
}

/** The `--config` value of a per-package setting: `profile.dev.package."*".opt-level=2`. */
export function packageConfigArg(profile: string, setting: ProfileSetting): string {
  if (setting.scope.kind !== 'package') throw new Error('only a package setting goes in through --config');
  const spec = JSON.stringify(setting.scope.spec);
  return `profile.${profile}.package.${spec}.${setting.key}=${tomlLiteral(setting.key, setting.value)}`;
}

/** A word for sh, in single quotes: `'a'\''b'` for a quote inside. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** `cargo`, `~/.cargo/bin/cargo` or `cargo +nightly` at the start of the command, where `--config` may follow. */
const LEADING_CARGO = /^(\s*(?:\S*\/)?cargo(?:\s+\+\S+)?)(?=\s|$)/;

export function applySettings(
  settings: readonly ProfileSetting[],
  profile: string,
  command: string,
): AppliedSettings {
  const env: Record<string, string> = {};
  const configArgs: string[] = [];
  for (const setting of settings) {
    const unstable = PROFILE_KEYS[setting.key]?.unstable ?? null;
    if (unstable !== null) env[`CARGO_UNSTABLE_${unstable.toUpperCase().replace(/-/g, '_')}`] = 'true';
    if (setting.scope.kind === 'package') {
      configArgs.push(`--config ${shellQuote(packageConfigArg(profile, setting))}`);
      continue;
    }
    env[profileEnvName(profile, setting)] = setting.value;
    // CARGO_INCREMENTAL beats the profile, and the rebuild scenarios set it to 1: the variant's choice must win.
    if (setting.key === 'incremental' && setting.scope.kind === 'profile') {
      env.CARGO_INCREMENTAL = setting.value === 'true' ? '1' : '0';
    }
  }
  if (configArgs.length === 0) return { env, command };
  const leading = LEADING_CARGO.exec(command);
  if (leading === null) {
    const first = settings.find((setting) => setting.scope.kind === 'package')!;
    throw new SettingError(
      describeSetting(first),
      'a per-package setting goes in as `--config` after `cargo`, so it needs a command that starts with `cargo`',
    );
  }
  const at = leading[1]!.length;
  if (/(^|[\s;&|(])(\S*\/)?cargo(\s|$)/.test(command.slice(at))) {
    const first = settings.find((setting) => setting.scope.kind === 'package')!;
    throw new SettingError(
      describeSetting(first),
      'a per-package setting goes in as `--config` after the first `cargo` only, and this command runs cargo more than once',
    );
  }
  return { env, command: `${command.slice(0, at)} ${configArgs.join(' ')}${command.slice(at)}` };
}
