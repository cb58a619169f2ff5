/**
 * The names shared by the TypeScript that runs the shims and the C program they are (src/shims/shim.c, whose
 * header describes the four roles): the environment variables the shims read, and the file names that pick a
 * role. The C code receives the environment variable names as macros, through the arguments of `shimDefines()`.
 */

/** Environment variables the shims read; set per build by the engine, never by the user. */
export const SHIM_ENV = {
  linkLog: 'BUILD_BENCH_LINK_LOG',
  realLinker: 'BUILD_BENCH_REAL_LINKER',
  /** Flags appended to the driver's command line, one per line; later `-fuse-ld` wins. */
  linkAppend: 'BUILD_BENCH_LINK_APPEND',
  /** `1`: drop `-fuse-ld=lld` and `-B…/gcc-ld` (rustc's bundled lld) before running the driver. */
  dropLld: 'BUILD_BENCH_DROP_LLD',
  /** `1`: drop every `-fuse-ld=` but `-fuse-ld=lld` (a project's own linker choice), for `toolchain`. */
  dropFuseLd: 'BUILD_BENCH_DROP_FUSE_LD',
  /** A directory put first on PATH for the driver (mold's, so `-fuse-ld=mold` finds `ld.mold`). */
  pathPrefix: 'BUILD_BENCH_PATH_PREFIX',
  crateLog: 'BUILD_BENCH_CRATE_LOG',
  /** The user's own RUSTC_WRAPPER (e.g. sccache), run by the wrapper shim; empty: rustc directly. */
  userWrapper: 'BUILD_BENCH_USER_WRAPPER',
  /** A folder where the link shim keeps each link that succeeded, to be replayed; set in prepare builds only. */
  linkCapture: 'BUILD_BENCH_LINK_CAPTURE',
} as const;

/** What every name in SHIM_ENV starts with. */
export const SHIM_ENV_PREFIX = 'BUILD_BENCH_';

/** Cargo's target linker: logs each link to the link log. Also the role of any name not listed here. */
export const LINK_SHIM_NAME = 'build-bench-link-shim';
/** Cargo's RUSTC_WRAPPER: logs each crate rustc compiles to the crate log. */
export const RUSTC_WRAPPER_NAME = 'build-bench-rustc-wrapper';
/** Replays captured links (`build-bench-link-replay <capture folder>...`), as the link shim links. */
export const LINK_REPLAY_NAME = 'build-bench-link-replay';
/** Sets source files' access and modification times to the nanosecond, from lines on standard input. */
export const SET_TIMES_NAME = 'build-bench-set-times';

/** The C macro that holds one variable's name: `linkLog` → `BB_ENV_LINK_LOG`. */
export function shimEnvMacro(key: keyof typeof SHIM_ENV): string {
  return `BB_ENV_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

/**
 * The compiler arguments that define every `SHIM_ENV` name for shim.c as a C string, one argument each, for an
 * argument array (no shell): `-DBB_ENV_LINK_LOG="BUILD_BENCH_LINK_LOG"`, the quotes part of the macro's value.
 */
export function shimDefines(): string[] {
  const names = Object.values(SHIM_ENV);
  if (!names.every((name) => name.startsWith(SHIM_ENV_PREFIX)))
    throw new Error('Every shim variable starts alike');
  const defines = (Object.keys(SHIM_ENV) as (keyof typeof SHIM_ENV)[]).map((key) => {
    const name = SHIM_ENV[key];
    // A plain name needs no escaping inside a C string literal; anything else would need it.
    if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`Not a plain environment variable name: ${name}`);
    return `-D${shimEnvMacro(key)}="${name}"`;
  });
  // The replay keeps this run's variables (those that start so) over the captured environment's.
  return [...defines, `-DBB_ENV_PREFIX="${SHIM_ENV_PREFIX}"`];
}
