/** The step's mode decides what is read: a project to measure, or results files to report on. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import type { ConfigFacts } from '../../src/config/config-facts.js';
import { parseStepConfig } from '../../src/config/parse-step-config.js';

const BASE = '/work/repo';
/** No Cargo.toml anywhere: a report job has no checkout of the project. */
const NO_PROJECT: ConfigFacts = { baseDirectory: BASE, hasCargoManifest: () => false };

function rejection(raw: Readonly<Record<string, string | undefined>>): ConfigError {
  try {
    parseStepConfig(raw, NO_PROJECT);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('parseStepConfig', () => {
  it('reads a report without a project: the results, the gate, the baseline and the comment', () => {
    const config = parseStepConfig(
      {
        mode: 'Report',
        results: 'shards/*.json\nextra.json',
        id: 'app',
        comment: 'on-regression',
        'github-token': 't',
      },
      NO_PROJECT,
    );
    expect(config).toMatchObject({
      mode: 'report',
      id: 'app',
      resultsPatterns: ['shards/*.json', 'extra.json'],
      resultsPath: null,
      comment: { mode: 'on-regression', token: 't' },
      gate: { failOn: 'regression' },
    });
  });

  it('reads a measuring run as before, with its mode', () => {
    const facts: ConfigFacts = { baseDirectory: BASE, hasCargoManifest: () => true };
    expect(parseStepConfig({ mode: 'measure' }, facts)).toMatchObject({
      mode: 'measure',
      command: 'cargo build',
    });
    expect(parseStepConfig({}, facts)).toMatchObject({ mode: 'run', comment: { mode: 'always', token: '' } });
  });

  it('reads the base comparison: the base scenarios default to the measured ones but clean', () => {
    const facts: ConfigFacts = { baseDirectory: BASE, hasCargoManifest: () => true };
    const read = (raw: Record<string, string>): unknown => {
      const config = parseStepConfig(raw, facts);
      return config.mode === 'report' ? null : [config.compareTo, config.base];
    };
    expect(read({ 'compare-to': 'base', scenarios: 'clean, incremental, noop' })).toEqual([
      'base',
      { ref: null, scenarios: ['incremental', 'noop'] },
    ]);
    expect(
      read({ 'compare-to': 'base', 'base-ref': 'main', 'base-scenarios': 'clean, incremental' }),
    ).toEqual(['base', { ref: 'main', scenarios: ['clean', 'incremental'] }]);
    const error = (() => {
      try {
        parseStepConfig({ scenarios: 'incremental', 'compare-to': 'base', 'base-scenarios': 'noop' }, facts);
      } catch (caught) {
        return caught as ConfigError;
      }
      return null;
    })();
    expect(read({ scenarios: 'incremental', 'base-scenarios': 'noop' })).toEqual([
      'cache',
      { ref: null, scenarios: [] },
    ]);
    expect([error?.input, error?.message]).toEqual([
      'base-scenarios',
      `Input 'base-scenarios' has the value "noop": noop is not in input 'scenarios'`,
    ]);
  });

  it.each([
    { raw: { mode: 'publish' }, input: 'mode', says: 'expected one of run, measure, report' },
    { raw: { mode: 'report' }, input: 'results', says: "mode 'report' needs the paths or globs" },
    {
      raw: { mode: 'report', results: 'a.json', comment: 'sometimes' },
      input: 'comment',
      says: 'always, on-regression, never',
    },
    { raw: { mode: 'report', results: 'a.json', id: 'a b' }, input: 'id', says: 'letters, digits' },
    { raw: { mode: 'run' }, input: 'working-directory', says: 'has no Cargo.toml' },
    {
      raw: { mode: 'run', command: 'make', scenarios: 'noop', linkers: 'default', 'compare-to': 'head' },
      input: 'compare-to',
      says: 'cache, base, none',
    },
  ])('rejects $raw naming input $input', ({ raw, input, says }) => {
    const error = rejection(raw);
    expect(error.input).toBe(input);
    expect(error.message).toContain(says);
  });
});
