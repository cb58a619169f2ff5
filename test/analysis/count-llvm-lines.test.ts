/** Counting `.ll` text and reading `cargo llvm-lines` tables, the way cargo-llvm-lines itself does. */
import { describe, expect, it } from 'vitest';
import { LLVM_LINES_KEPT, type FunctionLines } from '../../src/analysis/analysis.js';
import {
  countLlvmIr,
  createLlvmIrCounter,
  LlvmLinesTableError,
  parseLlvmLinesTable,
  sortFunctionLines,
  summarizeCrateLlvmLines,
} from '../../src/analysis/count-llvm-lines.js';

const ir = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** Two instances of one legacy-mangled generic function (different hashes) and a plain C symbol. */
const TALLY_U8 = '_ZN14generic_shapes5tally17h1d473c2baa1a64e6E';
const TALLY_STRING = '_ZN14generic_shapes5tally17h42574f55c1c786e5E';

describe('counting LLVM IR', () => {
  it('counts two-space lines between define and }, not deeper or other indentation', () => {
    const table = countLlvmIr([
      ir(
        'define i32 @plain(i32 %x) unnamed_addr #0 {',
        'start:',
        '  %a = add i32 %x, 1',
        '   ; three spaces',
        '    %deeper = add i32 %a, 1',
        '\t%tab = add i32 %a, 1',
        ' %one = add i32 %a, 1',
        '  ret i32 %a',
        '}',
      ),
    ]);
    expect(table.functions).toEqual([{ name: 'plain', lines: 2, copies: 1 }]);
  });

  it('resets the count at every }, and counts lines before define towards the next function', () => {
    const table = countLlvmIr([
      ir(
        '  stray before any function',
        '}',
        '  stray after a lone brace',
        'define void @next() {',
        '  ret void',
        '}',
        'declare void @external(ptr)',
        '  attributes line',
        'define void @last() {',
        '  ret void',
        '}',
      ),
    ]);
    expect(table.functions).toEqual([
      { name: 'last', lines: 2, copies: 1 },
      { name: 'next', lines: 2, copies: 1 },
    ]);
  });

  it('takes the symbol between @ and (, trims quotes, and skips define lines without one', () => {
    const table = countLlvmIr([
      ir(
        'define internal void @"quoted.name$LT$T$GT$"(ptr %x) {',
        '  ret void',
        '}',
        'define void no_at_sign {',
        '  ret void',
        '}',
        'define void @no_parenthesis {',
        '  ret void',
        '}',
      ),
    ]);
    expect(table.functions).toEqual([{ name: 'quoted.name$LT$T$GT$', lines: 1, copies: 1 }]);
  });

  it('groups the instances of a generic function under its demangled name and sums them', () => {
    const table = countLlvmIr([
      ir(
        `define i64 @${TALLY_U8}(ptr align 1 %items.0, i64 %items.1) {`,
        '  %a = load i8, ptr %items.0',
        '  ret i64 0',
        '}',
        `define i64 @"${TALLY_STRING}"(ptr align 8 %items.0, i64 %items.1) {`,
        '  %a = load i64, ptr %items.0',
        '  %b = add i64 %a, 1',
        '  ret i64 %b',
        '}',
        'define i32 @main(i32 %0, ptr %1) {',
        '  ret i32 0',
        '}',
      ),
    ]);
    expect(table.functions).toEqual([
      { name: 'generic_shapes::tally', lines: 5, copies: 2 },
      { name: 'main', lines: 1, copies: 1 },
    ]);
    expect(table.totalLines).toBe(6);
    expect(table.totalCopies).toBe(3);
  });

  it('accumulates several files, each starting outside any function', () => {
    const table = countLlvmIr([
      ir('define void @a() {', '  ret void', '}', 'define void @unfinished() {', '  %x = add i32 1, 2'),
      ir('}', 'define void @a() {', '  ret void', '}', '  leftover'),
      ir('define void @b() {', '  ret void', '}'),
    ]);
    expect(table.functions).toEqual([
      { name: 'a', lines: 2, copies: 2 },
      { name: 'b', lines: 1, copies: 1 },
    ]);
  });

  it('gives the same table whatever the chunks, and reads CRLF lines', () => {
    const text = ir(
      'define void @a() {',
      '  %x = add i32 1, 2',
      '  ret void',
      '}',
      'define void @b() {\r',
      '  ret void\r',
      '}\r',
    );
    const counter = createLlvmIrCounter();
    for (let at = 0; at < text.length; at += 7) counter.addChunk(text.slice(at, at + 7));
    counter.endFile();
    expect(counter.table()).toEqual(countLlvmIr([text]));
    expect(counter.table().functions).toEqual([
      { name: 'a', lines: 2, copies: 1 },
      { name: 'b', lines: 1, copies: 1 },
    ]);
  });
});

