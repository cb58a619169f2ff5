/** Per variant: its own target directory, the shims (Cargo) or `mold -run` (any command), its environment. */
import path from 'node:path';
import type { Config, Variant } from '../config/config.js';
import { installShim } from '../shims/io/compile-shims.js';
import { linkShimEnv } from '../shims/link-shim-env.js';
import { LINK_REPLAY_NAME, LINK_SHIM_NAME, RUSTC_WRAPPER_NAME, SHIM_ENV } from '../shims/shim-env.js';
import { planLinkShim, type LinkerTools } from '../variants/linker-plan.js';
import { applySettings } from '../cargo/cargo.js';
import { linkerOf, parseVariant, variantFolderName } from '../variants/variant-spec.js';
import { type ProfileSetting } from '../cargo/cargo.js';
import { selectProfile } from '../cargo/cargo.js';
import { linkerEnvName } from '../cargo/cargo.js';
import { CARGO_PROGRESS_ENV } from './live-progress.js';

export interface VariantSetup {
  readonly variant: Variant;
  /** Where this variant's build output goes (CARGO_TARGET_DIR for Cargo). */
  readonly targetDir: string;
  /** Program and arguments of one build. */
  readonly file: string;
  readonly args: readonly string[];
  /** Environment additions for every build of this variant. */
  readonly env: Readonly<Record<string, string>>;
  /** Whether link times are recorded (the link shim is in place). */
  readonly timesLinks: boolean;
  /** Whether compile times per crate are recorded (the rustc wrapper is in place). */
  readonly timesCrates: boolean;
  /** The Cargo profile settings the variant applies; empty for a linker variant. */
  readonly settings: readonly ProfileSetting[];
  /**
   * The link scenario: the replay shim, and the folder where the capture build keeps the links it replays (the
   * head's, shared by every variant, so all replay the same inputs); null without the shims (or for a command).
   */
  readonly links: { readonly replay: string; readonly captureDir: string } | null;
}

export interface CargoFacts {
  /** Cargo's target directory for the workspace; variants build under `<it>/build-bench/<variant>`. */
  readonly targetDirectory: string;
  /** Triples whose linker the shim replaces: the host and any `--target` of the command. */
  readonly triples: readonly string[];
  /**
   * The build-bench folder whose `shims/` the builds run: the head's for both sides, since cargo rebuilds every
   * crate when the linker's path differs, and the base starts from the head's target directory. Absent: this
   * target directory's own.
   */
  readonly shimRoot?: string;
}

/** The shims of this run: the compiled program (null: builds run without them) and how each linker links. */
export interface ShimTools {
  readonly binary: string | null;
  readonly linker: LinkerTools;
  /** The user's own rustc wrapper (e.g. sccache), run by ours; null: none. */
  readonly userWrapper: string | null;
}

/** `<target>/build-bench`: everything build-bench writes into the user's project lives here. */
export function benchDirectory(targetDirectory: string): string {
  return path.join(targetDirectory, 'build-bench');
}

/**
 * A Cargo variant: its target directory, and the shims as the target linker and RUSTC_WRAPPER. The link shim's
 * path stays the same from run to run: cargo rebuilds every crate when the configured linker's path changes.
 */
export function setUpCargoVariant(
  config: Config,
  cargo: CargoFacts,
  variant: Variant,
  tools: ShimTools,
): VariantSetup {
  const root = benchDirectory(cargo.targetDirectory);
  const folder = variantFolderName(variant);
  const targetDir = path.join(root, folder);
  const { linker, settings } = parseVariant(variant);
  const applied = applySettings(settings, selectProfile(config.command), config.command);
  const command = { file: '/bin/sh', args: ['-c', applied.command] };
  if (tools.binary === null) {
    return {
      variant,
      targetDir,
      ...command,
      env: { CARGO_TARGET_DIR: targetDir, ...applied.env },
      timesLinks: false,
      timesCrates: false,
      settings,
      links: null,
    };
  }
  const shimRoot = cargo.shimRoot ?? root;
  const shim = installShim(tools.binary, path.join(shimRoot, 'shims', folder, LINK_SHIM_NAME));
  const wrapper = installShim(tools.binary, path.join(shimRoot, 'shims', RUSTC_WRAPPER_NAME));
  const replay = installShim(tools.binary, path.join(shimRoot, 'shims', LINK_REPLAY_NAME));
  const env: Record<string, string> = {
    CARGO_TARGET_DIR: targetDir,
    ...CARGO_PROGRESS_ENV,
    ...linkShimEnv(planLinkShim(linker, tools.linker)),
    RUSTC_WRAPPER: wrapper,
    [SHIM_ENV.userWrapper]: tools.userWrapper ?? '',
    ...applied.env,
  };
  for (const triple of cargo.triples) env[linkerEnvName(triple)] = shim;
  const links = { replay, captureDir: path.join(shimRoot, 'links') };
  return { variant, targetDir, ...command, env, timesLinks: true, timesCrates: true, settings, links };
}

/** Any other build command: built in place; the mold variant runs under `mold -run`. */
export function setUpCommandVariant(
  config: Config,
  variant: Variant,
  benchDir: string,
  moldBinary: string | null,
): VariantSetup {
  const targetDir = path.join(benchDir, variantFolderName(variant));
  const env = { BUILD_BENCH_VARIANT: variant, BUILD_BENCH_TARGET_DIR: targetDir };
  const shell = ['/bin/sh', '-c', config.command];
  if (linkerOf(variant) === 'mold') {
    if (moldBinary === null) throw new Error('The mold variant needs mold, and none was installed');
    return {
      variant,
      targetDir,
      file: moldBinary,
      args: ['-run', ...shell],
      env,
      timesLinks: false,
      timesCrates: false,
      settings: [],
      links: null,
    };
  }
  return {
    variant,
    targetDir,
    file: shell[0]!,
    args: shell.slice(1),
    env,
    timesLinks: false,
    timesCrates: false,
    settings: [],
    links: null,
  };
}
