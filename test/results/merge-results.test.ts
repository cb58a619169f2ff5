/** Merging shard results: what belongs together is joined, what does not is refused with the files named. */
import { describe, expect, it } from 'vitest';
import { mergeResults, ResultsMergeError, type ResultsDocument } from '../../src/results/merge-results.js';
import { ResultsFormatError, validateResults } from '../../src/results/read-results.js';
import type { Results } from '../../src/results/results.js';
import { renderReport } from '../../src/report/render-report.js';
import { makeAnalysis, makeResults, type ResultsOverrides } from '../support/results-fixture.js';

function shard(source: string, overrides: ResultsOverrides): ResultsDocument {
  return { source, results: makeResults(overrides) };
}

const clean = shard('shards/clean.json', { plan: { scenarios: ['clean'], variants: ['default', 'mold'] } });
const incremental = shard('shards/incremental.json', {
  plan: { scenarios: ['incremental'], variants: ['default', 'mold'] },
  createdAt: '2026-05-04T09:20:00.000Z',
});

function refusal(documents: ResultsDocument[]): string {
  try {
    mergeResults(documents);
  } catch (error) {
    expect(error).toBeInstanceOf(ResultsMergeError);
    return (error as Error).message;
  }
  throw new Error('expected the merge to be refused');
}

