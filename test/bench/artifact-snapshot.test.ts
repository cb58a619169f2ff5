/** Which artifacts a command build wrote: by their identity before and after it, never by the coarse file clock. */
import { mkdtempSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotArtifacts, writtenSince } from '../../src/bench/verify-build.js';

let directory: string;
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('writtenSince', () => {
  it('does not count a file the build left alone, however new its time', () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'artifacts-'));
    const file = path.join(directory, 'hello');
    writeFileSync(file, 'linked by mold');
    // Written by another variant's build within the same tick of the file clock as this build's start: its time
    // is not older than the start, which is what the time alone would have taken for this build's output.
    const future = new Date(Date.now() + 60_000);
    utimesSync(file, future, future);
    const before = snapshotArtifacts([file]);
    expect(writtenSince([file], before)).toEqual([]);
  });

  it('counts a file the build rewrote, created, or replaced with the old times', () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'artifacts-'));
    const rewritten = path.join(directory, 'rewritten');
    const replaced = path.join(directory, 'replaced');
    const created = path.join(directory, 'created');
    writeFileSync(rewritten, 'old');
    writeFileSync(replaced, 'same size');
    const before = snapshotArtifacts([rewritten, replaced, created]);
    expect([...before.keys()]).toEqual([rewritten, replaced]);

    writeFileSync(rewritten, 'new content');
    const old = statSync(replaced);
    writeFileSync(`${replaced}.tmp`, 'same size');
    renameSync(`${replaced}.tmp`, replaced);
    utimesSync(replaced, old.atime, old.mtime);
    writeFileSync(created, 'new');
    expect(writtenSince([rewritten, replaced, created], before)).toEqual([rewritten, replaced, created]);
  });
});
