/**
 * Counts LLVM IR lines per generic function exactly as `cargo llvm-lines` does, from rustc's `.ll` text or
 * from the table `cargo llvm-lines` prints.
 */
import { LLVM_LINES_KEPT, type CrateLlvmLines, type FunctionLines } from './analysis.js';
import { demangleRustSymbol } from './demangle.js';

/** Every function of a crate, sorted the way `cargo llvm-lines --sort lines` sorts them. */
export interface LlvmLinesTable {
  readonly totalLines: number;
  readonly totalCopies: number;
  readonly functions: readonly FunctionLines[];
}

export class LlvmLinesTableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LlvmLinesTableError';
  }
}

/** Accumulates `.ll` texts (one per codegen unit) into one table; a text may arrive in chunks. */
export interface LlvmIrCounter {
  /** Any piece of the current file's text; lines may span chunks. */
  addChunk(chunk: string): void;
  /** Ends the current file: its last line is counted and the next file starts outside any function. */
  endFile(): void;
  table(): LlvmLinesTable;
}

interface Tally {
  lines: number;
  copies: number;
}

export function createLlvmIrCounter(): LlvmIrCounter {
  const tallies = new Map<string, Tally>();
  let currentFunction: string | null = null;
  let lineCount = 0;
  let partialLine = '';

  // Mirrors cargo-llvm-lines' `count_lines`: `define` opens, `}` closes (and resets), two-space lines count.
  const countLine = (rawLine: string): void => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.startsWith('define ')) {
      currentFunction = readFunctionName(line);
    } else if (line === '}') {
      if (currentFunction !== null) {
        const tally = tallies.get(currentFunction) ?? { lines: 0, copies: 0 };
        tally.lines += lineCount;
        tally.copies += 1;
        tallies.set(currentFunction, tally);
        currentFunction = null;
      }
      lineCount = 0;
    } else if (line.startsWith('  ') && !line.startsWith('   ')) {
      lineCount += 1;
    }
  };

  return {
    addChunk(chunk: string): void {
      const lines = (partialLine + chunk).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) countLine(line);
    },
    endFile(): void {
      countLine(partialLine);
      partialLine = '';
      currentFunction = null;
      lineCount = 0;
    },
    table(): LlvmLinesTable {
      const functions = [...tallies].map(([name, tally]) => ({ name, ...tally }));
      return summarizeFunctions(functions);
    },
  };
}

/** Counts whole `.ll` texts, one per codegen unit, into one table. */
export function countLlvmIr(irTexts: readonly string[]): LlvmLinesTable {
  const counter = createLlvmIrCounter();
  for (const text of irTexts) {
    counter.addChunk(text);
    counter.endFile();
  }
  return counter.table();
}

/** The symbol between the first `@` and the next `(`, quotes trimmed, named by its demangled group; null: none. */
function readFunctionName(defineLine: string): string | null {
  const start = defineLine.indexOf('@');
  if (start < 0) return null;
  const end = defineLine.indexOf('(', start + 1);
  if (end < 0) return null;
  const symbol = trimQuotes(defineLine.slice(start + 1, end));
  return demangleRustSymbol(symbol)?.groupName ?? symbol;
}

/** Like Rust's `trim_matches('"')`: every leading and trailing quote. */
function trimQuotes(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === '"') start++;
  while (end > start && text[end - 1] === '"') end--;
  return text.slice(start, end);
}

/** Lines descending, then copies descending, then name ascending in byte order. */
export function sortFunctionLines(functions: readonly FunctionLines[]): FunctionLines[] {
  return [...functions].sort(
    (a, b) => b.lines - a.lines || b.copies - a.copies || compareByUtf8Bytes(a.name, b.name),
  );
}

/** Compares as UTF-8 bytes would (code point order), not as UTF-16 code units do. */
function compareByUtf8Bytes(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const [x, y] = [a.charCodeAt(index), b.charCodeAt(index)];
    if (x !== y) return rankCodeUnit(x) - rankCodeUnit(y);
  }
  return a.length - b.length;
}

/** Surrogates (D800–DFFF) stand for code points above every other UTF-16 unit (E000–FFFF). */
function rankCodeUnit(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

function summarizeFunctions(functions: readonly FunctionLines[]): LlvmLinesTable {
  return {
    totalLines: functions.reduce((sum, fn) => sum + fn.lines, 0),
    totalCopies: functions.reduce((sum, fn) => sum + fn.copies, 0),
    functions: sortFunctionLines(functions),
  };
}

const HEADER_PATTERN = /^\s*Lines\s+Copies\s+Function name\s*$/;
const RULE_PATTERN = /^\s*-+\s+-+\s+-+\s*$/;
/** `30737 (100%)   1107 (100%)  (TOTAL)` (old) or `51551    1513    (TOTAL)` (current). */
const TOTAL_PATTERN = /^\s*(\d+)\s+(?:\([^)]*\)\s+)?(\d+)\s+(?:\([^)]*\)\s+)?\(TOTAL\)\s*$/;
/** `1395 (4.5%)   83 (7.5%)  name` (old) or `2215 (4.3%,  4.3%)   45 (3.0%,  3.0%)  name` (current). */
const ROW_PATTERN = /^\s*(\d+)\s+\([^)]*%[^)]*\)\s+(\d+)\s+\([^)]*%[^)]*\)\s+(\S.*)$/;

/** Reads the table `cargo llvm-lines` prints on stdout, old or current format; throws LlvmLinesTableError. */
export function parseLlvmLinesTable(stdout: string): LlvmLinesTable {
  const lines = stdout.split('\n').map((line) => line.replace(/\r$/, ''));
  const headerIndex = lines.findIndex((line) => HEADER_PATTERN.test(line));
  if (headerIndex < 0) {
    throw new LlvmLinesTableError(
      'cargo llvm-lines printed no table (no "Lines  Copies  Function name" header)',
    );
  }
  let total: { lines: number; copies: number } | null = null;
  const functions: FunctionLines[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.trim() === '' || (total === null && RULE_PATTERN.test(line))) continue;
    const totalMatch: RegExpExecArray | null = total === null ? TOTAL_PATTERN.exec(line) : null;
    if (totalMatch) {
      total = { lines: Number(totalMatch[1]), copies: Number(totalMatch[2]) };
      continue;
    }
    const row = ROW_PATTERN.exec(line);
    if (total === null || !row) {
      throw new LlvmLinesTableError(
        `cargo llvm-lines printed a table line that could not be read: "${line}"`,
      );
    }
    functions.push({ name: row[3]!, lines: Number(row[1]), copies: Number(row[2]) });
  }
  if (total === null)
    throw new LlvmLinesTableError('cargo llvm-lines printed a table without its (TOTAL) row');
  const table = summarizeFunctions(functions);
  if (table.totalLines !== total.lines || table.totalCopies !== total.copies) {
    throw new LlvmLinesTableError(
      `the rows of the cargo llvm-lines table add up to ${table.totalLines} lines and ${table.totalCopies} copies, ` +
        `but its (TOTAL) row says ${total.lines} and ${total.copies}`,
    );
  }
  return table;
}

/** One crate's result: the largest LLVM_LINES_KEPT functions, totals and the count over all of them. */
export function summarizeCrateLlvmLines(
  packageName: string,
  target: string,
  table: LlvmLinesTable,
  keptFunctions: number = LLVM_LINES_KEPT,
): CrateLlvmLines {
  return {
    packageName,
    target,
    totalLines: table.totalLines,
    totalCopies: table.totalCopies,
    functions: table.functions.slice(0, keptFunctions),
    functionCount: table.functions.length,
  };
}
