/** Makes outside text (paths, commands, crate names, build output) inert in Markdown, and formats numbers. */

/* eslint-disable no-control-regex -- matching control characters is the point of these patterns */
/** Terminal colour and cursor sequences, as cargo prints them with `--color always`. */
const ANSI_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
/** C0 and C1 control characters, including line breaks and tabs. */
const CONTROL_RUN = /[\u0000-\u001f\u007f-\u009f]+/g;
/** Controls other than tab and line feed, which build output may keep. */
const CONTROL_EXCEPT_TAB_AND_LF = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */
/** Characters with inline meaning anywhere: code, emphasis, strikethrough, links, HTML, table cells, math. */
const INLINE_SPECIAL = /[\\`*~[\]<>|#$]/g;
/** `_` emphasizes only at a word edge, so `CARGO_INCREMENTAL` and `snake_case` stay readable. */
const EDGE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** `&` only where it would start an entity such as `&lt;` or `&#60;`. */
const ENTITY_START = /&(?=#?[0-9A-Za-z]+;)/g;
/** Markers that mean something only at the start of a line: lists, setext underlines, ordered lists. */
const LINE_START_MARKER = /^(?:[-+=]|(\d{1,9})([.)]))/;

/** Text on one line: terminal sequences dropped, line breaks and other controls turned into one space. */
function toOneLine(text: string): string {
  return text.replace(ANSI_SEQUENCE, '').replace(CONTROL_RUN, ' ');
}

/**
 * Outside text for a table cell or inline text: renders as exactly the characters given, on one line
 * (line breaks become spaces), with surrounding whitespace dropped.
 */
export function escapeMarkdown(text: string): string {
  const escaped = toOneLine(text)
    .trim()
    .replace(INLINE_SPECIAL, (character) => `\\${character}`)
    .replace(EDGE_UNDERSCORE, '\\_')
    .replace(ENTITY_START, '\\&');
  return escaped.replace(
    LINE_START_MARKER,
    (marker, digits: string | undefined, delimiter: string | undefined) =>
      digits === undefined ? `\\${marker}` : `${digits}\\${delimiter}`,
  );
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * Text as an inline code span on one line, whatever backticks it holds. In a GFM table cell pass
 * `inTable`: pipes must then be escaped even inside code (GFM removes that one backslash again).
 */
export function codeSpan(text: string, options: { readonly inTable?: boolean } = {}): string {
  let content = toOneLine(text);
  if (content.length === 0) content = ' ';
  const fence = '`'.repeat(longestBacktickRun(content) + 1);
  // CommonMark strips one space from each side when both are spaces (unless all are): pad to keep them,
  // and pad next to a backtick so it does not merge with the fence.
  const needsPadding =
    content.startsWith('`') ||
    content.endsWith('`') ||
    (content.startsWith(' ') && content.endsWith(' ') && content.trim().length > 0);
  if (needsPadding) content = ` ${content} `;
  if (options.inTable === true) content = content.replaceAll('|', '\\|');
  return `${fence}${content}${fence}`;
}

/** Build output as a fenced code block; the fence is longer than any backtick run inside, so it cannot close early. */
export function fencedCodeBlock(text: string, infoString = 'text'): string {
  const body = text
    .replace(ANSI_SEQUENCE, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_EXCEPT_TAB_AND_LF, '')
    .replace(/\s+$/, '');
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(body) + 1));
  return body.length === 0 ? `${fence}${infoString}\n${fence}` : `${fence}${infoString}\n${body}\n${fence}`;
}

const NOT_MEASURED = '—';

function isMeasured(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/** `812 ms`, `4.31 s`, `12.3 s`, `2 min 05 s`, `1 h 02 min`; negative durations keep their sign. */
export function formatDurationMs(ms: number | null): string {
  if (!isMeasured(ms)) return NOT_MEASURED;
  const sign = ms < 0 && Math.round(Math.abs(ms)) > 0 ? '-' : '';
  const absoluteMs = Math.abs(ms);
  if (Math.round(absoluteMs) < 1000) return `${sign}${Math.round(absoluteMs)} ms`;
  const seconds = absoluteMs / 1000;
  if (Number(seconds.toFixed(2)) < 10) return `${sign}${seconds.toFixed(2)} s`;
  if (Number(seconds.toFixed(1)) < 60) return `${sign}${seconds.toFixed(1)} s`;
  const wholeSeconds = Math.round(seconds);
  if (wholeSeconds < 3600) {
    return `${sign}${Math.floor(wholeSeconds / 60)} min ${twoDigits(wholeSeconds % 60)} s`;
  }
  const wholeMinutes = Math.round(seconds / 60);
  return `${sign}${Math.floor(wholeMinutes / 60)} h ${twoDigits(wholeMinutes % 60)} min`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** `1.23×`. */
export function formatRatio(ratio: number | null): string {
  return isMeasured(ratio) ? `${ratio.toFixed(2)}×` : NOT_MEASURED;
}

/** A share of 0..1 as `12.3 %`. */
export function formatPercent(share: number | null): string {
  return isMeasured(share) ? `${(share * 100).toFixed(1)} %` : NOT_MEASURED;
}

const BINARY_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Kibibytes (as ru_maxrss counts them) in the largest fitting binary unit: `512 MiB`, `1.2 GiB`. */
export function formatBytesKb(kb: number | null): string {
  if (!isMeasured(kb) || kb < 0) return NOT_MEASURED;
  let value = kb;
  let unit = 0;
  // Promote on the rounded value too, so 1023.97 MiB reads `1.0 GiB` and never `1024 MiB`.
  while (unit < BINARY_UNITS.length - 1 && Number(roundForDisplay(value)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${roundForDisplay(value)} ${BINARY_UNITS[unit]}`;
}

/** One decimal below 10, whole numbers above: `3.4`, `512`. */
function roundForDisplay(value: number): string {
  return Number(value.toFixed(1)) < 10 ? value.toFixed(1) : value.toFixed(0);
}

/** A relative change as `+12.3 %` / `-4.0 %` (0.123 → `+12.3 %`); a change that rounds to zero is `±0.0 %`. */
export function formatPercentChange(change: number | null): string {
  if (!isMeasured(change)) return NOT_MEASURED;
  const rounded = (change * 100).toFixed(1);
  if (Number(rounded) === 0) return '±0.0 %';
  return `${change > 0 ? '+' : ''}${rounded} %`;
}

/** A 95 % interval of a relative change: `+3.1 % … +12.0 %`. */
export function formatInterval(interval: { readonly low: number; readonly high: number } | null): string {
  if (interval === null) return NOT_MEASURED;
  return `${formatPercentChange(interval.low)} … ${formatPercentChange(interval.high)}`;
}

/** A 95 % interval of a ratio: `1.02×–1.10×`. */
export function formatRatioInterval(
  interval: { readonly low: number; readonly high: number } | null,
): string {
  if (interval === null) return NOT_MEASURED;
  return `${formatRatio(interval.low)}–${formatRatio(interval.high)}`;
}
