/** The user's files a benchmark touches or edits: restored exactly, and never when the user changed them meanwhile. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSetTimes } from '../../src/bench/arms.js';
import { builtinEdit, patchEdit, renderBuiltinEdit } from '../../src/edits/source-edit.js';
import { Journal } from '../../src/edits/journal.js';
import {
  ChangedByUserError,
  SourceFiles,
  setTimesWithUtimes,
  type SetTimes,
} from '../../src/edits/source-files.js';
import { compileShims } from '../../src/shims/io/compile-shims.js';
import { createProcessRunner } from '../../src/system/process-runner.js';

let scratch: string;
let exactTimes: SetTimes;
const shimFolder = mkdtempSync(path.join(os.tmpdir(), 'source-files-shims-'));

beforeAll(async () => {
  const { binary } = await compileShims(path.join(shimFolder, 'bin'), createProcessRunner(), process.env);
  exactTimes = createSetTimes(binary, shimFolder);
});
afterAll(() => rmSync(shimFolder, { recursive: true, force: true }));
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'source-files-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const OLD = '@1600000000.123456789';
const OLD_NS = 1600000000123456789n;

function oldFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  spawnSync('touch', ['-d', OLD, file]);
  return file;
}

/** A journal in the scratch folder, as a run keeps one in its build-bench folder. */
const journal = (): Journal => new Journal(path.join(scratch, '.journal'));

const mtimeNs = (file: string): bigint => statSync(file, { bigint: true }).mtimeNs;

