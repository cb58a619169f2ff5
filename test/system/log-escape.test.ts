/**
 * No line our loggers write is a workflow command, whatever outside text a message carries: file names, refs,
 * build output, notes of results files. Checked on the exact bytes written, parsed as the runner parses them.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { createActionDeps } from '../../src/action-deps.js';
import { describeBuildFailure } from '../../src/report/render-text.js';
import { escapeLogText } from '../../src/system/log-escape.js';
import type { Logger } from '../../src/system/ports.js';
import { createTerminalLogger } from '../../src/system/terminal-logger.js';
import { isolateProcessState } from '../support/process-state.js';
import { readRunnerCommands } from '../support/runner-commands.js';

const { printed } = isolateProcessState();

/** What hostile text tries to make the runner do. */
const PAYLOADS = [
  '::error title=pwn::owned',
  '::add-mask::ghs_secret',
  '::stop-commands::pwn',
  '##[error]owned',
  '  ::ERROR::upper case after blanks',
  '\u00a0\u2003::warning::after a no-break and an em space',
  'text before ##[set-output name=x]y',
];
const BREAKS = { LF: '\n', CR: '\r', 'CR LF': '\r\n' };

/** Where outside text enters a message, each as the code words it. */
const VECTORS: Record<string, (hostile: string) => string> = {
  'a touched file name': (hostile) =>
    `The incremental scenario touches: /work/repo/src/lib.rs, /work/repo/src/x${hostile}.rs`,
  'a branch or ref name': (hostile) => `Building the base feature/x${hostile} in /tmp/build-bench-base.`,
  "a build's output": (hostile) =>
    describeBuildFailure({
      scenario: 'incremental',
      variant: 'mold',
      phase: 'sample',
      command: 'cargo build',
      exitCode: 101,
      outputTail: `error[E0425]: cannot find value\n --> src/main.rs:3:5${hostile}\nerror: aborting`,
      message: 'The build failed with exit code 101',
    }),
  "a results file's note": (hostile) =>
    `Read 2 results file(s): shards/a.json, shards/b.json\nNote: measured on shard${hostile}`,
};

const CASES = Object.entries(VECTORS).flatMap(([vector, word]) =>
  Object.entries(BREAKS).flatMap(([breakName, lineBreak]) =>
    PAYLOADS.map((payload) => ({
      name: `${vector}, ${breakName} then ${JSON.stringify(payload)}`,
      message: word(`${lineBreak}${payload}`),
    })),
  ),
);

describe('escapeLogText', () => {
  it.each([
    { text: 'plain line', escaped: 'plain line' },
    { text: 'a\n::error::x', escaped: 'a\n\\::error::x' },
    { text: '::add-mask::s', escaped: '\\::add-mask::s' },
    { text: ' \t::warning::x', escaped: ' \t\\::warning::x' },
    { text: '\u00a0::debug::x', escaped: '\u00a0\\::debug::x' },
    { text: 'a::b::c', escaped: 'a::b::c' },
    { text: 'x ##[error]y ##[group]z', escaped: 'x ##\\[error]y ##\\[group]z' },
    { text: 'a\r::error::x', escaped: 'a\\r::error::x' },
    { text: 'a\r\n::error::x', escaped: 'a\n\\::error::x' },
    { text: 'table\n  row 1\n  row 2', escaped: 'table\n  row 1\n  row 2' },
  ])('$text', ({ text, escaped }) => {
    expect(escapeLogText(text)).toBe(escaped);
    expect(readRunnerCommands(escapeLogText(text))).toEqual([]);
  });
});

describe("the Action's logger", () => {
  const logger = (): Logger => createActionDeps().logger;

  it.each(CASES)('writes no command for $name', async ({ message }) => {
    expect(readRunnerCommands(message).length).toBeGreaterThan(0); // the message alone would be one
    logger().info(message);
    logger().progress(message);
    expect(printed.join('')).toBe(`${escapeLogText(message)}${os.EOL}`.repeat(2));
    expect(readRunnerCommands(printed.join(''))).toEqual([]);

    printed.length = 0;
    logger().warning(message);
    logger().notice(message);
    await logger().group(message, () => Promise.resolve());
    const commands = readRunnerCommands(printed.join(''));
    expect(commands.map(({ name, data }) => ({ name, data }))).toEqual([
      { name: 'warning', data: message },
      { name: 'notice', data: message },
      { name: 'group', data: message },
      { name: 'endgroup', data: '' },
    ]);
    expect(printed.join('').split(/\r\n|\r|\n/)).toHaveLength(5);
  });
});

describe("the CLI's terminal logger", () => {
  it.each(CASES)('writes no command for $name', async ({ message }) => {
    const written: string[] = [];
    const stream = {
      isTTY: false,
      write: (chunk: string) => written.push(chunk) > 0,
    } as unknown as NodeJS.WriteStream;
    const logger = createTerminalLogger(stream);
    logger.info(message);
    logger.warning(message);
    logger.notice(message);
    logger.progress(message);
    await logger.group(message, () => Promise.resolve());
    expect(readRunnerCommands(written.join(''))).toEqual([]);
    expect(written[0]).toBe(`${escapeLogText(message)}\n`);
  });
});
