/** The results document: one measurement, as JSON that leaves the process. Versioned, validated when read. */
import type { Look } from '../stats/looks.js';
import type { Scenario, Variant } from '../config/config.js';
import type { Analysis } from '../analysis/analysis.js';

/**
 * 2: rounds added until decided (`rounds`, `plan.maxRuns`), per-crate times, shim overhead, target sizes.
 * 3: settings variants (any variant name, `settingProofs`), `plan.gatedVariant`.
 */
export const RESULTS_SCHEMA_VERSION = 3;
/** Older versions this build-bench still reads; fields they lack read as null. */
export const READABLE_SCHEMA_VERSIONS: readonly number[] = [1, 2, 3];

/** One timed build of one scenario × variant. Null fields were not measurable here, never guessed. */
export interface Sample {
  readonly scenario: Scenario;
  readonly variant: Variant;
  /** 0-based round; in each round every variant builds once, in rotated order. */
  readonly round: number;
  /** Position of this build in the whole run, 0-based; tells the interleaving. */
  readonly sequence: number;
  readonly wallMs: number;
  /** CPU user+sys of the build's reaped process tree. */
  readonly cpuMs: number | null;
  /** Largest resident set of the build's process tree (sum of live processes), sampled. */
  readonly peakRssKb: number | null;
  /** Total time spent inside the linker driver, from the link shim; null without the shim. */
  readonly linkMs: number | null;
  readonly linkCount: number | null;
  readonly exitCode: number;
  /** What build-bench itself added inside the build (link shim and rustc wrapper), in ms; null without them. */
  readonly overheadMs: number | null;
  /** Compile time per crate (rustc runs of one crate added up), by crate label; null without the rustc wrapper. */
  readonly crateMs: Readonly<Record<string, number>> | null;
  /** The edit scenario: whether this build followed applying the change or reverting it; null otherwise. */
  readonly edit: 'apply' | 'revert' | null;
}

/** Why a scenario's rounds stopped where they did. */
export type RoundsStop = 'decided' | 'nothing-to-decide' | 'max-runs' | 'time-budget' | 'failed';

/** How many rounds a scenario took, and why it stopped there. */
export interface RoundsRecord {
  readonly scenario: Scenario;
  readonly rounds: number;
  readonly stoppedBy: RoundsStop;
  /** The comparisons still undecided when it stopped, e.g. `head vs base`, `mold vs default`. */
  readonly undecided: readonly string[];
  /**
   * The looks the rounds loop took (after how many rounds, at which confidence), the last one planned from the
   * budget and, when the budget or `max-runs` ended the rounds, spending all the error left. Comparisons are read
   * at these; absent in results from before they were recorded.
   */
  readonly looks?: readonly Look[];
}

/** Which linker really linked a variant's executables, read from their `.comment` section. */
export interface LinkerCheck {
  readonly variant: Variant;
  /** e.g. `mold 2.40.4`, `LLD 22.1.2`, `GNU ld` (no linker signature found). */
  readonly linker: string;
  /** The linker family found: what the variant must match. */
  readonly family: LinkerFamily;
  /** Executables that were read. */
  readonly files: readonly string[];
  /** True when the family is what the variant names (always true for `default`). */
  readonly verified: boolean;
}

export type LinkerFamily = 'mold' | 'lld' | 'bfd' | 'unknown';

/** How a settings variant's setting was proven: the codegen options rustc received for the crates it applies to. */
export interface SettingProof {
  readonly variant: Variant;
  /** As the variant names it: `debug=line-tables-only`, `package."*".opt-level=2`. */
  readonly setting: string;
  /** The options seen, e.g. `-C debuginfo=line-tables-only`, or `no -C debuginfo (rustc's default: none)`. */
  readonly flags: readonly string[];
  /** The most crates one build compiled that the setting applies to. */
  readonly crates: number;
  /**
   * True when no build of this run compiled those crates (cargo found them fresh) and the proof is the one an
   * earlier run stored in the variant's target directory: cargo rebuilds a crate whose profile or flags change.
   */
  readonly fromEarlierRun: boolean;
}

export interface Summary {
  readonly scenario: Scenario;
  readonly variant: Variant;
  readonly n: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Median absolute deviation of wall time, a spread robust to one slow outlier. */
  readonly madMs: number;
  readonly medianCpuMs: number | null;
  readonly medianPeakRssKb: number | null;
  readonly medianLinkMs: number | null;
  /** Median link time over median wall time, 0..1; null without link timing. */
  readonly linkShare: number | null;
}

