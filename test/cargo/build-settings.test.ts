import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildSettings } from '../../src/analysis/analysis.js';
import { matchesCfg } from '../../src/cargo/build-flags.js';
import {
  describeSettingWarnings,
  resolveBuildSettings,
  selectProfile,
  type BuildSettingsInput,
  type ConfigFile,
} from '../../src/cargo/build-settings.js';
import { readBuildSettings } from '../../src/cargo/io/read-build-settings.js';
import { createProcessRunner } from '../../src/system/process-runner.js';

const TRIPLE = 'x86_64-unknown-linux-gnu';
const NEAR = '/ws/.cargo/config.toml';
const HOME_CONFIG = '/home/u/.cargo/config.toml';

function settingsOf(input: Partial<BuildSettingsInput>): BuildSettings {
  return resolveBuildSettings({
    command: 'cargo build',
    triple: TRIPLE,
    manifest: null,
    configFiles: [],
    env: {},
    linker: null,
    targetCfg: null,
    ...input,
  });
}

const config = (file: string, table: Record<string, unknown>): ConfigFile => ({ path: file, table });
const profiles = (tables: Record<string, Record<string, unknown>>): Record<string, unknown> => ({
  profile: tables,
});

describe('selectProfile', () => {
  it.each([
    ['cargo build', 'dev'],
    ['cargo build --release', 'release'],
    ['cargo b -r', 'release'],
    ['cargo +nightly build --profile=fast', 'fast'],
    ['cargo build --profile fast', 'fast'],
    ['cargo --config build.jobs=2 test', 'test'],
    ['cargo test --release', 'release'],
    ['cargo bench', 'bench'],
    ['cargo install --path .', 'release'],
    ['cargo install --debug --path .', 'dev'],
    ['cd app && ~/.cargo/bin/cargo build --release --target x86_64-unknown-linux-musl', 'release'],
    ['cargo build && ./bench --release', 'dev'],
    ['make all', 'dev'],
  ])('%s builds with %s', (command, profile) => {
    expect(selectProfile(command)).toBe(profile);
  });
});

