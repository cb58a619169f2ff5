/**
 * Reads the `.comment` section of an ELF file and names the linker it records. Only the header, the section
 * header table, the section names and `.comment` itself are read, by position: a 5 GiB debug binary costs a few
 * kilobytes, and files beyond Node's 2 GiB buffer limit are fine.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { LinkerFamily } from '../../results/results.js';

export class NotElfError extends Error {
  constructor(what: string) {
    super(`${what} is not an ELF file`);
    this.name = 'NotElfError';
  }
}

/** Reads `length` bytes at `offset`; shorter when the source ends first. */
export type ReadAt = (offset: number, length: number) => Uint8Array;

/** Section names and `.comment` are small; larger claims are a broken or hostile file, not a reason to allocate. */
const MAX_SECTION_TABLE_BYTES = 4 * 1024 * 1024;
const MAX_NAMES_BYTES = 4 * 1024 * 1024;
const MAX_COMMENT_BYTES = 1024 * 1024;

/** The NUL-separated strings of the `.comment` section; empty when the file has none. */
export function readElfCommentsAt(readAt: ReadAt, size: number, what = 'The file'): string[] {
  const header = readAt(0, 64);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 52 || view.getUint32(0) !== 0x7f454c46) throw new NotElfError(what);
  const is64 = header[4] === 2;
  if (is64 && header.length < 64) throw new NotElfError(what);
  const little = header[5] === 1;
  const word = (data: DataView, offset: number): number =>
    is64 ? Number(data.getBigUint64(offset, little)) : data.getUint32(offset, little);
  const tableOffset = word(view, is64 ? 0x28 : 0x20);
  const entrySize = view.getUint16(is64 ? 0x3a : 0x2e, little);
  const count = view.getUint16(is64 ? 0x3c : 0x30, little);
  const namesIndex = view.getUint16(is64 ? 0x3e : 0x32, little);
  if (tableOffset === 0 || namesIndex >= count) return [];
  const tableBytes = count * entrySize;
  if (
    entrySize < (is64 ? 64 : 40) ||
    tableBytes > MAX_SECTION_TABLE_BYTES ||
    tableOffset + tableBytes > size
  ) {
    throw new NotElfError(what);
  }
  const table = readAt(tableOffset, tableBytes);
  const tableView = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const section = (index: number): { name: number; offset: number; size: number } => {
    const base = index * entrySize;
    return {
      name: tableView.getUint32(base, little),
      offset: word(tableView, base + (is64 ? 0x18 : 0x10)),
      size: word(tableView, base + (is64 ? 0x20 : 0x14)),
    };
  };
  const names = section(namesIndex);
  if (names.size > MAX_NAMES_BYTES || names.offset + names.size > size) throw new NotElfError(what);
  const nameBytes = readAt(names.offset, names.size);
  const decoder = new TextDecoder();
  const nameAt = (offset: number): string => {
    let end = offset;
    while (end < nameBytes.length && nameBytes[end] !== 0) end++;
    return decoder.decode(nameBytes.subarray(offset, end));
  };
  for (let index = 0; index < count; index++) {
    const candidate = section(index);
    if (nameAt(candidate.name) !== '.comment') continue;
    if (candidate.offset + candidate.size > size) throw new NotElfError(what);
    const content = readAt(candidate.offset, Math.min(candidate.size, MAX_COMMENT_BYTES));
    return decoder
      .decode(content)
      .split('\0')
      .map((text) => text.trim())
      .filter((text) => text.length > 0);
  }
  return [];
}

/** `.comment` of bytes already in memory. */
export function readElfComments(bytes: Uint8Array, what = 'The file'): string[] {
  return readElfCommentsAt((offset, length) => bytes.subarray(offset, offset + length), bytes.length, what);
}

/** `.comment` of a file on disk, read by position. */
export function readElfCommentsOfFile(file: string, what = file): string[] {
  const descriptor = openSync(file, 'r');
  try {
    const size = fstatSync(descriptor).size;
    const readAt: ReadAt = (offset, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      let got = 0;
      while (got < buffer.length) {
        const read = readSync(descriptor, buffer, got, buffer.length - got, offset + got);
        if (read === 0) break;
        got += read;
      }
      return buffer.subarray(0, got);
    };
    return readElfCommentsAt(readAt, size, what);
  } finally {
    closeSync(descriptor);
  }
}

export interface IdentifiedLinker {
  readonly family: LinkerFamily;
  /** e.g. `mold 2.40.4`, `LLD 22.1.2`, `GNU ld`. */
  readonly name: string;
}

/** mold writes `mold x.y`, LLD `Linker: LLD x.y`; GNU ld writes nothing of its own. */
export function identifyLinker(comments: readonly string[]): IdentifiedLinker {
  for (const comment of comments) {
    const mold = /^mold (\d+\.\d+(?:\.\d+)?)/.exec(comment);
    if (mold) return { family: 'mold', name: `mold ${mold[1]}` };
  }
  for (const comment of comments) {
    const lld = /(?:^|Linker: )(?:Ubuntu |Debian |Homebrew )?LLD (\d+\.\d+(?:\.\d+)?)/.exec(comment);
    if (lld) return { family: 'lld', name: `LLD ${lld[1]}` };
  }
  // GNU ld and gold leave no linker signature in .comment; the compiler's own strings (GCC:, rustc) remain.
  if (comments.some((comment) => comment.startsWith('GCC:') || comment.startsWith('rustc version'))) {
    return { family: 'bfd', name: 'GNU ld' };
  }
  return { family: 'unknown', name: 'unknown (no .comment)' };
}
