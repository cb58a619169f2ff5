/** Cuts Markdown to a size at a line boundary, closing what the cut leaves open: a code fence, `<details>`. */

/** An opening or closing code fence, possibly in a block quote or indented up to three spaces. */
const FENCE = /^((?:> ?)*)( {0,3})(`{3,}|~{3,})(.*)$/;
/** A table's delimiter row: a table must keep it together with its header. */
const TABLE_DELIMITER = /^\|(?:\s*:?-+:?\s*\|)+\s*$/;
const ELLIPSIS = '…';

const encoder = new TextEncoder();

/** UTF-8 bytes: never fewer than the characters GitHub counts, under any counting. */
export function measureBytes(text: string): number {
  return encoder.encode(text).length;
}

interface OpenFence {
  /** The block quote and indentation the fence sits in, repeated on its closing line. */
  readonly prefix: string;
  readonly marker: string;
}

/** What is still open after some lines: a fence, and how many `<details>` blocks. */
interface OpenBlocks {
  readonly fence: OpenFence | null;
  readonly detailsDepth: number;
}

function isClosingFence(line: string, fence: OpenFence): boolean {
  const match = FENCE.exec(line);
  if (match === null) return false;
  const [, quote = '', indent = '', marker = '', rest = ''] = match;
  return (
    `${quote}${indent}`.replace(/ /g, '') === fence.prefix.replace(/ /g, '') &&
    marker[0] === fence.marker[0] &&
    marker.length >= fence.marker.length &&
    rest.trim().length === 0
  );
}

function advance(open: OpenBlocks, line: string): OpenBlocks {
  if (open.fence !== null) return isClosingFence(line, open.fence) ? { ...open, fence: null } : open;
  const fence = FENCE.exec(line);
  if (fence !== null)
    return { ...open, fence: { prefix: `${fence[1] ?? ''}${fence[2] ?? ''}`, marker: fence[3] ?? '```' } };
  const trimmed = line.trim();
  if (trimmed.startsWith('<details>')) return { ...open, detailsDepth: open.detailsDepth + 1 };
  if (trimmed === '</details>') return { ...open, detailsDepth: Math.max(0, open.detailsDepth - 1) };
  return open;
}

/** The lines that close what is open, each after a blank line where HTML needs one. */
function renderClosers(open: OpenBlocks): string {
  const fence = open.fence === null ? '' : `\n${open.fence.prefix}${open.fence.marker}`;
  return `${fence}${'\n\n</details>'.repeat(open.detailsDepth)}`;
}

/** The longest start of one line that fits `maxBytes` with an ellipsis, cut between code points. */
function cutLine(line: string, maxBytes: number): string {
  let kept = '';
  let bytes = measureBytes(ELLIPSIS);
  for (const character of line) {
    bytes += measureBytes(character);
    if (bytes > maxBytes) break;
    kept += character;
  }
  return kept.length === 0 ? '' : `${kept}${ELLIPSIS}`;
}

/**
 * The longest run of whole lines from the start that fits in `maxBytes` together with the closing lines of the
 * blocks it leaves open; never between a table's header and its delimiter row. When not even the first line
 * fits, that line cut short. Trailing blank lines are dropped.
 */
export function cutMarkdown(markdown: string, maxBytes: number): string {
  if (measureBytes(markdown) <= maxBytes) return markdown;
  const lines = markdown.split('\n');
  let open: OpenBlocks = { fence: null, detailsDepth: 0 };
  let keptBytes = -1;
  let best = { count: 0, closers: '' };
  for (const [index, line] of lines.entries()) {
    keptBytes += measureBytes(line) + 1;
    if (keptBytes > maxBytes) break;
    open = advance(open, line);
    const closers = renderClosers(open);
    const splitsTable = TABLE_DELIMITER.test(lines[index + 1] ?? '');
    if (!splitsTable && line.trim().length > 0 && keptBytes + measureBytes(closers) <= maxBytes) {
      best = { count: index + 1, closers };
    }
  }
  if (best.count === 0) return cutLine(lines[0] ?? '', maxBytes);
  return `${lines.slice(0, best.count).join('\n')}${best.closers}`;
}
