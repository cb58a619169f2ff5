/**
 * The first lines of the report: the verdict and its one reason in a sentence, the crates behind a slowdown, and
 * whether the step fails. A failed benchmark never gets a passing verdict here: its failure is the headline.
 */
import type { Comparison, ScenarioComparison } from '../gate/comparison.js';
import type { CrateComparison } from '../gate/compare-crates.js';
import { gateFails } from '../gate/gate.js';
import { formatThreshold } from '../config/threshold.js';
import type { Results } from '../results/results.js';
import { describeRoundsTaken } from './describe-rounds.js';
import { formatChange, formatChangeRange, formatPercentChange, roundUp } from '../format/format-numbers.js';
import { describeAgainst, REASON_NOTES, VERDICT_MARKS, type GateReport } from './gate-report.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { claimSpeedup, estimateVariantChange } from './speedup-claim.js';
import { MIN_RUNS_FOR_NOISE } from '../stats/changes.js';
import { smallestVisibleSlowdown } from '../gate/verdict.js';

/** Slower crates named next to the verdict; the crate table lists the rest. */
const CRATES_NAMED = 2;

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** `30.0 % slower (95 % CI +20.5…+40.2 %)`, or without the interval when it has none. */
function describeChange(
  change: number | null,
  interval: ScenarioComparison['interval'],
  word: string,
): string {
  const range = interval === null ? '' : ` (95 % CI ${formatChangeRange(interval)})`;
  return `${formatChange(change).replace(/^\+/, '')} ${word}${range}`;
}

/** `after 3 rounds against the base \`83c2b7f\``: what the change rests on. */
function describeBasis(item: ScenarioComparison, comparison: Comparison): string {
  // Against the base, a verdict is read at the look that decided it, which other comparisons may have outlived.
  const earlier =
    comparison.baseline?.kind === 'base' &&
    item.rounds !== null &&
    item.verdict !== 'inconclusive' &&
    item.baselineRuns < item.rounds.rounds;
  const rounds = earlier
    ? `decided after ${item.baselineRuns} rounds (the scenario ran ${item.rounds.rounds} for its other comparisons)`
    : describeRoundsTaken(item.rounds);
  const against = comparison.baseline === null ? '' : describeAgainst(comparison.baseline);
  return [rounds, against].filter((part) => part !== null && part.length > 0).join(' ');
}

/** The scenario the verdict is about: the largest change among those with the overall verdict. */
function pickDecisive(comparison: Comparison): ScenarioComparison | null {
  const candidates = comparison.scenarios.filter((item) => item.verdict === comparison.verdict);
  const compared = candidates.filter((item) => item.change !== null);
  const pool = compared.length > 0 ? compared : candidates;
  return pool.reduce<ScenarioComparison | null>(
    (worst, item) =>
      worst === null || (item.change ?? -Infinity) > (worst.change ?? -Infinity) ? item : worst,
    null,
  );
}

function describeRegression(item: ScenarioComparison, comparison: Comparison): string {
  const threshold = escapeMarkdown(formatThreshold(item.threshold));
  return (
    `${capitalize(item.scenario)} builds got ${describeChange(item.change, item.interval, 'slower')}, beyond the ` +
    `threshold of ${threshold}, ${describeBasis(item, comparison)}.`
  );
}

function describeInconclusive(item: ScenarioComparison, comparison: Comparison): string {
  const scenario = capitalize(item.scenario);
  const why = REASON_NOTES[item.reason] ?? 'the data cannot tell';
  if (item.change === null) return `${scenario} builds: ${why}.`;
  const threshold = escapeMarkdown(formatThreshold(item.threshold));
  const basis = describeBasis(item, comparison);
  const range = item.interval === null ? '' : ` (95 % CI ${formatChangeRange(item.interval)})`;
  return (
    `${scenario} builds changed ${formatChange(item.change)}${range}, ${basis}: ` +
    `${why.replace('the threshold', `the threshold of ${threshold}`)}.${describeRemedy(item, comparison)}`
  );
}

