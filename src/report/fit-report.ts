/** Fits the report under a size cap: folds whole sections away in a fixed order, cuts the text as a last resort. */
import { cutMarkdown, measureBytes } from './cut-markdown.js';

/** GitHub's cap on a comment body, in characters; UTF-8 bytes are never fewer, so a body this size in bytes fits. */
export const COMMENT_MAX_BYTES = 65_536;

/** The sections that may be left out, in the order they go: the most detailed first. */
export const FOLD_ORDER = [
  'samples',
  'files',
  'linkers',
  'statistics',
  'environment',
  'settings',
  'dependencies',
  'baseline',
  'charts',
  'llvm-lines',
  'advice',
  'settings-advice',
  'crate-times',
  'variants',
] as const;
export type FoldableSection = (typeof FOLD_ORDER)[number];

const LEFT_OUT_NAMES: Readonly<Record<FoldableSection | 'rest', string>> = {
  samples: 'every sample',
  files: 'the files touched',
  linkers: 'the linker checks',
  statistics: 'the full statistics',
  environment: 'the environment',
  settings: 'the build settings',
  dependencies: 'the crates',
  baseline: 'the baseline details',
  charts: 'the charts',
  'llvm-lines': 'the LLVM IR lines',
  advice: 'the advice',
  'settings-advice': 'the settings advice',
  'crate-times': 'the crate times',
  variants: 'the variant comparison',
  rest: 'the end of the report',
};

export interface ReportSection {
  /** Markdown of the section; null: the section has nothing to say and is not shown. */
  readonly markdown: string | null;
  /** Which foldable section this is; absent: it stays as long as the text is not cut. */
  readonly foldAs?: FoldableSection;
}

/** A link line under this share of the cap survives the cut: where to find what was left out. */
const FOOTER_SHARE_KEPT_IN_CUT = 0.25;

function renderLeftOut(leftOut: readonly (FoldableSection | 'rest')[]): string {
  const names = leftOut.map((name) => LEFT_OUT_NAMES[name]).join(', ');
  return `_Left out to stay under the size limit: ${names}. The results file holds every number._`;
}

function joinReport(parts: readonly (string | null)[]): string {
  return `${parts.filter((part): part is string => part !== null).join('\n\n')}\n`;
}

/**
 * The sections and the footer joined by blank lines, ending in one newline, at most `maxBytes` UTF-8 bytes
 * when `maxBytes` ≥ 1,000 (the cut needs room for the line that says what was left out). Sections fold away
 * in FOLD_ORDER until the report fits; if it still does not, the rest is cut at a line boundary.
 */
export function fitReport(
  sections: readonly ReportSection[],
  footer: string | null,
  maxBytes: number,
): string {
  let kept = sections.filter((section) => section.markdown !== null);
  const render = (leftOut: readonly FoldableSection[]): string =>
    joinReport([
      ...kept.map((section) => section.markdown),
      footer,
      leftOut.length === 0 ? null : renderLeftOut(leftOut),
    ]);
  const leftOut: FoldableSection[] = [];
  let report = render(leftOut);
  if (measureBytes(report) <= maxBytes) return report;
  for (const name of FOLD_ORDER) {
    if (!kept.some((section) => section.foldAs === name)) continue;
    kept = kept.filter((section) => section.foldAs !== name);
    leftOut.push(name);
    report = render(leftOut);
    if (measureBytes(report) <= maxBytes) return report;
  }
  const keptFooter =
    footer !== null && measureBytes(footer) <= maxBytes * FOOTER_SHARE_KEPT_IN_CUT ? footer : null;
  const tail = joinReport([keptFooter, renderLeftOut([...leftOut, 'rest'])]);
  const body = kept.map((section) => section.markdown).join('\n\n');
  const cut = cutMarkdown(body, maxBytes - measureBytes(tail) - 2);
  return cut.length === 0 ? tail : `${cut}\n\n${tail}`;
}
