/** Assembles the results document from what the benchmark measured. */
import { chooseGatedVariant } from '../variants/gated-variant.js';
import { roundBoundsOf } from '../stats/sequential.js';
import type { Analysis } from '../analysis/analysis.js';
import type { Config } from '../config/config.js';
import { relativeLimit } from '../config/threshold.js';
import { computeSpeedups, summarizeSamples, type SpeedupRules } from '../stats/summarize.js';
import {
  RESULTS_SCHEMA_VERSION,
  type BuildFailure,
  type Environment,
  type LinkerCheck,
  type Results,
  type RoundsRecord,
  type Sample,
} from './results.js';

export const TOOL_VERSION = '0.1.0';

export interface Measured {
  readonly environment: Environment;
  readonly samples: readonly Sample[];
  readonly linkers: readonly LinkerCheck[];
  readonly failure: BuildFailure | null;
  readonly notes: readonly string[];
  readonly touchedFiles: readonly string[];
  readonly variants: Config['variants'];
  readonly analysis?: Analysis | null;
  readonly rounds?: readonly RoundsRecord[];
  readonly targetBytes?: Results['targetBytes'];
  readonly settingProofs?: Results['settingProofs'];
}

/** How every variant's paired interval is read: the scenario's rounds and its threshold as the margin. */
export function speedupRules(
  config: Pick<Config, 'runs' | 'cleanRuns' | 'maxRuns' | 'gate'>,
  rounds: readonly RoundsRecord[] = [],
): SpeedupRules {
  return {
    bounds: (scenario) => roundBoundsOf(config, scenario),
    looks: (scenario) => rounds.find((record) => record.scenario === scenario)?.looks ?? null,
    margin: (scenario, defaultMedianMs) => relativeLimit(config.gate.thresholds[scenario], defaultMedianMs),
  };
}

/** A variant whose linker could not be confirmed gets no summary: its numbers would not be about it. */
export function buildResults(config: Config, measured: Measured, createdAt: Date): Results {
  const unverified = new Set(
    measured.linkers.filter((check) => !check.verified).map((check) => check.variant),
  );
  const trusted = measured.samples.filter((sample) => !unverified.has(sample.variant));
  const summaries = summarizeSamples(trusted, config.scenarios, measured.variants);
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'build-bench', version: TOOL_VERSION },
    id: config.id,
    createdAt: createdAt.toISOString(),
    status: measured.failure ? 'failed' : 'complete',
    environment: measured.environment,
    plan: {
      scenarios: config.scenarios,
      variants: measured.variants,
      runs: config.runs,
      cleanRuns: config.cleanRuns,
      maxRuns: config.maxRuns,
      timeBudgetMs: config.timeBudgetMs,
      warmup: config.warmup,
      gatedVariant: chooseGatedVariant(measured.variants, config.gatedVariant) ?? config.gatedVariant,
    },
    rounds: measured.rounds ?? [],
    targetBytes: measured.targetBytes ?? {},
    touchedFiles: measured.touchedFiles,
    notes: measured.notes,
    samples: measured.samples,
    summaries,
    speedups: computeSpeedups(trusted, summaries, speedupRules(config, measured.rounds ?? [])),
    linkers: measured.linkers,
    settingProofs: measured.settingProofs ?? [],
    failure: measured.failure,
    analysis: measured.analysis ?? null,
  };
}
