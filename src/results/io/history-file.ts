/** Input `history-file`: every run's figures appended as one JSON line, for teams that keep their own records. */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Comparison } from '../../gate/comparison.js';
import type { Results } from '../results.js';

/** One line: when, which commit, and per scenario and variant the median, n and rounds; the verdict when judged. */
export function summarizeForHistory(
  results: Results,
  comparison: Comparison | null,
): Record<string, unknown> {
  const scenarios: Record<string, Record<string, { medianMs: number; n: number }>> = {};
  for (const summary of results.summaries) {
    (scenarios[summary.scenario] ??= {})[summary.variant] = {
      medianMs: Math.round(summary.medianMs * 100) / 100,
      n: summary.n,
    };
  }
  return {
    schemaVersion: 1,
    id: results.id,
    createdAt: results.createdAt,
    commit: results.environment.commit,
    ref: results.environment.ref,
    event: results.environment.event,
    pullRequest: results.environment.pullRequest?.number ?? null,
    status: results.status,
    cpuModel: results.environment.cpuModel,
    rustc: results.environment.rustc,
    scenarios,
    rounds: Object.fromEntries(results.rounds.map((record) => [record.scenario, record.rounds])),
    verdict: comparison?.verdict ?? null,
  };
}

export async function appendHistoryLine(
  file: string,
  results: Results,
  comparison: Comparison | null,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(summarizeForHistory(results, comparison))}\n`);
}
