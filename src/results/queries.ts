/** Queries on a results document: the builds that succeeded, a summary's median. */
import type { Scenario, Variant } from '../config/config.js';
import type { Results } from './results.js';

/** The wall times of the successful builds of one variant in one scenario, in the order they ran. */
export function successfulWallMs(results: Results, scenario: Scenario, variant: Variant): number[] {
  return results.samples
    .filter((sample) => sample.exitCode === 0 && sample.scenario === scenario && sample.variant === variant)
    .map((sample) => sample.wallMs);
}

/** The median wall time of one variant in one scenario, from the summaries; null when it has none. */
export function medianOf(results: Results, scenario: Scenario, variant: Variant): number | null {
  return (
    results.summaries.find((item) => item.scenario === scenario && item.variant === variant)?.medianMs ?? null
  );
}
