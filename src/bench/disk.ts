/** Disk use of the variants' target directories, and the check that the next variant fits before it builds. */
import { lstatSync, readdirSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { formatBytesKb } from '../format/format-numbers.js';

const formatBytes = (bytes: number): string => formatBytesKb(bytes / 1024);

/** Bytes a directory tree holds on disk (allocated blocks, hard links counted once); 0 when it does not exist. */
export function directoryBytes(directory: string): number {
  const seen = new Set<string>();
  let total = 0;
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      const stat = lstatSync(full, { bigint: true });
      const key = `${stat.dev}:${stat.ino}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total += Number(stat.blocks) * 512;
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(directory);
  return total;
}

/** Free bytes for an unprivileged user on the file system holding `directory` (or its nearest existing parent). */
export function freeBytes(directory: string): number | null {
  for (let folder = path.resolve(directory); ; folder = path.dirname(folder)) {
    try {
      const stat = statfsSync(folder);
      return stat.bavail * stat.bsize;
    } catch {
      if (path.dirname(folder) === folder) return null;
    }
  }
}

/** The next variant would fill the disk: what each variant built so far takes, and what is left. */
export class DiskSpaceError extends Error {
  constructor(variant: string, sizes: ReadonlyMap<string, number>, free: number) {
    const built = [...sizes].map(([name, bytes]) => `${name} ${formatBytes(bytes)}`).join(', ');
    super(
      `Not enough disk for the '${variant}' variant's target directory: the variants built so far take ${built}, ` +
        `and ${formatBytes(free)} is free. Measure fewer variants (input 'linkers'), or free disk space.`,
    );
    this.name = 'DiskSpaceError';
  }
}

/** Room to spare beyond the largest target so far: builds write temporary files, and sizes vary between variants. */
const HEADROOM = 1.1;

/** Throws DiskSpaceError when `variant`'s first build would need more than is free. */
export function checkDiskFor(
  variant: string,
  targetDirectory: string,
  sizes: ReadonlyMap<string, number>,
): void {
  if (sizes.size === 0) return;
  const largest = Math.max(...sizes.values());
  const free = freeBytes(targetDirectory);
  if (free !== null && free < largest * HEADROOM) throw new DiskSpaceError(variant, sizes, free);
}
