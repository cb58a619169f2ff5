/**
 * src/shims/shim.c as C: it compiles without a single warning under gcc and clang with the `-D` arguments that
 * name its environment variables, refuses to compile without them, names none of those variables itself, and
 * the generated module that carries it into the bundle holds exactly its bytes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIM_C_SOURCE } from '../../src/shims/shim-c-source.js';
import {
  RUSTC_WRAPPER_NAME,
  SET_TIMES_NAME,
  LINK_REPLAY_NAME,
  SHIM_ENV,
  shimDefines,
  shimEnvMacro,
} from '../../src/shims/shim-env.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shimC = path.join(root, 'src', 'shims', 'shim.c');
const generated = path.join(root, 'src', 'shims', 'shim-c-source.ts');
/** Strict C11 where every warning fails; -O2 as compile-shims.ts builds it, since some warnings need it. */
const STRICT_FLAGS = ['-std=c11', '-Wall', '-Wextra', '-Werror', '-O2'];

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'shim-c-test-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function onPath(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).error === undefined;
}

interface Compiled {
  readonly status: number | null;
  /** The compiler's diagnostics; empty when it had nothing to say. */
  readonly stderr: string;
}

function compile(compiler: string, defines: readonly string[]): Compiled {
  const output = path.join(scratch, `shim-${compiler}-${defines.length}`);
  const result = spawnSync(compiler, [...STRICT_FLAGS, ...defines, '-o', output, shimC], {
    encoding: 'utf8',
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stderr: result.stderr };
}

const clangPresent = onPath('clang');

describe('shim.c compiles cleanly', () => {
  it('with gcc and the -D arguments, without a warning', () => {
    expect(compile('gcc', shimDefines())).toEqual({ status: 0, stderr: '' });
  });

  it.skipIf(!clangPresent)(
    `with clang and the -D arguments, without a warning${clangPresent ? '' : ' (skipped: clang is not on PATH)'}`,
    () => {
      expect(compile('clang', shimDefines())).toEqual({ status: 0, stderr: '' });
    },
  );

  it('fails with a clear message without the -D arguments', () => {
    const result = compile('gcc', []);
    expect(result.status).not.toBe(0);
    for (const key of Object.keys(SHIM_ENV) as (keyof typeof SHIM_ENV)[]) {
      expect(result.stderr).toContain(`${shimEnvMacro(key)} is not defined`);
    }
  });
});

describe('shim.c and the TypeScript agree', () => {
  const source = readFileSync(shimC, 'utf8');

  it('names no environment variable of SHIM_ENV itself, only the macros that hold the names', () => {
    for (const [key, name] of Object.entries(SHIM_ENV) as [keyof typeof SHIM_ENV, string][]) {
      expect(source).not.toContain(name);
      expect(source).toContain(`#ifndef ${shimEnvMacro(key)}\n`);
      expect(source).toMatch(new RegExp(`getenv\\(${shimEnvMacro(key)}\\)|env_or\\(${shimEnvMacro(key)},`));
    }
  });

  it('defines each macro as the C string of its name, one argument each', () => {
    expect(shimDefines()).toEqual([
      '-DBB_ENV_LINK_LOG="BUILD_BENCH_LINK_LOG"',
      '-DBB_ENV_REAL_LINKER="BUILD_BENCH_REAL_LINKER"',
      '-DBB_ENV_LINK_APPEND="BUILD_BENCH_LINK_APPEND"',
      '-DBB_ENV_DROP_LLD="BUILD_BENCH_DROP_LLD"',
      '-DBB_ENV_DROP_FUSE_LD="BUILD_BENCH_DROP_FUSE_LD"',
      '-DBB_ENV_PATH_PREFIX="BUILD_BENCH_PATH_PREFIX"',
      '-DBB_ENV_CRATE_LOG="BUILD_BENCH_CRATE_LOG"',
      '-DBB_ENV_USER_WRAPPER="BUILD_BENCH_USER_WRAPPER"',
      '-DBB_ENV_LINK_CAPTURE="BUILD_BENCH_LINK_CAPTURE"',
      '-DBB_ENV_PREFIX="BUILD_BENCH_"',
    ]);
  });

  it('picks its roles by the program names the TypeScript installs', () => {
    expect(source).toContain(`"${RUSTC_WRAPPER_NAME}"`);
    expect(source).toContain(`"${SET_TIMES_NAME}"`);
    expect(source).toContain(`"${LINK_REPLAY_NAME}"`);
  });

  it('is carried into the bundle byte for byte (else run node scripts/generate-input-docs.mjs)', () => {
    expect(SHIM_C_SOURCE).toBe(source);
    expect(Buffer.from(SHIM_C_SOURCE, 'utf8').equals(readFileSync(shimC))).toBe(true);
    expect(readFileSync(generated, 'utf8').split('\n')[0]).toContain(
      'Generated from src/shims/shim.c by scripts/generate-input-docs.mjs',
    );
  });
});
