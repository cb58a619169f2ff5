import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSync, openSync, writeSync } from 'node:fs';
import {
  NotElfError,
  identifyLinker,
  readElfComments,
  readElfCommentsOfFile,
} from '../../src/variants/io/elf-comment.js';

let scratch: string;

/** Links a one-line C program with `cc` and the given extra flags; returns the executable's path. */
function link(name: string, flags: readonly string[]): string {
  const output = path.join(scratch, name);
  execFileSync('cc', [...flags, path.join(scratch, 'main.c'), '-o', output], { stdio: 'pipe' });
  return output;
}

/** `-fuse-ld=lld` with the system ld.lld, else rustc's bundled rust-lld through its gcc-ld directory. */
function lldFlags(): string[] {
  if (spawnSync('ld.lld', ['--version']).status === 0) return ['-fuse-ld=lld'];
  const sysroot = execFileSync('rustc', ['--print', 'sysroot'], { encoding: 'utf8' }).trim();
  return [`-B${sysroot}/lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld`, '-fuse-ld=lld'];
}

const executables: Record<'bfd' | 'mold' | 'lld' | 'rustLld' | 'stripped', string> = {
  bfd: '',
  mold: '',
  lld: '',
  rustLld: '',
  stripped: '',
};

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'elf-comment-test-'));
  writeFileSync(path.join(scratch, 'main.c'), 'int main(void) { return 0; }\n');
  executables.bfd = link('with-bfd', ['-fuse-ld=bfd']);
  executables.mold = link('with-mold', ['-fuse-ld=mold']);
  executables.lld = link('with-lld', lldFlags());
  const sysroot = execFileSync('rustc', ['--print', 'sysroot'], { encoding: 'utf8' }).trim();
  executables.rustLld = link('with-rust-lld', [
    `-B${sysroot}/lib/rustlib/x86_64-unknown-linux-gnu/bin/gcc-ld`,
    '-fuse-ld=lld',
  ]);
  executables.stripped = path.join(scratch, 'stripped');
  execFileSync('objcopy', ['--remove-section', '.comment', executables.mold, executables.stripped]);
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('readElfComments and identifyLinker on real executables', () => {
  it.each([
    { linker: 'bfd', family: 'bfd', name: /^GNU ld$/, comment: /^GCC: / },
    { linker: 'mold', family: 'mold', name: /^mold \d+\.\d+(\.\d+)?$/, comment: /^mold \d+\.\d+\.\d+ / },
    {
      linker: 'lld',
      family: 'lld',
      name: /^LLD \d+\.\d+\.\d+$/,
      comment: /^Linker: (Debian |Ubuntu )?LLD \d+\.\d+\.\d+/,
    },
    { linker: 'rustLld', family: 'lld', name: /^LLD \d+\.\d+\.\d+$/, comment: /^Linker: LLD \d+\.\d+\.\d+ / },
    { linker: 'stripped', family: 'unknown', name: /^unknown \(no \.comment\)$/, comment: null },
  ] as const)('$linker', ({ linker, family, name, comment }) => {
    const comments = readElfComments(readFileSync(executables[linker]), linker);
    if (comment === null) expect(comments).toEqual([]);
    else expect(comments.some((text) => comment.test(text))).toBe(true);
    expect(comments.every((text) => text.length > 0 && text === text.trim() && !text.includes('\0'))).toBe(
      true,
    );
    const identified = identifyLinker(comments);
    expect(identified.family).toBe(family);
    expect(identified.name).toMatch(name);
  });

  it('names the exact mold version that `mold --version` reports', () => {
    const version = /^mold (\d+\.\d+\.\d+)/.exec(
      execFileSync('mold', ['--version'], { encoding: 'utf8' }),
    )?.[1];
    expect(version).toBeDefined();
    const comments = readElfComments(readFileSync(executables.mold));
    expect(comments).toContain(`mold ${version} (compatible with GNU ld)`);
    expect(identifyLinker(comments)).toEqual({ family: 'mold', name: `mold ${version}` });
  });

  it('reads a 32-bit object file', () => {
    const source = path.join(scratch, 'f.c');
    const object = path.join(scratch, 'f32.o');
    writeFileSync(source, 'int f(void) { return 1; }\n');
    const compiled = spawnSync('cc', ['-m32', '-c', source, '-o', object]);
    if (compiled.status !== 0) return; // no 32-bit code generation here: nothing to read
    const comments = readElfComments(readFileSync(object));
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/^GCC: /);
  });

  it('reads bytes that are a view into a larger buffer', () => {
    const bytes = readFileSync(executables.mold);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 7);
    expect(readElfComments(padded.subarray(7, 7 + bytes.length))).toEqual(readElfComments(bytes));
  });
});

