/** What the link replays predict for the rebuild scenarios, beside what the whole builds measured. */
import { describe, expect, it } from 'vitest';
import { predictFromLinks } from '../../src/report/link-predictions.js';
import { renderVariantComparison } from '../../src/report/render-variants.js';
import type { Results } from '../../src/results/results.js';
import { makeResults } from '../support/results-fixture.js';

const PLAN = { scenarios: ['incremental', 'link'], variants: ['default', 'mold', 'lld', 'bfd'] } as const;

describe('predictFromLinks', () => {
  it("scales the replays' saving per link by the links a rebuild runs, and holds it against the whole builds", () => {
    const results = makeResults({ plan: PLAN });
    const predictions = predictFromLinks(results);
    const mold = predictions.find((item) => item.scenario === 'incremental' && item.variant === 'mold')!;
    // The fixture's replays save about 2.26 s with mold; its rebuilds, which link as often, 2.25 s.
    expect(mold.predictedMs).toBeGreaterThan(2_000);
    expect(mold.measuredMs).toBeGreaterThan(2_000);
    expect(mold.agrees).toBe(true);
    expect(predictions.map((item) => item.scenario)).not.toContain('link');
  });

  it('says so when the whole builds changed by more than their links', () => {
    const results = makeResults({ plan: PLAN });
    // The rebuilds with mold got 3 s slower besides the link: the replays cannot have predicted that.
    const slower: Results = {
      ...results,
      samples: results.samples.map((sample) =>
        sample.scenario === 'incremental' && sample.variant === 'mold'
          ? { ...sample, wallMs: sample.wallMs + 5_000 }
          : sample,
      ),
    };
    const rebuilt = makeResults({ plan: PLAN, samples: slower.samples });
    const mold = predictFromLinks(rebuilt).find(
      (item) => item.scenario === 'incremental' && item.variant === 'mold',
    )!;
    expect(mold.agrees).toBe(false);
    expect(renderVariantComparison(rebuilt)).toMatch(
      /The link replays predict, per build .*`mold` in incremental −2\.\d+ s.*⚠️ but whole builds \+\d/,
    );
  });

  it('predicts nothing without the link scenario', () => {
    expect(predictFromLinks(makeResults({ plan: { ...PLAN, scenarios: ['incremental'] } }))).toEqual([]);
  });
});
