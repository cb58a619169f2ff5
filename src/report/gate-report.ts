/** What the report knows about the gate, and the words shared by the verdict, the scenario table and its notes. */
import type { FailOn } from '../config/config.js';
import type { BaselineInfo, Comparison, Verdict, VerdictReason } from '../gate/comparison.js';
import type { BaseCost, BuildFailure } from '../results/results.js';
import { MIN_RUNS_FOR_NOISE } from '../stats/changes.js';
import { countOf, formatBytesKb, formatDurationMs } from '../format/format-numbers.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';

/** The verdict and the comparison with the baseline, why there is none, and the save. */
export interface GateReport {
  readonly comparison: Comparison;
  /** Why there is no baseline to compare with; null when there is one. */
  readonly absence: string | null;
  /** What happened to this run's results as a baseline, e.g. `Baseline saved as …`; null: not told. */
  readonly saveNote: string | null;
  readonly failOn: FailOn;
  /** With `compare-to: base`: why the base did not build (its command and output tail); absent when it did. */
  readonly baseFailure?: BuildFailure | null;
}

export const VERDICT_MARKS: Readonly<Record<Verdict, string>> = {
  pass: '✅ pass',
  regression: '❌ regression',
  inconclusive: '⚠️ inconclusive',
  error: '🛑 error',
};

/**
 * Why a scenario got its verdict, for the reasons a bare verdict does not tell: one note under the table, pointed
 * at by a mark in each row it applies to. `within` and `regressed` need none: the verdict says it.
 */
export const REASON_NOTES: Readonly<Partial<Record<VerdictReason, string>>> = {
  'no-interval': 'the change is beyond the threshold, but too few samples for an interval',
  uncertain: 'its interval is too wide to tell a slowdown beyond the threshold from none',
  noise: 'its interval reaches zero: a slowdown could not be told from how much runs differ',
  'unknown-noise':
    `the change is beyond the threshold, but the baseline has fewer than ${MIN_RUNS_FOR_NOISE} runs from this ` +
    'machine, too few to know how much runs differ',
  'cross-machine': 'the change is beyond the threshold, but measured only against runs of another machine',
  'no-baseline': 'no baseline',
  'not-in-baseline': 'not in the baseline: nothing to compare with',
  'not-measured': 'not measured in this run',
  'base-failed': 'the base did not build: nothing to compare with',
  'not-for-base': `not built for the base (input ${codeSpan('base-scenarios')})`,
  'run-failed': 'this run failed before it measured it: nothing it shows may pass',
};

/** `3 min`, `5 h`, `2 d`: how old the baseline is, coarse on purpose. */
export function formatAge(ageMs: number): string {
  const minutes = Math.round(ageMs / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
}

function shortCommit(commit: string | null): string | null {
  return commit === null ? null : codeSpan(commit.slice(0, 7));
}

/** `refs/heads/main` as `main`: the branch a reader knows. */
function shortRef(ref: string | null): string | null {
  return ref === null ? null : codeSpan(ref.replace(/^refs\/heads\//, ''));
}

/** What the changes are against, to end a sentence: `against the base \`83c2b7f\``. */
export function describeAgainst(baseline: BaselineInfo): string {
  const commit = shortCommit(baseline.commit);
  if (baseline.kind === 'base') return commit === null ? 'against the base' : `against the base ${commit}`;
  if (baseline.kind === 'file') {
    return `against the earlier run in ${codeSpan(baseline.file ?? 'a results file')}`;
  }
  const used = baseline.history?.used ?? baseline.historyRuns;
  const runs = `${used} earlier ${used === 1 ? 'run' : 'runs'}`;
  return `against the cached baseline (${runs}${commit === null ? '' : `, the newest from ${commit}`})`;
}

/** Why history entries were left out: `1 another CPU (Intel …), 2 far from the others`. */
function describeLeftOut(baseline: BaselineInfo): string {
  const leftOut = baseline.history?.leftOut ?? [];
  if (leftOut.length === 0) return '';
  return ` (left out: ${leftOut.map((item) => `${item.count} ${escapeMarkdown(item.why)}`).join('; ')})`;
}

/**
 * `4 of 6 earlier runs used (left out: 2 another CPU (…)); `. A history with no run of this machine class is
 * compared whole, against runs of another machine (at most inconclusive): said so, not as runs left out.
 */
function describeHistoryUse(baseline: BaselineInfo): string {
  const history = baseline.history;
  if (history === null) return '';
  const leftOut = history.leftOut.reduce((sum, item) => sum + item.count, 0);
  if (history.used + leftOut > history.total) {
    const why = history.leftOut.map((item) => escapeMarkdown(item.why)).join('; ');
    return `${history.used} of ${history.total} earlier runs used, though of another machine (${why}); `;
  }
  return `${history.used} of ${history.total} earlier runs used${describeLeftOut(baseline)}; `;
}

/** One line on where the baseline comes from: which runs of the history were used, and why others were not. */
export function describeBaseline(baseline: BaselineInfo): string {
  const commit = shortCommit(baseline.commit) ?? 'an unknown commit';
  const ref = shortRef(baseline.ref);
  const from = `${commit}${ref === null ? '' : ` on ${ref}`}`;
  if (baseline.kind === 'base') {
    const cost = baseline.baseCost ? ` ${describeBaseCost(baseline.baseCost)}` : '';
    return `Base: ${from}, built on this runner interleaved with the head and paired round by round.${cost}`;
  }
  const age = `measured ${formatAge(baseline.ageMs)} ago`;
  if (baseline.kind === 'file') {
    return (
      `Earlier run: ${codeSpan(baseline.file ?? 'a results file')} from ${from}, ${age}. One run does not tell how ` +
      'much runs differ: runs minutes apart may differ a little more than its interval.'
    );
  }
  return `Baseline: the Actions cache, ${describeHistoryUse(baseline)}the newest from ${from}, ${age}.`;
}

/**
 * What the base added to the run: `It added 1 min 2 s: 8 builds, the first 41 s, started from a copy of the
 * head's target directory (2.1 GB, 3 s).`
 */
export function describeBaseCost(cost: BaseCost): string {
  const first = cost.firstBuildMs === null ? '' : `, the first ${formatDurationMs(cost.firstBuildMs)}`;
  const seed = cost.seed;
  const start =
    seed === null
      ? ''
      : seed.how === 'none'
        ? `, built from scratch (${escapeMarkdown(seed.note ?? 'no copy of the head')})`
        : `, started from ${seed.how === 'reflink' ? 'a block-sharing (reflink) copy' : 'a copy'} of the head's target directory (${formatBytesKb(seed.bytes / 1024)}, ${formatDurationMs(seed.durationMs)})`;
  return `It added ${formatDurationMs(cost.totalMs)} to the run: ${countOf(cost.builds, 'build')}${first}${start}.`;
}
