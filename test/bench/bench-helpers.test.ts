/** Small parts of the engine: cargo's progress, the disk check, what verification reads first. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDiskFor, directoryBytes, DiskSpaceError, freeBytes } from '../../src/bench/disk.js';
import { describeLiveProgress, readCargoProgress } from '../../src/bench/live-progress.js';
import { describeTouchedFiles, nameSomeFiles } from '../../src/bench/restore-sources.js';
import { chooseFilesToVerify, classifyArtifact } from '../../src/variants/io/verify-linker.js';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-helpers-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe("cargo's progress", () => {
  it.each([
    {
      chunk: '    Building [=====>     ] 120/284: tokio, hyper     \r',
      progress: { done: 120, total: 284, active: 'tokio, hyper' },
    },
    {
      chunk: 'Building [> ] 0/4: a\r    Building [==> ] 1/4: b(bin)\r',
      progress: { done: 1, total: 4, active: 'b(bin)' },
    },
    { chunk: '   Compiling serde v1.0.210\n', progress: null },
  ])('reads $chunk', ({ chunk, progress }) => {
    expect(readCargoProgress(chunk)).toEqual(progress);
  });

  it('says how long and what', () => {
    expect(
      describeLiveProgress('clean · mold · round 1', 36_400, { done: 120, total: 284, active: 'tokio' }),
    ).toBe('clean · mold · round 1: still building (36 s): 120/284 crates done, now tokio');
    expect(describeLiveProgress('clean · default · round 2', 12_000, null)).toBe(
      'clean · default · round 2: still building (12 s)',
    );
  });
});

describe('file lists in the log', () => {
  it('names a few files and counts the rest', () => {
    expect(nameSomeFiles(['a.rs', 'b.rs'])).toBe('a.rs, b.rs');
    expect(nameSomeFiles(Array.from({ length: 10_000 }, (_, index) => `f${index}.rs`))).toBe(
      'f0.rs, f1.rs, f2.rs and 9,997 more',
    );
    expect(describeTouchedFiles(['src/main.rs'])).toBe(
      'The incremental and edit scenarios change 1 file: src/main.rs',
    );
  });
});

describe('the disk check', () => {
  it('counts allocated bytes, hard links once', () => {
    writeFileSync(path.join(scratch, 'a'), Buffer.alloc(100_000));
    mkdirSync(path.join(scratch, 'd'));
    writeFileSync(path.join(scratch, 'd', 'b'), Buffer.alloc(50_000));
    expect(directoryBytes(scratch)).toBeGreaterThanOrEqual(150_000);
    expect(directoryBytes(path.join(scratch, 'missing'))).toBe(0);
  });

  it('stops before a variant that would not fit, naming the variants, their sizes and the free space', () => {
    const free = freeBytes(scratch)!;
    expect(() => checkDiskFor('head/mold', scratch, new Map([['head/default', free * 2]]))).toThrow(
      DiskSpaceError,
    );
    expect(() => checkDiskFor('head/mold', scratch, new Map([['head/default', free * 2]]))).toThrow(
      /Not enough disk for the 'head\/mold' variant's target directory: the variants built so far take head\/default .*, and .* is free/,
    );
    expect(() => checkDiskFor('head/mold', scratch, new Map([['head/default', 1000]]))).not.toThrow();
    expect(() => checkDiskFor('head/default', scratch, new Map())).not.toThrow();
  });
});

describe('what the linker check reads', () => {
  const cdylibs = new Set(['plugin']);
  it.each([
    { file: 'target/debug/deps/app-0123456789abcdef', kind: 'executable' },
    { file: 'target/debug/deps/my.app-0123456789abcdef', kind: 'executable' },
    { file: 'target/debug/deps/libserde_derive-0123456789abcdef.so', kind: 'proc-macro' },
    { file: 'target/debug/deps/libplugin.so', kind: 'cdylib' },
    { file: 'target/debug/build/serde-0123/build_script_build-0123456789abcdef', kind: 'build-script' },
    { file: 'target/debug/deps/libstd-0123.so.1', kind: 'other' },
  ])('$file is $kind', ({ file, kind }) => {
    expect(classifyArtifact(file, cdylibs)).toBe(kind);
  });

  it('reads executables and cdylibs when any were linked, else a few stand-ins, proc-macros before build scripts', () => {
    const make = (name: string): string => {
      const file = path.join(scratch, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '');
      return file;
    };
    const macros = Array.from({ length: 8 }, (_, index) => make(`deps/libm${index}-0123456789abcdef.so`));
    const script = make('build/x-1/build_script_build-0123456789abcdef');
    const app = make('deps/app-0123456789abcdef');
    expect(chooseFilesToVerify([...macros, script, app], new Set())).toEqual({ files: [app], kind: 'final' });
    const standIns = chooseFilesToVerify([script, ...macros], new Set());
    expect(standIns.kind).toBe('stand-in');
    expect(standIns.files).toEqual(macros.slice(0, 6));
  });
});
