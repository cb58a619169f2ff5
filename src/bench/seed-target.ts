/**
 * The base's first build starts from a copy of the head's target directory, so that it rebuilds the workspace's
 * own crates and not their dependencies: cargo's hashes of a registry crate do not depend on where the workspace
 * is, and a member's are taken relative to the workspace root, which the base's worktree keeps.
 *
 * GNU `cp -a` does the copying, not node's `fs.cp`: it keeps modification times to the nanosecond (cargo's
 * freshness checks compare them; node's `preserveTimestamps` rounds them to the millisecond) and shares the
 * files' blocks (`--reflink`) where the file system can (btrfs, XFS), which node's recursive copy cannot.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import type { ProcessRunner } from '../system/ports.js';
import { describeError } from '../system/errors.js';
import { directoryBytes, freeBytes } from './disk.js';
import type { TargetSeed } from '../results/results.js';

/** A copy that takes longer than this is given up on (the base then builds from scratch). */
const SEED_TIMEOUT_MS = 15 * 60_000;

/** Room to spare beyond the copy: the base's first build writes more. */
const HEADROOM = 1.1;

/**
 * Fills `to` (which must not exist) with the head's `from`: shared blocks where the file system can, else a copy
 * when the disk has room for it. Never throws for a copy that fails: the base builds from scratch, and says why.
 */
export async function seedTargetDirectory(
  from: string,
  to: string,
  runner: ProcessRunner,
  nowMs: () => number,
): Promise<TargetSeed> {
  const startMs = nowMs();
  const none = (note: string): TargetSeed => ({ how: 'none', durationMs: nowMs() - startMs, bytes: 0, note });
  if (!existsSync(from)) return none(`the head's target directory ${from} does not exist`);
  if (existsSync(to)) return none(`${to} already exists`);
  try {
    mkdirSync(path.dirname(to), { recursive: true });
  } catch (error) {
    return none(`${path.dirname(to)} could not be made: ${describeError(error)}`);
  }
  const bytes = directoryBytes(from);
  const copy = async (reflink: 'always' | 'auto'): Promise<string | null> => {
    const result = await runner
      .run('cp', ['-a', `--reflink=${reflink}`, '--', from, to], {
        cwd: path.dirname(to),
        tailLines: 5,
        timeoutMs: SEED_TIMEOUT_MS,
      })
      .catch((error: unknown) => ({ exitCode: null, outputTail: describeError(error), timedOut: false }));
    if (result.exitCode === 0) return null;
    rmSync(to, { recursive: true, force: true });
    return result.timedOut ? `the copy took over ${SEED_TIMEOUT_MS / 60_000} min` : result.outputTail.trim();
  };
  const shared = await copy('always');
  if (shared === null) return { how: 'reflink', durationMs: nowMs() - startMs, bytes, note: null };
  const free = freeBytes(path.dirname(to));
  if (free !== null && free < bytes * HEADROOM) {
    return none(
      `a copy of the head's target directory (${Math.round(bytes / 2 ** 20)} MiB) does not fit on the disk`,
    );
  }
  const copied = await copy('auto');
  if (copied !== null) return none(`copying the head's target directory failed: ${copied}`);
  return { how: 'copy', durationMs: nowMs() - startMs, bytes, note: null };
}

/**
 * The base's sources made newer than everything in the target directory copied from the head: its checkout was
 * written before the head built, so cargo would take the head's artifacts of the workspace's crates as fresh for
 * the base's (different) sources. Every file of the base's checkout but `.git` gets the current time, so cargo
 * rebuilds the workspace's own crates (and what depends on them) from the base's sources; registry crates, whose
 * sources are elsewhere, stay built.
 */
export function freshenSources(workingDirectory: string, now: Date = new Date()): number {
  let root = workingDirectory;
  for (let folder = workingDirectory; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, '.git'))) {
      root = folder;
      break;
    }
    if (path.dirname(folder) === folder) break;
  }
  let files = 0;
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !lstatSync(full).isSymbolicLink()) {
        utimesSync(full, now, now);
        files++;
      }
    }
  };
  walk(root);
  return files;
}
