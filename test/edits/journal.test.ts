/** The journal: every change written down before it is made, and a killed run's changes put back by the next. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempFileOf } from '../../src/edits/atomic-file.js';
import { Journal, JournalBusyError, openJournal, recoverJournal } from '../../src/edits/journal.js';
import { builtinEdit, patchEdit } from '../../src/edits/source-edit.js';
import { SourceFiles, setTimesWithUtimes } from '../../src/edits/source-files.js';

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'journal-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const OLD_NS = 1600000000123456789n;
const mtimeNs = (file: string): bigint => statSync(file, { bigint: true }).mtimeNs;

function oldFile(name: string, text: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, text);
  spawnSync('touch', ['-d', '@1600000000.123456789', file]);
  return file;
}

describe('Journal', () => {
  it('writes the entry and the original bytes before a change; a run that dies leaves them for the next', () => {
    const file = oldFile('main.rs', 'fn main() {}\n');
    const folder = path.join(scratch, 'journal');
    const sources = new SourceFiles([file], setTimesWithUtimes, new Journal(folder));
    builtinEdit([file], sources).flip();
    expect(readFileSync(file, 'utf8')).toContain('build_bench_edit_');
    expect(readdirSync(folder).sort()).toEqual([
      expect.stringMatching(/\.json$/),
      expect.stringMatching(/\.orig$/),
    ]);
    // The run is gone without restoring: the next one recovers the journal.
    const recovery = recoverJournal(folder);
    expect(recovery).toEqual({ restored: [file], changedByUser: [] });
    expect(readFileSync(file, 'utf8')).toBe('fn main() {}\n');
    expect(mtimeNs(file)).toBeGreaterThan(OLD_NS);
    expect(existsSync(folder)).toBe(false);
  });

  it('leaves a file the user changed after the killed run, and one the run never changed', () => {
    const edited = oldFile('a.rs', 'a\n');
    const untouched = oldFile('b.rs', 'b\n');
    const folder = path.join(scratch, 'journal');
    const sources = new SourceFiles([edited, untouched], setTimesWithUtimes, new Journal(folder));
    sources.write(edited, Buffer.from('a changed\n'));
    writeFileSync(edited, 'the user saved this\n');
    expect(recoverJournal(folder)).toEqual({ restored: [], changedByUser: [edited] });
    expect(readFileSync(edited, 'utf8')).toBe('the user saved this\n');
    expect([readFileSync(untouched, 'utf8'), mtimeNs(untouched)]).toEqual(['b\n', OLD_NS]);
  });

  it('removes a file the run created and brings back one it removed, with its mode', () => {
    const script = oldFile('build.sh', '#!/bin/sh\n');
    spawnSync('chmod', ['755', script]);
    const created = path.join(scratch, 'new.rs');
    const folder = path.join(scratch, 'journal');
    const sources = new SourceFiles([script, created], setTimesWithUtimes, new Journal(folder));
    sources.write(script, null);
    sources.write(created, Buffer.from('pub fn new() {}\n'));
    const recovery = recoverJournal(folder);
    expect([...recovery.restored].sort()).toEqual([script, created].sort());
    expect(recovery.changedByUser).toEqual([]);
    expect(readFileSync(script, 'utf8')).toBe('#!/bin/sh\n');
    expect(statSync(script).mode & 0o777).toBe(0o755);
    expect(existsSync(created)).toBe(false);
  });

  it('restores in process and empties the journal at the end of a run', () => {
    const file = oldFile('lib.rs', 'pub fn f() {}\n');
    const folder = path.join(scratch, 'journal');
    const journal = new Journal(folder);
    const sources = new SourceFiles([file], setTimesWithUtimes, journal);
    const edit = builtinEdit([file], sources);
    edit.flip();
    edit.flip();
    edit.markSettled();
    sources.restore(true);
    expect(existsSync(folder)).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('pub fn f() {}\n');
  });

  it('replaces a file in one step: no temp file stays, the mode is kept', () => {
    const file = oldFile('run.sh', 'echo one\n');
    spawnSync('chmod', ['750', file]);
    const sources = new SourceFiles([file], setTimesWithUtimes, new Journal(path.join(scratch, 'journal')));
    sources.write(file, Buffer.from('echo two\n'));
    expect(existsSync(tempFileOf(file))).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o750);
  });

  it('will not take over the journal of a live run, and recovers the one of a dead run', async () => {
    const folder = path.join(scratch, 'journal');
    const sleeper = spawn('sleep', ['30']);
    try {
      openJournal(folder);
      writeFileSync(path.join(folder, 'owner'), `${sleeper.pid}\n`);
      expect(() => openJournal(folder)).toThrow(JournalBusyError);
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.on('exit', resolve));
    }
    expect(openJournal(folder).recovery).toEqual({ restored: [], changedByUser: [] });
  });
});

describe('a patch applied in memory', () => {
  it('creates, changes and deletes files as git apply would, and switches back', () => {
    const lib = oldFile('lib.rs', 'pub fn f() -> u32 {\n    1\n}\n');
    const gone = oldFile('gone.rs', 'pub fn g() {}\n');
    const patch = path.join(scratch, 'change.patch');
    writeFileSync(
      patch,
      [
        'diff --git a/lib.rs b/lib.rs',
        'index 1111111..2222222 100644',
        '--- a/lib.rs',
        '+++ b/lib.rs',
        '@@ -1,3 +1,3 @@',
        ' pub fn f() -> u32 {',
        '-    1',
        '+    2',
        ' }',
        'diff --git a/added.rs b/added.rs',
        'new file mode 100644',
        'index 0000000..3333333',
        '--- /dev/null',
        '+++ b/added.rs',
        '@@ -0,0 +1 @@',
        '+pub fn added() {}',
        'diff --git a/gone.rs b/gone.rs',
        'deleted file mode 100644',
        'index 4444444..0000000',
        '--- a/gone.rs',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-pub fn g() {}',
        '',
      ].join('\n'),
    );
    const sources = new SourceFiles([], setTimesWithUtimes, new Journal(path.join(scratch, 'journal')));
    const edit = patchEdit(patch, scratch, sources);
    const added = path.join(scratch, 'added.rs');
    expect(existsSync(added)).toBe(false);
    edit.flip();
    expect(readFileSync(lib, 'utf8')).toContain('    2\n');
    expect(readFileSync(added, 'utf8')).toBe('pub fn added() {}\n');
    expect(existsSync(gone)).toBe(false);
    edit.flip();
    expect(existsSync(added)).toBe(false);
    expect(readFileSync(gone, 'utf8')).toBe('pub fn g() {}\n');
  });

  it.each([
    {
      why: 'a rename',
      lines: [
        'diff --git a/lib.rs b/other.rs',
        'similarity index 100%',
        'rename from lib.rs',
        'rename to other.rs',
      ],
      error: /renames and copies/,
    },
    {
      why: 'a missing file',
      lines: ['--- a/none.rs', '+++ b/none.rs', '@@ -1 +1 @@', '-a', '+b'],
      error: /does not exist/,
    },
    { why: 'no change at all', lines: ['just some text'], error: /changes no file/ },
  ])('refuses $why, naming edit-patch', ({ lines, error }) => {
    oldFile('lib.rs', 'pub fn f() {}\n');
    const patch = path.join(scratch, 'bad.patch');
    writeFileSync(patch, `${lines.join('\n')}\n`);
    const sources = new SourceFiles([], setTimesWithUtimes, new Journal(path.join(scratch, 'journal')));
    expect(() => patchEdit(patch, scratch, sources)).toThrow(/Input 'edit-patch'/);
    expect(() => patchEdit(patch, scratch, sources)).toThrow(error);
  });
});