describe('SourceFiles', () => {
  it('touches files and puts their exact times back', () => {
    const files = [oldFile('a.rs', 'a'), oldFile('b.rs', 'b')];
    const sources = new SourceFiles(files, exactTimes, journal());
    sources.touch(files);
    expect(files.every((file) => mtimeNs(file) > OLD_NS)).toBe(true);
    sources.touch(files);
    expect(sources.restore(true)).toEqual({ restored: files, changedByUser: [], newerTime: [] });
    expect(files.map(mtimeNs)).toEqual([OLD_NS, OLD_NS]);
  });

  it('leaves a touched file the user edited meanwhile as the user saved it, with its new time', () => {
    const file = oldFile('main.rs', 'fn main() {}\n');
    const sources = new SourceFiles([file], exactTimes, journal());
    sources.touch([file]);
    writeFileSync(file, 'fn main() { println!("mine"); }\n');
    const saved = mtimeNs(file);
    expect(sources.restore(true)).toEqual({ restored: [], changedByUser: [file], newerTime: [] });
    expect(readFileSync(file, 'utf8')).toContain('mine');
    expect(mtimeNs(file)).toBe(saved);
    expect(() => sources.touch([file])).toThrow(ChangedByUserError);
  });

  it('notices a user edit even when the editor kept the length and the benchmark did not touch since', () => {
    const file = oldFile('lib.rs', 'aaaa');
    const sources = new SourceFiles([file], exactTimes, journal());
    sources.touch([file]);
    writeFileSync(file, 'bbbb');
    expect(sources.isAsLeft(file)).toBe(false);
  });

  it('writes content, refuses to overwrite a user change, and restores content and time', () => {
    const file = oldFile('lib.rs', 'original\n');
    const sources = new SourceFiles([file], exactTimes, journal());
    sources.write(file, Buffer.from('changed\n'));
    expect(readFileSync(file, 'utf8')).toBe('changed\n');
    sources.restore(true);
    expect([readFileSync(file, 'utf8'), mtimeNs(file)]).toEqual(['original\n', OLD_NS]);
  });

  it('restores content with a new time when the builds last saw other content', () => {
    const file = oldFile('lib.rs', 'original\n');
    const sources = new SourceFiles([file], exactTimes, journal());
    sources.write(file, Buffer.from('changed\n'));
    expect(sources.restore(false)).toEqual({ restored: [], changedByUser: [], newerTime: [file] });
    expect(readFileSync(file, 'utf8')).toBe('original\n');
    expect(mtimeNs(file)).toBeGreaterThan(OLD_NS);
  });

  it('removes a file the benchmark added', () => {
    const file = path.join(scratch, 'new.rs');
    const sources = new SourceFiles([], exactTimes, journal());
    sources.track(file);
    sources.write(file, Buffer.from('added'));
    sources.restore(true);
    expect(existsSync(file)).toBe(false);
  });

  it('restores 10,000 touched files in one go, in seconds rather than minutes', () => {
    const files = Array.from({ length: 10_000 }, (_, index) => path.join(scratch, `f${index}.rs`));
    for (const file of files) writeFileSync(file, 'x');
    spawnSync('sh', ['-c', `touch -d ${OLD} ${scratch}/*.rs`]);
    const sources = new SourceFiles(files, exactTimes, journal());
    sources.touch(files);
    const started = performance.now();
    sources.restore(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(files.filter((file) => mtimeNs(file) !== OLD_NS)).toEqual([]);
  });

  it("without the compiled helper, times come back through Node's utimes to within a microsecond", () => {
    const file = oldFile('x.rs', 'x');
    const sources = new SourceFiles([file], setTimesWithUtimes, journal());
    sources.touch([file]);
    sources.restore(true);
    expect(Number(mtimeNs(file) - OLD_NS)).toBeLessThan(1000);
  });
});

describe('the built-in edit', () => {
  it('appends a function kept by a #[used] static, with a new constant each time, and reverts byte for byte', () => {
    const file = oldFile('main.rs', 'fn main() {}\n');
    const sources = new SourceFiles([file], exactTimes, journal());
    const edit = builtinEdit([file], sources);
    expect(edit.flip()).toBe('changed');
    const first = readFileSync(file, 'utf8');
    expect(first).toBe(`fn main() {}\n${renderBuiltinEdit(file, 1)}`);
    expect(first).toMatch(
      /#\[used\]\nstatic BUILD_BENCH_EDIT_[0-9A-F]{8}: fn\(\) -> u64 = build_bench_edit_[0-9a-f]{8};/,
    );
    expect(edit.flip()).toBe('original');
    expect(readFileSync(file, 'utf8')).toBe('fn main() {}\n');
    edit.flip();
    expect(readFileSync(file, 'utf8')).toBe(`fn main() {}\n${renderBuiltinEdit(file, 2)}`);
    sources.restore(false);
    expect(readFileSync(file, 'utf8')).toBe('fn main() {}\n');
  });

  it('refuses files that are not Rust, naming input touch', () => {
    const file = oldFile('notes.txt', 'x');
    expect(() => builtinEdit([file], new SourceFiles([file], exactTimes, journal()))).toThrow(
      /Input 'touch'.*built-in edit changes Rust files/,
    );
  });

  it('stops rather than overwrite a user edit made between two rounds', () => {
    const file = oldFile('main.rs', 'fn main() {}\n');
    const sources = new SourceFiles([file], exactTimes, journal());
    const edit = builtinEdit([file], sources);
    edit.flip();
    writeFileSync(file, 'fn main() { /* mine */ }\n');
    expect(() => edit.flip()).toThrow(ChangedByUserError);
    expect(readFileSync(file, 'utf8')).toBe('fn main() { /* mine */ }\n');
  });
});

describe('a patch as the edit', () => {
  it('learns both states in memory, then switches by writing bytes; a patch that does not apply names edit-patch', () => {
    const lib = oldFile('lib.rs', 'pub fn f() -> u32 {\n    1\n}\n');
    const patch = path.join(scratch, 'change.patch');
    writeFileSync(
      patch,
      [
        '--- a/lib.rs',
        '+++ b/lib.rs',
        '@@ -1,3 +1,3 @@',
        ' pub fn f() -> u32 {',
        '-    1',
        '+    2',
        ' }',
        '',
      ].join('\n'),
    );
    const sources = new SourceFiles([], exactTimes, journal());
    const edit = patchEdit(patch, scratch, sources);
    expect(readFileSync(lib, 'utf8')).toContain('    1\n');
    edit.flip();
    expect(readFileSync(lib, 'utf8')).toContain('    2\n');
    edit.flip();
    sources.restore(true);
    expect([readFileSync(lib, 'utf8'), mtimeNs(lib)]).toEqual(['pub fn f() -> u32 {\n    1\n}\n', OLD_NS]);
    writeFileSync(lib, 'something else\n');
    expect(() => patchEdit(patch, scratch, new SourceFiles([], exactTimes, journal()))).toThrow(
      /Input 'edit-patch'.*does not apply/s,
    );
  });
});
