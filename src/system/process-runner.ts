/** The real process runner: spawns without a shell, keeps an output tail, measures the process tree. */
import { spawn } from 'node:child_process';
import type { CommandOptions, CommandResult, ProcessRunner } from './ports.js';
import { readChildrenCpuMs, readTreeRssKb } from './process-tree.js';

const RSS_SAMPLE_INTERVAL_MS = 100;
const FIRST_RSS_SAMPLE_MS = 10;
/** How long output may still arrive after the process exited (a daemon it started may hold the pipes). */
const CLOSE_GRACE_MS = 1000;
const MAX_STDOUT_CHARS = 4 * 1024 * 1024;

/** Keeps the last N lines of a stream of chunks. */
class LineTail {
  private lines: string[] = [''];
  constructor(private readonly limit: number) {}
  push(chunk: string): void {
    const parts = chunk.split('\n');
    this.lines[this.lines.length - 1] += parts[0] ?? '';
    this.lines.push(...parts.slice(1));
    // A lone carriage return rewrites the line, as on a terminal: progress bars leave only their last state.
    this.lines = this.lines.map((line) => line.replace(/^.*\r(?=[^\r]+$)/s, ''));
    if (this.lines.length > this.limit + 1) this.lines = this.lines.slice(-this.limit - 1);
  }
  text(): string {
    return this.lines.join('\n').trimEnd();
  }
}

/** Processes started by this runner that are still alive; stopped on SIGINT/SIGTERM. */
const liveProcessGroups = new Set<number>();

export function killLiveProcesses(signal: NodeJS.Signals = 'SIGTERM'): void {
  for (const pid of liveProcessGroups) {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  }
}

export function createProcessRunner(): ProcessRunner {
  return {
    run(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
      return new Promise((resolve, reject) => {
        const cpuBeforeMs = readChildrenCpuMs();
        const startedMs = performance.now();
        const child = spawn(file, [...args], {
          cwd: options.cwd,
          env: options.env ?? process.env,
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true, // own process group, so a timeout or a signal stops the whole tree
        });
        const tail = new LineTail(options.tailLines ?? 40);
        let stdout = '';
        let peakRssKb: number | null = null;
        let timedOut = false;
        const pid = child.pid;
        if (pid !== undefined) liveProcessGroups.add(pid);
        const sampleRss = (): void => {
          if (pid === undefined) return;
          const rss = readTreeRssKb(pid);
          if (rss !== null) peakRssKb = Math.max(peakRssKb ?? 0, rss);
        };
        const sampler = setInterval(sampleRss, RSS_SAMPLE_INTERVAL_MS);
        const firstSample = setTimeout(sampleRss, FIRST_RSS_SAMPLE_MS);
        const timer =
          options.timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                timedOut = true;
                if (pid !== undefined) {
                  try {
                    process.kill(-pid, 'SIGKILL');
                  } catch {
                    // already gone
                  }
                }
              }, options.timeoutMs);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          if (stdout.length < MAX_STDOUT_CHARS) stdout += chunk;
          tail.push(chunk);
          options.onOutput?.(chunk);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          tail.push(chunk);
          options.onOutput?.(chunk);
        });
        child.on('error', (error) => {
          clearInterval(sampler);
          clearTimeout(firstSample);
          if (timer) clearTimeout(timer);
          if (pid !== undefined) liveProcessGroups.delete(pid);
          reject(new Error(`Could not start ${file}: ${error.message}`));
        });
        let exitedMs: number | null = null;
        let graceTimer: NodeJS.Timeout | undefined;
        // A daemon started by the build may keep our pipes open: the build ends when its process exits.
        child.on('exit', () => {
          exitedMs = performance.now();
          clearInterval(sampler);
          clearTimeout(firstSample);
          graceTimer = setTimeout(() => {
            child.stdout.destroy();
            child.stderr.destroy();
          }, CLOSE_GRACE_MS);
        });
        child.on('close', (exitCode, signal) => {
          const wallMs = (exitedMs ?? performance.now()) - startedMs;
          if (graceTimer) clearTimeout(graceTimer);
          clearTimeout(firstSample);
          clearInterval(sampler);
          if (timer) clearTimeout(timer);
          if (pid !== undefined) liveProcessGroups.delete(pid);
          const cpuAfterMs = readChildrenCpuMs();
          resolve({
            exitCode,
            signal,
            stdout,
            outputTail: tail.text(),
            wallMs,
            cpuMs: cpuBeforeMs === null || cpuAfterMs === null ? null : cpuAfterMs - cpuBeforeMs,
            peakRssKb,
            timedOut,
          });
        });
      });
    },
  };
}
