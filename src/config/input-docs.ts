/** Generated from action.yml by scripts/generate-input-docs.mjs: each input's description, for the CLI's --help. */
export const INPUT_DOCS: Readonly<Record<string, string>> = {
  mode: '`run`: measure, compare with the baseline, report, comment and gate. `measure`: measure and write the results JSON only (a matrix shard, or an artifact for a later `report`); no baseline, comment or gate. `report`: read the results files named by `results`, merge them, then compare, report, comment and gate like `run`; needs no checkout and no toolchain.',
  id: 'Name of this benchmark; distinguishes several build-bench steps in one repository (letters, digits, . _ -).',
  'working-directory': 'Directory of the project to build, relative to the workspace.',
  command:
    'Shell command line of one build. Empty: `cargo build` when the directory holds a Cargo.toml. A command starting with `cargo` builds through the link shim; any other command is run as is, and the mold variant runs it under `mold -run`.',
  'clean-command':
    'Shell command that empties the build output before each clean build; required for the clean scenario of a non-Cargo command. Cargo builds empty their own target directory.',
  scenarios:
    "Comma-separated scenarios: `clean` (full build from an empty target), `incremental` (touch files, rebuild), `edit` (change the source for real, rebuild; the next round reverts it and rebuilds), `noop` (rebuild with nothing changed), `link` (Cargo only: one build with the touched files changed keeps its final links, then every round replays them with each linker variant, compiling nothing: the linker's own time, on the same inputs, in seconds a round).",
  touch:
    "Paths or globs (relative to working-directory, comma or newline separated) that the incremental scenario touches. Globs: `*`, `?`, `**`, `[a-z]`, `[!a]`, `{a,b}`; dotfiles match too. An item starting with `!` removes the files that the items before it matched (a later item may add them back); a list of `!` items only is an error. Empty, for Cargo, the root source file of the top binary crate (else top library) among the crates the command builds (`-p`, `--workspace`, `--bin`, or the workspace's `default-members`); a file of a crate the command does not compile is an error before any build. The built-in edit of the `edit` scenario changes the same files.",
  'edit-patch':
    "For the `edit` scenario: a patch file (relative to the workspace), in `git diff` or `diff -u` form with paths relative to the project's repository (as `git apply` takes them), applied and reverted every other round. It is applied in memory first, so one that does not apply is an error before any build. Empty: the built-in edit, a function appended to each Rust file of `touch` that returns a new constant each time, so rustc compiles the crate's code again.",
  linkers:
    "Comma-separated variants: `default` (what the project links with today), `mold`, `lld`, `bfd` (GNU ld), `toolchain` (what rustc would link with without the project's linker configuration: its linker and `-fuse-ld` link arguments left out; when `default` is already mold, what mold is compared with). lld, bfd and toolchain need a Cargo build.",
  settings:
    "Cargo profile settings measured as variants, one variant per line (or separated by `;`): comma-separated `key=value` keys of the profile being built, such as `debug=line-tables-only`, `codegen-units=16`, `debug=false, split-debuginfo=unpacked`, a package override such as `package.\"*\".opt-level=1`, or `build-override.opt-level=3`. Put a linker and `+` in front to join them (`mold + debug=line-tables-only`). `recommended` adds the settings known to speed up builds of this profile that the project does not have yet. Each variant builds with `default`'s linker unless joined, in its own target directory, interleaved with the others and compared with `default`; what rustc received proves every setting. Profile keys go in as `CARGO_PROFILE_<PROFILE>_<KEY>` variables and package overrides as `--config` after the command's `cargo`; the project's files and RUSTFLAGS stay untouched. Needs `default` in `linkers`.",
  'gate-variant':
    'The variant the gate compares with the baseline or the base. Empty: `default` when measured, else the first of `linkers`. Settings variants are advice unless named here.',
  artifacts:
    'For a non-Cargo command, paths or globs of the executables it links; their .comment section tells which linker linked them. Globs and `!` items as in `touch`.',
  runs: 'The fewest rounds of the incremental, edit and noop scenarios (a round builds every variant once, and the base with `compare-to: base`), 1–100. More are added while a comparison is undecided, up to `max-runs` and within `time-budget`.',
  'clean-runs': 'The fewest rounds of the clean scenario, 1–20; more are added like for `runs`.',
  'max-runs': 'The most rounds of any scenario, at least `runs` and `clean-runs`, up to 1000.',
  'time-budget':
    "Rounds beyond the fewest are added only while the benchmark's builds so far and the next round fit in this time, shared between the scenarios still to run: `10m`, `90s`, `1h`, or `0` for none beyond the fewest.",
  warmup: 'Unrecorded warm-up rounds before the incremental, edit and noop samples, 0–10.',
  'mold-version':
    'mold release to install (e.g. 2.42.1), or `any` to use a mold already on PATH (installing the default release when there is none).',
  'mold-sha256':
    'SHA-256 of the release tarball, for a mold version missing from the table shipped in build-bench.',
  'mold-release-url':
    'Base URL of mold release downloads (`<url>/v<version>/mold-<version>-<arch>-linux.tar.gz`), e.g. a mirror on GitHub Enterprise.',
  'results-path':
    'Where to write the results JSON. Empty, `<cargo target dir>/build-bench/results.json` (for other commands `.build-bench/results.json`).',
  'allow-outside-workspace':
    '`true` lets `working-directory` and `results-path` lead outside the workspace, and `touch` outside the project (symbolic links followed). `false`: such a path stops the step before any build, naming the input.',
  'history-file':
    'A JSON Lines file (relative to the workspace) that every run appends one line of its figures to: when, which commit, the median and samples per scenario and variant, the rounds and the verdict. For teams that keep their own compile-time records; keep it with actions/cache or upload it as an artifact. Empty: none.',
  'build-timeout-minutes': 'Stop a single build that runs longer than this.',
  threshold:
    'How much slower a scenario may get before the gate calls it a regression: `10%` for every scenario, or per scenario, e.g. `incremental: 10%, clean: 5% or 30s`. An absolute part (`ms`, `s`, `min`) joins with `or` (either amount is enough: the smaller wins) or `and` (both must be exceeded). Scenarios left out get the item without a scenario name, else 5%. A regression needs the estimate beyond the threshold and the whole 95 % interval beyond half of it.',
  'fail-on':
    'When the gate fails the step: `regression`, `inconclusive` (a regression, or a slowdown the data cannot confirm or rule out), or `never`.',
  'save-baseline':
    'Whether these results become the baseline in the Actions cache: `auto` (push, schedule and manual runs on the default branch), `true` or `false`. Pull requests only read it under `auto`.',
  'allow-cross-machine':
    'Let a baseline measured on another CPU model, core count or toolchain decide a regression. When false, a slowdown against such a baseline is at most inconclusive.',
  'baseline-history':
    'How many results the baseline keeps (newest first); their spread is the run-to-run noise of each scenario.',
  results:
    'For `mode: report`: paths or globs (comma or newline separated, relative to the workspace; globs and `!` items as in `touch`) of the results files to merge. They must share the `id`, commit and pull request, and each scenario × linker may come from one file only.',
  comment:
    'The sticky pull request comment, one per `id`, updated in place: `always` (on pull requests), `on-regression` (created only when the verdict is not pass or a build failed; an existing comment is still updated), or `never`. A comment that cannot be written is a warning, never a failure.',
  'github-token':
    'Token for the pull request comment; it needs `pull-requests: write`. Pull requests from forks get a read-only token: see the fork-safe workflows in docs/gating.md.',
  'compare-to':
    "What a `mode: run` step compares with: `auto` (on a pull request, or with `base-ref`, the base; otherwise the cache), `cache` (the baseline that default-branch runs keep in the Actions cache), `base` (the pull request's base commit, checked out into a separate git worktree and built on this runner, interleaved with the head round by round, compared pair by pair; its first build starts from a copy of the head's target directory, so it rebuilds the workspace's crates, not their dependencies), `none`, or the path of a results file an earlier run wrote (relative to the workspace; a before-and-after comparison on one machine). With `base`, a clone that lacks the base commit (the default checkout is one commit deep) gets it fetched one commit deep. With `auto`, the scenarios the base does not build (`base-scenarios`) are compared with the cache, and so is every scenario when there is no base to build.",
  'base-ref':
    "For `compare-to: base`: the commit, branch (also as `origin/<name>`) or tag to build as the base. Empty: the merge base of the pull request's base commit (`pull_request.base.sha`) and the checkout.",
  'base-scenarios':
    'For `compare-to: base` (and `auto` on a pull request): the scenarios (of `scenarios`) that also run for the base, to bound the cost. Empty: every measured scenario but `clean`.',
  'llvm-lines':
    "`true` to count the LLVM IR lines each generic function generates (the method of `cargo llvm-lines`) in the top crate or in `llvm-lines-packages`, with its change against the baseline. Uses `cargo llvm-lines` when it is on PATH, else rustc's `--emit=llvm-ir`. Costs one more build of the counted crates each run; the first run also builds their dependencies, into `<target>/build-bench/llvm-lines`, and with `compare-to: base` the base is counted too, from scratch.",
  'llvm-lines-packages':
    "Packages (comma- or newline-separated) whose IR lines are counted, each one's library or else its first binary. Empty: the package of the workspace's top crate.",
  'llvm-lines-threshold':
    "Most growth of a crate's IR lines against the baseline, like `10%`; more fails the gate as a regression (inconclusive when the baseline used another rustc). Empty: IR lines never fail the gate.",
  export:
    'Also write the results for other tools, next to the results file: `github-action-benchmark` (its `customSmallerIsBetter` JSON) and/or `bencher` (Bencher Metric Format). Empty: none.',
};