/** A variant against `default` in one scenario: > 1 means the variant builds faster. */
export interface Speedup {
  readonly scenario: Scenario;
  readonly variant: Variant;
  /** Median wall time of `default` over the variant's. */
  readonly speedup: number;
  /** default ÷ variant from the rounds paired (exp of the trimmed mean log ratio); null when rounds do not pair. */
  readonly pairedSpeedup: number | null;
  /**
   * Interval of the paired speedup: the trimmed mean of the per-round log ratios with its t interval, at a
   * confidence that holds however many rounds ran (0.95); null with fewer than two paired rounds.
   */
  readonly pairedInterval: {
    readonly low: number;
    readonly high: number;
    readonly confidence: number;
  } | null;
  /** Median wall time saved per build, in milliseconds (negative: slower). */
  readonly savedMs: number;
  /**
   * What the paired interval tells (faster, slower, within ±threshold, or undecided); null in documents written
   * before it (schema 1), whose intervals were order statistics.
   */
  readonly claim: 'faster' | 'slower' | 'similar' | 'undecided' | null;
  /** Rounds the paired estimate rests on. */
  readonly rounds: number;
}

/** A pull request as the run that measured it saw it. */
export interface PullRequestRef {
  readonly number: number;
  /** The head commit of the pull request (not the merge commit that `GITHUB_SHA` names). */
  readonly headSha: string;
}

export interface Environment {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly os: string;
  readonly arch: string;
  readonly rustc: string | null;
  readonly cargo: string | null;
  /** Versions of the linkers involved, by variant (`default` names what the toolchain used). */
  readonly linkerVersions: Readonly<Partial<Record<Variant, string>>>;
  readonly command: string;
  readonly workingDirectory: string;
  readonly commit: string | null;
  readonly ref: string | null;
  readonly event: string | null;
  /** The pull request this run measured (from a `pull_request` event); a later `report` comments on it. */
  readonly pullRequest: PullRequestRef | null;
  /** CARGO_INCREMENTAL as the environment had it; the incremental scenario forces 1. */
  readonly cargoIncremental: string | null;
  /** How mold was provided in this run and how long that took; null when mold was not installed. */
  readonly moldInstall: MoldInstallFacts | null;
}

export interface MoldInstallFacts {
  /** `path` (already there), `tool-cache`, `download` or `package-manager`. */
  readonly source: string;
  readonly durationMs: number;
}

/** How the base's target directory was started, and what that took. */
export interface TargetSeed {
  /**
   * `reflink`: the head's files shared block by block (no disk used); `copy`: copied; `none`: the base built from
   * scratch (why is in `note`).
   */
  readonly how: 'reflink' | 'copy' | 'none';
  readonly durationMs: number;
  /** Bytes of the head's target directory the base started from; 0 with `none`. */
  readonly bytes: number;
  /** Why the base built from scratch; null when it did not. */
  readonly note: string | null;
}

/** What building the pull request's base added to a run: the report says it, next to what it bought. */
export interface BaseCost {
  /** How its target directory was started (a copy of the head's, for Cargo); null: not a Cargo build. */
  readonly seed: TargetSeed | null;
  /** Wall time of the base's first build (its prepare build, or its first round). */
  readonly firstBuildMs: number | null;
  /** Every base build, prepares and warm-ups too, and the copy: all the time the base added to the run. */
  readonly totalMs: number;
  readonly builds: number;
}

export interface BuildFailure {
  readonly scenario: Scenario;
  readonly variant: Variant;
  readonly phase: 'prepare' | 'warmup' | 'sample' | 'verify';
  readonly command: string;
  readonly exitCode: number | null;
  /** Last lines of the build's output. */
  readonly outputTail: string;
  readonly message: string;
}

export interface Results {
  readonly schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  readonly tool: { readonly name: 'build-bench'; readonly version: string };
  readonly id: string;
  readonly createdAt: string;
  readonly status: 'complete' | 'failed';
  readonly environment: Environment;
  readonly plan: {
    readonly scenarios: readonly Scenario[];
    readonly variants: readonly Variant[];
    readonly runs: number;
    readonly cleanRuns: number;
    /** The most rounds; equal to the fewest in documents of schema 1. */
    readonly maxRuns: number;
    /** Null in documents of schema 1. */
    readonly timeBudgetMs: number | null;
    readonly warmup: number;
    /** The variant the gate compared; `default` when measured, else the first, in documents before schema 3. */
    readonly gatedVariant: Variant;
  };
  /** Per scenario: the rounds run and why they stopped; empty in documents of schema 1. */
  readonly rounds: readonly RoundsRecord[];
  /** Bytes in each variant's target directory at the end; empty when not measured. */
  readonly targetBytes: Readonly<Partial<Record<Variant, number>>>;
  /** Files the incremental scenario touched, relative to the working directory. */
  readonly touchedFiles: readonly string[];
  readonly notes: readonly string[];
  readonly samples: readonly Sample[];
  readonly summaries: readonly Summary[];
  readonly speedups: readonly Speedup[];
  readonly linkers: readonly LinkerCheck[];
  /** Per settings variant and setting, what proved it; empty when no variant has settings. */
  readonly settingProofs: readonly SettingProof[];
  readonly failure: BuildFailure | null;
  /** Why builds are slow: IR lines, crates, settings; null for a non-Cargo command or results from before it. */
  readonly analysis: Analysis | null;
}
