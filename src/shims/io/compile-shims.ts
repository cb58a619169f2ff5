/** Compiles the C shims once per source and machine, with the host's C driver, and installs copies where needed. */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { ProcessRunner } from '../../system/ports.js';
import { SHIM_C_SOURCE } from '../shim-c-source.js';
import { shimDefines } from '../shim-env.js';

/** Drivers tried in turn: the shim runs on the host, so a cross linker (`aarch64-linux-gnu-gcc`) will not do. */
const HOST_C_DRIVERS = ['cc', 'gcc', 'clang'] as const;
/** Static first: it starts faster (no dynamic loader) inside every link; dynamic where libc.a is missing. */
const FLAG_SETS = [['-O2', '-static'], ['-O2']] as const;

export interface CompiledShims {
  /** The compiled program; copied to each name it answers to (see shim.c). */
  readonly binary: string;
  /** e.g. `cc -O2 -static`. */
  readonly compiledWith: string;
}

export class ShimCompileError extends Error {
  constructor(tried: readonly string[]) {
    super(
      `The link shim could not be compiled (it is C, built with the driver that links Rust): ${tried.join('; ')}`,
    );
    this.name = 'ShimCompileError';
  }
}

/**
 * `<directory>/<hash>/build-bench-shim`, compiled when missing; a rename makes concurrent runs safe. The hash covers
 * the source and the `-D` arguments that name its environment variables: a change to either compiles anew.
 */
export async function compileShims(
  directory: string,
  runner: ProcessRunner,
  env: NodeJS.ProcessEnv,
): Promise<CompiledShims> {
  const defines = shimDefines();
  const hash = createHash('sha256')
    .update(SHIM_C_SOURCE)
    .update(`\0${defines.join('\0')}`)
    .digest('hex')
    .slice(0, 16);
  const folder = path.join(directory, hash);
  const binary = path.join(folder, 'build-bench-shim');
  const stamp = `${binary}.compiled-with`;
  if (existsSync(binary) && existsSync(stamp)) return { binary, compiledWith: readFileSync(stamp, 'utf8') };
  mkdirSync(folder, { recursive: true });
  const source = path.join(folder, 'shim.c');
  writeFileSync(source, SHIM_C_SOURCE);
  const tried: string[] = [];
  for (const driver of HOST_C_DRIVERS) {
    for (const flags of FLAG_SETS) {
      const temporary = `${binary}.${process.pid}.tmp`;
      const result = await runner
        .run(driver, [...flags, ...defines, '-o', temporary, source], { env, tailLines: 5 })
        .catch(() => null);
      if (result?.exitCode === 0 && existsSync(temporary)) {
        renameSync(temporary, binary);
        const compiledWith = [driver, ...flags].join(' ');
        writeFileSync(stamp, compiledWith);
        return { binary, compiledWith };
      }
      rmSync(temporary, { force: true });
      tried.push(
        `${[driver, ...flags].join(' ')}: ${result === null ? 'not found' : (result.outputTail.split('\n').at(-1) ?? `exit ${result.exitCode}`)}`,
      );
      if (result === null) break;
    }
  }
  throw new ShimCompileError(tried);
}

/**
 * A copy of the shim at `destination` (its file name picks its role). The path is what cargo fingerprints, so it
 * stays the same from run to run; the file is only rewritten when its content differs.
 */
export function installShim(binary: string, destination: string): string {
  mkdirSync(path.dirname(destination), { recursive: true });
  const wanted = readFileSync(binary);
  if (!existsSync(destination) || !readFileSync(destination).equals(wanted)) {
    const temporary = `${destination}.${process.pid}.tmp`;
    copyFileSync(binary, temporary);
    chmodSync(temporary, 0o755);
    renameSync(temporary, destination);
  }
  return destination;
}
