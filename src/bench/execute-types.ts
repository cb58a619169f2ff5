/** What executing a run plan takes and gives: the plan and its arms, and each side's samples, proofs and failure. */
import type { Config, Scenario, Variant } from '../config/config.js';
import type {
  BaseCost,
  BuildFailure,
  LinkerCheck,
  RoundsRecord,
  Sample,
  SettingProof,
} from '../results/results.js';
import type { ScenarioPlan } from '../rounds/plan.js';
import type { Arm } from './run-build.js';

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
