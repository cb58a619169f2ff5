/**
 * The compiled shims, run for real against a stand-in driver: what they pass on, what they log, response files,
 * the exit status, the rustc wrapper's crate log, and the nanosecond time setter.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Linker } from '../../src/config/config.js';
import { compileShims, installShim } from '../../src/shims/io/compile-shims.js';
import { crateLabel, linkWallMs, parseCrateLog, parseLinkLog } from '../../src/shims/link-log.js';
import { linkShimEnv } from '../../src/shims/link-shim-env.js';
import { LINK_SHIM_NAME, RUSTC_WRAPPER_NAME, SET_TIMES_NAME, SHIM_ENV } from '../../src/shims/shim-env.js';
import { createProcessRunner } from '../../src/system/process-runner.js';
import { linkerKeepsBundledLld, planLinkShim, type LinkerTools } from '../../src/variants/linker-plan.js';

let scratch: string;
let binary: string;
let shim: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'link-shim-test-'));
  binary = (await compileShims(path.join(scratch, 'bin'), createProcessRunner(), process.env)).binary;
  shim = installShim(binary, path.join(scratch, 'shim', LINK_SHIM_NAME));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function writeExecutable(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  return file;
}

/** A stand-in for the real driver: writes each argument on its own line (response files expanded), and PATH. */
const FAKE_DRIVER = `#!/bin/sh
for arg do
  case "$arg" in
    @*) printf '@%s\\n' "$(tr '\\n' '|' < "\${arg#@}")" ;;
    *) printf '%s\\n' "$arg" ;;
  esac
done > "$FAKE_ARGS_OUT"
printf '%s' "$PATH" > "$FAKE_PATH_OUT"
exit "\${FAKE_STATUS:-0}"
`;

/** What rustc passes to a linker that keeps its bundled lld, plus the output and one object. */
const RUSTC_ARGS = ['-B/x/gcc-ld', '-fuse-ld=lld', '-o', 'out file', 'a.o'];

interface ShimRun {
  readonly status: number | null;
  readonly driverArgs: string[];
  readonly driverPath: string;
  readonly log: string;
}

function runShim(
  env: Record<string, string>,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
): ShimRun {
  const argsOut = path.join(scratch, 'args.txt');
  const pathOut = path.join(scratch, 'path.txt');
  const logFile = path.join(scratch, `links-${Math.random()}.log`);
  rmSync(argsOut, { force: true });
  const result = spawnSync(shim, args, {
    cwd: scratch,
    env: {
      PATH: process.env.PATH,
      FAKE_ARGS_OUT: argsOut,
      FAKE_PATH_OUT: pathOut,
      [SHIM_ENV.linkLog]: logFile,
      ...env,
      ...extraEnv,
    },
    encoding: 'utf8',
  });
  expect(result.error).toBeUndefined();
  return {
    status: result.status,
    driverArgs: existsSync(argsOut) ? readFileSync(argsOut, 'utf8').split('\n').slice(0, -1) : [],
    driverPath: existsSync(pathOut) ? readFileSync(pathOut, 'utf8') : '',
    log: existsSync(logFile) ? readFileSync(logFile, 'utf8') : '',
  };
}

function fakeDriver(): string {
  return writeExecutable(path.join(scratch, "fake driver's dir", 'cc'), FAKE_DRIVER);
}

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

describe('planLinkShim', () => {
  const tools = (overrides: Partial<LinkerTools> = {}): LinkerTools => ({
    realLinker: 'cc',
    mold: { binDir: '/opt/mold/bin', fallbackDir: null },
    systemLld: true,
    ...overrides,
  });
  it.each<{
    variant: Linker;
    given: Partial<LinkerTools>;
    drop: boolean;
    append: string[];
    prefix: string | null;
  }>([
    { variant: 'default', given: {}, drop: false, append: [], prefix: null },
    { variant: 'default', given: { realLinker: 'gcc' }, drop: true, append: [], prefix: null },
    { variant: 'mold', given: {}, drop: false, append: ['-fuse-ld=mold'], prefix: '/opt/mold/bin' },
    {
      variant: 'mold',
      given: { realLinker: 'clang' },
      drop: true,
      append: ['-fuse-ld=mold'],
      prefix: '/opt/mold/bin',
    },
    {
      variant: 'mold',
      given: { mold: { binDir: '/opt/mold/bin', fallbackDir: '/t/mold-ld' } },
      drop: true,
      append: ['-B/t/mold-ld'],
      prefix: null,
    },
    { variant: 'lld', given: {}, drop: true, append: ['-fuse-ld=lld'], prefix: null },
    { variant: 'lld', given: { systemLld: false }, drop: false, append: ['-fuse-ld=lld'], prefix: null },
    { variant: 'bfd', given: {}, drop: true, append: ['-fuse-ld=bfd'], prefix: null },
  ])('$variant with $given', ({ variant, given, drop, append, prefix }) => {
    expect(planLinkShim(variant, tools(given))).toEqual({
      realLinker: given.realLinker ?? 'cc',
      dropBundledLld: drop,
      appendFlags: append,
      pathPrefix: prefix,
    });
  });
});

