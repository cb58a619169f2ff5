/** The one Markdown report of a measurement, from results data only: job summary, PR comment, CLI `--markdown`. */
import type { BuildFailure, Results } from '../results/results.js';
import { codeSpan, escapeMarkdown, fencedCodeBlock } from './markdown-escape.js';
import { fitReport, type ReportSection } from './fit-report.js';
import { renderCharts } from './render-chart.js';
import { renderCrateTimes } from './render-crates.js';
import type { GateReport } from './gate-report.js';
import { renderMeasuredHeadline, renderVerdict } from './render-headline.js';
import { renderBaselineDetails, renderScenarioTable, selectGatedVariant } from './render-scenarios.js';
import {
  renderEnvironmentDetails,
  renderLinkersDetails,
  renderSamplesDetails,
  renderStatisticsDetails,
  renderTouchedFilesDetails,
} from './render-details.js';
import { renderVariantComparison } from './render-variants.js';
import { renderAdvice } from './render-advice.js';
import { renderSettingsAdvice } from './render-settings-advice.js';
import { renderAnalysis } from './render-analysis.js';

export { COMMENT_MAX_BYTES } from './fit-report.js';

export type { GateReport } from './gate-report.js';

export interface RenderReportOptions {
  /** Heading text (escaped); defaults to `build-bench: <id>`. */
  readonly title?: string;
  /** The verdict and the comparison with the baseline, shown first; left out when not given. */
  readonly gate?: GateReport;
  /** The workflow run, linked on the last line; left out when absent or not a plain http(s) URL. */
  readonly runUrl?: string | null;
  /** Most UTF-8 bytes the report may take (e.g. COMMENT_MAX_BYTES); details fold away first. No limit: absent. */
  readonly maxBytes?: number;
}

/**
 * The whole report as GitHub-flavoured Markdown, ending in one newline. Outside values are escaped. Order: the
 * failure or the verdict with its reason (the first lines a reader sees), the scenario table, where the compile
 * time goes, the variant comparison, charts, advice, notes, why builds are slow (IR lines, crates, settings),
 * folded details, save note, run link.
 */
export function renderReport(results: Results, options: RenderReportOptions = {}): string {
  const { gate } = options;
  const has = <T>(items: readonly T[]): boolean => items.length > 0;
  const analysis = renderAnalysis(results, gate?.comparison.analysis ?? null);
  const analysed = Object.values(analysis).some((markdown) => markdown !== null);
  const sections: ReportSection[] = [
    { markdown: `## ${escapeMarkdown(options.title ?? `build-bench: ${results.id}`)}` },
    { markdown: results.status === 'failed' ? renderFailure(results.failure) : null },
    { markdown: gate ? renderVerdict(results, gate) : renderMeasuredHeadline(results) },
    { markdown: gate?.baseFailure ? renderFailure(gate.baseFailure, 'base') : null },
    { markdown: renderScenarioTable(results, gate) },
    {
      markdown: renderCrateTimes(
        results,
        selectGatedVariant(results, gate?.comparison),
        gate?.comparison.crates ?? [],
      ),
      foldAs: 'crate-times',
    },
    { markdown: renderVariantComparison(results), foldAs: 'variants' },
    { markdown: renderCharts(results, gate?.comparison), foldAs: 'charts' },
    { markdown: renderAdvice(results), foldAs: 'advice' },
    { markdown: renderSettingsAdvice(results), foldAs: 'settings-advice' },
    { markdown: has(results.notes) ? renderNotes(results.notes) : null },
    { markdown: analysed ? '### Why builds are slow' : null },
    { markdown: analysis.llvmLines, foldAs: 'llvm-lines' },
    { markdown: analysis.dependencies, foldAs: 'dependencies' },
    { markdown: analysis.settings, foldAs: 'settings' },
    { markdown: analysis.problems },
    { markdown: renderBaselineDetails(gate?.comparison), foldAs: 'baseline' },
    { markdown: renderEnvironmentDetails(results.environment), foldAs: 'environment' },
    { markdown: renderStatisticsDetails(results), foldAs: 'statistics' },
    { markdown: has(results.linkers) ? renderLinkersDetails(results.linkers) : null, foldAs: 'linkers' },
    {
      markdown: has(results.touchedFiles) ? renderTouchedFilesDetails(results.touchedFiles) : null,
      foldAs: 'files',
    },
    { markdown: has(results.samples) ? renderSamplesDetails(results) : null, foldAs: 'samples' },
    { markdown: renderSaveNote(gate) },
  ];
  return fitReport(sections, renderRunLink(options.runUrl), options.maxBytes ?? Number.POSITIVE_INFINITY);
}

