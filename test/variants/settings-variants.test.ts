/** Settings variants: the names, how they reach cargo, the proof from rustc's options, and `recommended`. Pure. */
import { describe, expect, it } from 'vitest';
import type { BuildSettings } from '../../src/analysis/analysis.js';
import { applySettings, profileEnvName } from '../../src/cargo/apply-settings.js';
import { recommendSettings } from '../../src/variants/recommended-settings.js';
import { refuseNightlyKeys } from '../../src/variants/settings-variants.js';
import {
  linkerOf,
  nameVariant,
  parseVariant,
  parseVariantLine,
  slugOfVariant,
  variantFolderName,
} from '../../src/variants/variant-spec.js';
import { parseSetting } from '../../src/cargo/profile-setting.js';
import { mergeProofs, proveSettings, SettingNotAppliedError } from '../../src/variants/verify-settings.js';
import type { CrateRecord } from '../../src/shims/link-log.js';
import { makeSettings } from '../support/results-fixture.js';

describe('a settings line', () => {
  it.each([
    ['debug=line-tables-only', 'debug=line-tables-only', 'default'],
    [
      '  debug = "line-tables-only" ,codegen-units=16 ',
      'debug=line-tables-only, codegen-units=16',
      'default',
    ],
    ['mold + debug=0', 'mold + debug=0', 'mold'],
    ['package."*".opt-level=2', 'package."*".opt-level=2', 'default'],
    ['package.serde.debug=false', 'package.serde.debug=false', 'default'],
    ['build-override.opt-level=3', 'build-override.opt-level=3', 'default'],
    ['lto=Thin', 'lto=thin', 'default'],
  ])('%j is the variant %j linked by %s', (line, name, linker) => {
    const spec = parseVariantLine(line);
    expect(nameVariant(spec)).toBe(name);
    expect(linkerOf(name)).toBe(linker);
    expect(parseVariant(name)).toEqual(spec);
  });

  it.each([
    ['debugg=1', 'cargo does not know the profile key `debugg`'],
    ['debug=lines', '`debug` takes true, false, 0, 1, 2, none'],
    ['codegen-units=0', '`codegen-units` takes a whole number from 1'],
    ['opt-level=4', '`opt-level` takes 0, 1, 2, 3, s or z'],
    ['inherits=release', '`inherits` is not measured as a variant'],
    ['debug', 'expected `key=value`'],
    ['gold + debug=0', '`gold` before `+` is not a linker'],
    ['debug=0, debug=1', '`debug` is set twice'],
    ['profile.dev.debug=0', 'expected `key=value`, `package.<name>.key=value`'],
  ])('%j is refused: %s', (line, reason) => {
    expect(() => parseVariantLine(line)).toThrow(reason);
  });

  it('keeps linkers by their own name, and gives every variant a folder and an output name of safe characters', () => {
    expect(variantFolderName('mold')).toBe('mold');
    const folder = variantFolderName('package."*".opt-level=2');
    expect(folder).toMatch(/^settings-package-opt-level-2-[0-9a-f]{8}$/);
    expect(variantFolderName('package."x".opt-level=2')).not.toBe(folder);
    expect(slugOfVariant('mold + debug=line-tables-only')).toBe('mold-debug-line-tables-only');
  });
});

