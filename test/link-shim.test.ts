import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Variant } from '../src/config/config.js';
import {
  findConfiguredLinker,
  readBuildTargetFromConfigText,
  linkerEnvName,
  readLinkerFromConfigText,
} from '../src/bench/configured-linker.js';
import {
  LINK_LOG_ENV,
  LINK_SHIM_NAME,
  type LinkShimSpec,
  linkerKeepsBundledLld,
  linkWallMs,
  parseLinkLog,
  renderLinkShim,
  variantLinkFlags,
} from '../src/bench/link-shim-script.js';

const TRIPLE = 'x86_64-unknown-linux-gnu';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'link-shim-test-'));
});
afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function writeExecutable(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

/** A stand-in for the real driver: writes each argument on its own line, and PATH, then exits with FAKE_STATUS. */
const FAKE_LINKER = `#!/bin/sh
for arg do printf '%s\\n' "$arg"; done > "$FAKE_ARGS_OUT"
printf '%s' "$PATH" > "$FAKE_PATH_OUT"
exit "\${FAKE_STATUS:-0}"
`;

/** What rustc passes to a linker that keeps its bundled lld, plus the output and one object. */
const RUSTC_ARGS = ['-B/x/gcc-ld', '-fuse-ld=lld', '-o', 'out file', 'a.o'];

interface ShimRun {
  readonly status: number | null;
  readonly driverArgs: string[];
  readonly driverPath: string;
  readonly log: string | null;
}

function runShim(spec: LinkShimSpec, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): ShimRun {
  const shim = writeExecutable(path.join(scratch, 'shim', LINK_SHIM_NAME), renderLinkShim(spec));
  const argsOut = path.join(scratch, 'args.txt');
  const pathOut = path.join(scratch, 'path.txt');
  const logFile = path.join(scratch, 'links.log');
  const result = spawnSync(shim, args, {
    cwd: scratch,
    env: {
      PATH: process.env.PATH,
      FAKE_ARGS_OUT: argsOut,
      FAKE_PATH_OUT: pathOut,
      [LINK_LOG_ENV]: logFile,
      ...extraEnv,
    },
    encoding: 'utf8',
  });
  expect(result.error).toBeUndefined();
  return {
    status: result.status,
    driverArgs: existsSync(argsOut) ? readFileSync(argsOut, 'utf8').split('\n').slice(0, -1) : [],
    driverPath: existsSync(pathOut) ? readFileSync(pathOut, 'utf8') : '',
    log: existsSync(logFile) ? readFileSync(logFile, 'utf8') : null,
  };
}

describe('variantLinkFlags', () => {
  it.each<[Variant, string[]]>([
    ['default', []],
    ['mold', ['-fuse-ld=mold']],
    ['lld', ['-fuse-ld=lld']],
    ['bfd', ['-fuse-ld=bfd']],
  ])('%s', (variant, flags) => {
    expect(variantLinkFlags(variant)).toEqual(flags);
  });
});

describe('linkerKeepsBundledLld', () => {
  it.each([
    ['cc', true],
    ['/usr/bin/cc', true],
    ['gcc', false],
    ['/usr/bin/gcc', false],
    ['x86_64-linux-gnu-gcc', false],
    ['gcc-12', false],
    ['g++', false],
    ['clang', false],
    ['clang-18', false],
    ['clang++', false],
    ['/opt/llvm/bin/clang++-17', false],
    ['aarch64-linux-gnu-g++', false],
    ['emcc', false],
    ['gcc.exe', false],
    ['my-wrapper', true],
    ['gcc-wrapper', true],
    ['clang-tidy', true],
    [LINK_SHIM_NAME, true],
    ['ld.lld', true],
    ['mold', true],
  ])('%s → %s', (linker, keeps) => {
    expect(linkerKeepsBundledLld(linker)).toBe(keeps);
  });
});

describe('parseLinkLog', () => {
  it('reads good lines, paths with spaces, and durations from nanoseconds', () => {
    const text = [
      '1700000000000000000 1700000000250000000 0 target/debug/deps/app-1a2b',
      '1700000001000000000 1700000001000123456 1 /tmp/my project/target/debug/my app',
      '1700000002000000000 1700000003500000000 0 ',
      '',
    ].join('\n');
    expect(parseLinkLog(text)).toEqual([
      { startMs: 1700000000000, durationMs: 250, exitCode: 0, output: 'target/debug/deps/app-1a2b' },
      {
        startMs: 1700000001000,
        durationMs: 0.123456,
        exitCode: 1,
        output: '/tmp/my project/target/debug/my app',
      },
      { startMs: 1700000002000, durationMs: 1500, exitCode: 0, output: '' },
    ]);
  });

  it.each([
    { name: 'a line cut after the start time', text: '1700000000000000000 17000000' },
    { name: 'a line cut in the start time', text: '170000000' },
    { name: 'an empty log', text: '' },
    { name: 'not a log line', text: 'linking failed' },
    { name: 'a date failing to give nanoseconds', text: '1700000000N 1700000001N 0 out' },
  ])('skips $name', ({ text }) => {
    expect(parseLinkLog(text)).toEqual([]);
  });

  it('keeps the good lines around a truncated one', () => {
    const text = '1 4000001 0 a\n1700000000000000000 17000\n10 20 3 b\n';
    expect(parseLinkLog(text)).toEqual([
      { startMs: 0, durationMs: 4, exitCode: 0, output: 'a' },
      { startMs: 0, durationMs: 0.00001, exitCode: 3, output: 'b' },
    ]);
  });
});

describe('readBuildTargetFromConfigText', () => {
  it.each([
    { text: '[build]\ntarget = "aarch64-unknown-linux-gnu"\n', target: 'aarch64-unknown-linux-gnu' },
    { text: "[build]\ntarget = ['wasm32-wasip1', 'x86_64-unknown-linux-gnu']\n", target: 'wasm32-wasip1' },
    { text: 'build.target = "x86_64-unknown-linux-musl" # cross\n', target: 'x86_64-unknown-linux-musl' },
    { text: '[build]\njobs = 2\n[target.x]\ntarget = "nope"\n', target: null },
    { text: '# [build]\n# target = "a"\n', target: null },
  ])('$text → $target', ({ text, target }) => {
    expect(readBuildTargetFromConfigText(text)).toBe(target);
  });
});

describe('linkWallMs', () => {
  const link = (startMs: number, durationMs: number) => ({ startMs, durationMs, exitCode: 0, output: 'x' });
  it.each([
    { name: 'no link', links: [], ms: 0 },
    { name: 'one link', links: [link(10, 5)], ms: 5 },
    { name: 'links one after another', links: [link(0, 10), link(20, 5)], ms: 15 },
    { name: 'parallel links count once', links: [link(0, 10), link(2, 10), link(4, 2)], ms: 12 },
    { name: 'touching links', links: [link(0, 10), link(10, 10)], ms: 20 },
    { name: 'unsorted input', links: [link(30, 10), link(0, 10), link(5, 10)], ms: 25 },
  ])('$name', ({ links, ms }) => {
    expect(linkWallMs(links)).toBeCloseTo(ms, 9);
  });
});

describe('renderLinkShim run for real', () => {
  let fake: string;
  beforeEach(() => {
    fake = writeExecutable(path.join(scratch, "fake driver's dir", 'cc'), FAKE_LINKER);
  });

  it.each<{ variant: Variant; dropBundledLld: boolean; driverArgs: string[] }>([
    { variant: 'default', dropBundledLld: false, driverArgs: RUSTC_ARGS },
    { variant: 'default', dropBundledLld: true, driverArgs: ['-o', 'out file', 'a.o'] },
    { variant: 'mold', dropBundledLld: false, driverArgs: [...RUSTC_ARGS, '-fuse-ld=mold'] },
    { variant: 'mold', dropBundledLld: true, driverArgs: ['-o', 'out file', 'a.o', '-fuse-ld=mold'] },
    { variant: 'bfd', dropBundledLld: false, driverArgs: [...RUSTC_ARGS, '-fuse-ld=bfd'] },
    { variant: 'bfd', dropBundledLld: true, driverArgs: ['-o', 'out file', 'a.o', '-fuse-ld=bfd'] },
    { variant: 'lld', dropBundledLld: true, driverArgs: ['-o', 'out file', 'a.o', '-fuse-ld=lld'] },
  ])('$variant, dropBundledLld $dropBundledLld', ({ variant, dropBundledLld, driverArgs }) => {
    const run = runShim({ variant, realLinker: fake, dropBundledLld, pathPrefix: null }, RUSTC_ARGS);
    expect(run.status).toBe(0);
    expect(run.driverArgs).toEqual(driverArgs);
    expect(run.driverPath).toBe(process.env.PATH);
    const records = parseLinkLog(run.log ?? '');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ exitCode: 0, output: 'out file' });
    expect(records[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(records[0]!.durationMs).toBeLessThan(60_000);
  });

  it('passes the driver exit status through and logs it', () => {
    const run = runShim(
      { variant: 'mold', realLinker: fake, dropBundledLld: true, pathPrefix: null },
      RUSTC_ARGS,
      {
        FAKE_STATUS: '7',
      },
    );
    expect(run.status).toBe(7);
    expect(parseLinkLog(run.log ?? '').map(({ exitCode, output }) => ({ exitCode, output }))).toEqual([
      { exitCode: 7, output: 'out file' },
    ]);
  });

  it('drops only the gcc-ld directory and lld selection, in any spelling rustc uses', () => {
    const args = [
      '-B/x/gcc-ld/',
      '-B/opt/tools',
      '-fuse-ld=gold',
      '-fuse-ld=lld',
      '-Wl,-fuse-ld=lld',
      "it's",
      '',
      '-o',
      'o',
    ];
    const run = runShim(
      { variant: 'default', realLinker: fake, dropBundledLld: true, pathPrefix: null },
      args,
    );
    expect(run.driverArgs).toEqual([
      '-B/opt/tools',
      '-fuse-ld=gold',
      '-Wl,-fuse-ld=lld',
      "it's",
      '',
      '-o',
      'o',
    ]);
  });

  it('appends one log line per link', () => {
    const spec = { variant: 'mold', realLinker: fake, dropBundledLld: false, pathPrefix: null } as const;
    runShim(spec, ['-o', 'first']);
    const run = runShim(spec, ['a.o', '-o', 'second', '-lm']);
    expect(parseLinkLog(run.log ?? '').map((record) => record.output)).toEqual(['first', 'second']);
  });

  it('logs an empty output when there is no -o', () => {
    const run = runShim({ variant: 'default', realLinker: fake, dropBundledLld: false, pathPrefix: null }, [
      'a.o',
    ]);
    expect(parseLinkLog(run.log ?? '').map((record) => record.output)).toEqual(['']);
  });

  it('writes no log without the log variable and still links', () => {
    const run = runShim(
      { variant: 'bfd', realLinker: fake, dropBundledLld: true, pathPrefix: null },
      RUSTC_ARGS,
      {
        [LINK_LOG_ENV]: '',
      },
    );
    expect([run.status, run.log, run.driverArgs]).toEqual([
      0,
      null,
      ['-o', 'out file', 'a.o', '-fuse-ld=bfd'],
    ]);
  });

  it('puts the path prefix first on PATH for the driver', () => {
    const prefix = path.join(scratch, 'mold bin');
    writeExecutable(path.join(prefix, 'fake-cc'), FAKE_LINKER);
    const run = runShim(
      { variant: 'mold', realLinker: 'fake-cc', dropBundledLld: false, pathPrefix: prefix },
      ['-o', 'x'],
    );
    expect(run.status).toBe(0);
    expect(run.driverPath).toBe(`${prefix}:${process.env.PATH}`);
    expect(run.driverArgs).toEqual(['-o', 'x', '-fuse-ld=mold']);
  });

  it('says which variant it applies', () => {
    const script = renderLinkShim({
      variant: 'lld',
      realLinker: 'cc',
      dropBundledLld: true,
      pathPrefix: null,
    });
    expect(script.split('\n').slice(0, 4)).toEqual([
      '#!/bin/sh',
      "# build-bench link shim, variant 'lld': times one link, applies the variant, runs the real driver.",
      "real='cc'",
      'drop_lld=1',
    ]);
  });
});

describe('readLinkerFromConfigText', () => {
  it.each([
    { name: 'target table', text: `[target.${TRIPLE}]\nlinker = "clang"`, linker: 'clang' },
    {
      name: 'single quotes',
      text: `[target.${TRIPLE}]\nlinker = '/usr/bin/clang'`,
      linker: '/usr/bin/clang',
    },
    { name: 'quoted table header', text: `[target.'${TRIPLE}']\nlinker = "clang"`, linker: 'clang' },
    {
      name: 'double-quoted table header',
      text: `[ target."${TRIPLE}" ]\nlinker="cc-wrap"`,
      linker: 'cc-wrap',
    },
    { name: 'dotted key at top level', text: `target.${TRIPLE}.linker = "clang-18"`, linker: 'clang-18' },
    { name: 'quoted dotted key', text: `target."${TRIPLE}".linker = "gcc"`, linker: 'gcc' },
    { name: 'dotted key in [target]', text: `[target]\n${TRIPLE}.linker = "tools/ld"`, linker: 'tools/ld' },
    {
      name: 'another triple ignored',
      text: `[target.aarch64-unknown-linux-gnu]\nlinker = "aarch64-linux-gnu-gcc"\n\n[target.${TRIPLE}]\nlinker = "clang"`,
      linker: 'clang',
    },
    { name: 'only another triple', text: `[target.aarch64-unknown-linux-gnu]\nlinker = "x"`, linker: null },
    { name: 'another triple dotted', text: `target.aarch64-unknown-linux-gnu.linker = "x"`, linker: null },
    { name: 'commented out', text: `[target.${TRIPLE}]\n# linker = "clang"`, linker: null },
    { name: 'trailing comment', text: `[target.${TRIPLE}]\nlinker = "clang" # fast`, linker: 'clang' },
    { name: 'commented-out header', text: `# [target.${TRIPLE}]\n[build]\nlinker = "x"`, linker: null },
    { name: 'other table of the triple', text: `[target.${TRIPLE}.env]\nlinker = "x"`, linker: null },
    {
      name: 'linker under [build]',
      text: `[build]\nlinker = "x"\nrustflags = ["-Cdebuginfo=0"]`,
      linker: null,
    },
    {
      name: 'table left before linker',
      text: `[target.${TRIPLE}]\nrunner = "qemu"\n[env]\nlinker = "x"`,
      linker: null,
    },
    {
      name: 'rustflags only',
      text: `[target.${TRIPLE}]\nrustflags = ["-C", "link-arg=-fuse-ld=mold"]`,
      linker: null,
    },
    { name: 'CRLF line ends', text: `[target.${TRIPLE}]\r\nlinker = "clang"\r\n`, linker: 'clang' },
    { name: 'empty file', text: '', linker: null },
  ])('$name', ({ text, linker }) => {
    expect(readLinkerFromConfigText(text, TRIPLE)).toBe(linker);
  });
});

describe('findConfiguredLinker', () => {
  let project: string;
  let cargoHome: string;
  let env: NodeJS.ProcessEnv;

  function writeConfig(directory: string, linker: string, name = 'config.toml'): string {
    const file = path.join(directory, '.cargo', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `[target.${TRIPLE}]\nlinker = "${linker}"\n`);
    return file;
  }

  beforeEach(() => {
    project = path.join(scratch, 'repo', 'crates', 'app');
    mkdirSync(project, { recursive: true });
    cargoHome = path.join(scratch, 'cargo-home');
    mkdirSync(cargoHome);
    env = { CARGO_HOME: cargoHome, HOME: path.join(scratch, 'home') };
  });

  it('names the environment variable cargo reads', () => {
    expect(linkerEnvName(TRIPLE)).toBe('CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER');
    expect(linkerEnvName('thumbv7em-none-eabihf')).toBe('CARGO_TARGET_THUMBV7EM_NONE_EABIHF_LINKER');
  });

  it('finds nothing when nothing is configured', () => {
    expect(findConfiguredLinker(project, TRIPLE, env)).toBeNull();
  });

  it('lets the environment variable win over config files', () => {
    writeConfig(project, 'clang');
    const found = findConfiguredLinker(project, TRIPLE, {
      ...env,
      CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER: 'gcc-12',
    });
    expect(found).toEqual({ linker: 'gcc-12', source: 'CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER' });
  });

  it('ignores an empty environment variable', () => {
    const file = writeConfig(project, 'clang');
    const found = findConfiguredLinker(project, TRIPLE, {
      ...env,
      CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER: '',
    });
    expect(found).toEqual({ linker: 'clang', source: file });
  });

  it("prefers the nearest .cargo/config.toml over a parent's", () => {
    writeConfig(path.join(scratch, 'repo'), 'gcc');
    const nearest = writeConfig(project, 'clang');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'clang', source: nearest });
  });

  it("uses a parent's config when the nearer one sets no linker", () => {
    mkdirSync(path.join(project, '.cargo'));
    writeFileSync(path.join(project, '.cargo', 'config.toml'), '[build]\njobs = 2\n');
    const parent = writeConfig(path.join(scratch, 'repo'), 'clang', 'config');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'clang', source: parent });
  });

  it('resolves a relative path with a slash against the directory holding .cargo', () => {
    const file = writeConfig(path.join(scratch, 'repo'), 'tools/ld-wrap');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({
      linker: path.join(scratch, 'repo', 'tools', 'ld-wrap'),
      source: file,
    });
  });

  it('keeps a bare name as it is', () => {
    const file = writeConfig(path.join(scratch, 'repo'), 'ld-wrap');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'ld-wrap', source: file });
  });

  it('keeps an absolute path as it is', () => {
    const file = writeConfig(project, '/opt/bin/cc');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: '/opt/bin/cc', source: file });
  });

  it('reads the CARGO_HOME config last', () => {
    const home = path.join(cargoHome, 'config.toml');
    writeFileSync(home, `[target.${TRIPLE}]\nlinker = "clang"\n`);
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'clang', source: home });
    const local = writeConfig(project, 'gcc');
    expect(findConfiguredLinker(project, TRIPLE, env)).toEqual({ linker: 'gcc', source: local });
  });

  it('falls back to HOME/.cargo without CARGO_HOME', () => {
    const file = writeConfig(path.join(scratch, 'home'), 'clang');
    expect(findConfiguredLinker(project, TRIPLE, { HOME: path.join(scratch, 'home') })).toEqual({
      linker: 'clang',
      source: file,
    });
  });
});
