/** Merges the results of several jobs (matrix shards) into one document; refuses what does not belong together. */
import { LINKERS, SCENARIOS } from '../config/config.js';
import type { LinkerCheck, Results } from './results.js';

/** One results file as read: where it came from and what it holds. */
export interface ResultsDocument {
  readonly source: string;
  readonly results: Results;
}

/** The files cannot be merged; the message names them. */
export class ResultsMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsMergeError';
  }
}

/** Refuses documents that disagree on `pick` (ignoring nulls), naming each file and its value. */
function requireSame(
  documents: readonly ResultsDocument[],
  what: string,
  pick: (results: Results) => string | null,
): void {
  const named = documents.filter((document) => pick(document.results) !== null);
  const values = new Set(named.map((document) => pick(document.results)));
  if (values.size <= 1) return;
  const list = named.map((document) => `${document.source} has ${pick(document.results)}`).join(', ');
  throw new ResultsMergeError(`The results files disagree on the ${what}: ${list}.`);
}

/** Each scenario × variant may come from one file only: two measurements of one pair cannot both be the number. */
function requireDisjointPairs(documents: readonly ResultsDocument[]): void {
  const owners = new Map<string, string>();
  for (const { source, results } of documents) {
    for (const scenario of results.plan.scenarios) {
      for (const variant of results.plan.variants) {
        const pair = `${scenario} · ${variant}`;
        const owner = owners.get(pair);
        if (owner !== undefined) {
          throw new ResultsMergeError(
            `${owner} and ${source} both measured ${pair}; give each shard its own.`,
          );
        }
        owners.set(pair, source);
      }
    }
  }
}

/** Checks of one variant that found the same linker become one, listing every executable read. */
function mergeLinkers(checks: readonly LinkerCheck[]): LinkerCheck[] {
  const merged: LinkerCheck[] = [];
  for (const check of checks) {
    const index = merged.findIndex((item) => item.variant === check.variant && item.linker === check.linker);
    if (index === -1) merged.push(check);
    else {
      const item = merged[index]!;
      const files = [...new Set([...item.files, ...check.files])];
      merged[index] = { ...item, files, verified: item.verified && check.verified };
    }
  }
  return merged;
}

function describeMachine(results: Results): string {
  const { cpuModel, cores, rustc } = results.environment;
  return `${cpuModel}, ${cores} cores, ${rustc ?? 'no rustc'}`;
}

/** What the reader must know about the merge: which file measured what, and on which machines. */
function mergeNotes(documents: readonly ResultsDocument[]): string[] {
  if (documents.length === 1) return [];
  const parts = documents.map(
    ({ source, results }) =>
      `${source} (${results.plan.scenarios.join(', ')} × ${results.plan.variants.join(', ')})`,
  );
  const notes = [`Merged from ${documents.length} results files: ${parts.join('; ')}.`];
  const machines = new Set(documents.map((document) => describeMachine(document.results)));
  if (machines.size > 1) {
    notes.push(
      `The files were measured on different machines (${[...machines].join(' / ')}); ` +
        'variants from different files are not compared with each other.',
    );
  }
  const runs = new Set(documents.map((document) => document.results.plan.runs));
  if (runs.size > 1) notes.push(`The files used different runs per scenario: ${[...runs].join(', ')}.`);
  return notes;
}

/**
 * One document from several: same id, commit and pull request, disjoint scenario × variant pairs. Samples keep
 * their order within each file; speedups stay those measured within one file (on one machine).
 */
export function mergeResults(documents: readonly ResultsDocument[]): Results {
  const first = documents[0];
  if (first === undefined) throw new ResultsMergeError('No results files to merge.');
  if (documents.length === 1) return first.results;
  requireSame(documents, 'benchmark id', (results) => `id '${results.id}'`);
  requireSame(documents, 'commit', (results) => results.environment.commit);
  requireSame(documents, 'pull request', (results) =>
    results.environment.pullRequest === null ? null : `#${results.environment.pullRequest.number}`,
  );
  requireDisjointPairs(documents);
  const all = documents.map((document) => document.results);
  let offset = 0;
  const samples = all.flatMap((results) => {
    const shifted = results.samples.map((sample) => ({ ...sample, sequence: sample.sequence + offset }));
    offset += results.samples.length;
    return shifted;
  });
  const failed = all.find((results) => results.status === 'failed');
  const pullRequest = all.find((results) => results.environment.pullRequest !== null)?.environment
    .pullRequest;
  return {
    ...first.results,
    createdAt: all
      .map((results) => results.createdAt)
      .sort()
      .at(-1)!,
    status: failed === undefined ? 'complete' : 'failed',
    environment: {
      ...first.results.environment,
      pullRequest: pullRequest ?? null,
      // mold's install time belongs to the shard that installed it.
      moldInstall:
        all.find((results) => results.environment.moldInstall !== null)?.environment.moldInstall ?? null,
    },
    plan: {
      scenarios: SCENARIOS.filter((scenario) =>
        all.some((results) => results.plan.scenarios.includes(scenario)),
      ),
      // Linkers in their usual order, then settings variants as the shards name them.
      variants: [
        ...LINKERS.filter((variant) => all.some((results) => results.plan.variants.includes(variant))),
        ...new Set(
          all.flatMap((results) =>
            results.plan.variants.filter((variant) => !(LINKERS as readonly string[]).includes(variant)),
          ),
        ),
      ],
      runs: Math.max(...all.map((results) => results.plan.runs)),
      cleanRuns: Math.max(...all.map((results) => results.plan.cleanRuns)),
      maxRuns: Math.max(...all.map((results) => results.plan.maxRuns)),
      timeBudgetMs: all.every((results) => results.plan.timeBudgetMs === null)
        ? null
        : Math.max(...all.map((results) => results.plan.timeBudgetMs ?? 0)),
      warmup: Math.max(...all.map((results) => results.plan.warmup)),
      gatedVariant: first.results.plan.gatedVariant,
    },
    // Each scenario × variant comes from one shard: so do its rounds (the first shard that ran the scenario).
    rounds: SCENARIOS.flatMap((scenario) =>
      all.flatMap((results) => results.rounds.filter((record) => record.scenario === scenario)).slice(0, 1),
    ),
    targetBytes: Object.assign({}, ...all.map((results) => results.targetBytes)) as Results['targetBytes'],
    touchedFiles: [...new Set(all.flatMap((results) => results.touchedFiles))].sort(),
    notes: [...new Set([...mergeNotes(documents), ...all.flatMap((results) => results.notes)])],
    samples,
    summaries: all.flatMap((results) => results.summaries),
    speedups: all.flatMap((results) => results.speedups),
    linkers: mergeLinkers(all.flatMap((results) => results.linkers)),
    settingProofs: all.flatMap((results) => results.settingProofs),
    failure: failed?.failure ?? null,
    analysis: mergeAnalyses(all),
  };
}

/**
 * Shards of one commit analyse the same project: the analysis of one file (the first that counted IR lines, else
 * the first with any), so its parts describe one build, with every shard's problems once.
 */
function mergeAnalyses(all: readonly Results[]): Results['analysis'] {
  const analyses = all.flatMap((results) => (results.analysis === null ? [] : [results.analysis]));
  const chosen = analyses.find((analysis) => analysis.llvmLines !== null) ?? analyses[0];
  if (chosen === undefined) return null;
  return { ...chosen, problems: [...new Set(analyses.flatMap((analysis) => analysis.problems))] };
}