describe('resolveBuildSettings: profiles', () => {
  const view = (settings: BuildSettings): unknown[] => [
    settings.profile,
    settings.optLevel,
    settings.debug,
    settings.codegenUnits,
    settings.incremental,
    settings.lto,
  ];
  const at = <T>(value: T, source: string): { value: T; source: string } => ({ value, source });

  it.each<[string, unknown[]]>([
    [
      'cargo build',
      [
        'dev',
        at('0', 'default'),
        at('full', 'default'),
        at(256, 'default'),
        at(true, 'default'),
        at('off', 'default'),
      ],
    ],
    [
      'cargo build --release',
      [
        'release',
        at('3', 'default'),
        at('none', 'default'),
        at(16, 'default'),
        at(false, 'default'),
        at('thin-local', 'default'),
      ],
    ],
    [
      'cargo test',
      [
        'test',
        at('0', 'default of dev'),
        at('full', 'default of dev'),
        at(256, 'default'),
        at(true, 'default of dev'),
        at('off', 'default of dev'),
      ],
    ],
    [
      'cargo bench',
      [
        'bench',
        at('3', 'default of release'),
        at('none', 'default of release'),
        at(16, 'default'),
        at(false, 'default of release'),
        at('thin-local', 'default of release'),
      ],
    ],
  ])('cargo defaults for `%s`', (command, expected) => {
    expect(view(settingsOf({ command }))).toEqual(expected);
  });

  it('follows inherits chains through custom profiles and built-in ones', () => {
    const manifest = profiles({
      release: { debug: 1 },
      fast: { inherits: 'release', lto: 'thin' },
      fastest: { inherits: 'fast', 'codegen-units': 1 },
    });
    const settings = settingsOf({ command: 'cargo build --profile fastest', manifest });
    expect(view(settings)).toEqual([
      'fastest',
      at('3', 'default of release'),
      at('limited', 'Cargo.toml, inherited from release'),
      at(1, 'Cargo.toml'),
      at(false, 'default of release'),
      at('thin', 'Cargo.toml, inherited from fast'),
    ]);
    expect(settingsOf({ command: 'cargo bench', manifest }).debug).toEqual(
      at('limited', 'Cargo.toml, inherited from release'),
    );
  });

  it('takes a custom profile and its inherits from a config file, and survives an inherits cycle', () => {
    const configFiles = [config(NEAR, profiles({ quick: { inherits: 'dev', 'opt-level': 1 } }))];
    expect(settingsOf({ command: 'cargo build --profile quick', configFiles }).optLevel).toEqual(
      at('1', NEAR),
    );
    const manifest = profiles({ a: { inherits: 'b' }, b: { inherits: 'a' } });
    expect(settingsOf({ command: 'cargo build --profile a', manifest }).optLevel).toEqual(
      at('0', 'default of dev'),
    );
  });

  it('lets config override the manifest, the nearest config override CARGO_HOME, and the environment all', () => {
    const manifest = profiles({ dev: { 'opt-level': 1, debug: 1, 'codegen-units': 4 } });
    const configFiles = [
      config(NEAR, profiles({ dev: { debug: 'line-tables-only' } })),
      config(HOME_CONFIG, profiles({ dev: { debug: false, 'codegen-units': 8 } })),
    ];
    const env = { CARGO_PROFILE_DEV_CODEGEN_UNITS: '12' };
    const settings = settingsOf({ manifest, configFiles, env });
    expect([settings.optLevel, settings.debug, settings.codegenUnits]).toEqual([
      at('1', 'Cargo.toml'),
      at('line-tables-only', NEAR),
      at(12, 'CARGO_PROFILE_DEV_CODEGEN_UNITS'),
    ]);
    expect(
      settingsOf({
        command: 'cargo build --profile release-lto',
        env: { CARGO_PROFILE_RELEASE_LTO_INHERITS: 'release' },
      }).optLevel,
    ).toEqual(at('3', 'default of release'));
  });

  it.each<[unknown, string]>([
    [0, 'none'],
    [false, 'none'],
    ['none', 'none'],
    [1, 'limited'],
    ['limited', 'limited'],
    ['line-tables-only', 'line-tables-only'],
    [2, 'full'],
    [true, 'full'],
    ['full', 'full'],
  ])('normalises debug = %j to %s', (value, expected) => {
    expect(settingsOf({ manifest: profiles({ dev: { debug: value } }) }).debug.value).toBe(expected);
  });

  it.each([
    ['true', 'full'],
    ['0', 'none'],
    ['limited', 'limited'],
  ])('normalises CARGO_PROFILE_DEV_DEBUG=%s to %s', (value, expected) => {
    expect(settingsOf({ env: { CARGO_PROFILE_DEV_DEBUG: value } }).debug.value).toBe(expected);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['release', { lto: true }, 'fat'],
    ['release', { lto: 'fat' }, 'fat'],
    ['release', { lto: 'thin' }, 'thin'],
    ['release', { lto: 'off' }, 'off'],
    ['release', { lto: false }, 'thin-local'],
    ['release', { lto: false, 'codegen-units': 1 }, 'off'],
    ['release', { 'opt-level': 0 }, 'off'],
    ['release', { 'opt-level': 's' }, 'thin-local'],
    ['dev', { 'opt-level': 1 }, 'thin-local'],
    ['dev', { lto: false }, 'off'],
  ])('in %s, %j means lto %s', (profile, table, expected) => {
    const settings = settingsOf({
      command: `cargo build --profile ${profile}`,
      manifest: profiles({ [profile]: table }),
    });
    expect(settings.lto.value).toBe(expected);
  });

  it('reads lto from the environment as text', () => {
    expect(settingsOf({ command: 'cargo build -r', env: { CARGO_PROFILE_RELEASE_LTO: 'true' } }).lto).toEqual(
      at('fat', 'CARGO_PROFILE_RELEASE_LTO'),
    );
  });

  it.each<[string, Partial<BuildSettingsInput>, boolean, string, number]>([
    ['dev', { env: { CARGO_INCREMENTAL: '0' } }, false, 'CARGO_INCREMENTAL', 16],
    ['dev', { env: { CARGO_INCREMENTAL: 'yes' } }, false, 'CARGO_INCREMENTAL', 16],
    ['release', { env: { CARGO_INCREMENTAL: '1' } }, true, 'CARGO_INCREMENTAL', 256],
    [
      'release',
      { env: { CARGO_INCREMENTAL: '1', CARGO_BUILD_INCREMENTAL: 'false' } },
      true,
      'CARGO_INCREMENTAL',
      256,
    ],
    ['dev', { env: { CARGO_BUILD_INCREMENTAL: 'false' } }, false, 'CARGO_BUILD_INCREMENTAL', 16],
    [
      'dev',
      { configFiles: [config(NEAR, { build: { incremental: false } })] },
      false,
      `${NEAR} (build.incremental)`,
      16,
    ],
    ['dev', { manifest: profiles({ dev: { incremental: false } }) }, false, 'Cargo.toml', 16],
  ])(
    'in %s with %j, incremental is %s from %s and codegen units default to %d',
    (profile, input, on, source, units) => {
      const settings = settingsOf({ command: `cargo build --profile ${profile}`, ...input });
      expect([settings.incremental, settings.codegenUnits.value]).toEqual([{ value: on, source }, units]);
    },
  );
});

