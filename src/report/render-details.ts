/** The folded details under the report: environment, statistics, linker checks, files touched, every sample. */
import type { Variant } from '../config/config.js';
import type { Environment, LinkerCheck, Results, Sample } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { formatBytesKb, formatDurationMs } from '../format/format-numbers.js';
import { appendPaths, foldDetails, renderSummaryTable, renderTable } from './render-tables.js';

/** `rustc 1.95.0 (…)` as `rustc --version` prints it, labelled only when the value lacks its own label. */
function labelTool(tool: string, version: string | null): string | null {
  if (version === null || version.trim().length === 0) return null;
  return escapeMarkdown(version.trim().startsWith(tool) ? version : `${tool} ${version}`);
}

/**
 * On a pull request the commit (`GITHUB_SHA`) is a merge commit found nowhere in the pull request: name the
 * pull request's head first and label the commit as what it is.
 */
function renderCommits(environment: Environment): (string | null)[] {
  const { commit, pullRequest } = environment;
  const short = (sha: string): string => codeSpan(sha.slice(0, 7));
  if (pullRequest === null) return [commit === null ? null : `commit ${short(commit)}`];
  return [
    `${escapeMarkdown(`pull request #${pullRequest.number}`)} at ${short(pullRequest.headSha)}`,
    commit === null ? null : `merge commit ${short(commit)}`,
  ];
}

/** The environment on one line, folded; facts that were not recorded are left out. */
export function renderEnvironmentDetails(environment: Environment): string {
  const parts = [
    escapeMarkdown(environment.cpuModel),
    `${environment.cores} ${environment.cores === 1 ? 'core' : 'cores'}`,
    environment.memoryBytes > 0 ? `${formatBytesKb(environment.memoryBytes / 1024)} RAM` : null,
    `${escapeMarkdown(environment.os)} (${escapeMarkdown(environment.arch)})`,
    labelTool('rustc', environment.rustc),
    labelTool('cargo', environment.cargo),
    codeSpan(environment.command),
    ...renderCommits(environment),
    environment.event === null ? null : `event ${escapeMarkdown(environment.event)}`,
  ];
  return foldDetails('Environment', parts.filter((part): part is string => part !== null).join(' · '));
}

/** build-bench's own time inside the timed builds (link shim, rustc wrapper), over the samples that recorded it. */
function describeOverhead(samples: readonly Sample[]): string | null {
  const overheads = samples.flatMap((sample) => (sample.overheadMs === null ? [] : [sample.overheadMs]));
  if (overheads.length === 0) return null;
  const sorted = [...overheads].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const medianMs = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return (
    `build-bench's own time inside each build (link shim, rustc wrapper): median ${formatDurationMs(medianMs)}, ` +
    `at most ${formatDurationMs(sorted.at(-1)!)}.`
  );
}

function describeTargetSizes(results: Results): string | null {
  const sizes = results.plan.variants.flatMap((variant) => {
    const bytes = results.targetBytes[variant];
    return bytes === undefined ? [] : [`${codeSpan(variant)} ${formatBytesKb(bytes / 1024)}`];
  });
  return sizes.length === 0 ? null : `Target directories at the end: ${sizes.join(' · ')}.`;
}

/** Median, range, spread, link share and n of every planned scenario × variant, folded, with the overhead and sizes. */
export function renderStatisticsDetails(results: Results): string {
  const notes = [
    'Range: the fastest and slowest build; MAD: the median absolute deviation; vs default: the paired estimate, ' +
      'as in the table of the other linkers.',
    describeOverhead(results.samples),
    describeTargetSizes(results),
  ].filter((note): note is string => note !== null);
  return foldDetails(
    'Full statistics of every scenario and variant',
    [renderSummaryTable(results), '', ...notes.map((note) => `- ${note}`)].join('\n'),
  );
}

