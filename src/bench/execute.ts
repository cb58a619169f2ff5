/**
 * Runs the benchmark scenario by scenario and round by round: prepares, warms up, then adds rounds while a
 * comparison is undecided, within `max-runs` and the time budget. Touches and edits the sources, checks the disk
 * before each variant's first build, verifies each variant's linker, and records the samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config, Scenario, Variant } from '../config/config.js';
import { ConfigError } from '../config/config.js';
import type {
  BaseCost,
  BuildFailure,
  LinkerCheck,
  RoundsRecord,
  RoundsStop,
  Sample,
  SettingProof,
} from '../results/results.js';
import { reviewRounds, type ScenarioRounds } from '../rounds/review.js';
import { roundBoundsOf, type RoundBounds } from '../stats/sequential.js';
import { takeLook, type Look } from '../stats/looks.js';
import { registerCleanup } from '../system/cleanup.js';
import type { CommandResult } from '../system/ports.js';
import { ChangedByUserError } from '../edits/source-files.js';
import { checkDiskFor, DiskSpaceError, directoryBytes } from './disk.js';
import { formatDurationMs } from '../report/format-numbers.js';
import { seedTargetDirectory } from './seed-target.js';
import type { PlannedBuild, ScenarioPlan, Side } from './plan.js';
import { describeBuild, describeProgress } from './progress.js';
import {
  armKey,
  cleanArm,
  runBuild,
  toSample,
  type Arm,
  type BuildDeps,
  type BuildRun,
} from './run-build.js';
import { VariantProofs } from './variant-proofs.js';

/** What a scenario's rounds are compared with, to know when they are decided. */
export interface RoundsContext {
  readonly gatedVariant: Variant;
  readonly historyTarget: (scenario: Scenario) => number | null;
  readonly earlierLogTimes: (scenario: Scenario) => readonly number[] | null;
}

export interface ExecuteInput {
  readonly config: Config;
  readonly plans: readonly ScenarioPlan[];
  /** By `armKey(side, variant)`. */
  readonly arms: ReadonlyMap<string, Arm>;
  readonly rounds: RoundsContext;
}

/** What one side's builds gave. */
export interface SideOutcome {
  readonly samples: Sample[];
  readonly linkers: LinkerCheck[];
  /** What proved each settings variant's settings. */
  readonly settingProofs: SettingProof[];
  readonly failure: BuildFailure | null;
}