describe('resolveBuildSettings: rustflags, wrapper, linker', () => {
  const targetFlags = (flags: string[]): Record<string, unknown> => ({
    target: { [TRIPLE]: { rustflags: flags } },
  });
  const buildFlags = (flags: unknown): Record<string, unknown> => ({ build: { rustflags: flags } });

  it.each<[string, Partial<BuildSettingsInput>, { value: string[]; source: string } | null]>([
    ['nothing set', {}, null],
    [
      'CARGO_ENCODED_RUSTFLAGS over RUSTFLAGS',
      { env: { CARGO_ENCODED_RUSTFLAGS: '-Ctarget-cpu=native\x1f--cfg\x1fa b', RUSTFLAGS: '-Copt-level=1' } },
      { value: ['-Ctarget-cpu=native', '--cfg', 'a b'], source: 'CARGO_ENCODED_RUSTFLAGS' },
    ],
    [
      'RUSTFLAGS over config',
      { env: { RUSTFLAGS: ' -C  debuginfo=0 ' }, configFiles: [config(NEAR, targetFlags(['--cfg', 't']))] },
      { value: ['-C', 'debuginfo=0'], source: 'RUSTFLAGS' },
    ],
    [
      'an empty RUSTFLAGS hides config, and is kept so that advice does not suggest config lines',
      { env: { RUSTFLAGS: '' }, configFiles: [config(NEAR, buildFlags(['-g']))] },
      { value: [], source: 'RUSTFLAGS' },
    ],
    [
      'target rustflags over build rustflags, CARGO_HOME first, environment last',
      {
        env: { CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS: '--cfg env' },
        configFiles: [
          config(NEAR, { ...targetFlags(['--cfg', 'near']), ...buildFlags(['--cfg', 'build']) }),
          config(HOME_CONFIG, targetFlags(['--cfg', 'home'])),
        ],
      },
      {
        value: ['--cfg', 'home', '--cfg', 'near', '--cfg', 'env'],
        source: `${HOME_CONFIG} (target.${TRIPLE}.rustflags), ${NEAR} (target.${TRIPLE}.rustflags), CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUSTFLAGS`,
      },
    ],
    [
      'build rustflags as a string, then CARGO_BUILD_RUSTFLAGS',
      {
        env: { CARGO_BUILD_RUSTFLAGS: '-Cdebuginfo=1' },
        configFiles: [config(NEAR, buildFlags('-C  target-cpu=native'))],
      },
      {
        value: ['-C', 'target-cpu=native', '-Cdebuginfo=1'],
        source: `${NEAR} (build.rustflags), CARGO_BUILD_RUSTFLAGS`,
      },
    ],
    [
      'matching cfg tables joined after the triple',
      {
        targetCfg: ['unix', 'target_os="linux"'],
        configFiles: [
          config(NEAR, {
            target: {
              [TRIPLE]: { rustflags: ['--cfg', 'triple'] },
              'cfg(windows)': { rustflags: ['--cfg', 'windows'] },
              'cfg(all(unix, target_os = "linux"))': { rustflags: ['--cfg', 'linux'] },
            },
          }),
        ],
      },
      {
        value: ['--cfg', 'triple', '--cfg', 'linux'],
        source: `${NEAR} (target.${TRIPLE}.rustflags), ${NEAR} (target.cfg(all(unix, target_os = "linux")).rustflags)`,
      },
    ],
    [
      'cfg tables left out without rustc its cfg',
      {
        configFiles: [
          config(NEAR, { target: { 'cfg(unix)': { rustflags: ['-g'] } }, ...buildFlags(['-O']) }),
        ],
      },
      { value: ['-O'], source: `${NEAR} (build.rustflags)` },
    ],
  ])('rustflags: %s', (_name, input, expected) => {
    expect(settingsOf(input).rustflags).toEqual(expected);
  });

  it.each<[string, Partial<BuildSettingsInput>, { value: string; source: string } | null]>([
    ['none', {}, null],
    [
      'RUSTC_WRAPPER first',
      {
        env: { RUSTC_WRAPPER: 'sccache', CARGO_BUILD_RUSTC_WRAPPER: 'other' },
        configFiles: [config(NEAR, { build: { 'rustc-wrapper': 'third' } })],
      },
      { value: 'sccache', source: 'RUSTC_WRAPPER' },
    ],
    [
      'then CARGO_BUILD_RUSTC_WRAPPER',
      {
        env: { CARGO_BUILD_RUSTC_WRAPPER: 'other' },
        configFiles: [config(NEAR, { build: { 'rustc-wrapper': 'x' } })],
      },
      { value: 'other', source: 'CARGO_BUILD_RUSTC_WRAPPER' },
    ],
    [
      'then the nearest config, a path resolved against the directory holding .cargo',
      {
        configFiles: [
          config(NEAR, { build: { 'rustc-wrapper': './tools/wrap' } }),
          config(HOME_CONFIG, { build: { 'rustc-wrapper': 'sccache' } }),
        ],
      },
      { value: '/ws/tools/wrap', source: `${NEAR} (build.rustc-wrapper)` },
    ],
    [
      'an empty RUSTC_WRAPPER turns a configured one off',
      { env: { RUSTC_WRAPPER: '' }, configFiles: [config(NEAR, { build: { 'rustc-wrapper': 'sccache' } })] },
      null,
    ],
    [
      'the workspace wrapper when there is no wrapper',
      { configFiles: [config(NEAR, { build: { 'rustc-workspace-wrapper': 'clippy-driver' } })] },
      { value: 'clippy-driver', source: `${NEAR} (build.rustc-workspace-wrapper)` },
    ],
    [
      'RUSTC_WORKSPACE_WRAPPER',
      { env: { RUSTC_WORKSPACE_WRAPPER: '/bin/wrap' } },
      { value: '/bin/wrap', source: 'RUSTC_WORKSPACE_WRAPPER' },
    ],
  ])('rustc wrapper: %s', (_name, input, expected) => {
    expect(settingsOf(input).rustcWrapper).toEqual(expected);
  });

  it('keeps the configured linker, the target and CARGO_INCREMENTAL as given', () => {
    const linker = { value: 'clang', source: NEAR };
    const settings = settingsOf({ linker, env: { CARGO_INCREMENTAL: '0' } });
    expect([settings.linker, settings.target, settings.cargoIncremental]).toEqual([linker, TRIPLE, '0']);
  });

  it.each([
    ['cfg(unix)', true],
    ['cfg(windows)', false],
    ['cfg(target_os = "linux")', true],
    ['cfg(target_os="macos")', false],
    ['cfg(not(windows))', true],
    ['cfg(all(unix, target_arch = "x86_64"))', true],
    ['cfg(all(unix, target_arch = "aarch64"))', false],
    ['cfg(any(windows, target_env = "gnu"))', true],
    ['cfg(all())', true],
    ['cfg(any())', false],
    ['x86_64-unknown-linux-gnu', false],
  ])('%s matches Linux on x86_64: %s', (key, expected) => {
    const cfg = ['unix', 'target_os="linux"', 'target_arch="x86_64"', 'target_env="gnu"'];
    expect(matchesCfg(key, cfg)).toBe(expected);
  });
});