describe('mergeResults', () => {
  it('keeps the analysis of one shard (the one that counted IR lines) and mold install time of the shard that installed it', () => {
    const counted = makeAnalysis({ problems: ['first'] });
    const plain = makeAnalysis({ llvmLines: null, problems: ['second'] });
    const first = shard('shards/clean.json', {
      plan: { scenarios: ['clean'], variants: ['default'] },
      analysis: plain,
      environment: { moldInstall: null },
    });
    const second = shard('shards/incremental.json', {
      plan: { scenarios: ['incremental'], variants: ['default', 'mold'] },
      analysis: counted,
      environment: { moldInstall: { source: 'tool-cache', durationMs: 210 } },
    });
    const merged = mergeResults([first, second]);
    expect(merged.analysis).toEqual({ ...counted, problems: ['second', 'first'] });
    expect(merged.environment.moldInstall).toEqual({ source: 'tool-cache', durationMs: 210 });
    expect(mergeResults([clean, incremental]).analysis).toBeNull();
  });

  it('joins shards of different scenarios into one plan, in scenario order', () => {
    const merged = mergeResults([incremental, clean]);
    expect(merged.plan.scenarios).toEqual(['clean', 'incremental']);
    expect(merged.plan.variants).toEqual(['default', 'mold']);
    expect(merged.samples).toHaveLength(clean.results.samples.length + incremental.results.samples.length);
    expect(merged.summaries.map((summary) => `${summary.scenario}·${summary.variant}`).sort()).toEqual([
      'clean·default',
      'clean·mold',
      'incremental·default',
      'incremental·mold',
    ]);
    expect(merged.speedups.map((speedup) => speedup.scenario).sort()).toEqual(['clean', 'incremental']);
    expect(merged.createdAt).toBe('2026-05-04T09:20:00.000Z');
    expect(merged.status).toBe('complete');
  });

  it('keeps the build order within each file and makes sequence numbers unique', () => {
    const merged = mergeResults([clean, incremental]);
    const sequences = merged.samples.map((sample) => sample.sequence);
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(merged.samples.slice(0, clean.results.samples.length)).toEqual(clean.results.samples);
  });

  it('joins the linker checks of one variant that found the same linker', () => {
    const merged = mergeResults([clean, incremental]);
    expect(merged.linkers.map((check) => check.variant)).toEqual(['default', 'mold']);
    expect(merged.linkers.every((check) => check.verified)).toBe(true);
  });

  it('says which file measured what, and warns when the machines differ', () => {
    const other = shard('shards/incremental.json', {
      plan: { scenarios: ['incremental'], variants: ['default', 'mold'] },
      environment: { cpuModel: 'Intel Xeon Platinum 8370C' },
    });
    const merged = mergeResults([clean, other]);
    expect(merged.notes[0]).toBe(
      'Merged from 2 results files: shards/clean.json (clean × default, mold); ' +
        'shards/incremental.json (incremental × default, mold).',
    );
    expect(merged.notes[1]).toMatch(/^The files were measured on different machines \(AMD EPYC 7763/);
  });

  it('marks the merge failed when one shard failed, with its failure', () => {
    const failure = {
      scenario: 'incremental',
      variant: 'mold',
      phase: 'sample',
      command: 'cargo build',
      exitCode: 101,
      outputTail: 'error[E0425]',
      message: 'The build failed',
    } as const;
    const failed = shard('shards/incremental.json', {
      plan: { scenarios: ['incremental'], variants: ['default', 'mold'] },
      status: 'failed',
      failure,
    });
    const merged = mergeResults([clean, failed]);
    expect([merged.status, merged.failure]).toEqual(['failed', failure]);
  });

  it('returns a single file as it is', () => {
    expect(mergeResults([clean])).toBe(clean.results);
  });

  it.each([
    {
      name: 'different ids',
      second: shard('b.json', { id: 'other', plan: { scenarios: ['incremental'] } }),
      says: "The results files disagree on the benchmark id: shards/clean.json has id 'ferry-release', b.json has id 'other'.",
    },
    {
      name: 'different commits',
      second: shard('b.json', { environment: { commit: 'ffff' }, plan: { scenarios: ['incremental'] } }),
      says: 'disagree on the commit: shards/clean.json has 9f3c2e71b04d5a8e6c1f2b3a4d5e6f708192a3b4, b.json has ffff.',
    },
    {
      name: 'different pull requests',
      second: shard('b.json', {
        environment: { pullRequest: { number: 8, headSha: 'abc' } },
        plan: { scenarios: ['incremental'] },
      }),
      says: null,
    },
    {
      name: 'the same scenario × variant twice',
      second: shard('b.json', { plan: { scenarios: ['clean'], variants: ['mold'] } }),
      says: 'shards/clean.json and b.json both measured clean · mold; give each shard its own.',
    },
  ])('refuses $name', ({ second, says }) => {
    const first =
      says === null
        ? shard('shards/clean.json', {
            environment: { pullRequest: { number: 7, headSha: 'abc' } },
            plan: { scenarios: ['clean'], variants: ['default', 'mold'] },
          })
        : clean;
    const message = refusal([first, second]);
    expect(message).toContain(
      says ?? 'disagree on the pull request: shards/clean.json has #7, b.json has #8.',
    );
  });
});

describe('validateResults on files from outside', () => {
  const valid = (): Record<string, unknown> =>
    JSON.parse(JSON.stringify(makeResults())) as Record<string, unknown>;

  it('reads a document written before the pull request was recorded, as none', () => {
    const json = valid();
    delete (json.environment as Record<string, unknown>).pullRequest;
    expect(validateResults(json, 'old.json').environment.pullRequest).toBeNull();
  });

  it('reads the fields an older document lacks as null, so the report renders it', () => {
    const json = valid();
    const environment = json.environment as Record<string, unknown>;
    delete environment.moldInstall;
    delete json.analysis;
    for (const speedup of json.speedups as Record<string, unknown>[]) delete speedup.pairedInterval;
    const results = validateResults(json, 'old.json');
    expect(results.environment.moldInstall).toBeNull();
    expect(results.analysis).toBeNull();
    expect(results.speedups.map((speedup) => speedup.pairedInterval)).toEqual(
      results.speedups.map(() => null),
    );
    expect(renderReport(results)).toContain('### What the other linkers would save');
  });

  it.each([
    {
      name: 'linkers missing',
      edit: (json: Record<string, unknown>) => delete json.linkers,
      says: 'old.json.linkers should be a list',
    },
    {
      name: 'a linker check without verified',
      edit: (json: Record<string, unknown>) =>
        ((json.linkers as Record<string, unknown>[])[0]!.verified = 'yes'),
      says: 'old.json.linkers[0].verified should be true or false',
    },
    {
      name: 'a pull request number that is not a whole number',
      edit: (json: Record<string, unknown>) =>
        ((json.environment as Record<string, unknown>).pullRequest = { number: 1.5, headSha: 'a' }),
      says: 'old.json.environment.pullRequest.number should be a positive whole number',
    },
    {
      name: 'a build that took no time',
      edit: (json: Record<string, unknown>) => ((json.samples as Record<string, unknown>[])[3]!.wallMs = 0),
      says: 'old.json.samples[3].wallMs should be a number above 0',
    },
    {
      name: 'a summary without its range',
      edit: (json: Record<string, unknown>) => delete (json.summaries as Record<string, unknown>[])[0]!.minMs,
      says: 'old.json.summaries[0].minMs should be a number above 0',
    },
  ])('refuses $name, naming the field', ({ edit, says }) => {
    const json = valid();
    edit(json);
    expect(() => validateResults(json, 'old.json')).toThrow(new ResultsFormatError(says));
  });

  it('keeps every field of a valid document', () => {
    const results: Results = makeResults({ environment: { pullRequest: { number: 3, headSha: 'abc' } } });
    expect(validateResults(JSON.parse(JSON.stringify(results)), 'r.json')).toEqual(results);
  });
});
