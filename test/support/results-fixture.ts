/**
 * Results fixtures with realistic numbers: a mid-sized Cargo binary (`ferry`, two executables) built on
 * a 4-core GitHub-hosted runner. Deterministic, so rendered reports can be pinned by golden files.
 */
import { LINKERS, SCENARIOS, type Scenario, type Variant } from '../../src/config/config.js';

/** The linkers the pinned reports show (`toolchain` has reports of its own). */
const VARIANTS = LINKERS.filter((linker) => linker !== 'toolchain');
import {
  RESULTS_SCHEMA_VERSION,
  type Environment,
  type LinkerCheck,
  type Results,
  type RoundsRecord,
  type RoundsStop,
  type Sample,
  type Speedup,
} from '../../src/results/results.js';
import { computeSpeedups, summarizeSamples } from '../../src/stats/summarize.js';
import { speedupRules } from '../../src/results/build-results.js';
import { parseThreshold } from '../../src/config/parse-threshold.js';
import type { Analysis, BuildSettings } from '../../src/analysis/analysis.js';

/** Typical build of one scenario × variant, before round-to-round noise. */
interface TypicalBuild {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssKb: number;
  readonly linkMs: number;
  readonly linkCount: number;
}

/** default is the bundled rust-lld (Rust ≥ 1.90), so `lld` matches it; GNU ld is the slow one. */
export const TYPICAL_BUILDS: Readonly<Record<Scenario, Readonly<Record<Variant, TypicalBuild>>>> = {
  clean: {
    default: { wallMs: 38_420, cpuMs: 131_870, peakRssKb: 1_187_400, linkMs: 2_910, linkCount: 6 },
    mold: { wallMs: 36_050, cpuMs: 130_520, peakRssKb: 1_204_800, linkMs: 540, linkCount: 6 },
    lld: { wallMs: 38_310, cpuMs: 131_640, peakRssKb: 1_186_900, linkMs: 2_870, linkCount: 6 },
    bfd: { wallMs: 45_780, cpuMs: 139_110, peakRssKb: 1_321_600, linkMs: 10_240, linkCount: 6 },
  },
  incremental: {
    default: { wallMs: 6_240, cpuMs: 9_870, peakRssKb: 702_300, linkMs: 2_730, linkCount: 2 },
    mold: { wallMs: 3_990, cpuMs: 8_310, peakRssKb: 716_900, linkMs: 470, linkCount: 2 },
    lld: { wallMs: 6_180, cpuMs: 9_820, peakRssKb: 701_800, linkMs: 2_690, linkCount: 2 },
    bfd: { wallMs: 13_420, cpuMs: 16_960, peakRssKb: 833_100, linkMs: 9_880, linkCount: 2 },
  },
  edit: {
    default: { wallMs: 9_310, cpuMs: 14_120, peakRssKb: 811_500, linkMs: 2_750, linkCount: 2 },
    mold: { wallMs: 7_020, cpuMs: 12_580, peakRssKb: 826_300, linkMs: 480, linkCount: 2 },
    lld: { wallMs: 9_260, cpuMs: 14_070, peakRssKb: 810_900, linkMs: 2_700, linkCount: 2 },
    bfd: { wallMs: 16_540, cpuMs: 21_230, peakRssKb: 942_800, linkMs: 9_930, linkCount: 2 },
  },
  noop: {
    default: { wallMs: 212, cpuMs: 168, peakRssKb: 93_400, linkMs: 0, linkCount: 0 },
    mold: { wallMs: 209, cpuMs: 166, peakRssKb: 93_200, linkMs: 0, linkCount: 0 },
    lld: { wallMs: 215, cpuMs: 170, peakRssKb: 93_500, linkMs: 0, linkCount: 0 },
    bfd: { wallMs: 211, cpuMs: 167, peakRssKb: 93_300, linkMs: 0, linkCount: 0 },
  },
  // The final links replayed: the link is the whole build.
  link: {
    default: { wallMs: 2_760, cpuMs: 2_690, peakRssKb: 402_100, linkMs: 2_730, linkCount: 2 },
    mold: { wallMs: 500, cpuMs: 1_240, peakRssKb: 415_600, linkMs: 470, linkCount: 2 },
    lld: { wallMs: 2_720, cpuMs: 2_650, peakRssKb: 401_700, linkMs: 2_690, linkCount: 2 },
    bfd: { wallMs: 9_910, cpuMs: 9_840, peakRssKb: 521_300, linkMs: 9_880, linkCount: 2 },
  },
};