describe('the link shim, run for real', () => {
  const spec = (dropBundledLld: boolean, appendFlags: string[] = [], pathPrefix: string | null = null) =>
    linkShimEnv({ realLinker: fakeDriver(), dropBundledLld, appendFlags, pathPrefix });

  it.each([
    { drop: false, append: [], driverArgs: RUSTC_ARGS },
    { drop: true, append: [], driverArgs: ['-o', 'out file', 'a.o'] },
    { drop: false, append: ['-fuse-ld=mold'], driverArgs: [...RUSTC_ARGS, '-fuse-ld=mold'] },
    { drop: true, append: ['-fuse-ld=bfd'], driverArgs: ['-o', 'out file', 'a.o', '-fuse-ld=bfd'] },
    { drop: true, append: ['-B/t/mold-ld'], driverArgs: ['-o', 'out file', 'a.o', '-B/t/mold-ld'] },
  ])('drop $drop, append $append', ({ drop, append, driverArgs }) => {
    const run = runShim(spec(drop, append), RUSTC_ARGS);
    expect(run.status).toBe(0);
    expect(run.driverArgs).toEqual(driverArgs);
    expect(run.driverPath).toBe(process.env.PATH);
    const records = parseLinkLog(run.log);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ exitCode: 0, output: 'out file' });
    expect(records[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(records[0]!.overheadMs).toBeGreaterThanOrEqual(0);
    expect(records[0]!.overheadMs).toBeLessThan(1000);
  });

  it('passes the driver exit status through and logs it', () => {
    const run = runShim(spec(true, ['-fuse-ld=mold']), RUSTC_ARGS, { FAKE_STATUS: '7' });
    expect(run.status).toBe(7);
    expect(parseLinkLog(run.log).map(({ exitCode, output }) => ({ exitCode, output }))).toEqual([
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
    expect(runShim(spec(true), args).driverArgs).toEqual([
      '-B/opt/tools',
      '-fuse-ld=gold',
      '-Wl,-fuse-ld=lld',
      "it's",
      '',
      '-o',
      'o',
    ]);
  });

  it('logs an empty output when there is no -o, and writes no log without the log variable', () => {
    expect(parseLinkLog(runShim(spec(false), ['a.o']).log).map((record) => record.output)).toEqual(['']);
    const run = runShim(spec(true, ['-fuse-ld=bfd']), RUSTC_ARGS, { [SHIM_ENV.linkLog]: '' });
    expect([run.status, run.log, run.driverArgs]).toEqual([0, '', ['-o', 'out file', 'a.o', '-fuse-ld=bfd']]);
  });

  it('puts the path prefix first on PATH for the driver', () => {
    const prefix = path.join(scratch, 'mold bin');
    writeExecutable(path.join(prefix, 'fake-cc'), FAKE_DRIVER);
    const run = runShim(
      {
        ...linkShimEnv({
          realLinker: 'fake-cc',
          dropBundledLld: false,
          appendFlags: ['-fuse-ld=mold'],
          pathPrefix: prefix,
        }),
      },
      ['-o', 'x'],
    );
    expect(run.status).toBe(0);
    expect(run.driverPath).toBe(`${prefix}:${process.env.PATH}`);
    expect(run.driverArgs).toEqual(['-o', 'x', '-fuse-ld=mold']);
  });

  it('reads -o from a response file, as rustc writes one when the command line is too long', () => {
    const response = path.join(scratch, 'linker-arguments');
    // rustc's GNU style: one argument a line, backslash before backslashes and spaces.
    writeFileSync(
      response,
      ['-B/x/gcc-ld', '-fuse-ld=lld', '-o', '/tmp/my\\ app/target/debug/deps/app-1a2b', 'a.o'].join('\n'),
    );
    const kept = runShim(spec(false, ['-fuse-ld=mold']), [`@${response}`]);
    expect(parseLinkLog(kept.log)[0]!.output).toBe('/tmp/my app/target/debug/deps/app-1a2b');
    expect(kept.driverArgs[0]).toBe(`@${readFileSync(response, 'utf8').replace(/\n/g, '|')}`);
    expect(kept.driverArgs.at(-1)).toBe('-fuse-ld=mold');
  });

  it('rewrites a response file that holds the lld selection for bfd, and removes the rewritten copy', () => {
    const response = path.join(scratch, 'rustc-args');
    writeFileSync(
      response,
      ['-B/x/gcc-ld', '-fuse-ld=lld', '-Wl,--as-needed', '-o', 'a\\ b', 'x.o'].join('\n'),
    );
    const run = runShim(spec(true, ['-fuse-ld=bfd']), [`@${response}`, '-lm']);
    expect(run.status).toBe(0);
    expect(parseLinkLog(run.log)[0]!.output).toBe('a b');
    // The driver got a new response file without the lld selection, escaped so it reads back the same.
    expect(run.driverArgs[0]).toBe('@-Wl,--as-needed|-o|a\\ b|x.o|');
    expect(run.driverArgs.slice(1)).toEqual(['-lm', '-fuse-ld=bfd']);
    expect(readFileSync(response, 'utf8')).toContain('-fuse-ld=lld');
    expect(
      spawnSync('sh', ['-c', `ls ${scratch} | grep -c '^rustc-args.bb-' || true`], {
        encoding: 'utf8',
      }).stdout.trim(),
    ).toBe('0');
  });

  it('keeps its own cost per link small and flat from 250 to 10,000 arguments', () => {
    const noop = writeExecutable(path.join(scratch, 'noop-driver'), '#!/bin/sh\nexit 0\n');
    for (const count of [250, 10_000]) {
      const args = Array.from(
        { length: count },
        (_, index) => `/home/runner/work/p/target/debug/deps/libcrate_${index}-0123456789abcdef.rlib`,
      );
      const run = runShim(
        linkShimEnv({
          realLinker: noop,
          dropBundledLld: true,
          appendFlags: ['-fuse-ld=mold'],
          pathPrefix: null,
        }),
        [...args, '-o', 'out'],
      );
      expect(run.status).toBe(0);
      // Measured inside the shim: scanning the arguments and writing the log, without the driver.
      expect(parseLinkLog(run.log)[0]!.overheadMs).toBeLessThan(20);
    }
  });
});

describe('the rustc wrapper', () => {
  it('runs rustc (through the user wrapper when there is one) and logs the crate it compiled', () => {
    const wrapper = installShim(binary, path.join(scratch, 'wrap', RUSTC_WRAPPER_NAME));
    const fakeRustc = writeExecutable(
      path.join(scratch, 'fake-rustc'),
      '#!/bin/sh\nprintf "%s\\n" "$@" > "$FAKE_ARGS_OUT"\nexit 0\n',
    );
    const userWrapper = writeExecutable(
      path.join(scratch, 'sccache-like'),
      '#!/bin/sh\necho user >> "$FAKE_ARGS_OUT.user"\nexec "$@"\n',
    );
    const crateLog = path.join(scratch, 'crates.log');
    const argsOut = path.join(scratch, 'rustc-args.txt');
    const env = {
      PATH: process.env.PATH,
      FAKE_ARGS_OUT: argsOut,
      [SHIM_ENV.crateLog]: crateLog,
      [SHIM_ENV.userWrapper]: userWrapper,
      CARGO_PKG_NAME: 'demo-app',
      CARGO_PKG_VERSION: '0.1.0',
    };
    const result = spawnSync(
      wrapper,
      [fakeRustc, '--crate-name', 'demo_app', '--edition=2021', '--crate-type', 'bin', 'src/main.rs'],
      { env, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(readFileSync(argsOut, 'utf8')).toBe(
      '--crate-name\ndemo_app\n--edition=2021\n--crate-type\nbin\nsrc/main.rs\n',
    );
    expect(readFileSync(`${argsOut}.user`, 'utf8')).toBe('user\n');
    const [record] = parseCrateLog(readFileSync(crateLog, 'utf8'));
    expect(record).toMatchObject({
      exitCode: 0,
      packageName: 'demo-app',
      packageVersion: '0.1.0',
      crateName: 'demo_app',
      crateTypes: ['bin'],
    });
    expect(crateLabel(record!)).toBe('demo-app 0.1.0 (bin demo_app)');
    // cargo's probes (`rustc -vV`, crate `___`) are not crates.
    spawnSync(wrapper, [fakeRustc, '-vV'], { env });
    spawnSync(wrapper, [fakeRustc, '-', '--crate-name', '___', '--print=file-names'], { env });
    expect(parseCrateLog(readFileSync(crateLog, 'utf8'))).toHaveLength(1);
  });

  it('logs the codegen options that profile settings become, in the order rustc got them, and no others', () => {
    const wrapper = installShim(binary, path.join(scratch, 'wrap-options', RUSTC_WRAPPER_NAME));
    const crateLog = path.join(scratch, 'options.log');
    const env = { PATH: process.env.PATH, [SHIM_ENV.crateLog]: crateLog, CARGO_PKG_NAME: 'app' };
    const args = [
      ...['--crate-name', 'app', '--crate-type', 'lib', '-C', 'opt-level=1', '-Cdebuginfo=2'],
      ...['-C', 'incremental=/a path/with spaces', '-C', 'metadata=0123abcd', '-C', 'linker=/x/cc'],
      ...['--codegen', 'codegen-units=16', '--codegen=lto', '-g', '-O', '-Z', 'codegen-backend=cranelift'],
      ...['-C', 'split-debuginfo=unpacked', '-Zthreads=8', '-C', 'strip=debuginfo'],
    ];
    expect(spawnSync(wrapper, ['true', ...args], { env }).status).toBe(0);
    const [record] = parseCrateLog(readFileSync(crateLog, 'utf8'));
    expect(record?.options).toEqual([
      'opt-level=1',
      'debuginfo=2',
      'incremental',
      'codegen-units=16',
      'lto',
      'debuginfo=2',
      'opt-level=3',
      'codegen-backend=cranelift',
      'split-debuginfo=unpacked',
      'strip=debuginfo',
    ]);
  });

  it('reads a crate log line written before options were logged', () => {
    const [record] = parseCrateLog('1000000 2000000 0 5 demo 0.1.0 demo lib\n');
    expect(record).toMatchObject({ crateName: 'demo', crateTypes: ['lib'], options: [] });
  });

  it.each([
    { name: 'serde', version: '1.0.210', crate: 'serde', types: ['lib'], label: 'serde 1.0.210' },
    {
      name: 'serde_derive',
      version: '1.0.210',
      crate: 'serde_derive',
      types: ['proc-macro'],
      label: 'serde_derive 1.0.210',
    },
    {
      name: 'serde',
      version: '1.0.210',
      crate: 'build_script_build',
      types: ['bin'],
      label: 'serde 1.0.210 (build script)',
    },
    { name: 'app', version: '0.1.0', crate: 'app', types: [], label: 'app 0.1.0 (test app)' },
  ])('labels $label', ({ name, version, crate, types, label }) => {
    const record = {
      startMs: 0,
      durationMs: 1,
      exitCode: 0,
      overheadMs: 0,
      packageName: name,
      packageVersion: version,
      crateName: crate,
      crateTypes: types,
      options: [],
    };
    expect(crateLabel(record)).toBe(label);
  });
});

describe('the time setter', () => {
  it('sets modification times to the nanosecond, for many files in one process', () => {
    const setter = installShim(binary, path.join(scratch, 'times', SET_TIMES_NAME));
    const files = Array.from({ length: 3 }, (_, index) => path.join(scratch, `file ${index}.rs`));
    for (const file of files) writeFileSync(file, 'x');
    const input = files
      .map((file, index) => `1600000000123456789 ${1600000000987654321n + BigInt(index)} ${file}\n`)
      .join('');
    expect(spawnSync(setter, [], { input }).status).toBe(0);
    expect(files.map((file) => statSync(file, { bigint: true }).mtimeNs)).toEqual([
      1600000000987654321n,
      1600000000987654322n,
      1600000000987654323n,
    ]);
  });
});

describe('parseLinkLog and linkWallMs', () => {
  it('reads good lines, paths with spaces, and skips broken ones', () => {
    const text = [
      '1700000000000000000 1700000000250000000 0 120000 target/debug/deps/app-1a2b',
      '1700000001000000000 1700000001000123456 1 0 /tmp/my project/target/debug/my app',
      '1700000000000000000 17000',
      'linking failed',
      '',
    ].join('\n');
    expect(parseLinkLog(text)).toEqual([
      {
        startMs: 1700000000000,
        durationMs: 250,
        exitCode: 0,
        overheadMs: 0.12,
        output: 'target/debug/deps/app-1a2b',
      },
      {
        startMs: 1700000001000,
        durationMs: 0.123456,
        exitCode: 1,
        overheadMs: 0,
        output: '/tmp/my project/target/debug/my app',
      },
    ]);
  });

  it('counts parallel links once', () => {
    const records = parseLinkLog(
      ['1000000000 3000000000 0 0 a', '2000000000 4000000000 0 0 b', '6000000000 7000000000 0 0 c'].join(
        '\n',
      ),
    );
    expect(linkWallMs(records)).toBe(4000);
  });
});