describe('describeSettingWarnings', () => {
  const ALL = ['clean', 'incremental', 'noop'] as const;
  const release = settingsOf({ command: 'cargo build --release' });
  const dev = settingsOf({});
  const withSettings = (base: BuildSettings, change: Partial<BuildSettings>): BuildSettings => ({
    ...base,
    ...change,
  });

  it('says nothing about plain defaults', () => {
    expect(describeSettingWarnings(dev, ALL)).toEqual([]);
    expect(describeSettingWarnings(release, ['clean', 'noop'])).toEqual([]);
    expect(describeSettingWarnings(withSettings(dev, { cargoIncremental: '1' }), ALL)).toEqual([]);
  });

  it.each<[string, BuildSettings, readonly ('clean' | 'incremental' | 'noop')[], string]>([
    [
      'a caching wrapper with clean builds',
      withSettings(dev, { rustcWrapper: { value: '/usr/bin/sccache', source: 'RUSTC_WRAPPER' } }),
      ['clean'],
      'rustc runs through sccache (RUSTC_WRAPPER): clean builds may be served from its cache, so they measure cache hits rather than compiling.',
    ],
    [
      'another wrapper',
      withSettings(dev, { rustcWrapper: { value: 'clippy-driver', source: 'RUSTC_WORKSPACE_WRAPPER' } }),
      ['noop'],
      'rustc runs through clippy-driver (RUSTC_WORKSPACE_WRAPPER), so every measured build includes its work.',
    ],
    [
      'CARGO_INCREMENTAL=0 with the incremental scenario',
      settingsOf({ env: { CARGO_INCREMENTAL: '0' } }),
      ALL,
      'CARGO_INCREMENTAL is 0 in the environment, but the incremental scenario builds with CARGO_INCREMENTAL=1: it measures incremental compilation your builds do not use.',
    ],
    [
      'a profile without incremental compilation in the incremental scenario',
      release,
      ['incremental'],
      'The release profile does not compile incrementally (default), but the incremental scenario forces it on: it measures rebuilds your builds do not do.',
    ],
    [
      'fat LTO',
      settingsOf({ command: 'cargo build -r', manifest: profiles({ release: { lto: true } }) }),
      ['clean'],
      'LTO is fat (Cargo.toml): rustc does the LTO work before the linker runs, so linker savings look smaller.',
    ],
    [
      '-fuse-ld in rustflags',
      withSettings(dev, { rustflags: { value: ['-C', 'link-arg=-fuse-ld=mold'], source: 'RUSTFLAGS' } }),
      ALL,
      'The rustflags (RUSTFLAGS) choose the linker with -fuse-ld=mold: the default variant measures mold.',
    ],
    [
      '-C linker in rustflags',
      withSettings(dev, { rustflags: { value: ['-Clinker=/usr/bin/clang'], source: 'RUSTFLAGS' } }),
      ALL,
      'The rustflags (RUSTFLAGS) set -C linker=/usr/bin/clang, which overrides the linker the benchmark sets: every variant runs clang, so the variants do not differ.',
    ],
    [
      '-C linker-flavor in rustflags',
      withSettings(dev, { rustflags: { value: ['--codegen', 'linker-flavor=gnu-lld-cc'], source: NEAR } }),
      ALL,
      `The rustflags (${NEAR}) set -C linker-flavor=gnu-lld-cc: the default variant measures the linker that flavor picks.`,
    ],
    [
      'a configured linker that names a linker',
      withSettings(dev, { linker: { value: '/usr/bin/ld.mold', source: NEAR } }),
      ALL,
      `The linker configured for ${TRIPLE} is /usr/bin/ld.mold (${NEAR}): the default variant measures it.`,
    ],
    [
      'one codegen unit',
      settingsOf({ command: 'cargo build -r', env: { CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '1' } }),
      ['clean'],
      "codegen-units is 1 (CARGO_PROFILE_RELEASE_CODEGEN_UNITS): rustc generates each crate's code on one thread, so the link is a smaller share of the build.",
    ],
  ])('warns about %s', (_name, settings, scenarios, warning) => {
    expect(describeSettingWarnings(settings, scenarios)).toEqual([warning]);
  });

  it('keeps quiet where the scenario is not affected', () => {
    const sccache = withSettings(dev, { rustcWrapper: { value: 'sccache', source: 'RUSTC_WRAPPER' } });
    const noIncremental = settingsOf({ env: { CARGO_INCREMENTAL: '0' } });
    const clang = withSettings(dev, { linker: { value: 'clang', source: NEAR } });
    expect(describeSettingWarnings(sccache, ['incremental', 'noop'])).toEqual([]);
    expect(describeSettingWarnings(noIncremental, ['clean', 'noop'])).toEqual([]);
    expect(describeSettingWarnings(clang, ALL)).toEqual([]);
  });
});

