/** Reads the `.comment` section of an ELF file (already in memory) and names the linker it records. */
import type { LinkerFamily } from '../results/results.js';

export class NotElfError extends Error {
  constructor(what: string) {
    super(`${what} is not an ELF file`);
    this.name = 'NotElfError';
  }
}

/** The NUL-separated strings of the `.comment` section; empty when the file has none. */
export function readElfComments(bytes: Uint8Array, what = 'The file'): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 52 || view.getUint32(0) !== 0x7f454c46) throw new NotElfError(what);
  const is64 = bytes[4] === 2;
  if (is64 && bytes.length < 64) throw new NotElfError(what);
  const little = bytes[5] === 1;
  const u16 = (offset: number): number => view.getUint16(offset, little);
  const u32 = (offset: number): number => view.getUint32(offset, little);
  const word = (offset: number): number => (is64 ? Number(view.getBigUint64(offset, little)) : u32(offset));
  const sectionTableOffset = word(is64 ? 0x28 : 0x20);
  const sectionEntrySize = u16(is64 ? 0x3a : 0x2e);
  const sectionCount = u16(is64 ? 0x3c : 0x30);
  const namesIndex = u16(is64 ? 0x3e : 0x32);
  const section = (index: number): { name: number; offset: number; size: number } => {
    const base = sectionTableOffset + index * sectionEntrySize;
    return {
      name: u32(base),
      offset: word(base + (is64 ? 0x18 : 0x10)),
      size: word(base + (is64 ? 0x20 : 0x14)),
    };
  };
  if (sectionTableOffset === 0 || namesIndex >= sectionCount) return [];
  if (sectionTableOffset + sectionCount * sectionEntrySize > bytes.length) throw new NotElfError(what);
  const names = section(namesIndex);
  const decoder = new TextDecoder();
  const nameAt = (offset: number): string => {
    const start = names.offset + offset;
    let end = start;
    while (end < bytes.length && bytes[end] !== 0) end++;
    return decoder.decode(bytes.subarray(start, end));
  };
  for (let index = 0; index < sectionCount; index++) {
    const candidate = section(index);
    if (nameAt(candidate.name) !== '.comment') continue;
    const content = bytes.subarray(candidate.offset, candidate.offset + candidate.size);
    return decoder
      .decode(content)
      .split('\0')
      .map((text) => text.trim())
      .filter((text) => text.length > 0);
  }
  return [];
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