describe('readElfCommentsOfFile', () => {
  it('reads the same comments from disk as from memory', () => {
    for (const file of Object.values(executables))
      expect(readElfCommentsOfFile(file)).toEqual(readElfComments(readFileSync(file)));
  });

  it('reads a 5 GiB file by its section headers and .comment alone (Node cannot load it whole)', () => {
    const file = path.join(scratch, 'huge-debug-binary');
    const comment = Buffer.from('mold 2.42.1 (compatible with GNU ld)\0GCC: (Debian 12.2.0) 12.2.0\0');
    const names = Buffer.from('\0.shstrtab\0.comment\0');
    const commentOffset = 4.5 * 2 ** 30;
    const namesOffset = commentOffset + comment.length;
    const tableOffset = 5 * 2 ** 30;
    const header = Buffer.alloc(64);
    header.writeUInt32BE(0x7f454c46, 0);
    header[4] = 2; // 64-bit
    header[5] = 1; // little-endian
    header[6] = 1;
    header.writeBigUInt64LE(BigInt(tableOffset), 0x28);
    header.writeUInt16LE(64, 0x3a); // section header size
    header.writeUInt16LE(3, 0x3c); // sections
    header.writeUInt16LE(1, 0x3e); // index of the names
    const section = (name: number, offset: number, size: number): Buffer => {
      const entry = Buffer.alloc(64);
      entry.writeUInt32LE(name, 0);
      entry.writeBigUInt64LE(BigInt(offset), 0x18);
      entry.writeBigUInt64LE(BigInt(size), 0x20);
      return entry;
    };
    const table = Buffer.concat([
      Buffer.alloc(64),
      section(1, namesOffset, names.length),
      section(11, commentOffset, comment.length),
    ]);
    const descriptor = openSync(file, 'w');
    try {
      writeSync(descriptor, header, 0, header.length, 0);
      writeSync(descriptor, comment, 0, comment.length, commentOffset);
      writeSync(descriptor, names, 0, names.length, namesOffset);
      writeSync(descriptor, table, 0, table.length, tableOffset);
    } finally {
      closeSync(descriptor);
    }
    expect(readElfCommentsOfFile(file)).toEqual([
      'mold 2.42.1 (compatible with GNU ld)',
      'GCC: (Debian 12.2.0) 12.2.0',
    ]);
    expect(() => readFileSync(file)).toThrow();
  });
});

describe('readElfComments on broken input', () => {
  it.each([
    { name: 'a shell script', bytes: () => new TextEncoder().encode('#!/bin/sh\n'.repeat(20)) },
    { name: 'an empty file', bytes: () => new Uint8Array(0) },
    { name: 'only the ELF magic', bytes: () => new Uint8Array([0x7f, 0x45, 0x4c, 0x46]) },
    {
      name: 'an ELF cut after the program headers',
      bytes: () => readFileSync(executables.mold).subarray(0, 200),
    },
    {
      name: 'an ELF cut in half',
      bytes: () => {
        const bytes = readFileSync(executables.bfd);
        return bytes.subarray(0, bytes.length >> 1);
      },
    },
    ...[52, 56, 60, 63].map((length) => ({
      name: `the first ${length} bytes of a 64-bit ELF`,
      bytes: () => readFileSync(executables.bfd).subarray(0, length),
    })),
    {
      name: 'an ELF missing its last byte',
      bytes: () => {
        const bytes = readFileSync(executables.lld);
        return bytes.subarray(0, bytes.length - 1);
      },
    },
  ])('$name is not ELF', ({ bytes }) => {
    expect(() => readElfComments(bytes(), 'target/debug/app')).toThrow(NotElfError);
    expect(() => readElfComments(bytes(), 'target/debug/app')).toThrow('target/debug/app is not an ELF file');
  });

  it('names the file as "The file" by default', () => {
    expect(() => readElfComments(new Uint8Array(10))).toThrow('The file is not an ELF file');
  });
});

describe('identifyLinker', () => {
  it.each([
    {
      comments: ['mold 2.40.4 (65c4a3e; compatible with GNU ld)', 'GCC: (Ubuntu 13.2.0) 13.2.0'],
      family: 'mold',
      name: 'mold 2.40.4',
    },
    { comments: ['GCC: (GNU) 14.1.1', 'mold 1.10'], family: 'mold', name: 'mold 1.10' },
    {
      comments: ['Linker: LLD 22.1.2 (/checkout/src/llvm-project/llvm 1cb4e38)', 'rustc version 1.95.0'],
      family: 'lld',
      name: 'LLD 22.1.2',
    },
    { comments: ['Linker: Ubuntu LLD 18.1.3'], family: 'lld', name: 'LLD 18.1.3' },
    { comments: ['Homebrew LLD 19.1.0'], family: 'lld', name: 'LLD 19.1.0' },
    { comments: ['Linker: LLD 18.1.3', 'mold 2.4.0'], family: 'mold', name: 'mold 2.4.0' },
    { comments: ['rustc version 1.95.0 (59807616e 2026-04-14)'], family: 'bfd', name: 'GNU ld' },
    { comments: ['GCC: (Debian 12.2.0-14+deb12u1) 12.2.0'], family: 'bfd', name: 'GNU ld' },
    { comments: ['clang version 18.1.3'], family: 'unknown', name: 'unknown (no .comment)' },
    { comments: ['gold 1.16'], family: 'unknown', name: 'unknown (no .comment)' },
    { comments: ['not mold 2.0'], family: 'unknown', name: 'unknown (no .comment)' },
    { comments: [], family: 'unknown', name: 'unknown (no .comment)' },
  ])('$comments', ({ comments, family, name }) => {
    expect(identifyLinker(comments)).toEqual({ family, name });
  });
});
