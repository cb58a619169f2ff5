/** The one Markdown report of a measurement, from results data only: job summary, PR comment, CLI `--markdown`. */
import type { BuildFailure, Environment, Results } from '../results/results.js';
import { codeSpan, escapeMarkdown, fencedCodeBlock } from './markdown-escape.js';
import { formatBytesKb } from './format-numbers.js';
import { renderComparison, type GateReport } from './render-comparison.js';
import { appendPaths, renderLinkers, renderSamplesDetails, renderSummaryTable } from './render-tables.js';

export interface RenderReportOptions {
  /** Heading text (escaped); defaults to `build-bench: <id>`. */
  readonly title?: string;
  /** The verdict and the comparison with the baseline, shown first; left out when not given. */
  readonly gate?: GateReport;
}

/** The whole report as GitHub-flavoured Markdown, ending in one newline. Outside values are escaped. */
export function renderReport(results: Results, options: RenderReportOptions = {}): string {
  const sections = [
    `## ${escapeMarkdown(options.title ?? `build-bench: ${results.id}`)}`,
    results.status === 'failed' ? renderFailure(results.failure) : null,
    options.gate ? renderComparison(options.gate) : null,
    renderSummaryTable(results),
    results.linkers.length > 0 ? renderLinkers(results.linkers) : null,
    results.touchedFiles.length > 0 ? renderTouchedFiles(results.touchedFiles) : null,
    results.notes.length > 0 ? renderNotes(results.notes) : null,
    renderEnvironment(results.environment),
    results.samples.length > 0 ? renderSamplesDetails(results) : null,
  ];
  return `${sections.filter((section): section is string => section !== null).join('\n\n')}\n`;
}

const PHASE_DESCRIPTIONS: Readonly<Record<BuildFailure['phase'], string>> = {
  prepare: 'while preparing the build',
  warmup: 'in a warm-up build',
  sample: 'in a measured build',
  verify: 'when its executables were checked for the linker that linked them',
};

/** A GitHub alert: the failure, the command and the tail of its output. */
function renderFailure(failure: BuildFailure | null): string {
  const paragraphs: string[] = [];
  if (failure === null) {
    paragraphs.push('**The benchmark failed**, and no details of the failure were recorded.');
  } else {
    const exit =
      failure.exitCode === null
        ? 'without an exit code (killed or timed out)'
        : `with exit code ${failure.exitCode}`;
    paragraphs.push(
      `**The benchmark failed**: the ${codeSpan(failure.variant)} build of the ` +
        `${codeSpan(failure.scenario)} scenario failed ${PHASE_DESCRIPTIONS[failure.phase]}, ${exit}.`,
    );
    if (failure.message.trim().length > 0) paragraphs.push(escapeMarkdown(failure.message));
    paragraphs.push(`Command: ${codeSpan(failure.command)}`);
    if (failure.outputTail.trim().length > 0) {
      paragraphs.push(`Last lines of its output:\n${fencedCodeBlock(failure.outputTail)}`);
    }
  }
  return `> [!CAUTION]\n${quoteBlock(paragraphs.join('\n\n'))}`;
}

/** Every line prefixed for a block quote; the content stays intact, fenced code blocks included. */
function quoteBlock(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.length === 0 ? '>' : `> ${line}`))
    .join('\n');
}

function renderTouchedFiles(touchedFiles: readonly string[]): string {
  return appendPaths('**Touched by the incremental scenario:**', touchedFiles, {
    inline: ' ',
    folded: 'files',
  });
}

function renderNotes(notes: readonly string[]): string {
  return ['**Notes**', '', ...notes.map((note) => `- ${escapeMarkdown(note)}`)].join('\n');
}

/** `rustc 1.95.0 (…)` as `rustc --version` prints it, labelled only when the value lacks its own label. */
function labelTool(tool: string, version: string | null): string | null {
  if (version === null || version.trim().length === 0) return null;
  return escapeMarkdown(version.trim().startsWith(tool) ? version : `${tool} ${version}`);
}

/** The environment on one line; facts that were not recorded are left out. */
function renderEnvironment(environment: Environment): string {
  const parts = [
    escapeMarkdown(environment.cpuModel),
    `${environment.cores} ${environment.cores === 1 ? 'core' : 'cores'}`,
    environment.memoryBytes > 0 ? `${formatBytesKb(environment.memoryBytes / 1024)} RAM` : null,
    `${escapeMarkdown(environment.os)} (${escapeMarkdown(environment.arch)})`,
    labelTool('rustc', environment.rustc),
    labelTool('cargo', environment.cargo),
    codeSpan(environment.command),
    environment.commit === null ? null : `commit ${codeSpan(environment.commit.slice(0, 7))}`,
    environment.event === null ? null : `event ${escapeMarkdown(environment.event)}`,
  ];
  return `**Environment:** ${parts.filter((part): part is string => part !== null).join(' · ')}`;
}
