/** Numbers as the reports show them: durations, ratios, shares, sizes, changes; `—` for what was not measured. */

const NOT_MEASURED = '—';

function isMeasured(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/** `812 ms`, `4.31 s`, `12.3 s`, `2 min 05 s`, `1 h 02 min`; negative durations keep their sign. */
export function formatDurationMs(ms: number | null): string {
  if (!isMeasured(ms)) return NOT_MEASURED;
  const sign = ms < 0 && Math.round(Math.abs(ms)) > 0 ? '-' : '';
  const absoluteMs = Math.abs(ms);
  if (Math.round(absoluteMs) < 1000) return `${sign}${Math.round(absoluteMs)} ms`;
  const seconds = absoluteMs / 1000;
  if (Number(seconds.toFixed(2)) < 10) return `${sign}${seconds.toFixed(2)} s`;
  if (Number(seconds.toFixed(1)) < 60) return `${sign}${seconds.toFixed(1)} s`;
  const wholeSeconds = Math.round(seconds);
  if (wholeSeconds < 3600) {
    return `${sign}${Math.floor(wholeSeconds / 60)} min ${twoDigits(wholeSeconds % 60)} s`;
  }
  const wholeMinutes = Math.round(seconds / 60);
  return `${sign}${Math.floor(wholeMinutes / 60)} h ${twoDigits(wholeMinutes % 60)} min`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** `1.23×`. */
export function formatRatio(ratio: number | null): string {
  return isMeasured(ratio) ? `${ratio.toFixed(2)}×` : NOT_MEASURED;
}

/** A share of 0..1 as `12.3 %`. */
export function formatPercent(share: number | null): string {
  return isMeasured(share) ? `${(share * 100).toFixed(1)} %` : NOT_MEASURED;
}

const BINARY_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Kibibytes (as ru_maxrss counts them) in the largest fitting binary unit: `512 MiB`, `1.2 GiB`. */
export function formatBytesKb(kb: number | null): string {
  if (!isMeasured(kb) || kb < 0) return NOT_MEASURED;
  let value = kb;
  let unit = 0;
  // Promote on the rounded value too, so 1023.97 MiB reads `1.0 GiB` and never `1024 MiB`.
  while (unit < BINARY_UNITS.length - 1 && Number(roundForDisplay(value)) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${roundForDisplay(value)} ${BINARY_UNITS[unit]}`;
}

/** One decimal below 10, whole numbers above: `3.4`, `512`. */
function roundForDisplay(value: number): string {
  return Number(value.toFixed(1)) < 10 ? value.toFixed(1) : value.toFixed(0);
}

/** A relative change as `+12.3 %` / `-4.0 %` (0.123 → `+12.3 %`); a change that rounds to zero is `±0.0 %`. */
export function formatPercentChange(
  change: number | null,
  round: (value: number) => number = Math.round,
): string {
  if (!isMeasured(change)) return NOT_MEASURED;
  const tenths = round(change * 1000);
  if (tenths === 0) return '±0.0 %';
  return `${tenths > 0 ? '+' : '-'}${(Math.abs(tenths) / 10).toFixed(1)} %`;
}

/** Rounding outwards, with slack for float error: an interval never looks narrower than it is. */
const roundDown = (value: number): number => Math.floor(value + 1e-9);
/** Rounds outwards upwards (for an interval's high end), ignoring float dust. */
export const roundUp = (value: number): number => Math.ceil(value - 1e-9);

/** An interval of a relative change, `+3.1 % … +12.0 %`, rounded outwards so it never looks narrower. */
export function formatInterval(interval: { readonly low: number; readonly high: number } | null): string {
  if (interval === null) return NOT_MEASURED;
  return `${formatPercentChange(interval.low, roundDown)} … ${formatPercentChange(interval.high, roundUp)}`;
}

/** An interval of a ratio, `1.02×–1.10×`, rounded outwards so it never looks narrower. */
export function formatRatioInterval(
  interval: { readonly low: number; readonly high: number } | null,
): string {
  if (interval === null) return NOT_MEASURED;
  const low = roundDown(interval.low * 100) / 100;
  const high = roundUp(interval.high * 100) / 100;
  return `${low.toFixed(2)}×–${high.toFixed(2)}×`;
}

/** Time saved per build: `2.18 s`, or `costs 7.30 s` when the build got slower. */
export function formatSavedMs(savedMs: number | null): string {
  if (!isMeasured(savedMs)) return NOT_MEASURED;
  return Math.round(savedMs) < 0 ? `costs ${formatDurationMs(-savedMs)}` : formatDurationMs(savedMs);
}

/** A share of the reference build time saved: `35.1 %`, or `costs 117.4 %` when the build got slower. */
export function formatSavedShare(savedShare: number | null): string {
  if (!isMeasured(savedShare)) return NOT_MEASURED;
  return Math.round(savedShare * 1000) < 0
    ? `costs ${formatPercent(-savedShare)}`
    : formatPercent(savedShare);
}

/** `95 % CI`: an interval's real confidence, never rounded up. */
export function formatConfidence(confidence: number): string {
  return `${Math.floor(confidence * 100 + 1e-9)} % CI`;
}

/** Display steps of formatDurationMs by magnitude: ms, 10 ms, 100 ms, whole seconds, whole minutes. */
function durationStepMs(absoluteMs: number): number {
  if (absoluteMs < 1000) return 1;
  if (absoluteMs < 10_000) return 10;
  if (absoluteMs < 60_000) return 100;
  return absoluteMs < 3_600_000 ? 1000 : 60_000;
}

/** `1.86–3.07 s` when both ends are plain numbers in one unit, else `530 ms–1.20 s`; one value when equal. */
function joinRange(low: string, high: string): string {
  if (low === high) return low;
  const unitOf = (text: string): string | undefined => /^[\d.]+ (ms|s|%)$/.exec(text)?.[1];
  const unit = unitOf(low);
  return unit !== undefined && unit === unitOf(high)
    ? `${low.slice(0, -unit.length - 1)}–${high}`
    : `${low}–${high}`;
}

interface Range {
  readonly low: number;
  readonly high: number;
}

/** A duration rounded down or up to the precision formatDurationMs shows it at, as that text. */
function formatDurationBound(ms: number, round: (value: number) => number): string {
  const stepMs = durationStepMs(Math.abs(ms));
  return formatDurationMs(Math.abs(round(ms / stepMs) * stepMs));
}

/** A share as `4.8 %`, rounded down or up to 0.1 %. */
function formatShareBound(share: number, round: (value: number) => number): string {
  return `${(Math.abs(round(share * 1000)) / 10).toFixed(1)} %`;
}

/**
 * The interval of what a variant saves, time and share of the reference time (positive: saved), in words and
 * rounded outwards: `saves 1.86–3.07 s (4.8–7.9 %)`, `costs 120–480 ms (0.4–1.9 %)`, and when it includes zero
 * `costs 2 ms (0.6 %) to saves 7 ms (2.9 %)`. Never a bare signed range: `+` elsewhere in a report means slower.
 */
export function formatSavingsInterval(ms: Range, share: Range): string {
  const low = { ms: formatDurationBound(ms.low, roundDown), share: formatShareBound(share.low, roundDown) };
  const high = { ms: formatDurationBound(ms.high, roundUp), share: formatShareBound(share.high, roundUp) };
  if (share.low < -MOST_COST_SHOWN) {
    // An interval this wide says only that the data cannot tell: its far end is no figure to read.
    const most = `more than ${formatShareBound(-MOST_COST_SHOWN, Math.round)}`;
    return share.high <= 0
      ? `costs ${high.ms} (${high.share}) to ${most}`
      : `costs ${most} to saves ${high.ms} (${high.share})`;
  }
  if (share.low >= 0) return `saves ${joinRange(low.ms, high.ms)} (${joinRange(low.share, high.share)})`;
  if (share.high <= 0) return `costs ${joinRange(high.ms, low.ms)} (${joinRange(high.share, low.share)})`;
  return `costs ${low.ms} (${low.share}) to saves ${high.ms} (${high.share})`;
}

/** The largest cost an interval of savings shows as a figure: 999.9 % of the reference time. */
const MOST_COST_SHOWN = 9.999;

/** The minus sign of the compact formats: a true minus, as wide as `+`, so signed columns line up. */
const MINUS = '−';

/**
 * A relative change as `+30.0 %`, `−3.2 %` or `±0.0 %` (a change that rounds to zero): + is slower, − faster,
 * everywhere in a report. `round` rounds the tenths of a percent (outwards for an interval's ends).
 */
export function formatChange(change: number | null, round: (value: number) => number = Math.round): string {
  if (!isMeasured(change)) return NOT_MEASURED;
  const tenths = round(change * 1000);
  if (tenths === 0) return '±0.0 %';
  return `${tenths > 0 ? '+' : MINUS}${(Math.abs(tenths) / 10).toFixed(1)} %`;
}

/** `1 crate`, `2 crates`, `12,000 files`: a count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

/** Interval ends beyond this many tenths of a percent (+999.9 %) are shown as `>+999`: only "very wide" matters. */
const WIDEST_END_TENTHS = 9999;

/** An interval reaching from a 100 % saving to over +999 % bounds nothing: said in words, not as figures. */
export const UNBOUNDED_CHANGE = 'too few rounds to bound';

/** An end of an interval, rounded outwards, keeping its sign: `−0.0` is below zero, however little. */
function formatIntervalEnd(value: number, round: (value: number) => number): string {
  const tenths = round(value * 1000);
  if (tenths > WIDEST_END_TENTHS) return '>+999';
  const sign = value < 0 ? MINUS : value > 0 ? '+' : '±';
  return `${sign}${(Math.abs(tenths) / 10).toFixed(1)}`;
}

/**
 * An interval of a relative change in a narrow cell: `−3.2…+3.3 %`, rounded outwards so it never looks narrower,
 * each end keeping its sign so that an interval that excludes zero never looks as if it touched it.
 */
export function formatChangeRange(interval: { readonly low: number; readonly high: number } | null): string {
  if (interval === null || !isMeasured(interval.low) || !isMeasured(interval.high)) return NOT_MEASURED;
  if (roundDown(interval.low * 1000) <= -1000 && roundUp(interval.high * 1000) > WIDEST_END_TENTHS)
    return UNBOUNDED_CHANGE;
  return `${formatIntervalEnd(interval.low, roundDown)}…${formatIntervalEnd(interval.high, roundUp)} %`;
}

/** A difference of durations with its sign: `−2.18 s` (faster), `+7.25 s` (slower), `±0 ms`. */
export function formatDurationChange(ms: number | null): string {
  if (!isMeasured(ms)) return NOT_MEASURED;
  const magnitude = formatDurationMs(Math.abs(ms));
  if (/^0 ms$/.test(magnitude)) return '±0 ms';
  return `${ms > 0 ? '+' : MINUS}${magnitude}`;
}

/** `38.6–39.8 s`, `530 ms–1.20 s`: the fastest and slowest of some builds. */
export function formatDurationRange(lowMs: number, highMs: number): string {
  return joinRange(formatDurationMs(lowMs), formatDurationMs(highMs));
}
