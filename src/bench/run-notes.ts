/** The notes a run adds about how it measured: forced incremental compilation, clean builds, linkers that coincide. */
import type { Config } from '../config/config.js';
import type { CargoProject } from '../cargo/cargo.js';
import type { ExecuteOutcome } from './execute.js';

export function describeIncrementalNotes(
  config: Config,
  cargo: CargoProject | null,
  env: NodeJS.ProcessEnv,
): string[] {
  const notes: string[] = [];
  const rebuilds = config.scenarios.filter((scenario) => scenario === 'incremental' || scenario === 'edit');
  if (cargo && rebuilds.length > 0 && env.CARGO_INCREMENTAL !== undefined && env.CARGO_INCREMENTAL !== '1') {
    notes.push(
      `CARGO_INCREMENTAL was ${env.CARGO_INCREMENTAL} in the environment; the ${rebuilds.join(' and ')} scenario ran with CARGO_INCREMENTAL=1.`,
    );
  }
  if (config.scenarios.includes('clean')) {
    notes.push('Clean builds have no warm-up: each one is a full build from an empty target directory.');
  }
  return notes;
}

/**
 * A linker variant linked by the same linker as `default` (a project whose config already selects mold; `lld`
 * without a system ld.lld, which finds rustc's bundled one): their comparison measures nothing, and says so.
 */
export function describeSameLinker(outcome: ExecuteOutcome): string[] {
  const defaults = outcome.linkers.find((check) => check.variant === 'default');
  if (!defaults) return [];
  const toolchain = outcome.linkers.find((check) => check.variant === 'toolchain');
  const configured =
    toolchain && toolchain.linker !== defaults.linker
      ? [
          `\`default\` links with ${defaults.linker} here, as the project configures it; \`toolchain\`, what rustc ` +
            `would use without that configuration, links with ${toolchain.linker}: its row is what the configuration ` +
            `changes (faster there means the project's choice costs time).`,
        ]
      : [];
  const same = outcome.linkers
    .filter(
      (check) =>
        check.variant !== 'default' && check.variant === check.family && check.linker === defaults.linker,
    )
    .map(
      (check) =>
        `The ${check.variant} and default variants were linked by the same linker (${defaults.linker}): ` +
        `\`default\` already uses ${check.variant} here, so comparing them measures nothing, and more rounds would not change that` +
        (toolchain
          ? '.'
          : `; add \`toolchain\` to \`linkers\` to compare with what rustc would use without it.`),
    );
  return [...configured, ...same];
}
