/** Writing a user's file so that a reader, a build or a kill sees the old content or the new, never half of it. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Writes, syncs and closes a new file (mode given: the user's file keeps its permissions). */
export function writeSynced(file: string, bytes: Buffer, mode: number): void {
  const descriptor = openSync(file, 'w', mode);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(descriptor, bytes, offset);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/** Syncs a folder, so that a rename in it survives a crash (some file systems refuse: that is no error). */
export function syncFolder(folder: string): void {
  try {
    const descriptor = openSync(folder, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Not every file system syncs folders; the write itself has been synced.
  }
}

/** The temp file a change of `file` is written to before the rename; a killed run may leave one. */
export function tempFileOf(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.build-bench-tmp`);
}

/**
 * Replaces a file's content in one step (temp file beside it, synced, renamed over it): a reader, a build or a
 * kill sees the old content or the new, never half of it. Null removes the file.
 */
export function replaceFile(file: string, bytes: Buffer | null, mode = 0o644): void {
  if (bytes === null) {
    rmSync(file, { force: true });
    return;
  }
  const temp = tempFileOf(file);
  writeSynced(temp, bytes, mode);
  renameSync(temp, file);
  syncFolder(path.dirname(file));
}
