/** What a threshold means against a measured baseline, and how it reads. */
import type { Threshold } from './config.js';

/** The threshold as a relative change against a baseline median: the absolute part divided by that median. */
export function relativeLimit(threshold: Threshold, baselineMedianMs: number): number {
  const fromAbsolute =
    threshold.absoluteMs === null || baselineMedianMs <= 0 ? null : threshold.absoluteMs / baselineMedianMs;
  if (threshold.relative === null) return fromAbsolute ?? Number.POSITIVE_INFINITY;
  if (fromAbsolute === null) return threshold.relative;
  return threshold.combine === 'and'
    ? Math.max(threshold.relative, fromAbsolute)
    : Math.min(threshold.relative, fromAbsolute);
}

/** `10%`, `5% or 30s`: the threshold as a user would write it. */
export function formatThreshold(threshold: Threshold): string {
  const parts: string[] = [];
  if (threshold.relative !== null) parts.push(`${+(threshold.relative * 100).toFixed(3)}%`);
  if (threshold.absoluteMs !== null) {
    parts.push(
      threshold.absoluteMs % 1000 === 0 ? `${threshold.absoluteMs / 1000}s` : `${threshold.absoluteMs}ms`,
    );
  }
  return parts.join(` ${threshold.combine} `);
}