const CLAIMED_LINKER: Readonly<Record<Variant, string>> = {
  default: "the toolchain's default linker",
  mold: 'mold',
  lld: 'LLD',
  bfd: 'GNU ld',
};

function renderLinkerCheck(check: LinkerCheck): string {
  const verdict = check.verified ? '✅ verified' : `❌ not linked by ${CLAIMED_LINKER[check.variant]}`;
  const head = `- **${escapeMarkdown(check.variant)}** → ${escapeMarkdown(check.linker)} ${verdict}`;
  if (check.files.length === 0) return `${head} · no executable read`;
  return appendPaths(head, check.files, { inline: ' · read ', folded: 'files read' }, '  ');
}

/** Each variant → the linker that really linked its executables, from their `.comment` section, folded. */
export function renderLinkersDetails(linkers: readonly LinkerCheck[]): string {
  const verified = linkers.filter((check) => check.verified).length;
  return foldDetails(
    `Linker checks: ${verified} of ${linkers.length} verified, read from the executables`,
    linkers.map(renderLinkerCheck).join('\n'),
  );
}

/** The files the incremental scenario touched, as code spans, folded. */
export function renderTouchedFilesDetails(touchedFiles: readonly string[]): string {
  const count = `${touchedFiles.length} ${touchedFiles.length === 1 ? 'file' : 'files'}`;
  return foldDetails(
    `Touched by the incremental scenario: ${count}`,
    touchedFiles.map((file) => `- ${codeSpan(file)}`).join('\n'),
  );
}

function renderSampleRow(sample: Sample): string[] {
  const failed = sample.exitCode === 0 ? '' : ` ❌ exit ${sample.exitCode}`;
  const links = sample.linkCount === null ? '' : ` (${sample.linkCount})`;
  return [
    escapeMarkdown(sample.edit === null ? sample.scenario : `${sample.scenario} · ${sample.edit}`),
    escapeMarkdown(sample.variant),
    String(sample.round),
    `${formatDurationMs(sample.wallMs)}${failed}`,
    formatDurationMs(sample.cpuMs),
    formatBytesKb(sample.peakRssKb),
    sample.linkMs === null ? '—' : `${formatDurationMs(sample.linkMs)}${links}`,
    formatDurationMs(sample.overheadMs),
  ];
}

/** How many rounds a scenario planned at least: `clean-runs` for clean builds, `runs` for the others. */
function describeRunCounts(results: Results): string {
  const { scenarios, runs, cleanRuns, maxRuns } = results.plan;
  const onlyClean = scenarios.every((scenario) => scenario === 'clean');
  const fewest = onlyClean
    ? `${cleanRuns}`
    : scenarios.includes('clean')
      ? `${runs} (clean: ${cleanRuns})`
      : `${runs}`;
  return maxRuns > Math.max(runs, cleanRuns) ? `rounds: ${fewest} to ${maxRuns}` : `runs: ${fewest}`;
}

/** Every sample in build order, folded: the first thing to drop when space is short. */
export function renderSamplesDetails(results: Results): string {
  const samples = [...results.samples].sort((a, b) => a.sequence - b.sequence);
  const table = renderTable(
    ['Scenario', 'Variant', 'Round', 'Wall', 'CPU', 'RSS', 'Link (n)', 'Shims'],
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    samples.map(renderSampleRow),
  );
  const edits = samples.some((sample) => sample.edit !== null)
    ? `\n\n- Edit builds follow applying the change (${codeSpan('apply')}) or reverting it (${codeSpan('revert')}), every other round.`
    : '';
  return foldDetails(
    `All ${samples.length} samples · ${describeRunCounts(results)} · warm-up builds: ${results.plan.warmup}, not recorded`,
    `${table}\n\n- In build order. CPU: user and system time of the build's processes; RSS: their peak resident memory; ` +
      `Link (n): time inside the linker, and the number of links; Shims: build-bench's own time in the build.${edits}`,
  );
}