describe('the order of functions', () => {
  it('sorts by lines, then copies (both descending), then name in byte order', () => {
    const functions: FunctionLines[] = [
      { name: 'b', lines: 5, copies: 1 },
      { name: 'a', lines: 5, copies: 1 },
      { name: 'z', lines: 5, copies: 3 },
      { name: 'big', lines: 9, copies: 1 },
      { name: 'B', lines: 5, copies: 1 },
      { name: '_', lines: 5, copies: 1 },
      { name: '\u{1F600}', lines: 1, copies: 1 },
      { name: '\uFF5E', lines: 1, copies: 1 },
    ];
    expect(sortFunctionLines(functions).map((fn) => fn.name)).toEqual([
      'big',
      'z',
      'B',
      '_',
      'a',
      'b',
      '\uFF5E', // EF BD 9E sorts before F0 9F 98 80, although UTF-16 puts the emoji's surrogate first
      '\u{1F600}',
    ]);
  });
});

/** A table as cargo-llvm-lines' current `table.rs` prints it. */
function formatCurrentTable(functions: readonly FunctionLines[]): string {
  const totalLines = functions.reduce((sum, fn) => sum + fn.lines, 0);
  const totalCopies = functions.reduce((sum, fn) => sum + fn.copies, 0);
  const [linesWidth, copiesWidth] = [String(totalLines).length, String(totalCopies).length];
  const percent = (part: number, cumulative: number, total: number): string =>
    `(${((part / total) * 100).toFixed(1)}%,${((cumulative / total) * 100).toFixed(1).padStart(5)}%)`;
  const out = [
    `  Lines${' '.repeat(linesWidth)}           Copies${' '.repeat(copiesWidth)}          Function name`,
    `  -----${' '.repeat(linesWidth)}           ------${' '.repeat(copiesWidth)}          -------------`,
    `  ${String(totalLines).padStart(linesWidth)}                ${String(totalCopies).padStart(copiesWidth)}                (TOTAL)`,
  ];
  let [cumulativeLines, cumulativeCopies] = [0, 0];
  for (const fn of sortFunctionLines(functions)) {
    cumulativeLines += fn.lines;
    cumulativeCopies += fn.copies;
    out.push(
      `  ${String(fn.lines).padStart(linesWidth)} ${percent(fn.lines, cumulativeLines, totalLines).padEnd(14)} ` +
        `${String(fn.copies).padStart(copiesWidth)} ${percent(fn.copies, cumulativeCopies, totalCopies).padEnd(14)} ${fn.name}`,
    );
  }
  return `${out.join('\n')}\n`;
}

const AWKWARD_NAMES: FunctionLines[] = [
  { name: 'core::ptr::drop_in_place<T>', lines: 2215, copies: 45 },
  { name: '<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop', lines: 700, copies: 12 },
  { name: '<(A, B) as core::fmt::Debug>::fmt', lines: 90, copies: 3 },
  { name: 'app::main::{{closure}}', lines: 7, copies: 1 },
  { name: '(TOTAL)', lines: 1, copies: 1 },
];