/** What this run could have seen, and what would see less, when the inputs can. */
function describeRemedy(item: ScenarioComparison, comparison: Comparison): string {
  if (item.reason === 'unknown-noise') {
    return ` It settles once the baseline has ${MIN_RUNS_FOR_NOISE} runs from this machine.`;
  }
  if (item.reason !== 'uncertain' && item.reason !== 'no-interval' && item.reason !== 'noise') return '';
  const visible = smallestVisibleSlowdown(item.change, item.interval, item.limit);
  const seen =
    visible === null ? '' : ` This run could have seen a slowdown of ${formatChange(visible)} or more.`;
  const remedies: string[] = [];
  const stop = item.rounds?.stoppedBy;
  if (item.reason !== 'noise' && stop === 'max-runs')
    remedies.push(`more rounds (raise ${codeSpan('max-runs')})`);
  if (item.reason !== 'noise' && stop === 'time-budget')
    remedies.push(`more rounds (raise ${codeSpan('time-budget')})`);
  if (comparison.baseline?.kind !== 'base')
    remedies.push(
      `${codeSpan('compare-to: base')}, which pairs each build with the base's on the same runner`,
    );
  return remedies.length === 0 ? seen : `${seen} Less would show with ${remedies.join(', or ')}.`;
}

/** No build got slower than allowed: how far each pass rules a slowdown out, or why nothing was compared. */
function describePass(comparison: Comparison, absence: string | null): string {
  if (comparison.baseline === null)
    return absence === null ? 'Nothing was compared.' : escapeMarkdown(absence);
  const compared = comparison.scenarios.filter(
    (item) => item.change !== null && item.interval !== null && item.reason === 'within',
  );
  if (compared.length === 0) {
    const why = comparison.scenarios
      .map((item) => REASON_NOTES[item.reason])
      .find((note) => note !== undefined);
    return `Nothing was compared${why === undefined ? '' : `: ${why}`}.`;
  }
  const largest = compared.reduce((worst, item) => (item.change! > worst.change! ? item : worst));
  const bound = Math.max(...compared.map((item) => item.interval!.high));
  const thresholds = new Set(compared.map((item) => formatThreshold(item.threshold)));
  const limit = thresholds.size === 1 ? ` of ${escapeMarkdown([...thresholds][0]!)}` : '';
  const change = `${largest.scenario} ${formatChange(largest.change)} (95 % CI ${formatChangeRange(largest.interval)})`;
  return (
    `No build got slower than its threshold${limit}: no slowdown beyond ${formatChange(bound, roundUp)}, the ` +
    `highest end of the intervals; the largest change: ${change}, ${describeBasis(largest, comparison)}.`
  );
}

/** The crates of a scenario that got slower, as the sentence that says where the time went. */
function describeCrateBlame(
  results: Results,
  crates: readonly CrateComparison[],
  scenario: string,
): string | null {
  const slower = crates.filter((item) => item.slower && item.scenario === scenario);
  if (slower.length === 0) return null;
  const named = slower.slice(0, CRATES_NAMED).map((item) => {
    const interval = item.interval === null ? '' : ` (95 % CI ${formatChangeRange(item.interval)})`;
    return `${codeSpan(item.crate)} ${formatChange(item.change).replace(/^\+/, '')} slower${interval}`;
  });
  const more = slower.length > CRATES_NAMED ? `, and ${slower.length - CRATES_NAMED} more` : '';
  const pullRequest =
    results.environment.pullRequest !== null || /^pull_request/.test(results.environment.event ?? '');
  const subject = pullRequest ? 'The pull request made crate' : 'This run found crate';
  return `${subject}${slower.length > 1 ? 's' : ''} ${named.join(' and ')}${more} to compile in ${scenario} builds.`;
}

/** The one sentence after the verdict: the scenario that decided it, or why nothing did. */
function describeVerdict(gate: GateReport): string | null {
  const { comparison } = gate;
  const decisive = pickDecisive(comparison);
  if (comparison.verdict === 'error')
    return 'The benchmark failed, so nothing it measured may pass: the failure is told below.';
  if (comparison.verdict === 'pass') return describePass(comparison, gate.absence);
  if (decisive === null) return null; // the verdict comes from the IR lines alone: their line says why
  return comparison.verdict === 'regression'
    ? describeRegression(decisive, comparison)
    : describeInconclusive(decisive, comparison);
}

