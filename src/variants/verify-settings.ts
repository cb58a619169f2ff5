/**
 * Proof that a settings variant's settings reached rustc, as the `.comment` section proves a linker: every crate
 * a setting applies to must have been compiled with the codegen option it becomes, read from the arguments rustc
 * really received (the rustc wrapper logs them). Pure.
 */
import type { SettingProof } from '../results/results.js';
import type { CrateRecord } from '../shims/link-log.js';
import { normalizeValue, PROFILE_KEYS } from '../cargo/cargo.js';
import { describeSetting, type ProfileSetting } from '../cargo/cargo.js';

/** The value of the last `name[=value]` option ('' for a bare flag); null when absent. Later options win in rustc. */
function lastOption(options: readonly string[], name: string): string | null {
  for (let index = options.length - 1; index >= 0; index--) {
    const option = options[index]!;
    if (option === name) return '';
    if (option.startsWith(`${name}=`)) return option.slice(name.length + 1);
  }
  return null;
}

function asSwitch(value: string): 'true' | 'false' {
  return ['', 'y', 'yes', 'on', 'true'].includes(value) ? 'true' : 'false';
}

/** What rustc compiled with for the key, and how the log shows it. */
function effective(key: string, options: readonly string[]): { value: string; shown: string } {
  const option = PROFILE_KEYS[key]!.option;
  const given = lastOption(options, option);
  const prefix = PROFILE_KEYS[key]!.unstable === null ? '-C' : '-Z';
  const flag = given === null ? null : given === '' ? `${prefix} ${option}` : `${prefix} ${option}=${given}`;
  const implied = (value: string, why: string) => ({ value, shown: `no ${prefix} ${option} (${why})` });
  switch (key) {
    case 'incremental':
    case 'rpath':
      return given === null ? implied('false', 'off') : { value: 'true', shown: `-C ${option}` };
    case 'debug-assertions': {
      if (given !== null) return { value: asSwitch(given), shown: flag! };
      const optimised = (lastOption(options, 'opt-level') ?? '0') !== '0';
      return implied(optimised ? 'false' : 'true', `rustc's default at this opt-level`);
    }
    case 'overflow-checks':
      if (given !== null) return { value: asSwitch(given), shown: flag! };
      return implied(effective('debug-assertions', options).value, 'follows debug-assertions');
    case 'lto':
      if (given === null) return implied('false', "cargo's default");
      if (['', 'fat', 'y', 'yes', 'on', 'true'].includes(given)) return { value: 'fat', shown: flag! };
      return { value: given === 'thin' ? 'thin' : 'off', shown: flag! };
    case 'debug':
      return given === null
        ? implied('0', "rustc's default: none")
        : { value: normalizeValue('debug', given), shown: flag! };
  }
  const defaults: Readonly<Record<string, string>> = {
    'opt-level': '0',
    strip: 'none',
    panic: 'unwind',
    'split-debuginfo': 'off',
    'codegen-backend': 'llvm',
  };
  if (given !== null) return { value: given, shown: flag! };
  const fallback = defaults[key];
  return fallback === undefined ? implied('', 'none given') : implied(fallback, "rustc's default");
}

/** The value the setting means for rustc: `debug=true` is `debuginfo=2`, `lto=true` is `fat`. */
function expectedValue(setting: ProfileSetting): string {
  if (setting.key === 'lto') return setting.value === 'true' ? 'fat' : setting.value;
  return normalizeValue(setting.key, setting.value);
}

const LINKED_TYPES = ['bin', 'cdylib', 'dylib', 'staticlib'];

/** The crates of a build that the setting applies to, by cargo's profile rules. */
function cratesFor(
  setting: ProfileSetting,
  crates: readonly CrateRecord[],
  members: ReadonlySet<string>,
): CrateRecord[] {
  const buildScript = (record: CrateRecord) => record.crateName.startsWith('build_script_');
  const procMacro = (record: CrateRecord) => record.crateTypes.includes('proc-macro');
  const { scope } = setting;
  let chosen = crates.filter((record) => {
    if (scope.kind === 'build-override') return buildScript(record) || procMacro(record);
    if (buildScript(record)) return false;
    if (scope.kind === 'profile') return members.has(record.packageName) && !procMacro(record);
    if (scope.spec === '*') return !members.has(record.packageName);
    return record.packageName === scope.spec.split('@')[0];
  });
  // Only a crate that is linked gets LTO or an rpath; tests never get panic=abort.
  if (setting.key === 'lto' || setting.key === 'rpath') {
    chosen = chosen.filter(
      (record) =>
        record.crateTypes.length === 0 || record.crateTypes.some((type) => LINKED_TYPES.includes(type)),
    );
  }
  if (setting.key === 'panic') chosen = chosen.filter((record) => record.crateTypes.length > 0);
  return chosen;
}

export class SettingNotAppliedError extends Error {
  constructor(
    readonly variant: string,
    readonly setting: string,
    detail: string,
  ) {
    super(`The setting '${setting}' of the variant '${variant}' did not reach rustc: ${detail}`);
    this.name = 'SettingNotAppliedError';
  }
}

/**
 * The proofs one build gives (a setting none of whose crates was compiled gives none); throws
 * SettingNotAppliedError when a crate was compiled without it.
 */
export function proveSettings(
  variant: string,
  settings: readonly ProfileSetting[],
  crates: readonly CrateRecord[],
  members: ReadonlySet<string>,
): SettingProof[] {
  const proofs: SettingProof[] = [];
  for (const setting of settings) {
    const chosen = cratesFor(setting, crates, members);
    if (chosen.length === 0) continue;
    const expected = expectedValue(setting);
    const shown = new Set<string>();
    for (const record of chosen) {
      const got = effective(setting.key, record.options);
      // Split debug information needs debug information: without it cargo passes no -C split-debuginfo.
      const vacuous = setting.key === 'split-debuginfo' && effective('debug', record.options).value === '0';
      if (got.value !== expected && !vacuous) {
        const { option, unstable } = PROFILE_KEYS[setting.key]!;
        throw new SettingNotAppliedError(
          variant,
          describeSetting(setting),
          `${record.packageName} (crate ${record.crateName}) was compiled with ${got.shown}. The last ` +
            `${unstable === null ? '-C' : '-Z'} ${option} rustc receives wins: look for one in RUSTFLAGS, build.rustflags, a profile's ` +
            `package override, or a --config in the command.`,
        );
      }
      shown.add(vacuous ? 'no debug information to split' : got.shown);
    }
    proofs.push({
      variant,
      setting: describeSetting(setting),
      flags: [...shown].sort(),
      crates: chosen.length,
      fromEarlierRun: false,
    });
  }
  return proofs;
}

/** Proofs of several builds in one: per setting, the flags seen and the most crates one build checked. */
export function mergeProofs(known: readonly SettingProof[], more: readonly SettingProof[]): SettingProof[] {
  const merged = new Map(known.map((proof) => [`${proof.variant}\u0000${proof.setting}`, proof]));
  for (const proof of more) {
    const key = `${proof.variant}\u0000${proof.setting}`;
    const old = merged.get(key);
    merged.set(
      key,
      old === undefined
        ? proof
        : {
            ...old,
            flags: [...new Set([...old.flags, ...proof.flags])].sort(),
            crates: Math.max(old.crates, proof.crates),
          },
    );
  }
  return [...merged.values()];
}