describe('applying settings', () => {
  it('puts profile and build-override keys in CARGO_PROFILE_ variables, leaving the command alone', () => {
    const settings = parseVariantLine('debug=line-tables-only, build-override.opt-level=3').settings;
    expect(applySettings(settings, 'dev', 'cargo build')).toEqual({
      env: {
        CARGO_PROFILE_DEV_DEBUG: 'line-tables-only',
        CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL: '3',
      },
      command: 'cargo build',
    });
    expect(profileEnvName('release-lto', parseSetting('codegen-units=16'))).toBe(
      'CARGO_PROFILE_RELEASE_LTO_CODEGEN_UNITS',
    );
  });

  it('sets CARGO_INCREMENTAL with `incremental`, which would otherwise beat the profile', () => {
    expect(applySettings([parseSetting('incremental=false')], 'dev', 'cargo build').env).toEqual({
      CARGO_PROFILE_DEV_INCREMENTAL: 'false',
      CARGO_INCREMENTAL: '0',
    });
  });

  it.each([
    ['cargo build --locked', `cargo --config 'profile.dev.package."*".opt-level=2' build --locked`],
    ['cargo +nightly build', `cargo +nightly --config 'profile.dev.package."*".opt-level=2' build`],
    [
      '  ~/.cargo/bin/cargo build',
      `  ~/.cargo/bin/cargo --config 'profile.dev.package."*".opt-level=2' build`,
    ],
  ])('inserts --config for a package override after the leading cargo of %j', (command, expected) => {
    expect(applySettings([parseSetting('package."*".opt-level=2')], 'dev', command).command).toBe(expected);
  });

  it('refuses a package override when the command does not start with cargo', () => {
    expect(() => applySettings([parseSetting('package.foo.debug=0')], 'dev', 'make build')).toThrow(
      'needs a command that starts with `cargo`',
    );
  });

  it('turns on the unstable feature of a nightly key, and refuses the key on a stable toolchain', () => {
    expect(applySettings([parseSetting('codegen-backend=cranelift')], 'dev', 'cargo build').env).toEqual({
      CARGO_UNSTABLE_CODEGEN_BACKEND: 'true',
      CARGO_PROFILE_DEV_CODEGEN_BACKEND: 'cranelift',
    });
    expect(() =>
      refuseNightlyKeys(['codegen-backend=cranelift'], 'rustc 1.95.0 (59807616e 2026-04-14)'),
    ).toThrow(
      'Input \'settings\' has the value "codegen-backend=cranelift": `codegen-backend` needs a nightly toolchain',
    );
    expect(() =>
      refuseNightlyKeys(['codegen-backend=cranelift'], 'rustc 1.97.0-nightly (abc 2026-11-30)'),
    ).not.toThrow();
  });
});

function crate(packageName: string, options: string[], overrides: Partial<CrateRecord> = {}): CrateRecord {
  return {
    startMs: 0,
    durationMs: 10,
    exitCode: 0,
    overheadMs: 0,
    packageName,
    packageVersion: '0.1.0',
    crateName: packageName.replace(/-/g, '_'),
    crateTypes: ['lib'],
    options,
    ...overrides,
  };
}

const members = new Set(['app', 'core']);

describe('the proof of a setting', () => {
  it('reads the last option rustc received for the crates the setting applies to', () => {
    const crates = [
      crate('app', ['debuginfo=2', 'debuginfo=line-tables-only'], { crateTypes: ['bin'] }),
      crate('core', ['debuginfo=line-tables-only']),
      crate('serde', ['debuginfo=2']), // a dependency: not a workspace member
      crate('app', [], { crateName: 'build_script_build', crateTypes: ['bin'] }),
    ];
    expect(proveSettings('v', parseVariantLine('debug=line-tables-only').settings, crates, members)).toEqual([
      {
        variant: 'v',
        setting: 'debug=line-tables-only',
        flags: ['-C debuginfo=line-tables-only'],
        crates: 2,
        fromEarlierRun: false,
      },
    ]);
  });

  it("proves `debug=false` by the absence of -C debuginfo, rustc's default", () => {
    const [proof] = proveSettings(
      'v',
      [parseSetting('debug=false')],
      [crate('app', ['strip=debuginfo'])],
      members,
    );
    expect(proof?.flags).toEqual(["no -C debuginfo (rustc's default: none)"]);
  });

  it('fails, naming the setting and the crate, when a later option (RUSTFLAGS) overrides it', () => {
    const crates = [crate('app', ['debuginfo=line-tables-only', 'debuginfo=2'])];
    const attempt = () =>
      proveSettings('debug=line-tables-only', [parseSetting('debug=line-tables-only')], crates, members);
    expect(attempt).toThrow(SettingNotAppliedError);
    expect(attempt).toThrow(
      "The setting 'debug=line-tables-only' of the variant 'debug=line-tables-only' did not reach rustc: app (crate app) was compiled with -C debuginfo=2",
    );
  });

  it.each([
    ['codegen-units=16', ['codegen-units=16'], true],
    ['codegen-units=16', [], false],
    ['opt-level=1', ['opt-level=1'], true],
    ['opt-level=0', [], true],
    ['incremental=true', ['incremental'], true],
    ['incremental=false', ['incremental'], false],
    ['debug-assertions=false', ['opt-level=1'], true],
    ['debug-assertions=false', [], false],
    ['overflow-checks=false', ['debug-assertions=off'], true],
    ['strip=true', ['strip=symbols'], true],
    ['split-debuginfo=unpacked', [], true], // no debug information: nothing to split
    ['split-debuginfo=unpacked', ['debuginfo=2'], false],
    ['panic=abort', ['panic=abort'], true],
  ])('%s with options %j: proven %s', (setting, options, proven) => {
    const attempt = () => proveSettings('v', [parseSetting(setting)], [crate('app', options)], members);
    if (proven) expect(attempt()).toHaveLength(1);
    else expect(attempt).toThrow(SettingNotAppliedError);
  });

  it('proves the codegen backend by the -Z option rustc received', () => {
    const [proof] = proveSettings(
      'v',
      [parseSetting('codegen-backend=cranelift')],
      [crate('app', ['codegen-backend=cranelift'])],
      members,
    );
    expect(proof?.flags).toEqual(['-Z codegen-backend=cranelift']);
    expect(() =>
      proveSettings('v', [parseSetting('codegen-backend=cranelift')], [crate('app', [])], members),
    ).toThrow("was compiled with no -Z codegen-backend (rustc's default)");
  });

  it('checks LTO on linked crates only, package overrides on their packages, build-override on build scripts', () => {
    const crates = [
      crate('app', ['lto'], { crateTypes: ['bin'] }),
      crate('core', []),
      crate('serde', ['opt-level=2']),
      crate('serde_derive', ['opt-level=3'], { crateTypes: ['proc-macro'] }),
      crate('app', ['opt-level=3'], { crateName: 'build_script_build', crateTypes: ['bin'] }),
    ];
    const prove = (line: string) => proveSettings('v', parseVariantLine(line).settings, crates, members);
    expect(prove('lto=true')[0]?.crates).toBe(1);
    expect(prove('package.serde.opt-level=2')[0]?.crates).toBe(1);
    expect(() => prove('package."*".opt-level=2')).toThrow('serde_derive');
    expect(prove('build-override.opt-level=3')[0]?.crates).toBe(2);
  });

  it('gives no proof from a build that compiled none of its crates, and merges proofs of several builds', () => {
    expect(proveSettings('v', [parseSetting('package.serde.debug=0')], [crate('app', [])], members)).toEqual(
      [],
    );
    const one = proveSettings('v', [parseSetting('debug=0')], [crate('app', [])], members);
    const two = proveSettings(
      'v',
      [parseSetting('debug=0')],
      [crate('app', ['debuginfo=0']), crate('core', [])],
      members,
    );
    expect(mergeProofs(one, two)).toEqual([
      {
        variant: 'v',
        setting: 'debug=0',
        flags: ['-C debuginfo=0', "no -C debuginfo (rustc's default: none)"],
        crates: 2,
        fromEarlierRun: false,
      },
    ]);
  });
});

