/** Linux /proc readings for the build's process tree: reaped CPU time and sampled resident memory. */
import { readFileSync, readdirSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100;

function readStatFields(pid: number | 'self'): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces and parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU user+sys of this process's reaped children (and theirs), in ms; null off Linux. */
export function readChildrenCpuMs(): number | null {
  const fields = readStatFields('self');
  if (!fields) return null;
  const ticks = Number(fields[13]) + Number(fields[14]);
  return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : null;
}

/** VmRSS of one process in kB (kernel threads have none: 0); null when the process is gone. */
function readRssKb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return null;
  }
}

/** Children of every thread of `pid`, from /proc (CONFIG_PROC_CHILDREN); null when the kernel lacks it. */
function readChildren(pid: number): number[] | null {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const children: number[] = [];
  for (const task of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text !== '') children.push(...text.split(' ').map(Number));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && task === String(pid)) return null;
    }
  }
  return children;
}

/** Parent of every process, from a scan of all of /proc: the slower way, for kernels without `children`. */
function scanChildren(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = readStatFields(pid);
    if (!fields) continue;
    const parent = Number(fields[1]);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  return children;
}

/**
 * Sum of resident memory (kB) of `rootPid` and its live descendants; pages shared between processes
 * count once per process. Null when the root is gone or /proc is missing.
 */
export function readTreeRssKb(rootPid: number): number | null {
  if (readRssKb(rootPid) === null) return null;
  let scanned: Map<number, number[]> | null = null;
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += readRssKb(pid) ?? 0;
    let children = readChildren(pid);
    if (children === null) {
      try {
        scanned ??= scanChildren();
      } catch {
        return null;
      }
      children = scanned.get(pid) ?? [];
    }
    queue.push(...children);
  }
  return total;
}