/** Runner drift per round (hits every variant of the round alike) and per-build noise, cycled. */
const ROUND_DRIFT = [1.0, 1.021, 0.993];
const BUILD_NOISE = [1.004, 0.991, 1.012, 0.998, 1.007, 0.989, 1.001, 1.015, 0.995, 1.009, 0.986, 1.003];

/**
 * Compile time per crate of a typical build, by crate label as the rustc wrapper records it: a clean build compiles
 * every crate, an incremental one the touched binary, an edit the library it changes and what depends on it.
 */
export const TYPICAL_CRATE_MS: Readonly<Record<Scenario, Readonly<Record<string, number>>>> = {
  clean: {
    'tokio 1.40.0': 9_420,
    'ferry-core 0.4.0': 7_910,
    'serde 1.0.210': 6_830,
    'regex-automata 0.4.8': 5_170,
    'clap_builder 4.5.20': 4_620,
    'ferry 0.4.0 (bin ferry)': 4_310,
    'syn 2.0.79': 3_940,
    'ferry 0.4.0 (bin ferryctl)': 1_880,
  },
  incremental: { 'ferry 0.4.0 (bin ferry)': 3_120, 'ferry 0.4.0 (bin ferryctl)': 1_210 },
  edit: { 'ferry-core 0.4.0': 3_640, 'ferry 0.4.0 (bin ferry)': 3_180, 'ferry 0.4.0 (bin ferryctl)': 1_290 },
  noop: {},
  link: {},
};

export interface SampleSchedule {
  readonly scenarios?: readonly Scenario[];
  readonly variants?: readonly Variant[];
  readonly runs?: number;
  readonly cleanRuns?: number;
  /** Record crate times (TYPICAL_CRATE_MS) and the shims' overhead, as a Cargo build through the wrapper does. */
  readonly crates?: boolean;
}

/** The crate times of one build: the typical ones under the build's drift and noise. */
function makeCrateMs(scenario: Scenario, factor: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(TYPICAL_CRATE_MS[scenario]).map(([crate, ms]) => [crate, Math.round(ms * factor)]),
  );
}

/** The fixtures' scenarios unless a test names others: the edit scenario is opt-in, as in a workflow. */
export const FIXTURE_SCENARIOS: readonly Scenario[] = SCENARIOS.filter(
  (scenario) => scenario !== 'edit' && scenario !== 'link',
);

/** Samples as the runner records them: scenario by scenario, each round in rotated variant order. */
export function makeSamples(schedule: SampleSchedule = {}): Sample[] {
  const {
    scenarios = FIXTURE_SCENARIOS,
    variants = VARIANTS,
    runs = 3,
    cleanRuns = 2,
    crates = false,
  } = schedule;
  const samples: Sample[] = [];
  for (const scenario of scenarios) {
    const rounds = scenario === 'clean' ? cleanRuns : runs;
    for (let round = 0; round < rounds; round++) {
      for (let slot = 0; slot < variants.length; slot++) {
        const variant = variants[(slot + round) % variants.length] as Variant;
        const typical = TYPICAL_BUILDS[scenario][variant]!;
        const drift = ROUND_DRIFT[round % ROUND_DRIFT.length] ?? 1;
        const noise = BUILD_NOISE[samples.length % BUILD_NOISE.length] ?? 1;
        samples.push({
          scenario,
          variant,
          round,
          sequence: samples.length,
          wallMs: Math.round(typical.wallMs * drift * noise),
          cpuMs: Math.round(typical.cpuMs * drift * noise),
          peakRssKb: Math.round(typical.peakRssKb * noise),
          linkMs: Math.round(typical.linkMs * noise),
          linkCount: typical.linkCount,
          exitCode: 0,
          overheadMs: crates ? 4 + (samples.length % 5) : null,
          crateMs: crates ? makeCrateMs(scenario, drift * noise) : null,
          // The edit is applied in even rounds and reverted in odd ones: each a rebuild.
          edit: scenario === 'edit' ? (round % 2 === 0 ? 'apply' : 'revert') : null,
        });
      }
    }
  }
  return samples;
}

