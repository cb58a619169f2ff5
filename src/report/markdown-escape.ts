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
/**
 * `@name` and `#123` become mentions and issue links after Markdown is parsed, so a backslash cannot stop them: a
 * zero-width space after the sign does, and renders the same. Results from a fork's run must not notify anyone.
 */
const REFERENCE_SIGN = /[@#]/g;
const ZERO_WIDTH_SPACE = '\u200b';
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
    .replace(ENTITY_START, '\\&')
    .replace(REFERENCE_SIGN, (sign) => `${sign}${ZERO_WIDTH_SPACE}`);
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
