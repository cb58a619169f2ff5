/**
 * Runs the benchmark scenario by scenario and round by round: prepares, warms up, then adds rounds while a
 * comparison is undecided, within `max-runs` and the time budget. Touches and edits the sources, checks the disk
 * before each variant's first build, verifies each variant's linker, and records the samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Variant } from '../config/config.js';
import type { BuildFailure, RoundsRecord, RoundsStop, Sample } from '../results/results.js';
import type { ScenarioRounds } from '../rounds/review.js';
import { describeRoundsStop, RoundsStopper } from '../rounds/stopping.js';
import { roundBoundsOf, type RoundBounds } from '../stats/sequential.js';
import { registerCleanup } from '../system/cleanup.js';
import { ChangedByUserError } from '../edits/source-files.js';
import { describeFailure, prepareBuild } from './prepare-build.js';
import { describeCapture } from './link-captures.js';
import { directoryBytes } from './disk.js';
import { BaseCostMeter } from './base-cost.js';
import type { PlannedBuild, ScenarioPlan, Side } from '../rounds/plan.js';
import { describeBuild, describeProgress } from './progress.js';
import { armKey, runBuild, toSample, type Arm, type BuildDeps, type BuildRun } from './run-build.js';
import { VariantProofs } from './variant-proofs.js';
import type { ExecuteInput, ExecuteOutcome, SideOutcome } from './execute-types.js';

export type { ExecuteInput, ExecuteOutcome, RoundsContext, SideOutcome } from './execute-types.js';

interface SideState {
  samples: Sample[];
  failure: BuildFailure | null;
}

export async function executePlan(input: ExecuteInput, deps: BuildDeps): Promise<ExecuteOutcome> {
  const run = new BenchmarkRun(input, deps);
  return run.execute();
}

class BenchmarkRun {
  private readonly sides: Record<Side, SideState> = {
    head: { samples: [], failure: null },
    base: { samples: [], failure: null },
  };
  private readonly notes: string[] = [];
  private readonly proofs = new VariantProofs();
  private readonly walls = new Map<string, Map<number, number>>();
  private readonly sizes = new Map<string, number>();
  private readonly started = new Set<string>();
  private readonly records: RoundsRecord[] = [];
  private sequence = 0;
  private firstBuildMs: number | null = null;
  private readonly baseCost: BaseCostMeter;
  private logDirectory = '';

  constructor(
    private readonly input: ExecuteInput,
    private readonly deps: BuildDeps,
  ) {
    this.baseCost = new BaseCostMeter(deps);
  }

  async execute(): Promise<ExecuteOutcome> {
    this.logDirectory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-'));
    const removeLogs = registerCleanup(() => rmSync(this.logDirectory, { recursive: true, force: true }));
    try {
      for (const [index, plan] of this.input.plans.entries()) {
        await this.runScenario(plan, this.input.plans.length - index);
        if (this.sides.head.failure !== null) break;
      }
      this.requireVerifiedVariants();
      return this.outcome();
    } finally {
      await removeLogs();
    }
  }

  private async runScenario(plan: ScenarioPlan, scenariosLeft: number): Promise<void> {
    const bounds = roundBoundsOf(this.input.config, plan.scenario);
    for (const build of plan.prepare) await this.build(build, null);
    for (const round of plan.warmups) await this.runRound(plan, round, null);
    const record = await this.runRounds(plan, bounds, scenariosLeft);
    await this.settleEdit(plan);
    this.records.push(record);
    const stop = describeRoundsStop(record);
    if (stop !== null) this.deps.logger.info(stop);
  }

  /** Measured rounds until the stopper says stop (rounds/stopping.ts). */
  private async runRounds(
    plan: ScenarioPlan,
    bounds: RoundBounds,
    scenariosLeft: number,
  ): Promise<RoundsRecord> {
    const stopper = new RoundsStopper(bounds, this.deps.nowMs(), () => this.extensionDeadline(scenariosLeft));
    for (let done = 1; ; done++) {
      const roundStartMs = this.deps.nowMs();
      await this.runRound(plan, plan.round(done - 1), bounds);
      const record = (stoppedBy: RoundsStop, undecided: string[] = []): RoundsRecord => ({
        scenario: plan.scenario,
        rounds: done,
        stoppedBy,
        undecided,
        looks: stopper.looks,
      });
      if (this.sides.head.failure !== null) return record('failed');
      const stop = stopper.afterRound(done, roundStartMs, this.deps.nowMs(), this.roundsState(plan));
      if (stop !== null) return record(stop.stoppedBy, stop.undecided);
    }
  }

  /** Rounds beyond the fewest share what is left of the time budget with the scenarios still to come. */
  private extensionDeadline(scenariosLeft: number): number {
    const now = this.deps.nowMs();
    const budgetEnd = (this.firstBuildMs ?? now) + this.input.config.timeBudgetMs;
    return now + Math.max(0, budgetEnd - now) / scenariosLeft;
  }

  private roundsState(plan: ScenarioPlan): ScenarioRounds {
    const { config, rounds } = this.input;
    const empty = new Map<number, number>();
    return {
      scenario: plan.scenario,
      threshold: config.gate.thresholds[plan.scenario],
      gatedVariant: rounds.gatedVariant,
      // The variants this scenario builds (the link scenario replays the linkers only).
      variants: [
        ...new Set(plan.round(0).flatMap((build) => (build.side === 'head' ? [build.variant] : []))),
      ],
      walls: (arm) => this.walls.get(`${arm}/${plan.scenario}`) ?? empty,
      withBase: this.sides.base.failure === null && plan.round(0).some((build) => build.side === 'base'),
      historyTarget: rounds.historyTarget(plan.scenario),
      earlierLogTimes: rounds.earlierLogTimes(plan.scenario),
    };
  }

  /** One round: the edit scenario first switches each side's sources, then every arm builds once. */
  private async runRound(
    plan: ScenarioPlan,
    builds: readonly PlannedBuild[],
    bounds: RoundBounds | null,
  ): Promise<void> {
    if (plan.scenario === 'edit') {
      for (const side of new Set(builds.map((build) => build.side)))
        this.flipEdit(
          side,
          builds.find((build) => build.side === side)!,
        );
    }
    for (const build of builds) await this.build(build, bounds);
  }

  private flipEdit(side: Side, build: PlannedBuild): void {
    if (this.sides[side].failure !== null) return;
    const edit = this.input.arms.get(armKey(side, build.variant))?.sources?.edit;
    if (!edit) return;
    try {
      edit.flip();
    } catch (error) {
      if (!(error instanceof ChangedByUserError)) throw error;
      this.fail(build, 'prepare', `${error.message}: the edit scenario stopped so as not to overwrite it`);
    }
  }

  /** After the edit scenario, every arm builds the user's content once more (unrecorded), so targets match it. */
  private async settleEdit(plan: ScenarioPlan): Promise<void> {
    if (plan.scenario !== 'edit') return;
    for (const side of ['head', 'base'] as const) {
      const builds = plan.round(0).filter((build) => build.side === side);
      const edit =
        builds.length === 0 ? null : this.input.arms.get(armKey(side, builds[0]!.variant))?.sources?.edit;
      if (!edit || this.sides[side].failure !== null) continue;
      if (edit.state === 'changed') {
        const settle = builds.map((build): PlannedBuild => ({ ...build, phase: 'prepare', round: 0 }));
        this.flipEdit(side, settle[0]!);
        for (const build of settle) await this.build(build, null);
      }
      if (this.sides[side].failure === null) edit.markSettled();
    }
  }

  private fail(build: PlannedBuild, ...problem: Parameters<typeof describeFailure>[1]): void {
    const side = this.sides[build.side];
    side.failure ??= describeFailure(build, problem, this.input.config.command);
  }

  private async build(build: PlannedBuild, bounds: RoundBounds | null): Promise<void> {
    const { config } = this.input;
    const side = this.sides[build.side];
    if (side.failure !== null || this.sides.head.failure !== null) return;
    const key = armKey(build.side, build.variant);
    const arm = this.input.arms.get(key)!;
    this.firstBuildMs ??= this.deps.nowMs();
    if (!(await this.prepareBuild(build, arm))) return;
    const run = await runBuild(
      config,
      arm,
      build,
      this.logDirectory,
      describeBuild(build, bounds),
      this.deps,
    );
    const { result } = run;
    if (build.side === 'base') this.baseCost.countBuild(result.wallMs);
    this.deps.logger.progress(describeProgress(build, bounds, result, run.linkMs));
    if (result.exitCode !== 0) {
      const why = result.timedOut
        ? `The build timed out after ${config.buildTimeoutMs / 60_000} min (input 'build-timeout-minutes')`
        : `The build failed with exit code ${result.exitCode ?? `signal ${result.signal}`}`;
      this.fail(build, build.phase, why, result);
      return;
    }
    if (!this.started.has(key)) {
      this.started.add(key);
      if (config.buildSystem === 'cargo') this.sizes.set(key, directoryBytes(arm.setup.targetDir));
    }
    this.verify(build, arm, run);
    if (side.failure !== null) return;
    if (
      arm.setup.timesLinks &&
      build.side === 'head' &&
      build.phase === 'sample' &&
      build.scenario !== 'clean' &&
      build.scenario !== 'noop' &&
      run.links.length === 0
    ) {
      this.addNote(
        `A ${build.scenario} build of '${build.variant}' linked nothing: are the changed files part of this build?`,
      );
    }
    if (build.scenario === 'link' && build.phase === 'prepare') this.addNote(describeCapture(arm));
    if (build.phase !== 'sample') return;
    side.samples.push(toSample(build, this.sequence++, run, arm));
    const walls = this.walls.get(`${key}/${build.scenario}`) ?? new Map<number, number>();
    if (!walls.has(build.round)) walls.set(build.round, result.wallMs);
    this.walls.set(`${key}/${build.scenario}`, walls);
  }

  /** Before a build: room on the disk for a first build, an empty target for clean, touched files for incremental. */
  /** Before a build (prepare-build.ts); a build that cannot be prepared fails its side. */
  private async prepareBuild(build: PlannedBuild, arm: Arm): Promise<boolean> {
    const { config, arms } = this.input;
    const context = { config, arms, started: this.started, sizes: this.sizes, baseCost: this.baseCost };
    const problem = await prepareBuild(build, arm, { ...context, deps: this.deps });
    if (problem !== null) this.fail(build, problem.phase, problem.message, problem.result, problem.command);
    return problem === null;
  }

  private verify(build: PlannedBuild, arm: Arm, run: BuildRun): void {
    const failure = this.proofs.afterBuild(arm, build.scenario, run);
    if (failure !== null) this.fail(build, 'verify', failure);
  }

  /** A variant that built but was never proven is an error, not a number (or a note where it cannot be). */
  private requireVerifiedVariants(): void {
    for (const arm of this.input.arms.values()) {
      if (this.sides.head.failure !== null || this.sides[arm.side].failure !== null) continue;
      if (!this.started.has(armKey(arm.side, arm.variant))) continue;
      const gap = this.proofs.checkAtEnd(arm, this.input.config);
      if (gap !== null && 'note' in gap) this.addNote(gap.note);
      if (gap !== null && 'failure' in gap) {
        const build: PlannedBuild = {
          phase: 'sample',
          scenario: this.input.config.scenarios.at(-1)!,
          variant: arm.variant,
          side: arm.side,
          round: 0,
          forceIncremental: false,
        };
        this.fail(build, 'verify', gap.failure);
      }
    }
  }

  private addNote(note: string): void {
    if (!this.notes.includes(note)) this.notes.push(note);
  }

  private outcome(): ExecuteOutcome {
    const of = (name: Side): SideOutcome => ({
      samples: this.sides[name].samples,
      linkers: this.proofs.linkersOf(name),
      settingProofs: this.proofs.settingProofsOf(name),
      failure: this.sides[name].failure,
    });
    const hasBase = [...this.input.arms.values()].some((arm) => arm.side === 'base');
    const targetBytes: Partial<Record<Variant, number>> = {};
    if (this.input.config.buildSystem === 'cargo') {
      for (const arm of this.input.arms.values()) {
        if (arm.side === 'head' && this.started.has(armKey('head', arm.variant)))
          targetBytes[arm.variant] = directoryBytes(arm.setup.targetDir);
      }
    }
    return {
      ...of('head'),
      notes: this.notes,
      base: hasBase ? { ...of('base'), cost: this.baseCost.cost } : null,
      rounds: this.records,
      targetBytes,
    };
  }
}
