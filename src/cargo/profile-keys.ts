/**
 * The Cargo profile keys a settings variant may set: the values cargo accepts, the rustc option each becomes
 * (what proves it), and what the change buys and costs. Pure. Values and flags follow cargo 1.95's
 * `build_base_args` and the profiles reference (doc.rust-lang.org/cargo/reference/profiles.html).
 */

/** A key's accepted values, as cargo documents them. */
export interface ProfileKey {
  /** Accepted values (lower case), or a pattern for numbers. */
  readonly values: readonly string[] | RegExp;
  /** What the error says is accepted. */
  readonly accepted: string;
  /** The rustc option the key becomes (`-C <option>`, or `-Z` for `codegen-backend`). */
  readonly option: string;
  /** The `[unstable]` feature cargo needs for it (nightly only); null: stable. */
  readonly unstable: string | null;
  /** Why it may make builds faster, and what it costs, in one sentence each. */
  readonly helps: string;
  readonly costs: string;
  /** What a value costs where it differs by value, by the value as `normalizeValue` gives it. */
  readonly valueCosts?: Readonly<Record<string, string>>;
}

const BOOL = ['true', 'false'];

export const PROFILE_KEYS: Readonly<Record<string, ProfileKey>> = {
  'opt-level': {
    values: ['0', '1', '2', '3', 's', 'z'],
    accepted: '0, 1, 2, 3, s or z',
    option: 'opt-level',
    unstable: null,
    helps:
      'less optimisation is less work for LLVM (for dependencies: faster programs and tests, slower clean builds)',
    costs: 'code runs slower at lower levels, and debugging optimised code shows fewer variables',
  },
  debug: {
    values: [
      'true',
      'false',
      '0',
      '1',
      '2',
      'none',
      'line-directives-only',
      'line-tables-only',
      'limited',
      'full',
    ],
    accepted: 'true, false, 0, 1, 2, none, line-directives-only, line-tables-only, limited or full',
    option: 'debuginfo',
    unstable: null,
    helps: 'less debug information to generate, write and link',
    costs: 'a debugger sees less',
    valueCosts: {
      '0': 'backtraces lose their file and line numbers, and a debugger has nothing to show',
      '1': 'a debugger sees functions and lines but no variables or types',
      'line-tables-only': 'backtraces keep file and line numbers, but a debugger sees no variables or types',
      'line-directives-only': 'backtraces lose their file and line numbers',
      '2': 'none: full debug information',
    },
  },
  'split-debuginfo': {
    values: ['off', 'packed', 'unpacked'],
    accepted: 'off, packed or unpacked',
    option: 'split-debuginfo',
    unstable: null,
    helps:
      '`unpacked` leaves debug information in `.dwo` files beside the objects, so the linker does not copy it',
    costs:
      'a debugger needs the `.dwo` files next to the objects; copying only the executable elsewhere loses its debug information',
  },
  strip: {
    values: ['none', 'debuginfo', 'symbols', 'true', 'false'],
    accepted: 'none, debuginfo, symbols, true or false',
    option: 'strip',
    unstable: null,
    helps: 'a smaller executable to write',
    costs: 'no debug information (`debuginfo`) or no symbol names either (`symbols`) in the executable',
  },
  'debug-assertions': {
    values: BOOL,
    accepted: 'true or false',
    option: 'debug-assertions',
    unstable: null,
    helps: 'less code to compile',
    costs: '`debug_assert!` checks no longer run',
  },
  'overflow-checks': {
    values: BOOL,
    accepted: 'true or false',
    option: 'overflow-checks',
    unstable: null,
    helps: 'less code to compile',
    costs: 'integer overflow wraps silently instead of panicking',
  },
  lto: {
    values: ['true', 'false', 'fat', 'thin', 'off'],
    accepted: 'true, false, fat, thin or off',
    option: 'lto',
    unstable: null,
    helps: 'no link-time optimisation is less work at the final link',
    costs: 'programs may run slower and be larger without it',
  },
  panic: {
    values: ['unwind', 'abort'],
    accepted: 'unwind or abort',
    option: 'panic',
    unstable: null,
    helps: 'no unwinding tables and landing pads to generate',
    costs: 'a panic aborts the process: no `catch_unwind`, and destructors do not run',
  },
  incremental: {
    values: BOOL,
    accepted: 'true or false',
    option: 'incremental',
    unstable: null,
    helps: "rustc reuses the previous build's work for the crates that changed",
    costs: 'more disk in the target directory; a clean build does a little more work',
  },
  'codegen-units': {
    values: /^[1-9]\d{0,4}$/,
    accepted: 'a whole number from 1',
    option: 'codegen-units',
    unstable: null,
    helps: 'more units let LLVM work on a crate in parallel',
    costs: 'more units can make programs slower; fewer make builds slower',
  },
  rpath: {
    values: BOOL,
    accepted: 'true or false',
    option: 'rpath',
    unstable: null,
    helps: 'nothing for build time; measured only for completeness',
    costs: 'executables carry their library paths',
  },
  'codegen-backend': {
    values: ['llvm', 'cranelift', 'gcc'],
    accepted: 'llvm, cranelift or gcc',
    option: 'codegen-backend',
    unstable: 'codegen-backend',
    helps: 'Cranelift generates unoptimised code much faster than LLVM',
    costs:
      'nightly only; the backend must be installed (`rustup component add rustc-codegen-cranelift-preview`)',
  },
};

/** Keys cargo knows that a settings variant does not take, with why. */
export const REFUSED_KEYS: Readonly<Record<string, string>> = {
  inherits: 'a variant changes the profile that is built; it cannot change what that profile inherits',
  rustflags:
    "it replaces flags rather than setting one, and its effect cannot be told apart from the user's own",
  'trim-paths': 'it changes file paths in the output, not build time',
};

/** The value as cargo reads it: `debug=true` and `debug=2` are the same setting. */
export function normalizeValue(key: string, value: string): string {
  const text = value.toLowerCase();
  if (key === 'debug') {
    if (['true', '2', 'full'].includes(text)) return '2';
    if (['1', 'limited'].includes(text)) return '1';
    if (['false', '0', 'none'].includes(text)) return '0';
  }
  if (key === 'strip') {
    if (text === 'true') return 'symbols';
    if (text === 'false') return 'none';
  }
  if (key === 'lto' && text === 'true') return 'fat';
  return text;
}

/** Whether cargo accepts the value for the key. */
export function acceptsValue(key: ProfileKey, value: string): boolean {
  return Array.isArray(key.values) ? key.values.includes(value) : (key.values as RegExp).test(value);
}

/** The value as a TOML literal, for `--config` and the `Cargo.toml` lines: booleans and numbers bare. */
export function tomlLiteral(key: string, value: string): string {
  if (BOOL.includes(value)) return value;
  if (/^\d+$/.test(value) && (key !== 'opt-level' || ['0', '1', '2', '3'].includes(value))) return value;
  return JSON.stringify(value);
}

/** What setting the key to the value costs at run time or in debugging. */
export function describeCost(key: string, value: string): string {
  const known = PROFILE_KEYS[key];
  if (known === undefined) return 'unknown';
  return known.valueCosts?.[normalizeValue(key, value)] ?? known.costs;
}
