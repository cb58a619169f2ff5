/** How many rounds each scenario ran and why it stopped, in the few words a table cell and one note can hold. */
import type { Scenario } from '../config/config.js';
import type { Results, RoundsRecord, RoundsStop } from '../results/results.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { formatDurationMs } from '../format/format-numbers.js';

/** The word a cell shows for each stop; the note under the table says what each means. */
const STOP_WORDS: Readonly<Record<RoundsStop, string>> = {
  decided: 'decided',
  'nothing-to-decide': 'nothing to decide',
  'max-runs': 'max-runs',
  'time-budget': 'time budget',
  failed: 'build failed',
};

export function findRounds(results: Results, scenario: Scenario): RoundsRecord | null {
  return results.rounds.find((record) => record.scenario === scenario) ?? null;
}

/** Rounds of a scenario without a record (results of schema 1): the rounds its successful samples reached. */
function countSampledRounds(results: Results, scenario: Scenario): number {
  const rounds = results.samples
    .filter((sample) => sample.scenario === scenario && sample.exitCode === 0)
    .map((sample) => sample.round + 1);
  return Math.max(0, ...rounds);
}

/** `12 · decided`, `10 · max-runs`; only the count for results without rounds records; `—` for none. */
export function formatRoundsCell(results: Results, scenario: Scenario): string {
  const record = findRounds(results, scenario);
  if (record === null) {
    const rounds = countSampledRounds(results, scenario);
    return rounds === 0 ? '—' : String(rounds);
  }
  return `${record.rounds} · ${STOP_WORDS[record.stoppedBy]}`;
}

/** `after 7 rounds`, `after 10 rounds (input \`max-runs\`)`: the rounds behind a comparison, in a sentence. */
export function describeRoundsTaken(record: RoundsRecord | null): string | null {
  if (record === null) return null;
  const rounds = `${record.rounds} ${record.rounds === 1 ? 'round' : 'rounds'}`;
  if (record.stoppedBy === 'max-runs') return `after ${rounds} (all of input ${codeSpan('max-runs')})`;
  if (record.stoppedBy === 'time-budget') return `after ${rounds} (input ${codeSpan('time-budget')} ran out)`;
  return record.stoppedBy === 'decided' ? `decided after ${rounds}` : `after ${rounds}`;
}

/** `10 min`, `1 h 30 min`, `45 s`: a budget as it was most likely written. */
function formatBudget(ms: number): string {
  if (ms % 60_000 !== 0) return formatDurationMs(ms);
  const minutes = ms / 60_000;
  if (minutes < 60) return `${minutes} min`;
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** What each stop word that the table shows means, in one line; null when no record was kept. */
export function describeStops(results: Results, scenarios: readonly Scenario[]): string | null {
  const records = scenarios
    .map((scenario) => findRounds(results, scenario))
    .filter((record): record is RoundsRecord => record !== null);
  if (records.length === 0) return null;
  const shown = new Set(records.map((record) => record.stoppedBy));
  const meanings: Readonly<Record<RoundsStop, string>> = {
    decided: '*decided*: every comparison was decided',
    'nothing-to-decide': `*nothing to decide*: no comparison, so the fewest rounds (${codeSpan('runs')})`,
    'max-runs': `*max-runs*: input ${codeSpan('max-runs')} (${results.plan.maxRuns}) reached`,
    'time-budget':
      results.plan.timeBudgetMs === null
        ? `*time budget*: input ${codeSpan('time-budget')} ran out`
        : `*time budget*: input ${codeSpan('time-budget')} (${formatBudget(results.plan.timeBudgetMs)}) ran out`,
    failed: '*build failed*: a build failed, so no more rounds',
  };
  const order: readonly RoundsStop[] = ['decided', 'nothing-to-decide', 'max-runs', 'time-budget', 'failed'];
  const words = order.filter((stop) => shown.has(stop)).map((stop) => meanings[stop]);
  const undecided = records
    .filter((record) => record.undecided.length > 0)
    .map(
      (record) => `${escapeMarkdown(record.scenario)}: ${record.undecided.map(escapeMarkdown).join(', ')}`,
    );
  const still = undecided.length === 0 ? '' : ` Still undecided when they stopped: ${undecided.join('; ')}.`;
  return `Rounds, and why they stopped: ${words.join('; ')}.${still}`;
}