export function makeEnvironment(overrides: Partial<Environment> = {}): Environment {
  return {
    cpuModel: 'AMD EPYC 7763 64-Core Processor',
    cores: 4,
    memoryBytes: 16_772_579_328,
    os: 'Linux 6.11.0-1018-azure',
    arch: 'x64',
    rustc: 'rustc 1.95.0',
    cargo: 'cargo 1.95.0',
    linkerVersions: { default: 'LLD 20.1.8', mold: 'mold 2.40.4', lld: 'LLD 20.1.8', bfd: 'GNU ld 2.42' },
    command: 'cargo build --release --locked',
    workingDirectory: '/home/runner/work/ferry/ferry',
    commit: '9f3c2e71b04d5a8e6c1f2b3a4d5e6f708192a3b4',
    ref: 'refs/heads/main',
    event: 'push',
    pullRequest: null,
    cargoIncremental: '0',
    moldInstall: { source: 'download', durationMs: 1840 },
    ...overrides,
  };
}

/** One verified check per variant, reading both executables of the variant's own target directory. */
export function makeLinkerChecks(variants: readonly Variant[] = VARIANTS): LinkerCheck[] {
  const found: Readonly<Record<Variant, Pick<LinkerCheck, 'linker' | 'family'>>> = {
    default: { linker: 'LLD 20.1.8', family: 'lld' },
    mold: { linker: 'mold 2.40.4', family: 'mold' },
    lld: { linker: 'LLD 20.1.8', family: 'lld' },
    bfd: { linker: 'GNU ld', family: 'bfd' },
  };
  return variants.map((variant) => ({
    variant,
    ...found[variant]!,
    files: [`target/build-bench/${variant}/release/ferry`, `target/build-bench/${variant}/release/ferryctl`],
    verified: true,
  }));
}

export type ResultsOverrides = Partial<Omit<Results, 'environment' | 'plan'>> & {
  readonly environment?: Partial<Environment>;
  readonly plan?: Partial<Results['plan']> & { readonly crates?: boolean };
};

/**
 * The rounds records a run would have kept: each scenario's rounds, and why they stopped: every variant's claim
 * decided, `max-runs` reached with some undecided, else the time budget; `nothing-to-decide` with `default` alone.
 */
export function makeRounds(
  plan: Results['plan'],
  samples: readonly Sample[],
  speedups: readonly Speedup[],
): RoundsRecord[] {
  return plan.scenarios.flatMap((scenario) => {
    const rounds = Math.max(
      0,
      ...samples.filter((sample) => sample.scenario === scenario).map((sample) => sample.round + 1),
    );
    if (rounds === 0) return [];
    const compared = speedups.filter((speedup) => speedup.scenario === scenario);
    const undecided = compared
      .filter((speedup) => speedup.claim === 'undecided')
      .map((speedup) => `${speedup.variant} vs default`);
    const stoppedBy: RoundsStop =
      compared.length === 0
        ? 'nothing-to-decide'
        : undecided.length === 0
          ? 'decided'
          : rounds >= plan.maxRuns
            ? 'max-runs'
            : 'time-budget';
    return [{ scenario, rounds, stoppedBy, undecided }];
  });
}

/**
 * A complete results document. Summaries and speedups are computed from the samples (given or default)
 * unless overridden, so overriding `samples` alone keeps the document consistent.
 */
