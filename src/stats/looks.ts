/**
 * When a comparison is looked at while rounds are still being added, and how much of its error each look may
 * spend. Looking after every round and deciding at the usual 95 % would claim far more certainty than the data
 * hold (the more looks, the likelier one of them strays), so the 5 % error is split between a fixed schedule of
 * looks: each look's interval is wider, and the chance that any of them misses the truth stays at most 5 %
 * (the union bound, whatever the looks' dependence). Early looks get little of the error (it is spent as the
 * cube of the share of rounds done), so the last look keeps most of it and the gate its power.
 */

/** Each look comes after this many times the rounds of the previous one (5, 7, 10, 14, 20, 28, 40, 56…). */
const LOOK_GROWTH = 1.4;
/** Error spent by the share t of the planned rounds: α·t³ (a cube, not a square: measured to give more power). */
const SPENDING_POWER = 3;

/** The two-sided error every printed paired interval keeps over all its looks: 95 % confidence. */
export const SEQUENTIAL_ERROR = 0.05;
export const SEQUENTIAL_CONFIDENCE = 1 - SEQUENTIAL_ERROR;

/** The rounds after which comparisons are looked at: the minimum, then growing by LOOK_GROWTH, ending at the most. */
export function lookSchedule(minRounds: number, maxRounds: number): number[] {
  const looks = [minRounds];
  while (looks.at(-1)! < maxRounds) {
    const previous = looks.at(-1)!;
    looks.push(Math.min(maxRounds, Math.max(previous + 1, Math.ceil(previous * LOOK_GROWTH))));
  }
  return looks;
}

function spent(rounds: number, maxRounds: number): number {
  return SEQUENTIAL_ERROR * Math.min(1, rounds / maxRounds) ** SPENDING_POWER;
}

/**
 * The two-sided confidence of the interval taken after `rounds` rounds. At a scheduled look: its share of the
 * error. Anywhere else (the time budget ended the rounds between looks, or a comparison is read at the rounds
 * another one stopped at): this is the last look, and it gets all the error the earlier looks left.
 */
export function lookLevel(rounds: number, minRounds: number, maxRounds: number): number {
  // More rounds than the most allowed (results from an older or edited file): the schedule ends at them.
  const most = Math.max(minRounds, maxRounds, rounds);
  const looks = lookSchedule(Math.min(minRounds, most), most);
  const earlier = looks.filter((look) => look < rounds);
  const before = earlier.length === 0 ? 0 : spent(earlier.at(-1)!, most);
  const scheduled = looks.includes(rounds);
  const error = scheduled ? spent(rounds, most) - before : SEQUENTIAL_ERROR - before;
  return 1 - Math.max(error, Number.MIN_VALUE);
}

/** Whether the comparison may be decided after `rounds`: at scheduled looks only, so the spending holds. */
export function isLook(rounds: number, minRounds: number, maxRounds: number): boolean {
  return lookSchedule(minRounds, Math.max(minRounds, maxRounds)).includes(rounds);
}

/** One look taken while the rounds ran: after how many rounds, at which two-sided confidence. */
export interface Look {
  readonly rounds: number;
  readonly level: number;
}

/**
 * The look after `rounds` rounds, or null when this round is not one. The last look is planned from the rounds
 * the time budget is expected to allow (`plannedMax`, re-planned as rounds come: a run whose budget binds early
 * spends its error early), and the error spent by the share of it done, α·(rounds/plannedMax)³, less what the
 * earlier looks spent. A `final` look (the budget or `max-runs` ends the rounds here) spends all that is left, so
 * a budget that ends the rounds never throws error away, and more budget never means less power.
 */
export function takeLook(
  rounds: number,
  minRounds: number,
  plannedMax: number,
  earlier: readonly Look[],
  final: boolean,
): Look | null {
  if (rounds < minRounds) return null;
  // A look that is not final has at least one more round after it: the plan cannot end before that.
  const most = final ? rounds : Math.max(minRounds, plannedMax, rounds + 1);
  if (!final && !lookSchedule(minRounds, most).includes(rounds)) return null;
  const before = earlier.reduce((sum, look) => sum + (1 - look.level), 0);
  const due = final ? SEQUENTIAL_ERROR : spent(rounds, most);
  return { rounds, level: 1 - Math.max(due - before, Number.MIN_VALUE) };
}
