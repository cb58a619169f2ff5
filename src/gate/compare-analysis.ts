/** Compares why builds are slow with the baseline: LLVM IR lines per crate (gated when asked) and the crates built. */
import type { CrateLlvmLines, FunctionLines, LlvmLinesReport } from '../analysis/analysis.js';
import { diffDependencies } from '../cargo/cargo.js';
import type { GateConfig } from '../config/config.js';
import type { Results } from '../results/results.js';
import type { AnalysisComparison, Comparison, FunctionGrowth, LlvmLinesChange } from './comparison.js';
import { EPSILON } from './compare.js';
import { worstOf } from './verdict.js';

export const GROWN_KEPT = 5;

/** The baseline's lines of a function, when its list tells: a complete list that lacks it means 0. */
function baselineLinesOf(baseline: CrateLlvmLines, name: string): FunctionLines | null {
  const found = baseline.functions.find((item) => item.name === name);
  if (found) return found;
  const complete = baseline.functionCount <= baseline.functions.length;
  return complete ? { name, lines: 0, copies: 0 } : null;
}

function findGrowth(current: CrateLlvmLines, baseline: CrateLlvmLines): FunctionGrowth[] {
  const grown: FunctionGrowth[] = [];
  for (const item of current.functions) {
    const before = baselineLinesOf(baseline, item.name);
    if (before === null || item.lines <= before.lines) continue;
    grown.push({
      name: item.name,
      currentLines: item.lines,
      baselineLines: before.lines,
      currentCopies: item.copies,
      baselineCopies: before.copies,
    });
  }
  const growth = (item: FunctionGrowth): number => item.currentLines - item.baselineLines;
  return grown.sort((a, b) => growth(b) - growth(a) || a.name.localeCompare(b.name)).slice(0, GROWN_KEPT);
}

/** Why a growth beyond the threshold may not be this change's: null when the two counts are alike. */
type Unlike = 'toolchain' | 'different-build' | null;

function compareCrate(
  current: CrateLlvmLines,
  baseline: CrateLlvmLines | null,
  unlike: Unlike,
  gate: GateConfig,
): LlvmLinesChange {
  const entry = {
    packageName: current.packageName,
    target: current.target,
    currentLines: current.totalLines,
  };
  if (baseline === null || baseline.totalLines <= 0) {
    const reason = gate.llvmLinesThreshold === null ? 'not-gated' : 'not-in-baseline';
    return { ...entry, baselineLines: null, change: null, grown: [], verdict: 'pass', reason };
  }
  const change = current.totalLines / baseline.totalLines - 1;
  const known = {
    ...entry,
    baselineLines: baseline.totalLines,
    change,
    grown: findGrowth(current, baseline),
  };
  const threshold = gate.llvmLinesThreshold;
  if (threshold === null) return { ...known, verdict: 'pass', reason: 'not-gated' };
  if (change <= threshold + EPSILON) return { ...known, verdict: 'pass', reason: 'within' };
  if (unlike === null || (unlike === 'toolchain' && gate.allowCrossMachine)) {
    return { ...known, verdict: 'regression', reason: 'grew' };
  }
  return { ...known, verdict: 'inconclusive', reason: unlike };
}

/**
 * Whether two counts differ for reasons of their own. Against the base built in this run, both sides ran the
 * same command on the same runner: a toolchain or settings change there is the pull request's own.
 */
function findUnlikeness(results: Results, baseline: Results | null, sameRun: boolean): Unlike {
  if (baseline === null || sameRun) return null;
  const [now, before] = [results.analysis, baseline.analysis];
  const flags = (report: LlvmLinesReport | null | undefined): string => JSON.stringify(report?.flags ?? []);
  const differentBuild =
    now?.llvmLines?.counter !== before?.llvmLines?.counter ||
    flags(now?.llvmLines) !== flags(before?.llvmLines) ||
    (now?.settings?.target ?? null) !== (before?.settings?.target ?? null);
  if (differentBuild) return 'different-build';
  return baseline.environment.rustc === results.environment.rustc ? null : 'toolchain';
}

/**
 * The analysis of `results` against `baseline`'s; null when this run has no analysis to compare. `sameRun`: the
 * baseline is the pull request's base, built and analysed in this run.
 */
export function compareAnalysis(
  results: Results,
  baseline: Results | null,
  gate: GateConfig,
  sameRun = false,
): AnalysisComparison | null {
  const current = results.analysis;
  if (current === null) return null;
  const before = baseline?.analysis ?? null;
  const unlike = findUnlikeness(results, baseline, sameRun);
  const llvmLines = (current.llvmLines?.crates ?? []).map((crate) =>
    compareCrate(
      crate,
      before?.llvmLines?.crates.find(
        (item) => item.packageName === crate.packageName && item.target === crate.target,
      ) ?? null,
      unlike,
      gate,
    ),
  );
  const dependencies =
    current.dependencies && before?.dependencies
      ? diffDependencies(before.dependencies, current.dependencies)
      : null;
  return {
    baselineCommit: baseline?.environment.commit ?? null,
    llvmLinesThreshold: gate.llvmLinesThreshold,
    llvmLines,
    dependencies,
  };
}

/** The comparison with the analysis added; the overall verdict also weighs the IR lines' verdicts. */
export function withAnalysis(comparison: Comparison, analysis: AnalysisComparison | null): Comparison {
  if (analysis === null) return comparison;
  const verdict = worstOf([comparison.verdict, ...analysis.llvmLines.map((item) => item.verdict)]);
  return { ...comparison, analysis, verdict };
}