function describeStep(comparison: Comparison, gate: GateReport, failed: boolean): string {
  if (failed) return 'The step fails: the benchmark failed.';
  const outcome = gateFails(comparison, gate.failOn) ? 'fails' : 'passes';
  return `The step ${outcome} (input ${codeSpan('fail-on')}: ${gate.failOn}).`;
}

function renderMachineWarning(comparison: Comparison): string | null {
  const differences = comparison.baseline?.machineDifferences ?? [];
  if (differences.length === 0) return null;
  const list = differences
    .map((item) => `${item.what}: ${escapeMarkdown(item.baseline)} → ${escapeMarkdown(item.current)}`)
    .join('; ');
  const consequence = comparison.allowCrossMachine
    ? `Its verdicts still count, as input ${codeSpan('allow-cross-machine')} is true.`
    : `A slowdown against it is at most inconclusive (input ${codeSpan('allow-cross-machine')} lets it count).`;
  return `> [!WARNING]\n> The baseline was measured on another machine (${list}). ${consequence}`;
}

/** The crates whose IR lines grew beyond input `llvm-lines-threshold`: part of the verdict, said next to it. */
function renderIrLinesVerdict(comparison: Comparison): string | null {
  const analysis = comparison.analysis ?? null;
  const grown = (analysis?.llvmLines ?? []).filter((item) => item.verdict !== 'pass' && item.change !== null);
  if (analysis === null || grown.length === 0) return null;
  const limit = formatThreshold({ relative: analysis.llvmLinesThreshold, absoluteMs: null, combine: 'or' });
  return grown
    .map((item) => {
      const why =
        item.reason === 'toolchain' ? ', but the baseline used another rustc, so it is inconclusive' : '';
      return (
        `${VERDICT_MARKS[item.verdict]}: the LLVM IR lines of ${codeSpan(item.packageName)} (${escapeMarkdown(item.target)}) ` +
        `grew ${formatPercentChange(item.change)}, more than input \`llvm-lines-threshold\` allows (${limit})${why}.`
      );
    })
    .join('\n');
}

/**
 * `### Verdict: ❌ regression` and its reason in one sentence, the crates that got slower where a scenario did not
 * pass, whether the step fails; a failed run keeps only a verdict that is not `pass`, and says the step fails.
 */
export function renderVerdict(results: Results, gate: GateReport): string | null {
  const { comparison } = gate;
  const failed = results.status === 'failed';
  if (failed && comparison.verdict === 'pass') return describeStep(comparison, gate, true);
  const decisive = pickDecisive(comparison);
  const crates =
    decisive === null || comparison.verdict === 'pass' || comparison.verdict === 'error'
      ? null
      : describeCrateBlame(results, comparison.crates ?? [], decisive.scenario);
  const sentence = [describeVerdict(gate), describeStep(comparison, gate, failed)]
    .filter((part) => part !== null)
    .join(' ');
  const parts = [
    `### Verdict: ${VERDICT_MARKS[comparison.verdict]}`,
    sentence,
    crates,
    renderIrLinesVerdict(comparison),
    renderMachineWarning(comparison),
  ];
  return parts.filter((part) => part !== null).join('\n\n');
}

/**
 * Without a gate, the first line says what this run found: the largest sure saving of a linker in a build that
 * links, or that none was faster; null for a failed run (its failure is the headline) or `default` alone.
 */
export function renderMeasuredHeadline(results: Results): string | null {
  const linking = results.speedups.filter((speedup) => speedup.scenario !== 'noop');
  if (results.status === 'failed' || linking.length === 0) return null;
  const faster = linking
    .filter((speedup) => claimSpeedup(speedup) === 'faster')
    .map((speedup) => ({ speedup, ...estimateVariantChange(speedup) }))
    .sort((a, b) => (a.change ?? 0) - (b.change ?? 0));
  const best = faster[0];
  if (best === undefined) return `**No linker was faster** than ${codeSpan('default')} in this run.`;
  const range = best.interval === null ? '' : ` (95 % CI ${formatChangeRange(best.interval)})`;
  return (
    `**Fastest: ${escapeMarkdown(best.speedup.variant)}**, ${formatChange(best.change).replace(/^−/, '')} faster ` +
    `than ${codeSpan('default')} in ${escapeMarkdown(best.speedup.scenario)} builds${range}.`
  );
}
