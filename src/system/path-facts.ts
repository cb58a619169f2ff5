/** PathFacts from the real disk: symbolic links resolved with realpath, writability probed with a real file. */
import { randomUUID } from 'node:crypto';
import { accessSync, constants, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PathFacts } from './ports.js';

/** The code of a file system error (`EACCES`, `ENOENT`, …), else its message. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : String(error);
}

/** The path itself when it exists, else its nearest existing ancestor. */
function nearestExisting(absolutePath: string): string {
  let current = absolutePath;
  for (;;) {
    try {
      statSync(current);
      return current;
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

function resolveReal(absolutePath: string): string {
  const existing = nearestExisting(absolutePath);
  try {
    return path.join(realpathSync(existing), path.relative(existing, absolutePath));
  } catch {
    return absolutePath;
  }
}

/**
 * Null when a file can be written at the path. An existing file must be writable; else its nearest existing
 * ancestor must be a folder in which a file can be created: a uniquely named one is created and removed again,
 * which also finds the folders no permission bit tells about (/proc, /sys, read-only mounts).
 */
function whyNotWritable(absolutePath: string): string | null {
  const existing = nearestExisting(absolutePath);
  const isDirectory = statSync(existing, { throwIfNoEntry: false })?.isDirectory() ?? false;
  if (existing === absolutePath) {
    if (isDirectory) return `${absolutePath} is a directory`;
    try {
      accessSync(absolutePath, constants.W_OK);
      return null;
    } catch (error) {
      return `${absolutePath} may not be written (${codeOf(error)})`;
    }
  }
  if (!isDirectory) return `${existing} is a file, not a directory`;
  const probe = path.join(existing, `.build-bench-probe-${process.pid}-${randomUUID()}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
  } catch (error) {
    return `no file can be created in ${existing} (${codeOf(error)})`;
  }
  rmSync(probe, { force: true });
  return null;
}

/** `workspace`: the Action's (GITHUB_WORKSPACE); null for the CLI. */
export function createDiskPathFacts(workspace: string | null): PathFacts {
  return { workspace, resolveReal, whyNotWritable };
}
