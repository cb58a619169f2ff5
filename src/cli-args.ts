/** The CLI's flags: the Action's inputs as `--name value`, plus `--markdown` and `--help`. */
import { describeError } from './system/errors.js';
import { parseArgs } from 'node:util';
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
    throw new UsageError(describeError(error));
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

export function usage(): string {
  const defaults = INPUT_DEFAULTS as Record<string, string>;
  const flags = INPUT_NAMES.map(
    (name) => `  --${name.padEnd(22)}${defaults[name] ? `(default: ${defaults[name]})` : ''}`,
  );
  return [
    'Usage: node dist/cli.js [PROJECT_DIR] [--flag value …]',
    '',
    'Benchmarks clean, incremental and no-op builds of PROJECT_DIR with each linker variant and prints a table.',
    'With no PROJECT_DIR it benchmarks the example project in examples/demo.',
    'Every flag is an input of the Action (see README.md); the CLI defaults --mold-version to `any` (mold on PATH).',
    '',
    ...flags,
    `  --${'markdown'.padEnd(22)}write the Markdown report here (default: <target>/build-bench/report.md)`,
    `  --${'help'.padEnd(22)}show this help`,
  ].join('\n');
}
