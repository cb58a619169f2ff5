/** The one read-only typed configuration, read once from the Action's inputs or the CLI's flags. */

/** In the order they run: a clean build first, the rebuilds after it, the no-change rebuild last. */
/**
 * `link` replays the final links a prepare build captured (Cargo only): each variant's linker on the same inputs,
 * with no compiling around it.
 */
export const SCENARIOS = ['clean', 'incremental', 'edit', 'noop', 'link'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The linkers a variant can link with: `default` is whatever the toolchain does today. */
/**
 * `default`: what the project links with today (its linker configuration honoured); `toolchain`: what rustc would
 * link with without that configuration (`.cargo/config.toml`'s linker and `-fuse-ld` link arguments, the linker
 * variables): the answer to "what does my mold setup save?" when `default` is already mold.
 */
export const LINKERS = ['default', 'mold', 'lld', 'bfd', 'toolchain'] as const;
export type Linker = (typeof LINKERS)[number];

/**
 * A variant's name: a linker (`mold`), Cargo profile settings built with `default`'s linker
 * (`debug=line-tables-only, codegen-units=16`), or both (`mold + debug=line-tables-only`). The name is the
 * variant's whole definition: `src/variants/variant-spec.ts` reads the linker and the settings back from it.
 */
export type Variant = string;

/** `cargo`: builds go through the link shim; `command`: any other build command, mold through `mold -run`. */
export type BuildSystem = 'cargo' | 'command';

export interface MoldRequest {
  /** A release version like `2.40.4`, or `any` to take whatever mold is on PATH. */
  readonly version: string;
  /** Expected SHA-256 of the release tarball for versions missing from the shipped table. */
  readonly sha256: string | null;
  /** Base URL that release tarballs are downloaded from: `<base>/v<version>/<asset>`. */
  readonly releaseBaseUrl: string;
}

/** When the gate fails the step: on a regression, on a regression or an inconclusive result, or never. */
export const FAIL_ON = ['regression', 'inconclusive', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Whether this run writes the baseline: `auto` on the default branch's push, schedule and manual runs. */
export const SAVE_BASELINE = ['auto', 'true', 'false'] as const;
export type SaveBaseline = (typeof SAVE_BASELINE)[number];

/**
 * How much slower a scenario may get: relative (0.1 = 10 %), absolute, or both joined by `or` (either
 * amount is enough to exceed it: the smaller wins) or `and` (both must be exceeded: the larger wins).
 */
export interface Threshold {
  readonly relative: number | null;
  readonly absoluteMs: number | null;
  readonly combine: 'or' | 'and';
}

export interface GateConfig {
  readonly thresholds: Readonly<Record<Scenario, Threshold>>;
  readonly failOn: FailOn;
  /** Let a baseline from another CPU model, core count or toolchain decide a regression. */
  readonly allowCrossMachine: boolean;
  /** Most growth of a crate's LLVM IR lines against the baseline (0.1 = 10 %); null: IR lines are not gated. */
  readonly llvmLinesThreshold: number | null;
}

export interface BaselineConfig {
  readonly save: SaveBaseline;
  /** How many results (newest first) the baseline keeps. */
  readonly historySize: number;
}

/** `run`: measure, compare, report, gate; `measure`: write the results only; `report`: merge results files, compare, report, gate. */
export const MODES = ['run', 'measure', 'report'] as const;
export type Mode = (typeof MODES)[number];

/** When the sticky PR comment is written: always, only when the verdict is not `pass` (updates still happen), never. */
export const COMMENT_MODES = ['always', 'on-regression', 'never'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

export interface CommentConfig {
  readonly mode: CommentMode;
  /** Token for the GitHub API; empty when none was given (no comment then). */
  readonly token: string;
}

/** What every mode that judges and publishes results needs: the id, the gate, the baseline and the comment. */
export interface PublishConfig {
  readonly id: string;
  /** Absolute path of the results JSON to write; null: the mode's default place. */
  readonly resultsPath: string | null;
  /** A JSON Lines file every run appends its figures to (input `history-file`); null: none. */
  readonly historyFile: string | null;
  readonly gate: GateConfig;
  readonly baseline: BaselineConfig;
  readonly comment: CommentConfig;
  /** Other tools' formats the results are also written in, next to the results file. */
  readonly exportFormats: readonly ExportFormat[];
}

/** `github-action-benchmark`: its `customSmallerIsBetter` JSON; `bencher`: Bencher Metric Format. */
export const EXPORT_FORMATS = ['github-action-benchmark', 'bencher'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The monomorphization report: LLVM IR lines per generic function of the top crate or the packages named. */
export interface LlvmLinesConfig {
  readonly enabled: boolean;
  /** Packages to count; empty: the workspace's top crate. */
  readonly packages: readonly string[];
}

/** `mode: report`: results files measured elsewhere (matrix shards, a fork's pull request run). */
export interface ReportConfig extends PublishConfig {
  readonly mode: 'report';
  /** Paths or globs of the results files to merge, as given (relative to the workspace). */
  readonly resultsPatterns: readonly string[];
}

/**
 * What a run is compared with: the baseline in the Actions cache, the pull request's base built here, nothing, or
 * an earlier run's results file (`file`, given as its path). `auto` (the Action's default) is read as `base` on a
 * pull request (or with `base-ref`) and `cache` otherwise.
 */
export const COMPARE_TO = ['auto', 'cache', 'base', 'none'] as const;
export type CompareTo = Exclude<(typeof COMPARE_TO)[number], 'auto'> | 'file';

export interface BaseConfig {
  /** A commit-ish to build as the base; null: the pull request's merge base. */
  readonly ref: string | null;
  /** Scenarios that also run for the base (a subset of `scenarios`). */
  readonly scenarios: readonly Scenario[];
}

/** `mode: run` or `measure`: builds are measured here. */
export interface Config extends PublishConfig {
  readonly mode: 'run' | 'measure';
  readonly compareTo: CompareTo;
  /**
   * `compare-to` was `auto`: a base that cannot be built leaves the comparison to the cache, and scenarios the base
   * does not build (`base-scenarios`) are compared with the cache too.
   */
  readonly compareToAuto: boolean;
  /** With `compare-to` naming a results file: its absolute path. */
  readonly compareFile: string | null;
  readonly base: BaseConfig;
  /** Absolute path of the project that is built. */
  readonly workingDirectory: string;
  readonly buildSystem: BuildSystem;
  /** Shell command line of one build. */
  readonly command: string;
  /** Shell command line that empties the build output, for `command` projects; null for Cargo. */
  readonly cleanCommand: string | null;
  readonly scenarios: readonly Scenario[];
  /** Linker variants first (input `linkers`), then settings variants (input `settings`). */
  readonly variants: readonly Variant[];
  /** Input `settings` holds `recommended`: the curated settings the project lacks join `variants` before any build. */
  readonly recommendedSettings: boolean;
  /** The variant the gate compares (input `gate-variant`): `default` when measured, else the first one. */
  readonly gatedVariant: Variant;
  /** Paths or globs (relative to the working directory) touched by the incremental scenario; empty: the default. */
  readonly touchPatterns: readonly string[];
  /** Paths or globs of the executables whose linker is verified, for `command` projects. */
  readonly artifactPatterns: readonly string[];
  /** The fewest rounds of each scenario (clean: `cleanRuns`); more are added while a comparison is undecided. */
  readonly runs: number;
  readonly cleanRuns: number;
  /** The most rounds of any scenario. */
  readonly maxRuns: number;
  /** Rounds are added only while the builds so far and the next round fit in this many ms; 0: none are added. */
  readonly timeBudgetMs: number;
  readonly warmup: number;
  /** The `edit` scenario applies and reverts this patch (absolute path); null: the built-in edit of `touch`. */
  readonly editPatch: string | null;
  readonly mold: MoldRequest;
  /** Stop a single build after this many milliseconds. */
  readonly buildTimeoutMs: number;
  readonly llvmLines: LlvmLinesConfig;
}

export type StepConfig = Config | ReportConfig;

/** A bad input: names the input and the value, and says what would be accepted. */
export class ConfigError extends Error {
  constructor(
    readonly input: string,
    readonly value: string,
    expectation: string,
  ) {
    super(`Input '${input}' has the value ${JSON.stringify(value)}: ${expectation}`);
    this.name = 'ConfigError';
  }
}
