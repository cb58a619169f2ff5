/** The step outputs that carry key numbers: medians of `default` and the mold speedup per scenario. */
import { SCENARIOS } from '../config/config.js';
import type { Results } from '../results/results.js';

/** Output names, e.g. `incremental-median-ms`, `incremental-mold-speedup`; empty when not measured. */
export function collectOutputs(results: Results): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const scenario of SCENARIOS) {
    const base = results.summaries.find((s) => s.scenario === scenario && s.variant === 'default');
    const mold = results.summaries.find((s) => s.scenario === scenario && s.variant === 'mold');
    const speedup = results.speedups.find((s) => s.scenario === scenario && s.variant === 'mold');
    outputs[`${scenario}-median-ms`] = base ? String(Math.round(base.medianMs)) : '';
    outputs[`${scenario}-mold-median-ms`] = mold ? String(Math.round(mold.medianMs)) : '';
    outputs[`${scenario}-mold-speedup`] = speedup ? speedup.speedup.toFixed(3) : '';
  }
  outputs.status = results.status;
  const medians: Record<string, Record<string, number>> = {};
  for (const summary of results.summaries) {
    (medians[summary.scenario] ??= {})[summary.variant] = Math.round(summary.medianMs);
  }
  outputs.medians = JSON.stringify(medians);
  return outputs;
}