/** A debug build's settings: cargo's `dev` defaults. */
function settingsOf(overrides: Partial<BuildSettings> = {}): BuildSettings {
  return makeSettings({
    profile: 'dev',
    optLevel: { value: '0', source: 'default' },
    debug: { value: 'full', source: 'default' },
    codegenUnits: { value: 256, source: 'default' },
    incremental: { value: true, source: 'default' },
    lto: { value: 'off', source: 'default' },
    ...overrides,
  });
}

describe('settings: recommended', () => {
  it('measures the debug-information settings for a debug build, less those listed already', () => {
    const recommendation = recommendSettings(settingsOf(), 'rustc 1.95.0 (x)', ['debug=false']);
    expect(recommendation.variants.map(nameVariant)).toEqual([
      'debug=line-tables-only',
      'split-debuginfo=unpacked',
    ]);
    expect(recommendation.leftOut).toEqual(['debug=false: already listed']);
  });

  it('leaves out what the project already has, and what the toolchain cannot do', () => {
    const none = recommendSettings(
      settingsOf({ debug: { value: 'none', source: 'Cargo.toml' } }),
      'rustc 1.95.0',
      [],
    );
    expect(none.variants).toEqual([]);
    const old = recommendSettings(settingsOf(), 'rustc 1.70.0 (x)', []);
    expect(old.variants.map(nameVariant)).toEqual(['debug=false', 'split-debuginfo=unpacked']);
    expect(old.leftOut).toEqual(['debug=line-tables-only: needs Rust 1.71 or later']);
  });

  it('trades run-time speed for build time in an optimised build', () => {
    const release = makeSettings({
      codegenUnits: { value: 1, source: 'Cargo.toml' },
      incremental: { value: false, source: 'default' },
      lto: { value: 'fat', source: 'Cargo.toml' },
    });
    expect(recommendSettings(release, 'rustc 1.95.0', []).variants.map(nameVariant)).toEqual([
      'lto=false',
      'codegen-units=16',
      'incremental=true',
    ]);
  });
});
