/**
 * The journal: what build-bench is about to change in a user's file, written down and synced before the change,
 * so that every ending puts the file back — and a run that finds the journal of a killed run (SIGKILL, an OOM
 * kill, a closed laptop) puts its files back first. One entry per file: the original bytes (a copy), the
 * original times and mode, and the hash of every content the benchmark wrote or was about to write. A file whose
 * content is none of those was changed by the user and is left alone.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { replaceFile, syncFolder, tempFileOf, writeSynced } from './atomic-file.js';

export function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The content of a file, or null when there is none. */
function readIfThere(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

interface Entry {
  readonly path: string;
  /** Null: the file did not exist before the benchmark. */
  readonly originalHash: string | null;
  /** Permission bits of the original file. */
  readonly mode: number;
  /** Hashes of the contents the benchmark wrote or was about to write (null: it removed the file). */
  readonly written: (string | null)[];
}

/** What recovering a killed run's journal did. */
export interface Recovery {
  /** Files put back byte for byte (with a new modification time, so the next build compiles them). */
  readonly restored: readonly string[];
  /** Files whose content is neither the original nor the benchmark's: the user's, left alone. */
  readonly changedByUser: readonly string[];
}

/** Another live run holds the journal: its files are in use, and putting them back now would undo its change. */
export class JournalBusyError extends Error {
  constructor(
    readonly folder: string,
    readonly pid: number,
  ) {
    super(
      `another build-bench run (process ${pid}) is changing this project's files (its journal: ${folder}); ` +
        'wait for it to end, or stop it, before starting another',
    );
    this.name = 'JournalBusyError';
  }
}

const OWNER_FILE = 'owner';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Opens the journal of a project for this run: a journal left by a run that is no longer alive is recovered
 * first (its files put back); one held by a live run is an error. Returns the journal and what recovery did.
 */
export function openJournal(folder: string): { journal: Journal; recovery: Recovery } {
  const owner = Number.parseInt(readIfThere(path.join(folder, OWNER_FILE))?.toString() ?? '', 10);
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner))
    throw new JournalBusyError(folder, owner);
  const recovery = recoverJournal(folder);
  mkdirSync(folder, { recursive: true });
  writeSynced(path.join(folder, OWNER_FILE), Buffer.from(`${process.pid}\n`), 0o600);
  return { journal: new Journal(folder), recovery };
}

/** What SourceFiles asks of a journal. */
export interface ChangeJournal {
  willWrite(file: string, original: Buffer | null, next: Buffer | null): void;
  modeOf(file: string): number | undefined;
  forget(file: string): void;
  close(): void;
}

/** For files in a checkout that is removed at the end anyway (the base's worktree): nothing to write down. */
export const NO_JOURNAL: ChangeJournal = {
  willWrite: () => undefined,
  modeOf: () => undefined,
  forget: () => undefined,
  close: () => undefined,
};

export class Journal implements ChangeJournal {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly folder: string) {}

  /** Every file is back (or the user's): the journal goes, and with it this run's claim. */
  close(): void {
    if (this.entries.size === 0) rmSync(this.folder, { recursive: true, force: true });
  }

  /** The entry's name: one per user file, the same in every run. */
  private static nameOf(file: string): string {
    return createHash('sha256').update(file).digest('hex').slice(0, 24);
  }

  /**
   * Writes down, and syncs, that `file` is about to get `next` (null: removed). The first time, the original
   * bytes are copied into the journal before the entry that names them.
   */
  willWrite(file: string, original: Buffer | null, next: Buffer | null): void {
    const nextHash = next === null ? null : hashBytes(next);
    const known = this.entries.get(file);
    if (known?.written.includes(nextHash)) return;
    const name = Journal.nameOf(file);
    if (known === undefined) {
      mkdirSync(this.folder, { recursive: true });
      if (original !== null) writeSynced(path.join(this.folder, `${name}.orig`), original, 0o600);
    }
    const entry: Entry = known
      ? { ...known, written: [...known.written, nextHash] }
      : {
          path: file,
          originalHash: original === null ? null : hashBytes(original),
          mode: original === null ? 0o644 : statSync(file).mode & 0o7777,
          written: [nextHash],
        };
    const target = path.join(this.folder, `${name}.json`);
    writeSynced(`${target}.tmp`, Buffer.from(`${JSON.stringify(entry)}\n`), 0o600);
    renameSync(`${target}.tmp`, target);
    syncFolder(this.folder);
    this.entries.set(file, entry);
  }

  /** The permission bits a rewrite of a journaled file keeps. */
  modeOf(file: string): number | undefined {
    return this.entries.get(file)?.mode;
  }

  /** The file is back as it was (or is the user's): its entry goes. */
  forget(file: string): void {
    if (!this.entries.delete(file)) return;
    const name = Journal.nameOf(file);
    rmSync(path.join(this.folder, `${name}.json`), { force: true });
    rmSync(path.join(this.folder, `${name}.orig`), { force: true });
  }
}

/**
 * Puts back the files of a journal a killed run left: each file whose content the benchmark wrote gets its
 * original bytes (and a new modification time: a build may have seen the change); a file with other content is
 * the user's and stays. The journal is emptied. Returns what it did; nothing when there is no journal.
 */
export function recoverJournal(folder: string): Recovery {
  const restored: string[] = [];
  const changedByUser: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return { restored, changedByUser };
  }
  for (const name of names.filter((entryName) => entryName.endsWith('.json'))) {
    // Entries are named by a hash; `owner` and torn `*.json.tmp` files are not entries.
    const base = path.join(folder, name.slice(0, -'.json'.length));
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Entry;
    } catch {
      continue; // A torn entry was never renamed into place: its change was never made.
    }
    rmSync(tempFileOf(entry.path), { force: true });
    const now = readIfThere(entry.path);
    const nowHash = now === null ? null : hashBytes(now);
    if (nowHash !== entry.originalHash) {
      if (entry.written.includes(nowHash)) {
        const original = entry.originalHash === null ? null : readFileSync(`${base}.orig`);
        replaceFile(entry.path, original, entry.mode);
        restored.push(entry.path);
      } else {
        changedByUser.push(entry.path);
      }
    }
    rmSync(`${base}.json`, { force: true });
    rmSync(`${base}.orig`, { force: true });
  }
  rmSync(folder, { recursive: true, force: true });
  return { restored, changedByUser };
}