describe('reading the table of cargo llvm-lines', () => {
  it('reads the current format, names with spaces and parentheses included', () => {
    const table = parseLlvmLinesTable(`   Compiling app v0.1.0\n${formatCurrentTable(AWKWARD_NAMES)}`);
    expect(table.functions).toEqual(sortFunctionLines(AWKWARD_NAMES));
    expect(table.totalLines).toBe(3013);
    expect(table.totalCopies).toBe(62);
  });

  it('reads the rows of the current format as printed', () => {
    const table = parseLlvmLinesTable(
      [
        '  Lines                 Copies               Function name',
        '  -----                 ------               -------------',
        '  51551                 1513                 (TOTAL)',
        '   2215 (4.3%,  4.3%)     45 (3.0%,  3.0%)  core::ptr::drop_in_place<T>',
        '  49336 (95.7%,100.0%)  1468 (97.0%,100.0%)  <(A, B) as core::fmt::Debug>::fmt',
      ].join('\n'),
    );
    expect(table.functions).toEqual([
      { name: '<(A, B) as core::fmt::Debug>::fmt', lines: 49336, copies: 1468 },
      { name: 'core::ptr::drop_in_place<T>', lines: 2215, copies: 45 },
    ]);
  });

  it('reads the old format with one percentage per column', () => {
    const table = parseLlvmLinesTable(
      [
        '  Lines          Copies        Function name',
        '  -----          ------        -------------',
        '  30737 (100%)   1107 (100%)  (TOTAL)',
        '   1395 (4.5%)     83 (7.5%)  core::ptr::drop_in_place',
        '  29300 (95.3%)  1020 (92.1%) <std::io::Write::write_fmt::Adapter<T> as core::fmt::Write>::write_str',
        '     42 (0.1%)      4 (0.4%)  app::run::{{closure}}',
        '',
      ].join('\r\n'),
    );
    expect(table.totalLines).toBe(30737);
    expect(table.totalCopies).toBe(1107);
    expect(table.functions.map((fn) => [fn.name, fn.lines, fn.copies])).toEqual([
      ['<std::io::Write::write_fmt::Adapter<T> as core::fmt::Write>::write_str', 29300, 1020],
      ['core::ptr::drop_in_place', 1395, 83],
      ['app::run::{{closure}}', 42, 4],
    ]);
  });

  it('reads an empty table', () => {
    expect(parseLlvmLinesTable(formatCurrentTable([]))).toEqual({
      totalLines: 0,
      totalCopies: 0,
      functions: [],
    });
  });

  it('refuses output without a table, a line it cannot read, or rows that do not add up', () => {
    expect(() => parseLlvmLinesTable('error: no such command: `llvm-lines`\n')).toThrow(/printed no table/);
    expect(() => parseLlvmLinesTable(formatCurrentTable(AWKWARD_NAMES) + 'garbage here\n')).toThrow(
      LlvmLinesTableError,
    );
    expect(() =>
      parseLlvmLinesTable(formatCurrentTable(AWKWARD_NAMES).replace('  3013 ', '  3014 ')),
    ).toThrow(/add up to 3013 lines/);
    expect(() => parseLlvmLinesTable('  Lines  Copies  Function name\n   5 (50.0%)  1 (50.0%)  a\n')).toThrow(
      /could not be read/,
    );
  });
});

describe('a crate summary', () => {
  it('keeps the largest functions and counts them all', () => {
    const functions = Array.from({ length: LLVM_LINES_KEPT + 50 }, (_, index) => ({
      name: `f${index}`,
      lines: index + 1,
      copies: 1,
    }));
    const crate = summarizeCrateLlvmLines('app', 'bin app', countLlvmIr([]));
    expect(crate).toEqual({
      packageName: 'app',
      target: 'bin app',
      totalLines: 0,
      totalCopies: 0,
      functions: [],
      functionCount: 0,
    });
    const table = parseLlvmLinesTable(formatCurrentTable(functions));
    const kept = summarizeCrateLlvmLines('app', 'lib', table);
    expect(kept.functions).toHaveLength(LLVM_LINES_KEPT);
    expect(kept.functions[0]).toEqual({
      name: `f${LLVM_LINES_KEPT + 49}`,
      lines: LLVM_LINES_KEPT + 50,
      copies: 1,
    });
    expect(kept.functionCount).toBe(LLVM_LINES_KEPT + 50);
    expect(kept.totalLines).toBe(((LLVM_LINES_KEPT + 50) * (LLVM_LINES_KEPT + 51)) / 2);
    const last = LLVM_LINES_KEPT + 49;
    expect(summarizeCrateLlvmLines('app', 'lib', table, 3).functions.map((fn) => fn.name)).toEqual([
      `f${last}`,
      `f${last - 1}`,
      `f${last - 2}`,
    ]);
  });
});