describe('readBuildSettings on real files', () => {
  const runner = createProcessRunner();
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A workspace in `<root>/outer/ws`, a config in `<root>/outer`, CARGO_HOME in `<root>/home`. */
  function layOut(files: Record<string, string>): { ws: string; env: NodeJS.ProcessEnv } {
    root = mkdtempSync(path.join(os.tmpdir(), 'build-bench-settings-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(CARGO_|RUSTFLAGS|RUSTC_)/.test(name)),
    );
    return { ws: path.join(root, 'outer', 'ws'), env: { ...env, CARGO_HOME: path.join(root, 'home') } };
  }

  it('reads the root manifest, config files upwards and CARGO_HOME, in cargo its precedence', async () => {
    const { ws, env } = layOut({
      'outer/ws/Cargo.toml': '[workspace]\nmembers = []\n[profile.release]\nopt-level = 2\ndebug = 1\n',
      'outer/ws/.cargo/config.toml': '[profile.release]\ndebug = "line-tables-only"\n',
      'outer/.cargo/config.toml': `[profile.release]\nlto = "thin"\ndebug = 2\n[target.${TRIPLE}]\nlinker = "clang"\n`,
      'home/config.toml':
        '[build]\nrustc-wrapper = "sccache"\nrustflags = ["-C", "link-arg=-fuse-ld=mold"]\n',
    });
    const outcome = await readBuildSettings(
      {
        workingDirectory: ws,
        workspaceRoot: ws,
        command: 'cargo build --release',
        triple: TRIPLE,
        env,
      },
      runner,
    );
    const near = path.join(ws, '.cargo', 'config.toml');
    const outer = path.join(root, 'outer', '.cargo', 'config.toml');
    const home = path.join(root, 'home', 'config.toml');
    expect(outcome.problems).toEqual([]);
    expect(outcome.settings).toMatchObject({
      profile: 'release',
      optLevel: { value: '2', source: 'Cargo.toml' },
      debug: { value: 'line-tables-only', source: near },
      lto: { value: 'thin', source: outer },
      linker: { value: 'clang', source: outer },
      rustcWrapper: { value: 'sccache', source: `${home} (build.rustc-wrapper)` },
      rustflags: { value: ['-C', 'link-arg=-fuse-ld=mold'], source: `${home} (build.rustflags)` },
    });
  });

  it('names a file that is not TOML and still reads the others', async () => {
    const { ws, env } = layOut({
      'outer/ws/Cargo.toml': '[profile.dev]\nopt-level = 1\n',
      'outer/ws/.cargo/config.toml': '[profile.dev\ndebug = 0\n',
      'outer/.cargo/config': '[profile.dev]\ncodegen-units = 2\n',
      'outer/.cargo/config.toml': '[profile.dev]\ncodegen-units = 3\n',
    });
    const outcome = await readBuildSettings(
      {
        workingDirectory: ws,
        workspaceRoot: ws,
        command: 'cargo build',
        triple: TRIPLE,
        env,
      },
      runner,
    );
    const broken = path.join(ws, '.cargo', 'config.toml');
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]).toMatch(
      new RegExp(`^${broken} is not valid TOML \\(.+\\); its settings were left out\\.$`),
    );
    expect(outcome.settings?.optLevel).toEqual({ value: '1', source: 'Cargo.toml' });
    // Where both exist, cargo reads `config` and not `config.toml`.
    expect(outcome.settings?.codegenUnits).toEqual({
      value: 2,
      source: path.join(root, 'outer', '.cargo', 'config'),
    });
  });

  it('matches cfg tables with rustc its cfg, and says so when rustc cannot tell', async () => {
    const files = {
      'outer/ws/Cargo.toml': '[workspace]\n',
      'outer/ws/.cargo/config.toml': `[target.'cfg(target_os = "linux")']\nrustflags = ["--cfg", "linux"]\n[build]\nrustflags = ["--cfg", "build"]\n`,
    };
    const { ws, env } = layOut(files);
    const request = { workingDirectory: ws, workspaceRoot: ws, command: 'cargo build', triple: TRIPLE };
    expect((await readBuildSettings({ ...request, env }, runner)).settings?.rustflags?.value).toEqual([
      '--cfg',
      'linux',
    ]);
    const failed = await readBuildSettings(
      { ...request, env: { ...env, RUSTC: path.join(root, 'no-rustc') } },
      runner,
    );
    expect(failed.settings?.rustflags?.value).toEqual(['--cfg', 'build']);
    expect(failed.problems).toEqual([
      expect.stringMatching(
        /--print cfg` failed \(.*ENOENT.*\); rustflags of target\.'cfg\(…\)' tables were left out\.$/,
      ),
    ]);
  });

  it('reports a missing manifest and resolves the rest', async () => {
    const { ws, env } = layOut({ 'outer/ws/.cargo/config.toml': '[profile.dev]\nopt-level = 3\n' });
    const outcome = await readBuildSettings(
      {
        workingDirectory: ws,
        workspaceRoot: ws,
        command: 'cargo build',
        triple: TRIPLE,
        env,
      },
      runner,
    );
    expect(outcome.problems).toEqual([
      expect.stringContaining(`${path.join(ws, 'Cargo.toml')} could not be read`),
    ]);
    expect(outcome.settings?.optLevel.value).toBe('3');
  });
});
