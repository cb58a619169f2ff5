/**
 * What the link scenario's replays predict for the other scenarios: a linker's saving per replayed link, times the
 * links a build of the scenario ran, set beside what the whole builds measured. A replay times the linker alone on
 * fixed inputs, so it decides where whole builds, whose compiling brings most of the noise, cannot; when the two
 * disagree, something besides the link changed with the linker (or the builds linked other artifacts).
 */
import type { Scenario, Variant } from '../config/config.js';
import type { Results } from '../results/results.js';
import { median } from '../stats/robust.js';
import { estimateSavings } from './speedup-claim.js';

type Range = { readonly low: number; readonly high: number };

export interface LinkPrediction {
  readonly scenario: Scenario;
  readonly variant: Variant;
  /** Milliseconds saved per build of the scenario, as the replays predict (negative: slower), and its range. */
  readonly predictedMs: number;
  readonly predictedRange: Range | null;
  /** What the whole builds measured, per build, and its 95 % interval; null when not measured. */
  readonly measuredMs: number | null;
  readonly measuredRange: Range | null;
  /** Whether the measured interval holds the prediction; null without a measured interval. */
  readonly agrees: boolean | null;
}

function medianLinks(results: Results, scenario: Scenario): number | null {
  const counts = results.samples
    .filter((sample) => sample.scenario === scenario && sample.variant === 'default' && sample.exitCode === 0)
    .map((sample) => sample.linkCount)
    .filter((count): count is number => count !== null && count !== undefined);
  return counts.length === 0 ? null : median(counts);
}

function defaultMedianMs(results: Results, scenario: Scenario): number | null {
  return (
    results.summaries.find((item) => item.scenario === scenario && item.variant === 'default')?.medianMs ??
    null
  );
}

const scaled = (range: Range | null | undefined, factor: number): Range | null =>
  range ? { low: range.low * factor, high: range.high * factor } : null;

/** Every rebuild scenario × linker variant the link replays can speak for; clean builds link far more, so none. */
export function predictFromLinks(results: Results): LinkPrediction[] {
  const replayed = medianLinks(results, 'link');
  const replayMs = defaultMedianMs(results, 'link');
  if (replayed === null || replayed === 0 || replayMs === null) return [];
  const scenarios = results.plan.scenarios.filter(
    (scenario) => scenario === 'incremental' || scenario === 'edit',
  );
  return results.speedups
    .filter((speedup) => speedup.scenario === 'link')
    .flatMap((replay) =>
      scenarios.flatMap((scenario): LinkPrediction[] => {
        const links = medianLinks(results, scenario);
        const buildMs = defaultMedianMs(results, scenario);
        if (links === null || links === 0 || buildMs === null) return [];
        const perLink = estimateSavings(replay, replayMs);
        const factor = links / replayed;
        const measured = results.speedups.find(
          (speedup) => speedup.scenario === scenario && speedup.variant === replay.variant,
        );
        const whole = measured ? estimateSavings(measured, buildMs) : null;
        const predictedMs = perLink.savedMs * factor;
        const measuredRange = whole?.interval?.ms ?? null;
        return [
          {
            scenario,
            variant: replay.variant,
            predictedMs,
            predictedRange: scaled(perLink.interval?.ms, factor),
            measuredMs: whole?.savedMs ?? null,
            measuredRange,
            agrees:
              measuredRange === null
                ? null
                : Math.min(measuredRange.low, measuredRange.high) <= predictedMs &&
                  predictedMs <= Math.max(measuredRange.low, measuredRange.high),
          },
        ];
      }),
    );
}
