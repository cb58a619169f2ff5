/** Why builds are slow, as Markdown: LLVM IR lines per generic function, the crates built, the build settings. */
import type {
  CrateLlvmLines,
  CrateVersion,
  DependencyReport,
  LlvmLinesReport,
} from '../analysis/analysis.js';
import { describeSettingWarnings } from '../cargo/cargo.js';
import type { AnalysisComparison, LlvmLinesChange } from '../gate/comparison.js';
import { formatThreshold } from '../config/threshold.js';
import type { Results } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { formatPercent, formatPercentChange } from '../format/format-numbers.js';
import { foldDetails, renderTable } from './render-tables.js';
import { renderSettingsTable } from './render-settings.js';

/** Functions shown per crate: the ones that hold most of the IR. */
export const FUNCTIONS_SHOWN = 10;

/** `12,345`: counts with thousands separators, the same on every machine. */
export function formatCount(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatSignedCount(delta: number): string {
  return `${delta >= 0 ? '+' : '−'}${formatCount(Math.abs(delta))}`;
}

function describeCrate(crate: { readonly packageName: string; readonly target: string }): string {
  return `${codeSpan(crate.packageName, { inTable: true })} (${escapeMarkdown(crate.target)})`;
}

const COUNTERS: Readonly<Record<LlvmLinesReport['counter'], string>> = {
  'cargo-llvm-lines': 'read from `cargo llvm-lines`',
  rustc: "counted from rustc's unoptimized `--emit=llvm-ir` with the method of `cargo llvm-lines`",
};

function renderChangeCell(change: LlvmLinesChange | undefined, threshold: number | null): string {
  if (change === undefined || change.baselineLines === null || change.change === null) return '—';
  const numbers = `${formatPercentChange(change.change)} (${formatCount(change.baselineLines)} → ${formatCount(change.currentLines)})`;
  if (change.reason === 'not-gated' || threshold === null) return numbers;
  const limit = formatThreshold({ relative: threshold, absoluteMs: null, combine: 'or' });
  if (change.reason === 'within') return `${numbers} ✅ within ${limit}`;
  if (change.reason === 'grew') return `${numbers} ❌ more than ${limit}`;
  if (change.reason === 'different-build') {
    return `${numbers} ⚠️ more than ${limit}, but the baseline counted another build (flags, target or counter)`;
  }
  return `${numbers} ⚠️ more than ${limit}, but the baseline used another rustc`;
}

function renderFunctionsTable(crate: CrateLlvmLines): string {
  const rows = crate.functions
    .slice(0, FUNCTIONS_SHOWN)
    .map((item) => [
      formatCount(item.lines),
      crate.totalLines > 0 ? formatPercent(item.lines / crate.totalLines) : '—',
      formatCount(item.copies),
      codeSpan(item.name, { inTable: true }),
    ]);
  const shown = Math.min(FUNCTIONS_SHOWN, crate.functionCount);
  return foldDetails(
    `The ${shown} largest of ${formatCount(crate.functionCount)} functions of ${escapeMarkdown(crate.packageName)}`,
    renderTable(['Lines', 'Share', 'Copies', 'Function'], ['right', 'right', 'right', 'left'], rows),
  );
}

function renderGrowthTable(change: LlvmLinesChange, since: string): string | null {
  if (change.grown.length === 0) return null;
  const rows = change.grown.map((item) => [
    codeSpan(item.name, { inTable: true }),
    `${formatCount(item.baselineLines)} → ${formatCount(item.currentLines)}`,
    formatSignedCount(item.currentLines - item.baselineLines),
    `${formatCount(item.baselineCopies)} → ${formatCount(item.currentCopies)}`,
  ]);
  return [
    `Grew the most in ${describeCrate(change)} since ${since}:`,
    '',
    renderTable(['Function', 'Lines', 'Change', 'Copies'], ['left', 'right', 'right', 'right'], rows),
  ].join('\n');
}

/** The IR lines per crate with the change against the baseline, the largest functions and those that grew. */
export function renderLlvmLines(report: LlvmLinesReport, comparison: AnalysisComparison | null): string {
  const threshold = comparison?.llvmLinesThreshold ?? null;
  const changeOf = (crate: CrateLlvmLines): LlvmLinesChange | undefined =>
    comparison?.llvmLines.find(
      (item) => item.packageName === crate.packageName && item.target === crate.target,
    );
  const hasBaseline = report.crates.some((crate) => changeOf(crate)?.baselineLines != null);
  const rows = report.crates.map((crate) => [
    describeCrate(crate),
    formatCount(crate.totalLines),
    formatCount(crate.totalCopies),
    ...(hasBaseline || threshold !== null ? [renderChangeCell(changeOf(crate), threshold)] : []),
  ]);
  const header = [
    'Crate',
    'IR lines',
    'Copies',
    ...(hasBaseline || threshold !== null ? ['Against the baseline'] : []),
  ];
  const since = comparison?.baselineCommit ? codeSpan(comparison.baselineCommit.slice(0, 7)) : 'the baseline';
  return [
    `**LLVM IR lines** (${COUNTERS[report.counter]}): each generic function counts once with all its copies.`,
    '',
    renderTable(
      header,
      header.map((_, index) => (index === 0 || index === 3 ? 'left' : 'right')),
      rows,
    ),
    ...report.crates.flatMap((crate) => {
      const change = changeOf(crate);
      const growth = change ? renderGrowthTable(change, since) : null;
      return ['', renderFunctionsTable(crate), ...(growth === null ? [] : ['', growth])];
    }),
  ].join('\n');
}

function formatCrates(crates: readonly CrateVersion[]): string {
  return crates.map((crate) => codeSpan(`${crate.name} ${crate.version}`)).join(', ');
}

/** The crates of the build graph: how many, which come in several versions, what changed against the baseline. */
export function renderDependencies(report: DependencyReport, comparison: AnalysisComparison | null): string {
  const count = report.crates.length;
  const lines = [
    `**Crates**: ${formatCount(count)} in the build graph, ${formatCount(report.workspaceMembers)} of them ` +
      `workspace ${report.workspaceMembers === 1 ? 'member' : 'members'}.`,
  ];
  if (report.duplicates.length === 0) lines.push('- No crate is built in more than one version.');
  for (const duplicate of report.duplicates) {
    const versions = duplicate.versions.map((version) => codeSpan(version)).join(', ');
    lines.push(
      `- ${codeSpan(duplicate.name)} is built in ${duplicate.versions.length} versions: ${versions}`,
    );
  }
  const diff = comparison?.dependencies ?? null;
  if (diff !== null) {
    if (diff.added.length === 0 && diff.removed.length === 0) {
      lines.push('- Against the baseline: the same crates.');
    } else {
      if (diff.added.length > 0) lines.push(`- Added against the baseline: ${formatCrates(diff.added)}`);
      if (diff.removed.length > 0)
        lines.push(`- Removed against the baseline: ${formatCrates(diff.removed)}`);
    }
  }
  return lines.join('\n');
}

/** The analysis sections of the report, each null when there is nothing to say. */
export function renderAnalysis(
  results: Results,
  comparison: AnalysisComparison | null,
): {
  llvmLines: string | null;
  dependencies: string | null;
  settings: string | null;
  problems: string | null;
} {
  const analysis = results.analysis;
  if (analysis === null) return { llvmLines: null, dependencies: null, settings: null, problems: null };
  const settings = analysis.settings;
  const warnings = settings ? describeSettingWarnings(settings, results.plan.scenarios) : [];
  return {
    llvmLines:
      analysis.llvmLines && analysis.llvmLines.crates.length > 0
        ? renderLlvmLines(analysis.llvmLines, comparison)
        : null,
    dependencies: analysis.dependencies ? renderDependencies(analysis.dependencies, comparison) : null,
    settings: settings ? renderSettingsTable(settings, warnings, results.environment.workingDirectory) : null,
    problems:
      analysis.problems.length === 0
        ? null
        : [
            '**Not analysed**',
            '',
            ...analysis.problems.map((problem) => `- ${escapeMarkdown(problem)}`),
          ].join('\n'),
  };
}
