/** The merge gate: whether a comparison fails the step, and the one message that says why. */
import type { FailOn } from '../config/config.js';
import { formatInterval, formatPercentChange } from '../format/format-numbers.js';
import type { Comparison } from './comparison.js';
import { worstOf } from './verdict.js';
import { formatThreshold } from '../config/threshold.js';

export function gateFails(comparison: Comparison, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (comparison.verdict === 'regression') return true;
  return failOn === 'inconclusive' && comparison.verdict === 'inconclusive';
}

/** One line per scenario that is not `pass`: its change, interval and threshold. */
export function describeGateFailure(comparison: Comparison): string {
  const lines = comparison.scenarios
    .filter((item) => item.verdict !== 'pass')
    .map((item) => {
      const change = item.change === null ? 'no change measured' : formatPercentChange(item.change);
      const interval = item.interval ? ` (95 % CI ${formatInterval(item.interval)})` : ' (no interval)';
      return `- ${item.scenario}: ${change}${interval}, threshold ${formatThreshold(item.threshold)}: ${item.verdict}`;
    });
  for (const item of comparison.analysis?.llvmLines ?? []) {
    if (item.verdict === 'pass' || item.change === null) continue;
    const relative = comparison.analysis?.llvmLinesThreshold ?? null;
    const threshold = formatThreshold({ relative, absoluteMs: null, combine: 'or' });
    const why =
      item.reason === 'toolchain'
        ? ' (the baseline used another rustc)'
        : item.reason === 'different-build'
          ? ' (the baseline counted another build)'
          : '';
    lines.push(
      `- LLVM IR lines of ${item.packageName} (${item.target}): ${item.baselineLines} → ${item.currentLines}, ` +
        `${formatPercentChange(item.change)}, threshold ${threshold}${why}: ${item.verdict}`,
    );
  }
  const timingVerdict = worstOf(comparison.scenarios.map((item) => item.verdict));
  const headline =
    timingVerdict === comparison.verdict
      ? comparison.verdict === 'regression'
        ? 'Builds got slower than the threshold allows'
        : 'The data cannot tell whether builds got slower than the threshold allows'
      : comparison.verdict === 'regression'
        ? "The crates generate more LLVM IR than input 'llvm-lines-threshold' allows"
        : "The IR lines grew beyond input 'llvm-lines-threshold', but against a baseline that differs";
  return `${headline}:\n${lines.join('\n')}`;
}
