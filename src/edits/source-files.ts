/**
 * The user's source files that a benchmark touches or edits: what they were, what the benchmark last left, and
 * putting them back. A file is only ever written or restored while it is still exactly as the benchmark left it
 * (content and modification time); a file the user changed meanwhile keeps the user's change and its new time.
 * Every change of content is journaled first and applied atomically (see journal.ts).
 */
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { replaceFile } from './atomic-file.js';
import { hashBytes, type ChangeJournal } from './journal.js';

export interface FileTimes {
  readonly path: string;
  readonly atimeNs: bigint;
  readonly mtimeNs: bigint;
}

/** Sets times to the nanosecond; the fallback goes through Node's utimes (a double: within a microsecond). */
export type SetTimes = (entries: readonly FileTimes[]) => void;

export const setTimesWithUtimes: SetTimes = (entries) => {
  for (const entry of entries) {
    utimesSync(entry.path, Number(entry.atimeNs) / 1e9, Number(entry.mtimeNs) / 1e9);
  }
};

/** A file changed while the benchmark was using it: its new content is the user's and is left alone. */
export class ChangedByUserError extends Error {
  constructor(readonly file: string) {
    super(`${file} was changed while the benchmark ran; it is left as it is now`);
    this.name = 'ChangedByUserError';
  }
}

interface State {
  /** Null: the file does not exist. */
  readonly hash: string | null;
  readonly mtimeNs: bigint | null;
}

interface Tracked {
  readonly path: string;
  readonly original: {
    readonly bytes: Buffer | null;
    readonly times: FileTimes | null;
    readonly hash: string | null;
  };
  left: State;
}

function readState(file: string): State & { bytes: Buffer | null; times: FileTimes | null } {
  let stat;
  try {
    stat = statSync(file, { bigint: true });
  } catch {
    return { hash: null, mtimeNs: null, bytes: null, times: null };
  }
  const bytes = readFileSync(file);
  return {
    hash: hashBytes(bytes),
    mtimeNs: stat.mtimeNs,
    bytes,
    times: { path: file, atimeNs: stat.atimeNs, mtimeNs: stat.mtimeNs },
  };
}

/** What a restore did: files put back, files left as the user changed them, files whose content came back but whose time stayed new. */
export interface RestoreReport {
  readonly restored: readonly string[];
  readonly changedByUser: readonly string[];
  readonly newerTime: readonly string[];
}

export class SourceFiles {
  private readonly files = new Map<string, Tracked>();

  constructor(
    paths: readonly string[],
    private readonly setTimes: SetTimes,
    private readonly journal: ChangeJournal,
  ) {
    for (const path of paths) this.track(path);
  }

  /** Starts tracking a file (a patch may add one that does not exist yet). */
  track(path: string): void {
    if (this.files.has(path)) return;
    const state = readState(path);
    this.files.set(path, {
      path,
      original: { bytes: state.bytes, times: state.times, hash: state.hash },
      left: { hash: state.hash, mtimeNs: state.mtimeNs },
    });
  }

  /** The file's bytes before the benchmark; null when it did not exist. */
  originalBytes(path: string): Buffer | null {
    return this.get(path).original.bytes;
  }

  /** Whether the file is still as the benchmark last left it. */
  isAsLeft(path: string): boolean {
    const tracked = this.get(path);
    const now = readState(path);
    return now.hash === tracked.left.hash && now.mtimeNs === tracked.left.mtimeNs;
  }

  /** Takes what the benchmark itself just wrote by other means (`git apply`) as left by it; returns those bytes. */
  adopt(path: string): Buffer | null {
    const tracked = this.get(path);
    const now = readState(path);
    tracked.left = { hash: now.hash, mtimeNs: now.mtimeNs };
    return now.bytes;
  }

  /** Takes every tracked file as it is now as left by the benchmark (after it gave a whole checkout new times). */
  adoptAll(): void {
    for (const path of this.files.keys()) this.adopt(path);
  }

  /** Gives files a new modification time, as saving them in an editor would. Throws for a file the user changed. */
  touch(paths: readonly string[]): void {
    const now = new Date();
    for (const path of paths) {
      const tracked = this.get(path);
      const stat = statSync(path, { bigint: true });
      if (stat.mtimeNs !== tracked.left.mtimeNs) throw new ChangedByUserError(path);
      utimesSync(path, now, now);
      tracked.left = { hash: tracked.left.hash, mtimeNs: statSync(path, { bigint: true }).mtimeNs };
    }
  }

  /** Writes new content (null: removes the file), journaled first. Throws for a file the user changed since. */
  write(path: string, bytes: Buffer | null): void {
    const tracked = this.get(path);
    if (!this.isAsLeft(path)) throw new ChangedByUserError(path);
    this.journal.willWrite(path, tracked.original.bytes, bytes);
    replaceFile(path, bytes, this.journal.modeOf(path));
    const now = readState(path);
    tracked.left = { hash: now.hash, mtimeNs: now.mtimeNs };
  }

  /**
   * Puts every file back that is still as the benchmark left it: its content, and its exact times when
   * `exactTimes` (every build since the last change saw this content; otherwise a new time makes the next build
   * compile it, rather than trusting output built from other content). Files the user changed are left alone.
   */
  restore(exactTimes: boolean): RestoreReport {
    const restored: string[] = [];
    const changedByUser: string[] = [];
    const newerTime: string[] = [];
    const times: FileTimes[] = [];
    for (const tracked of this.files.values()) {
      if (!this.isAsLeft(tracked.path)) {
        changedByUser.push(tracked.path);
        this.journal.forget(tracked.path);
        continue;
      }
      const contentChanged = tracked.left.hash !== tracked.original.hash;
      if (contentChanged) this.write(tracked.path, tracked.original.bytes);
      this.journal.forget(tracked.path);
      if (tracked.original.times === null) continue;
      if (contentChanged && !exactTimes) {
        newerTime.push(tracked.path);
        continue;
      }
      if (tracked.left.mtimeNs !== tracked.original.times.mtimeNs) times.push(tracked.original.times);
      restored.push(tracked.path);
    }
    this.journal.close();
    if (times.length > 0) this.setTimes(times);
    for (const entry of times) {
      const tracked = this.files.get(entry.path)!;
      tracked.left = { hash: tracked.left.hash, mtimeNs: statSync(entry.path, { bigint: true }).mtimeNs };
    }
    return { restored, changedByUser, newerTime };
  }

  private get(path: string): Tracked {
    const tracked = this.files.get(path);
    if (tracked === undefined) throw new Error(`${path} is not one of the benchmark's files`);
    return tracked;
  }
}
