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
  /** The variant whose prepare build captures the links the link scenario replays; the first when absent. */
  readonly captureVariant?: Variant;
  /**
   * The variants the link scenario replays: the linkers (a settings variant changes what is compiled, which a
   * replay of another variant's links cannot show); all of them when absent.
   */
  readonly linkVariants?: readonly Variant[];
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

/** One scenario's builds: unrecorded prepares, warm-up rounds, then as many measured rounds as it takes. */
export interface ScenarioPlan {
  readonly scenario: Scenario;
  readonly forceIncremental: boolean;
  readonly prepare: readonly PlannedBuild[];
  readonly warmups: readonly (readonly PlannedBuild[])[];
  /** The fewest measured rounds (`runs`, or `clean-runs` for clean). */
  readonly minRounds: number;
  /** The builds of measured round `round` (0-based), in their rotated order. */
  round(round: number): PlannedBuild[];
}

/** Scenarios that rebuild after a change force CARGO_INCREMENTAL=1, as a developer's rebuild has it. */
function forcesIncremental(scenario: Scenario): boolean {
  return scenario === 'incremental' || scenario === 'edit' || scenario === 'link';
}

/**
 * Scenarios run in the order clean, incremental, edit, noop. A variant whose target directory is not built
 * with the scenario's settings yet gets one unrecorded `prepare` build first (cargo would otherwise
 * rebuild everything in the first warm-up or sample). Clean builds get no warm-up: it would be a full build.
 */
export function planScenarios(input: PlanInput): ScenarioPlan[] {
  const builtWith = new Map<string, boolean>();
  return input.scenarios.map((scenario) => {
    const forceIncremental = forcesIncremental(scenario) && !input.incrementalAlreadyOn;
    const baseVariants = input.baseScenarios?.includes(scenario) ? (input.baseVariants ?? []) : [];
    const linkVariants = input.linkVariants ?? input.variants;
    const builds = (phase: BuildPhase, round: number): PlannedBuild[] =>
      roundOrder(scenario === 'link' ? linkVariants : input.variants, baseVariants, round).map(
        ([side, variant]) => ({
          phase,
          scenario,
          variant,
          side,
          round,
          forceIncremental,
        }),
      );
    const captureVariant = input.captureVariant ?? input.variants[0];
    const prepare =
      scenario === 'clean'
        ? []
        : scenario === 'link'
          ? // One build that links (its touched files changed) and keeps the links every variant then replays.
            builds('prepare', 0).filter((build) => build.side === 'head' && build.variant === captureVariant)
          : builds('prepare', 0).filter(
              (build) => builtWith.get(`${build.side}/${build.variant}`) !== forceIncremental,
            );
    const warmups =
      scenario === 'clean' ? [] : Array.from({ length: input.warmup }, (_, round) => builds('warmup', round));
    for (const [side, variant] of roundOrder(input.variants, baseVariants, 0)) {
      builtWith.set(`${side}/${variant}`, forceIncremental);
    }
    return {
      scenario,
      forceIncremental,
      prepare,
      warmups,
      minRounds: scenario === 'clean' ? input.cleanRuns : input.runs,
      round: (round: number) => builds('sample', round),
    };
  });
}

/** Every build of a run that stops at the fewest rounds, in order: what the rounds add to. */
export function planRun(input: PlanInput): PlannedBuild[] {
  return planScenarios(input).flatMap((plan) => [
    ...plan.prepare,
    ...plan.warmups.flat(),
    ...Array.from({ length: plan.minRounds }, (_, round) => plan.round(round)).flat(),
  ]);
}