export function makeResults(overrides: ResultsOverrides = {}): Results {
  const { crates, ...planOverrides } = overrides.plan ?? {};
  const plan: Results['plan'] = {
    scenarios: FIXTURE_SCENARIOS,
    variants: VARIANTS,
    runs: 3,
    cleanRuns: 2,
    maxRuns: 3,
    timeBudgetMs: 600_000,
    warmup: 1,
    gatedVariant: 'default',
    ...planOverrides,
  };
  const samples = overrides.samples ?? makeSamples({ ...plan, crates });
  const summaries = overrides.summaries ?? summarizeSamples(samples, plan.scenarios, plan.variants);
  const speedups = overrides.speedups ?? computeSpeedups(samples, summaries, fixtureSpeedupRules(plan));
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'build-bench', version: '0.1.0' },
    id: 'ferry-release',
    createdAt: '2026-05-04T09:12:44.000Z',
    status: 'complete',
    touchedFiles: ['src/main.rs'],
    notes: [
      'CARGO_INCREMENTAL was 0 in the environment; the incremental scenario ran with CARGO_INCREMENTAL=1.',
      'Clean builds have no warm-up: each one is a full build from an empty target directory.',
    ],
    linkers: makeLinkerChecks(plan.variants),
    settingProofs: [],
    failure: null,
    analysis: null,
    rounds: makeRounds(plan, samples, speedups),
    targetBytes: {},
    ...overrides,
    environment: makeEnvironment(overrides.environment),
    plan,
    samples,
    summaries,
    speedups,
  };
}

/** Variants read as a run with this plan and the default 5 % threshold reads them. */
export function fixtureSpeedupRules(plan: Pick<Results['plan'], 'runs' | 'cleanRuns' | 'maxRuns'>) {
  return speedupRules({
    ...plan,
    gate: {
      thresholds: parseThreshold('5%'),
      failOn: 'regression',
      allowCrossMachine: false,
      llvmLinesThreshold: null,
    },
  });
}

/** Two crates' IR lines, a graph with a duplicated crate, and release settings with an sccache wrapper. */
export function makeAnalysis(overrides: Partial<Analysis> = {}): Analysis {
  return {
    llvmLines: {
      counter: 'rustc',
      flags: ['--release', '--locked'],
      crates: [
        {
          packageName: 'ferry',
          target: 'bin ferry',
          totalLines: 48_210,
          totalCopies: 1_302,
          functionCount: 4,
          functions: [
            { name: 'core::ptr::drop_in_place<T>', lines: 9_120, copies: 214 },
            { name: 'ferry::route::Router<S>::dispatch', lines: 6_410, copies: 12 },
            { name: '<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop', lines: 3_020, copies: 88 },
            { name: 'ferry::main', lines: 410, copies: 1 },
          ],
        },
      ],
    },
    dependencies: {
      crates: [
        { name: 'bitflags', version: '1.3.2', source: 'registry' },
        { name: 'bitflags', version: '2.6.0', source: 'registry' },
        { name: 'ferry', version: '0.4.0', source: 'path' },
        { name: 'ferry-core', version: '0.4.0', source: 'path' },
        { name: 'serde', version: '1.0.210', source: 'registry' },
      ],
      workspaceMembers: 2,
      duplicates: [{ name: 'bitflags', versions: ['1.3.2', '2.6.0'] }],
    },
    settings: {
      profile: 'release',
      optLevel: { value: '3', source: 'default' },
      debug: { value: 'limited', source: 'Cargo.toml' },
      codegenUnits: { value: 16, source: 'default' },
      incremental: { value: false, source: 'default' },
      lto: { value: 'thin', source: 'CARGO_PROFILE_RELEASE_LTO' },
      target: 'x86_64-unknown-linux-gnu',
      linker: null,
      rustflags: {
        value: ['-C', 'target-cpu=x86-64-v2'],
        source: '/home/runner/work/ferry/ferry/.cargo/config.toml (build.rustflags)',
      },
      cargoIncremental: '0',
      rustcWrapper: { value: 'sccache', source: 'RUSTC_WRAPPER' },
    },
    problems: [],
    ...overrides,
  };
}

/** Cargo's plain release settings for x86_64 Linux, without rustflags, linker or wrapper. */
export function makeSettings(overrides: Partial<BuildSettings> = {}): BuildSettings {
  return {
    profile: 'release',
    optLevel: { value: '3', source: 'default' },
    debug: { value: 'none', source: 'default' },
    codegenUnits: { value: 16, source: 'default' },
    incremental: { value: false, source: 'default' },
    lto: { value: 'thin-local', source: 'default' },
    target: 'x86_64-unknown-linux-gnu',
    linker: null,
    rustflags: null,
    cargoIncremental: '0',
    rustcWrapper: null,
    ...overrides,
  };
}
