/** The step outputs that carry key numbers: medians, the mold speedup, and the gate's verdict and changes. */
import { SCENARIOS } from '../config/config.js';
import type { Comparison } from '../gate/comparison.js';
import type { Results } from '../results/results.js';
import { estimateSpeedup } from './speedup-claim.js';
import { slugOfVariant } from '../variants/variant-spec.js';

/**
 * Output names, e.g. `incremental-median-ms`, `incremental-mold-speedup`, and for every other measured variant
 * `<scenario>-<variant>-speedup` and `-median-ms` with the variant's name made safe
 * (`debug=line-tables-only` → `incremental-debug-line-tables-only-speedup`); mold's are empty when not measured.
 */
export function collectOutputs(results: Results): Record<string, string> {
  const outputs: Record<string, string> = {};
  const others = results.plan.variants.filter((variant) => variant !== 'default' && variant !== 'mold');
  for (const scenario of SCENARIOS) {
    const base = results.summaries.find((s) => s.scenario === scenario && s.variant === 'default');
    outputs[`${scenario}-median-ms`] = base ? String(Math.round(base.medianMs)) : '';
    for (const variant of ['mold', ...others]) {
      const summary = results.summaries.find((s) => s.scenario === scenario && s.variant === variant);
      const speedup = results.speedups.find((s) => s.scenario === scenario && s.variant === variant);
      if (variant !== 'mold' && summary === undefined) continue;
      const prefix = `${scenario}-${slugOfVariant(variant)}`;
      outputs[`${prefix}-median-ms`] = summary ? String(Math.round(summary.medianMs)) : '';
      // The paired estimate, as the report shows it; the ratio of the medians only when rounds do not pair.
      const ratio = speedup ? estimateSpeedup(speedup) : null;
      outputs[`${prefix}-speedup`] = ratio === null ? '' : ratio.toFixed(3);
    }
  }
  outputs.status = results.status;
  const medians: Record<string, Record<string, number>> = {};
  for (const summary of results.summaries) {
    (medians[summary.scenario] ??= {})[summary.variant] = Math.round(summary.medianMs);
  }
  outputs.medians = JSON.stringify(medians);
  const speedups: Record<string, Record<string, number>> = {};
  for (const speedup of results.speedups) {
    const ratio = estimateSpeedup(speedup);
    if (ratio !== null) (speedups[speedup.scenario] ??= {})[speedup.variant] = Number(ratio.toFixed(3));
  }
  outputs.speedups = JSON.stringify(speedups);
  const analysis = results.analysis;
  const crates = analysis?.llvmLines?.crates ?? [];
  outputs['llvm-lines'] = crates.length === 0 ? '' : String(crates.reduce((sum, c) => sum + c.totalLines, 0));
  outputs['crate-count'] = analysis?.dependencies ? String(analysis.dependencies.crates.length) : '';
  outputs['duplicate-crates'] = (analysis?.dependencies?.duplicates ?? [])
    .map((item) => `${item.name} ${item.versions.join('/')}`)
    .join(', ');
  return outputs;
}

/**
 * The gate's outputs: `verdict`, and per scenario `<scenario>-verdict` and `<scenario>-change-percent`
 * (with `-low-percent` / `-high-percent` for its interval); empty when the scenario was not compared.
 */
export function collectComparisonOutputs(comparison: Comparison): Record<string, string> {
  const outputs: Record<string, string> = { verdict: comparison.verdict };
  const percent = (value: number | null | undefined): string =>
    value === null || value === undefined ? '' : (value * 100).toFixed(2);
  for (const scenario of SCENARIOS) {
    const item = comparison.scenarios.find((candidate) => candidate.scenario === scenario);
    outputs[`${scenario}-verdict`] = item?.verdict ?? '';
    outputs[`${scenario}-change-percent`] = percent(item?.change);
    outputs[`${scenario}-change-low-percent`] = percent(item?.interval?.low);
    outputs[`${scenario}-change-high-percent`] = percent(item?.interval?.high);
  }
  outputs['baseline-commit'] = comparison.baseline?.commit ?? '';
  return outputs;
}
