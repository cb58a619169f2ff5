/** Live progress of a long build: cargo's own `done/total` read from its output, and a line every few seconds. */

/** A build running longer than this gets a line every this long, in the Action's log and the CLI. */
export const LIVE_PROGRESS_INTERVAL_MS = 12_000;

/** What cargo says it is doing: crates done of the total, and the ones being compiled. */
export interface CargoProgress {
  readonly done: number;
  readonly total: number;
  readonly active: string;
}

/**
 * Cargo's progress bar, printed with CARGO_TERM_PROGRESS_WHEN=always: `Building [===>   ] 120/284: tokio, hyper`.
 * The last one in `chunk`; null when it holds none.
 */
export function readCargoProgress(chunk: string): CargoProgress | null {
  let found: CargoProgress | null = null;
  for (const match of chunk.matchAll(/Building \[[^\]]*\] (\d+)\/(\d+)(?:: ([^\r\n]*))?/g)) {
    found = { done: Number(match[1]), total: Number(match[2]), active: (match[3] ?? '').trim() };
  }
  return found;
}

/** The environment that makes cargo print its progress bar into a pipe, wide enough for crate names. */
export const CARGO_PROGRESS_ENV = {
  CARGO_TERM_PROGRESS_WHEN: 'always',
  CARGO_TERM_PROGRESS_WIDTH: '160',
} as const;

/**
 * Calls `report` with the elapsed time every LIVE_PROGRESS_INTERVAL_MS until the returned stop function is called.
 * The timer never keeps the process alive on its own.
 */
export function startLiveProgress(
  report: (elapsedMs: number) => void,
  nowMs: () => number,
  intervalMs = LIVE_PROGRESS_INTERVAL_MS,
): () => void {
  const startedMs = nowMs();
  const timer = setInterval(() => report(nowMs() - startedMs), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** `still building (36 s): 120/284 crates, now tokio, hyper`. */
export function describeLiveProgress(
  what: string,
  elapsedMs: number,
  progress: CargoProgress | null,
): string {
  const seconds = `${Math.round(elapsedMs / 1000)} s`;
  if (progress === null) return `${what}: still building (${seconds})`;
  const active = progress.active === '' ? '' : `, now ${progress.active}`;
  return `${what}: still building (${seconds}): ${progress.done}/${progress.total} crates done${active}`;
}
