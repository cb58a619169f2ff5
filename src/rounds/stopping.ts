/**
 * When a scenario's rounds stop: every comparison decided, `max-runs` reached, or the time budget spent. The last
 * look is planned from the rounds the budget is expected to allow (re-planned each round from the rounds' mean
 * time), and the round the budget or `max-runs` ends on is a final look that spends all the error left.
 */
import type { RoundsRecord, RoundsStop } from '../results/results.js';
import { takeLook, type Look } from '../stats/looks.js';
import type { RoundBounds } from '../stats/sequential.js';
import { reviewRounds, type ScenarioRounds } from './review.js';

export interface RoundsVerdict {
  readonly stoppedBy: RoundsStop;
  /** Comparisons still undecided when the rounds stopped. */
  readonly undecided: string[];
}

export class RoundsStopper {
  private readonly decided = new Set<string>();
  private readonly taken: Look[] = [];
  private deadlineMs: number | null = null;

  /**
   * `startMs`: when the measured rounds began; `deadline`: when the rounds beyond the fewest must end, asked once
   * when the fewest are done (they share what is left of the budget with the scenarios still to come).
   */
  constructor(
    private readonly bounds: RoundBounds,
    private readonly startMs: number,
    private readonly deadline: () => number,
  ) {}

  /** The looks taken so far, for the results. */
  get looks(): Look[] {
    return [...this.taken];
  }

  /** After measured round `done` (1-based), which began at `roundStartMs`: null to go on, else why to stop. */
  afterRound(done: number, roundStartMs: number, nowMs: number, state: ScenarioRounds): RoundsVerdict | null {
    const { bounds } = this;
    if (done < bounds.min) return null;
    this.deadlineMs ??= this.deadline();
    const meanRoundMs = Math.max((nowMs - this.startMs) / done, 1e-3);
    const plannedMax = Math.min(
      bounds.max,
      done + Math.floor(Math.max(0, this.deadlineMs - nowMs) / meanRoundMs),
    );
    const outOfBudget = nowMs + (nowMs - roundStartMs) > this.deadlineMs;
    const final = done >= bounds.max || outOfBudget;
    const look = takeLook(done, bounds.min, plannedMax, this.taken, final);
    if (look !== null) this.taken.push(look);
    const reviews = reviewRounds(state, look);
    for (const review of reviews) if (review.decided) this.decided.add(review.label);
    const undecided = reviews.map((review) => review.label).filter((label) => !this.decided.has(label));
    if (reviews.length === 0) return { stoppedBy: 'nothing-to-decide', undecided: [] };
    if (undecided.length === 0) return { stoppedBy: 'decided', undecided: [] };
    if (done >= bounds.max) return { stoppedBy: 'max-runs', undecided };
    if (outOfBudget) return { stoppedBy: 'time-budget', undecided };
    return null;
  }
}

/** `incremental: 12 rounds (input 'time-budget'; undecided: mold vs default).`; null when there is nothing to say. */
export function describeRoundsStop(record: RoundsRecord): string | null {
  const { scenario, rounds, stoppedBy, undecided } = record;
  if (stoppedBy === 'nothing-to-decide' || stoppedBy === 'failed') return null;
  const why = {
    decided: 'every comparison decided',
    'max-runs': "input 'max-runs'",
    'time-budget': "input 'time-budget'",
  }[stoppedBy];
  const open = undecided.length > 0 ? `; undecided: ${undecided.join(', ')}` : '';
  return `${scenario}: ${rounds} rounds (${why}${open}).`;
}