export interface ExecuteOutcome extends SideOutcome {
  readonly notes: string[];
  /** The base's builds; null when none were planned. A failing base stops the base only, never the head. */
  readonly base: (SideOutcome & { readonly cost: BaseCost }) | null;
  readonly rounds: RoundsRecord[];
  /** Bytes of each head variant's target directory at the end (Cargo). */
  readonly targetBytes: Partial<Record<Variant, number>>;
}

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
  private baseCost: { -readonly [K in keyof BaseCost]: BaseCost[K] } = {
    seed: null,
    firstBuildMs: null,
    totalMs: 0,
    builds: 0,
  };
  private logDirectory = '';

  constructor(
    private readonly input: ExecuteInput,
    private readonly deps: BuildDeps,
  ) {}

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
    const { rounds, stoppedBy, undecided } = record;
    if (stoppedBy === 'nothing-to-decide' || stoppedBy === 'failed') return;
    const why = {
      decided: 'every comparison decided',
      'max-runs': "input 'max-runs'",
      'time-budget': "input 'time-budget'",
    }[stoppedBy];
    const open = undecided.length > 0 ? `; undecided: ${undecided.join(', ')}` : '';
    this.deps.logger.info(`${plan.scenario}: ${rounds} rounds (${why}${open}).`);
  }

  /**
   * Measured rounds until every comparison is decided, the most rounds are run, or the budget is spent. The last
   * look is planned from the rounds the budget is expected to allow (re-planned each round from the rounds' mean
   * time), and the round the budget or `max-runs` ends on is a final look that spends all the error left.
   */
  private async runRounds(
    plan: ScenarioPlan,
    bounds: RoundBounds,
    scenariosLeft: number,
  ): Promise<RoundsRecord> {
    const decided = new Set<string>();
    const looks: Look[] = [];
    let deadlineMs: number | null = null;
    const startMs = this.deps.nowMs();
    for (let done = 1; ; done++) {
      const roundStartMs = this.deps.nowMs();
      await this.runRound(plan, plan.round(done - 1), bounds);
      const record = (stoppedBy: RoundsStop, undecided: string[] = []): RoundsRecord => ({
        scenario: plan.scenario,
        rounds: done,
        stoppedBy,
        undecided,
        looks: [...looks],
      });
      if (this.sides.head.failure !== null) return record('failed');
      if (done < bounds.min) continue;
      const nowMs = this.deps.nowMs();
      deadlineMs ??= this.extensionDeadline(scenariosLeft);
      const meanRoundMs = Math.max((nowMs - startMs) / done, 1e-3);
      const plannedMax = Math.min(
        bounds.max,
        done + Math.floor(Math.max(0, deadlineMs - nowMs) / meanRoundMs),
      );
      const outOfBudget = nowMs + (nowMs - roundStartMs) > deadlineMs;
      const final = done >= bounds.max || outOfBudget;
      const look = takeLook(done, bounds.min, plannedMax, looks, final);
      if (look !== null) looks.push(look);
      const reviews = reviewRounds(this.roundsState(plan), look);
      for (const review of reviews) if (review.decided) decided.add(review.label);
      const undecided = reviews.map((review) => review.label).filter((label) => !decided.has(label));
      if (reviews.length === 0) return record('nothing-to-decide');
      if (undecided.length === 0) return record('decided');
      if (done >= bounds.max) return record('max-runs', undecided);
      if (outOfBudget) return record('time-budget', undecided);
    }
  }

  /** Rounds beyond the fewest share what is left of the time budget with the scenarios still to come. */
  private extensionDeadline(scenariosLeft: number): number {
    const now = this.deps.nowMs();
    const budgetEnd = (this.firstBuildMs ?? now) + this.input.config.timeBudgetMs;
    return now + Math.max(0, budgetEnd - now) / scenariosLeft;
  }

  private roundsState(plan: ScenarioPlan): ScenarioRounds {
    const { config, rounds, arms } = this.input;
    const empty = new Map<number, number>();
    return {
      scenario: plan.scenario,
      threshold: config.gate.thresholds[plan.scenario],
      gatedVariant: rounds.gatedVariant,
      variants: [...arms.values()].filter((arm) => arm.side === 'head').map((arm) => arm.variant),
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

  private fail(
    build: PlannedBuild,
    phase: BuildFailure['phase'],
    message: string,
    result?: CommandResult,
    command?: string,
  ): void {
    const side = this.sides[build.side];
    if (side.failure !== null) return;
    side.failure = {
      scenario: build.scenario,
      variant: build.variant,
      phase,
      command: command ?? this.input.config.command,
      exitCode: result?.exitCode ?? null,
      outputTail: result?.outputTail ?? '',
      message: build.side === 'base' ? `Base: ${message}` : message,
    };
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
    if (build.side === 'base') {
      this.baseCost.firstBuildMs ??= result.wallMs;
      this.baseCost.totalMs += result.wallMs;
      this.baseCost.builds += 1;
    }
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
    if (build.phase !== 'sample') return;
    side.samples.push(toSample(build, this.sequence++, run, arm));
    const walls = this.walls.get(`${key}/${build.scenario}`) ?? new Map<number, number>();
    if (!walls.has(build.round)) walls.set(build.round, result.wallMs);
    this.walls.set(`${key}/${build.scenario}`, walls);
  }

  /** Before a build: room on the disk for a first build, an empty target for clean, touched files for incremental. */
  private async prepareBuild(build: PlannedBuild, arm: Arm): Promise<boolean> {
    const { config } = this.input;
    try {
      if (config.buildSystem === 'cargo' && !this.started.has(armKey(build.side, build.variant))) {
        checkDiskFor(armKey(build.side, build.variant), arm.setup.targetDir, this.sizes);
        if (build.side === 'base' && build.scenario !== 'clean') await this.seedBase(build.variant, arm);
      }
      if (build.scenario === 'clean') {
        const env = { ...this.deps.env, ...arm.setup.env };
        const cleaned = await cleanArm(config, arm, env, this.deps.runner);
        if (cleaned && cleaned.exitCode !== 0) {
          this.fail(
            build,
            build.phase,
            `The clean command failed with exit code ${cleaned.exitCode}`,
            cleaned,
            config.cleanCommand ?? '',
          );
          return false;
        }
      } else if (build.scenario === 'incremental' && build.phase !== 'prepare' && arm.sources) {
        arm.sources.files.touch(arm.sources.touchPaths);
      }
      return true;
    } catch (error) {
      if (
        error instanceof DiskSpaceError ||
        error instanceof ChangedByUserError ||
        error instanceof ConfigError
      ) {
        const suffix =
          error instanceof ChangedByUserError ? ': the benchmark stopped so as not to hide the change' : '';
        this.fail(build, 'prepare', `${error.message}${suffix}`);
        return false;
      }
      throw error;
    }
  }

  /**
   * The base's first build starts from a copy of the head's target directory of the same variant (built just
   * before it, head first in round 0), so it rebuilds the workspace's crates, not their dependencies.
   */
  private async seedBase(variant: Variant, arm: Arm): Promise<void> {
    if (this.baseCost.seed !== null) return;
    const head = this.input.arms.get(armKey('head', variant));
    if (head === undefined || !this.started.has(armKey('head', variant))) return;
    const seed = await seedTargetDirectory(head.setup.targetDir, arm.setup.targetDir, this.deps.runner, () =>
      this.deps.nowMs(),
    );
    this.baseCost.seed = seed;
    this.baseCost.totalMs += seed.durationMs;
    const took = formatDurationMs(seed.durationMs);
    this.deps.logger.info(
      seed.how === 'none'
        ? `The base builds from scratch: ${seed.note ?? 'no copy'}.`
        : `The base starts from ${seed.how === 'reflink' ? 'a block-sharing copy (reflink)' : 'a copy'} of the head's target directory (${Math.round(seed.bytes / 2 ** 20)} MiB, ${took}).`,
    );
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
      base: hasBase ? { ...of('base'), cost: { ...this.baseCost } } : null,
      rounds: this.records,
      targetBytes,
    };
  }
}
