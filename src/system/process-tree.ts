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

/** Sum of resident memory (kB) of `rootPid` and all its live descendants; null when unreadable. */
export function readTreeRssKb(rootPid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const children = new Map<number, number[]>();
  const rssKb = new Map<number, number>();
  const pageKb = 4;
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = readStatFields(pid);
    if (!fields) continue;
    const parent = Number(fields[1]);
    const list = children.get(parent) ?? [];
    list.push(pid);
    children.set(parent, list);
    rssKb.set(pid, Number(fields[21]) * pageKb);
  }
  if (!rssKb.has(rootPid)) return null;
  let total = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += rssKb.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}
