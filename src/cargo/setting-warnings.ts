/** Plain sentences about build settings that change what the benchmark measures. */
import type { BuildSettings } from '../analysis/analysis.js';
import type { Scenario } from '../config/config.js';

export type MeasuredScenario = Scenario;

const CACHING_WRAPPERS = ['sccache', 'cachepot', 'buildcache', 'ccache'];

const baseName = (program: string): string => program.split('/').pop() ?? program;

/** One sentence per setting that changes what is measured; none for cargo's ordinary defaults. */
export function describeSettingWarnings(
  settings: BuildSettings,
  scenarios: readonly MeasuredScenario[],
): string[] {
  const warnings: string[] = [];
  const wrapper = settings.rustcWrapper;
  if (wrapper !== null) {
    const name = baseName(wrapper.value);
    if (!CACHING_WRAPPERS.includes(name.replace(/\.exe$/, ''))) {
      warnings.push(
        `rustc runs through ${name} (${wrapper.source}), so every measured build includes its work.`,
      );
    } else if (scenarios.includes('clean')) {
      warnings.push(
        `rustc runs through ${name} (${wrapper.source}): clean builds may be served from its cache, so they measure cache hits rather than compiling.`,
      );
    }
  }
  const rebuild = scenarios.includes('incremental')
    ? 'incremental'
    : scenarios.includes('edit')
      ? 'edit'
      : null;
  if (rebuild !== null) {
    const fromEnv = settings.cargoIncremental;
    if (fromEnv !== null && fromEnv !== '1') {
      warnings.push(
        `CARGO_INCREMENTAL is ${fromEnv === '' ? 'empty' : fromEnv} in the environment, but the ${rebuild} scenario builds with CARGO_INCREMENTAL=1: it measures incremental compilation your builds do not use.`,
      );
    } else if (!settings.incremental.value) {
      warnings.push(
        `The ${settings.profile} profile does not compile incrementally (${settings.incremental.source}), but the ${rebuild} scenario forces it on: it measures rebuilds your builds do not do.`,
      );
    }
  }
  if (settings.lto.value === 'thin' || settings.lto.value === 'fat') {
    warnings.push(
      `LTO is ${settings.lto.value} (${settings.lto.source}): rustc does the LTO work before the linker runs, so linker savings look smaller.`,
    );
  }
  warnings.push(...describeLinkerChoices(settings));
  if (settings.codegenUnits.value === 1) {
    warnings.push(
      `codegen-units is 1 (${settings.codegenUnits.source}): rustc generates each crate's code on one thread, so the link is a smaller share of the build.`,
    );
  }
  return warnings;
}

/** Rustflags and configured linkers that already choose a linker, which the `default` variant then measures. */
function describeLinkerChoices(settings: BuildSettings): string[] {
  const warnings: string[] = [];
  const rustflags = settings.rustflags;
  if (rustflags !== null) {
    // `-C x=y`, `-Cx=y` and `-C` `x=y` all read as `-Cx=y`.
    const flags = rustflags.value.map((flag, index, all) =>
      flag === '-C' || flag === '--codegen' ? `-C${all[index + 1] ?? ''}` : flag.replace(/^--codegen=/, '-C'),
    );
    const where = `The rustflags (${rustflags.source})`;
    const linker = flags
      .map((flag) => /^-Clinker=(.+)$/.exec(flag)?.[1])
      .find((value) => value !== undefined);
    if (linker !== undefined) {
      warnings.push(
        `${where} set -C linker=${linker}, which overrides the linker the benchmark sets: every variant runs ${baseName(linker)}, so the variants do not differ.`,
      );
    }
    const fuseLd = /-fuse-ld=([^\s"',]+)/.exec(flags.join(' '))?.[1];
    if (fuseLd !== undefined) {
      warnings.push(
        `${where} choose the linker with -fuse-ld=${fuseLd}: the default variant measures ${fuseLd}.`,
      );
    }
    const flavor = flags
      .map((flag) => /^-Clinker-flavor=(.+)$/.exec(flag)?.[1])
      .find((value) => value !== undefined);
    if (flavor !== undefined) {
      warnings.push(
        `${where} set -C linker-flavor=${flavor}: the default variant measures the linker that flavor picks.`,
      );
    }
  }
  const configured = settings.linker;
  if (configured !== null && /(^|[-.])(mold|lld|gold|wild|bfd)($|[-.])/.test(baseName(configured.value))) {
    warnings.push(
      `The linker configured for ${settings.target} is ${configured.value} (${configured.source}): the default variant measures it.`,
    );
  }
  return warnings;
}
