/**
 * Error rates and power of the gate's decisions against the base, through the production round loop, budget and
 * verdict with simulated builds of known change and noise (test/support/simulated-gate.ts), at budgets that bind.
 * Run with `npm run bench:decisions [-- --trials 400]`; `npm test` asserts the same table at 200 trials.
 */
import { parseArgs } from 'node:util';
import type { NoiseFamily } from '../test/support/noise.js';
import { simulateCell } from '../test/support/simulated-gate.js';
import { percent } from './study-support.js';

const { values: flags } = parseArgs({ options: { trials: { type: 'string', default: '400' } } });
const trials = Number(flags.trials);
const TAU = 0.05;
const CHANGES = [0, TAU / 2, 2 * TAU, 4 * TAU];
const BUDGETS = [5, 7, 11, 14, 20, 30, 50];

console.log(
  `Decisions of compare-to: base through the round loop, threshold ${percent(TAU, 0)}, max-runs 200, ` +
    `${trials} trials a cell: % regression / % pass.`,
);
for (const pairNoise of [0.03, 0.067]) {
  for (const family of ['normal', 'log-normal', 'outlier-mixed'] as NoiseFamily[]) {
    console.log('');
    console.log(`${family} noise, ${percent(pairNoise)} per pair (head ÷ base of one round, log scale):`);
    console.log('');
    console.log(
      '| budget (rounds) | no change | +2.5 % (τ/2) | +10 % (2τ) | +20 % (4τ) | median rounds at +10 % |',
    );
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const budgetRounds of BUDGETS) {
      const cells: string[] = [];
      let roundsAtTenPercent: number[] = [];
      for (const change of CHANGES) {
        const cell = { family, pairNoise, change, budgetRounds, maxRuns: 200 };
        const rates = await simulateCell(
          cell,
          trials,
          `bench/${family}/${pairNoise}/${change}/${budgetRounds}`,
        );
        if (change === 2 * TAU) roundsAtTenPercent = [...rates.rounds];
        cells.push(`${percent(rates.regression)} / ${percent(rates.pass)}`);
      }
      const sorted = roundsAtTenPercent.sort((a, b) => a - b);
      console.log(`| ${budgetRounds} | ${cells.join(' | ')} | ${sorted[sorted.length >> 1]} |`);
    }
  }
}
