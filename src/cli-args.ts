/** The CLI's flags: the Action's inputs as `--name value`, plus `--markdown` and `--help`. */
import { describeError } from './system/errors.js';
import { parseArgs } from 'node:util';
import { INPUT_DOCS } from './config/input-docs.js';
import { INPUT_NAMES } from './config/input-names.js';
import { INPUT_DEFAULTS } from './config/parse-inputs.js';

export interface CliArgs {
  readonly inputs: Record<string, string>;
  readonly markdownPath: string | null;
  readonly help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where the CLI's defaults differ from the Action's: what a developer's machine has, and no Actions cache. */
export const CLI_DEFAULTS: Readonly<Record<string, string>> = {
  'mold-version': 'any',
  'compare-to': 'none',
  // A developer waits at the terminal: rounds beyond `runs` get two minutes, not the Action's ten.
  'time-budget': '2m',
  'working-directory': 'the example project, examples/demo',
};

/** Inputs that mean nothing outside a runner, left out of --help. */
const ACTION_ONLY = new Set(['github-token', 'comment', 'save-baseline', 'mode', 'results']);

/** Levenshtein distance, for "did you mean": flags are short, so the plain table is cheap. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

const FLAGS = [...INPUT_NAMES, 'markdown', 'help'];

/** The flag nearest to an unknown one, when it is near enough to be a typo. */
export function suggestFlag(unknown: string): string | null {
  const name = unknown.replace(/^-+/, '').split('=')[0]!;
  const ranked = FLAGS.map((flag) => ({ flag, cost: distance(name, flag) })).sort((a, b) => a.cost - b.cost);
  const best = ranked[0]!;
  return best.cost <= Math.max(2, Math.floor(name.length / 3)) ? best.flag : null;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    markdown: { type: 'string' },
  };
  for (const name of INPUT_NAMES) options[name] = { type: 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    const unknown = /Unknown option '([^']+)'/.exec(describeError(error))?.[1];
    const suggestion = unknown === undefined ? null : suggestFlag(unknown);
    throw new UsageError(
      `${describeError(error)}${suggestion === null ? '' : `. Did you mean --${suggestion}?`}`,
    );
  }
  const inputs: Record<string, string> = {};
  for (const name of INPUT_NAMES) {
    const value = parsed.values[name];
    if (typeof value === 'string') inputs[name] = value;
  }
  if (parsed.positionals.length > 1)
    throw new UsageError(`Expected at most one project directory, got ${parsed.positionals.join(' ')}`);
  if (parsed.positionals[0] !== undefined) inputs['working-directory'] = parsed.positionals[0];
  const markdown = parsed.values.markdown;
  return {
    inputs,
    markdownPath: typeof markdown === 'string' ? markdown : null,
    help: parsed.values.help === true,
  };
}

/** Wraps `text` at `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${indent}`);
}

export function usage(): string {
  const defaults = { ...(INPUT_DEFAULTS as Record<string, string>), ...CLI_DEFAULTS };
  const indent = ' '.repeat(4);
  const describe = (name: string, text: string): string => {
    const fallback = defaults[name];
    const suffix = fallback ? ` (default: ${fallback})` : '';
    return `  --${name}\n${indent}${wrap(`${text}${suffix}`, 100, indent)}`;
  };
  return [
    'Usage: node dist/cli.js [PROJECT_DIR] [--flag value …]',
    '',
    'Benchmarks clean, incremental, edit and no-op builds of PROJECT_DIR with each linker variant, adding rounds',
    'until the comparisons are decided, and prints a table. With no PROJECT_DIR: the example project in examples/demo.',
    'To check a change on this machine: run once with --results-path before.json, change the code, then run with',
    '--compare-to before.json.',
    '',
    'Exit status: 0 no regression (or nothing compared), 1 a regression (or an inconclusive result with',
    '--fail-on inconclusive), 2 a bad flag or value (before any build), 3 a build or measurement that failed.',
    '',
    ...INPUT_NAMES.filter((name) => !ACTION_ONLY.has(name)).map((name) =>
      describe(name, INPUT_DOCS[name] ?? ''),
    ),
    describe('markdown', 'Write the Markdown report here. Default: report.md next to the results file.'),
    describe('help', 'Show this help.'),
  ].join('\n');
}
