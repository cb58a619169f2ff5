/** The run plan: which builds run in which order. Variants interleave within a round, rotated every round. */
import type { Config, Scenario, Variant } from '../config/config.js';

export type BuildPhase = 'prepare' | 'warmup' | 'sample';

/** Which commit a build is of: the checkout under test, or the pull request's base in its own worktree. */
export type Side = 'head' | 'base';

export interface PlannedBuild {
  readonly phase: BuildPhase;
  readonly scenario: Scenario;
  readonly variant: Variant;
  readonly side: Side;
  /** 0-based round within the phase. */
  readonly round: number;
  /** Run with CARGO_INCREMENTAL=1 (the incremental scenario forces it). */
  readonly forceIncremental: boolean;
}

export interface PlanInput extends Pick<Config, 'scenarios' | 'variants' | 'runs' | 'cleanRuns' | 'warmup'> {
  /** CARGO_INCREMENTAL is already 1 in the environment, so forcing it changes nothing. */
  readonly incrementalAlreadyOn: boolean;
  /** Scenarios that also build the base, paired with the head round by round; none when absent. */
  readonly baseScenarios?: readonly Scenario[];
  /** Variants the base builds in those scenarios (the gated one: only it is compared). */
  readonly baseVariants?: readonly Variant[];
}

/**
 * The builds of one round: variants rotated by round, and each variant's head and base next to each other, the
 * head first in even rounds and the base first in odd ones, so drift and order hit both sides alike.
 */
function roundOrder(
  variants: readonly Variant[],
  baseVariants: readonly Variant[],
  round: number,
): [Side, Variant][] {
  const paired: Side[] = round % 2 === 0 ? ['head', 'base'] : ['base', 'head'];
  return rotate(variants, round).flatMap((variant) =>
    (baseVariants.includes(variant) ? paired : (['head'] as Side[])).map((side): [Side, Variant] => [
      side,
      variant,
    ]),
  );
}

/** Round r starts with variant r mod n: A B, B A, A B … so drift of the runner hits every variant alike. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  const shift = items.length === 0 ? 0 : round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Scenarios run in the order clean, incremental, noop. A variant whose target directory is not built
 * with the scenario's settings yet gets one unrecorded `prepare` build first (cargo would otherwise
 * rebuild everything in the first warm-up or sample). Clean builds get no warm-up: it would be a full build.
 */
export function planRun(input: PlanInput): PlannedBuild[] {
  const builds: PlannedBuild[] = [];
  const builtWith = new Map<string, boolean>();
  for (const scenario of input.scenarios) {
    const forceIncremental = scenario === 'incremental' && !input.incrementalAlreadyOn;
    const baseVariants = input.baseScenarios?.includes(scenario) ? (input.baseVariants ?? []) : [];
    const arms = roundOrder(input.variants, baseVariants, 0);
    if (scenario !== 'clean') {
      for (const [side, variant] of arms) {
        if (builtWith.get(`${side}/${variant}`) === forceIncremental) continue;
        builds.push({ phase: 'prepare', scenario, variant, side, round: 0, forceIncremental });
      }
      for (let round = 0; round < input.warmup; round++) {
        for (const [side, variant] of roundOrder(input.variants, baseVariants, round)) {
          builds.push({ phase: 'warmup', scenario, variant, side, round, forceIncremental });
        }
      }
    }
    const rounds = scenario === 'clean' ? input.cleanRuns : input.runs;
    for (let round = 0; round < rounds; round++) {
      for (const [side, variant] of roundOrder(input.variants, baseVariants, round)) {
        builds.push({ phase: 'sample', scenario, variant, side, round, forceIncremental });
      }
    }
    for (const [side, variant] of arms) builtWith.set(`${side}/${variant}`, forceIncremental);
  }
  return builds;
}

/** Estimated milliseconds left: each remaining build costs the mean of finished builds of its scenario. */
export function estimateRemainingMs(
  remaining: readonly PlannedBuild[],
  finished: readonly { readonly scenario: Scenario; readonly phase: BuildPhase; readonly wallMs: number }[],
): number | null {
  const meanOf = (scenario: Scenario): number | null => {
    const walls = finished
      .filter((b) => b.scenario === scenario && b.phase !== 'prepare')
      .map((b) => b.wallMs);
    return walls.length === 0 ? null : walls.reduce((sum, wall) => sum + wall, 0) / walls.length;
  };
  let total = 0;
  for (const build of remaining) {
    const mean = meanOf(build.scenario) ?? (build.phase === 'prepare' ? meanOf('clean') : null);
    if (mean === null) return null;
    total += mean;
  }
  return total;
}