/** A plain http(s) URL of URL-safe characters only: nothing that could end the link or start Markdown. */
const SAFE_URL = /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$/;
const MAX_URL_LENGTH = 2048;

function renderRunLink(runUrl: string | null | undefined): string | null {
  if (runUrl == null || runUrl.length > MAX_URL_LENGTH || !SAFE_URL.test(runUrl)) return null;
  return `[Workflow run](${runUrl})`;
}

function renderSaveNote(gate: GateReport | undefined): string | null {
  const saveNote = gate?.saveNote ?? null;
  return saveNote === null ? null : escapeMarkdown(saveNote);
}

const PHASE_DESCRIPTIONS: Readonly<Record<BuildFailure['phase'], string>> = {
  prepare: 'while preparing the build',
  warmup: 'in a warm-up build',
  sample: 'in a measured build',
  verify: 'when its executables were checked for the linker that linked them',
};

/**
 * A GitHub alert: the failure, the command and the tail of its output. A failing base is a warning: the head was
 * still measured, only the comparison is lost.
 */
function renderFailure(failure: BuildFailure | null, of: 'head' | 'base' = 'head'): string {
  const paragraphs: string[] = [];
  const headline = of === 'base' ? '**The base could not be measured**' : '**The benchmark failed**';
  if (failure === null) {
    paragraphs.push(`${headline}, and no details of the failure were recorded.`);
  } else if (
    failure.exitCode === null &&
    failure.outputTail.trim().length === 0 &&
    failure.phase === 'prepare'
  ) {
    // Nothing ran (e.g. cargo could not read the base): no build to name, only why.
    paragraphs.push(`${headline}: ${escapeMarkdown(withoutBasePrefix(failure.message, of))}`);
  } else {
    // No exit code and no output: nothing ran, so nothing was killed.
    const ran = failure.exitCode !== null || failure.outputTail.trim().length > 0;
    const exit =
      failure.exitCode !== null
        ? `, with exit code ${failure.exitCode}`
        : ran
          ? ', without an exit code (killed or timed out)'
          : '';
    paragraphs.push(
      `${headline}: the ${codeSpan(failure.variant)} build of the ` +
        `${codeSpan(failure.scenario)} scenario failed ${PHASE_DESCRIPTIONS[failure.phase]}${exit}.`,
    );
    const message = withoutBasePrefix(failure.message, of);
    if (message.trim().length > 0) paragraphs.push(escapeMarkdown(message));
    paragraphs.push(`Command: ${codeSpan(failure.command)}`);
    if (failure.outputTail.trim().length > 0) {
      paragraphs.push(`Last lines of its output:\n${fencedCodeBlock(keepLastLines(failure.outputTail))}`);
    }
  }
  return `> [!${of === 'base' ? 'WARNING' : 'CAUTION'}]\n${quoteBlock(paragraphs.join('\n\n'))}`;
}

/** Under the base's own headline, the `Base: ` that tells its messages apart in the log is said already. */
function withoutBasePrefix(message: string, of: 'head' | 'base'): string {
  return of === 'base' ? message.replace(/^Base: /, '') : message;
}

/** The output shown of a failed build: enough to see the error, never enough to push the verdict out of a comment. */
const MAX_OUTPUT_TAIL_CHARS = 4000;

/** The last whole lines of `output` within MAX_OUTPUT_TAIL_CHARS, saying when earlier ones were left out. */
function keepLastLines(output: string): string {
  if (output.length <= MAX_OUTPUT_TAIL_CHARS) return output;
  const tail = output.slice(-MAX_OUTPUT_TAIL_CHARS);
  const newline = tail.indexOf('\n');
  const whole = newline === -1 || newline === tail.length - 1 ? tail : tail.slice(newline + 1);
  return `[… ${output.length - whole.length} earlier characters left out]\n${whole}`;
}

/** Every line prefixed for a block quote; the content stays intact, fenced code blocks included. */
function quoteBlock(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.length === 0 ? '>' : `> ${line}`))
    .join('\n');
}

function renderNotes(notes: readonly string[]): string {
  return ['**Notes**', '', ...notes.map((note) => `- ${escapeMarkdown(note)}`)].join('\n');
}
