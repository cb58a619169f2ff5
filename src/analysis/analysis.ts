/**
 * Why builds are slow: what the compiler generates (LLVM IR lines per generic function), the crates the build
 * pulls in, and the build settings in force. Stored with the results (field `analysis`), so the baseline has one.
 */

/** One generic function (all its instantiations) as `cargo llvm-lines` groups them. */
export interface FunctionLines {
  /** Demangled name without hash; legacy symbols name the generic item, v0 names lose their generic arguments. */
  readonly name: string;
  /** LLVM IR lines of all copies together. */
  readonly lines: number;
  /** Instantiations (copies) of the function. */
  readonly copies: number;
}

/** The LLVM IR of one crate, counted the way `cargo llvm-lines` counts it. */
export interface CrateLlvmLines {
  readonly packageName: string;
  /** The crate target counted, e.g. `lib` or `bin app`. */
  readonly target: string;
  readonly totalLines: number;
  readonly totalCopies: number;
  /** The largest functions by lines (then copies, then name), at most LLVM_LINES_KEPT of them. */
  readonly functions: readonly FunctionLines[];
  /** How many functions were counted in all (more than `functions.length` when the list was cut). */
  readonly functionCount: number;
}

/** How many functions per crate the results keep: enough to compare with the baseline, small enough for the cache. */
export const LLVM_LINES_KEPT = 200;

export interface LlvmLinesReport {
  /** `cargo-llvm-lines`: its own table, read; `rustc`: rustc's `--emit=llvm-ir`, counted here with the same method. */
  readonly counter: 'cargo-llvm-lines' | 'rustc';
  /** The cargo flags of `command` the count was built with (profile, features, target): counts compare only alike. */
  readonly flags: readonly string[];
  readonly crates: readonly CrateLlvmLines[];
}

export interface CrateVersion {
  readonly name: string;
  readonly version: string;
  /** `registry`, `path`, `git` or `other`: where the crate comes from. */
  readonly source: 'registry' | 'path' | 'git' | 'other';
}

/** The crates a build compiles: normal and build dependencies of the workspace members, for the build's target. */
export interface DependencyReport {
  /** Every crate of the build graph, workspace members included, sorted by name then version. */
  readonly crates: readonly CrateVersion[];
  /** How many of `crates` are workspace members. */
  readonly workspaceMembers: number;
  /** Crates compiled in more than one version: name and its versions, ascending. */
  readonly duplicates: readonly { readonly name: string; readonly versions: readonly string[] }[];
}

/** A setting's value and where it came from (`default`, `Cargo.toml`, a config file path, an environment variable). */
export interface SettingValue<T> {
  readonly value: T;
  readonly source: string;
}

/** The effective profile of the measured build and what else changes how it compiles and links. */
export interface BuildSettings {
  /** Profile name: `dev`, `release` or a custom one. */
  readonly profile: string;
  /** `0`–`3`, `s` or `z`. */
  readonly optLevel: SettingValue<string>;
  /** `none`, `line-tables-only`, `limited` or `full` (cargo's names for 0/false, 1, true/2). */
  readonly debug: SettingValue<string>;
  readonly codegenUnits: SettingValue<number>;
  readonly incremental: SettingValue<boolean>;
  /** `off`, `thin-local` (cargo's `false`), `thin` or `fat`. */
  readonly lto: SettingValue<string>;
  /** The target triple the build compiles for. */
  readonly target: string;
  /** The linker configured for the target; null: rustc's default. */
  readonly linker: SettingValue<string> | null;
  /** The rustflags in force and where they came from; null: none. */
  readonly rustflags: SettingValue<readonly string[]> | null;
  /** CARGO_INCREMENTAL as the environment had it (the incremental scenario forces 1). */
  readonly cargoIncremental: string | null;
  /** RUSTC_WRAPPER / RUSTC_WORKSPACE_WRAPPER / build.rustc-wrapper (e.g. sccache); null: none. */
  readonly rustcWrapper: SettingValue<string> | null;
}

export interface Analysis {
  /** Null: not asked for (input `llvm-lines` is false) or not a Cargo project. */
  readonly llvmLines: LlvmLinesReport | null;
  /** Null: not a Cargo project. */
  readonly dependencies: DependencyReport | null;
  /** Null: not a Cargo project. */
  readonly settings: BuildSettings | null;
  /** What could not be analysed, one sentence each (e.g. a crate whose IR could not be emitted). */
  readonly problems: readonly string[];
}
