/** Per variant: its own target directory, its link shim (Cargo) or `mold -run` (any command), its environment. */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config, Variant } from '../config/config.js';
import { linkerEnvName } from './configured-linker.js';
import { LINK_SHIM_NAME, linkerKeepsBundledLld, renderLinkShim } from './link-shim-script.js';

export interface VariantSetup {
  readonly variant: Variant;
  /** Where this variant's build output goes (CARGO_TARGET_DIR for Cargo). */
  readonly targetDir: string;
  /** Program and arguments of one build. */
  readonly file: string;
  readonly args: readonly string[];
  /** Environment additions for every build of this variant. */
  readonly env: Readonly<Record<string, string>>;
  /** Whether link times are recorded (the shim is in place). */
  readonly timesLinks: boolean;
}

export interface CargoFacts {
  /** Cargo's target directory for the workspace; variants build under `<it>/build-bench/<variant>`. */
  readonly targetDirectory: string;
  /** Triples whose linker the shim replaces: the host and any `--target` of the command. */
  readonly triples: readonly string[];
  /** The driver rustc would run: the configured linker, or `cc`. */
  readonly realLinker: string;
  /** The shim needs GNU date and a cc driver: Linux only; elsewhere builds run without link timing. */
  readonly withShim: boolean;
}

/** `<target>/build-bench`: everything build-bench writes into the user's project lives here. */
export function benchDirectory(targetDirectory: string): string {
  return path.join(targetDirectory, 'build-bench');
}

/**
 * Writes the shim for a Cargo variant. Its path stays the same from run to run: cargo rebuilds every
 * crate when the configured linker's path changes.
 */
export function setUpCargoVariant(
  config: Config,
  cargo: CargoFacts,
  variant: Variant,
  moldBinDir: string | null,
): VariantSetup {
  const root = benchDirectory(cargo.targetDirectory);
  const targetDir = path.join(root, variant);
  if (!cargo.withShim) {
    const env = { CARGO_TARGET_DIR: targetDir };
    return { variant, targetDir, file: '/bin/sh', args: ['-c', config.command], env, timesLinks: false };
  }
  const shimPath = path.join(root, 'shims', variant, LINK_SHIM_NAME);
  mkdirSync(path.dirname(shimPath), { recursive: true });
  const dropBundledLld = variant === 'bfd' || !linkerKeepsBundledLld(cargo.realLinker);
  writeFileSync(
    shimPath,
    renderLinkShim({
      variant,
      realLinker: cargo.realLinker,
      dropBundledLld,
      pathPrefix: variant === 'mold' ? moldBinDir : null,
    }),
  );
  chmodSync(shimPath, 0o755);
  const env: Record<string, string> = { CARGO_TARGET_DIR: targetDir };
  for (const triple of cargo.triples) env[linkerEnvName(triple)] = shimPath;
  return { variant, targetDir, file: '/bin/sh', args: ['-c', config.command], env, timesLinks: true };
}

/** Any other build command: built in place; the mold variant runs under `mold -run`. */
export function setUpCommandVariant(
  config: Config,
  variant: Variant,
  benchDir: string,
  moldBinary: string | null,
): VariantSetup {
  const targetDir = path.join(benchDir, variant);
  const env = { BUILD_BENCH_VARIANT: variant, BUILD_BENCH_TARGET_DIR: targetDir };
  if (variant === 'mold') {
    if (moldBinary === null) throw new Error('The mold variant needs mold, and none was installed');
    return {
      variant,
      targetDir,
      file: moldBinary,
      args: ['-run', '/bin/sh', '-c', config.command],
      env,
      timesLinks: false,
    };
  }
  return { variant, targetDir, file: '/bin/sh', args: ['-c', config.command], env, timesLinks: false };
}
