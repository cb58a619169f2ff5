/**
 * Text made safe for a GitHub Actions log: no line of it is read by the runner as a workflow command.
 *
 * What the runner parses (actions/runner: Runner.Sdk/ProcessInvoker.cs, Runner.Worker/Handlers/OutputManager.cs,
 * Runner.Common/ActionCommand.cs): stdout and stderr alike, line by line, where a line ends at LF, CR or CR LF
 * (.NET `StreamReader.ReadLine`). A line is a command when
 * - after trimming leading white space it starts with `::`, and `::` follows later (`::name props::data`; names are
 *   matched without regard to case, and after `::stop-commands::token` the token itself is one), or
 * - it holds `##[` anywhere, then `]` (`##[name props]data`, the legacy form).
 */

/** Leading characters .NET's `TrimStart()` may remove, and a few more: removing too many only escapes more. */
// eslint-disable-next-line no-control-regex -- U+001C–U+001F are separators that some runtimes count as blanks
const LEADING_BLANKS = /^[\s\u001c-\u001f\u0085\u180e\u200b\u2060\ufeff]*/;

/**
 * Escapes `text` for one log message: a line whose first non-blank characters are `::` gets `\` before them, every
 * `##[` becomes `##\[`, CR LF becomes LF and any other CR is written as the two characters `\r`. Line feeds stay:
 * messages have lines of their own (tables, a build's output).
 */
export function escapeLogText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\r/g, '\\r').split('\n').map(escapeLine).join('\n');
}

function escapeLine(line: string): string {
  const blanks = LEADING_BLANKS.exec(line)?.[0] ?? '';
  const rest = line.slice(blanks.length);
  const safeStart = rest.startsWith('::') ? `${blanks}\\${rest}` : line;
  return safeStart.replace(/##\[/g, '##\\[');
}
