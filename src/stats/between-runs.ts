/**
 * How much two runs on one machine may differ beyond their builds' own noise, assumed (a standard deviation on
 * the log scale): one earlier run cannot tell it, and without it the drift between runs would read as a change.
 * 7 % is what `npm run bench:gate` measured between separate runs of the example's 0.17 s rebuild on a 2-core
 * cloud machine (docs/gating.md, "How sensitive is it?"); longer builds and quieter machines differ less, so the gate errs
 * towards staying quiet: with steady builds and a 5 % threshold, a change is a regression from about +18 %.
 */
export const ASSUMED_BETWEEN_RUNS = 0.07;
