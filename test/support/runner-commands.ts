/**
 * The workflow commands a GitHub Actions runner would act on in a step's output, parsed as actions/runner does
 * (ActionCommand.TryParseV2 and TryParse over the lines of StreamReader.ReadLine), but stricter: every command name
 * counts, since `::stop-commands::token` makes any token one.
 */

export interface RunnerCommand {
  readonly name: string;
  /** The data after unescaping, as the runner hands it on. */
  readonly data: string;
  readonly line: string;
}

/** .NET's String.TrimStart(): Char.IsWhiteSpace, which also covers U+0085. */
const DOTNET_LEADING_WHITESPACE = /^[\s\u0085]+/;

function unescapeData(data: string): string {
  return data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function parseLine(line: string): RunnerCommand | null {
  const trimmed = line.replace(DOTNET_LEADING_WHITESPACE, '');
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    if (end >= 0) {
      const name = trimmed.slice(2, end).split(' ')[0]!;
      if (name !== '') return { name: name.toLowerCase(), data: unescapeData(trimmed.slice(end + 2)), line };
    }
  }
  const prefix = line.indexOf('##[');
  const bracket = prefix < 0 ? -1 : line.indexOf(']', prefix);
  if (bracket >= 0) {
    const name = line.slice(prefix + 3, bracket).split(' ')[0]!;
    if (name !== '') return { name: name.toLowerCase(), data: line.slice(bracket + 1), line };
  }
  return null;
}

/** Every command in `output`, in order; a line ends at LF, CR or CR LF. */
export function readRunnerCommands(output: string): RunnerCommand[] {
  return output
    .split(/\r\n|\r|\n/)
    .map(parseLine)
    .filter((command): command is RunnerCommand => command !== null);
}
