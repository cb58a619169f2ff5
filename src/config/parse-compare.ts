/** What a run is compared with: input `compare-to` (`auto` read by the run), and for the base, its ref and scenarios. */
import path from 'node:path';
import {
  type BaseConfig,
  COMPARE_TO,
  type CompareTo,
  ConfigError,
  SCENARIOS,
  type Scenario,
} from './config.js';
import type { ConfigFacts } from './config-facts.js';
import { parseChoices, read, type RawInputs } from './parse-inputs.js';

export interface Comparison {
  readonly compareTo: CompareTo;
  readonly compareToAuto: boolean;
  readonly compareFile: string | null;
  readonly base: BaseConfig;
}

export function parseComparison(
  raw: RawInputs,
  facts: ConfigFacts,
  scenarios: readonly Scenario[],
): Comparison {
  const { compareToAuto, compareFile, ...chosen } = parseCompareTo(raw, facts);
  // `auto` with only clean builds (or link replays) measured: the base runs neither, so the cache compares them.
  const compareTo =
    compareToAuto &&
    read(raw, 'base-scenarios') === '' &&
    scenarios.every((scenario) => scenario === 'clean' || scenario === 'link')
      ? 'cache'
      : chosen.compareTo;
  return {
    compareTo,
    compareToAuto,
    compareFile,
    base: { ref: read(raw, 'base-ref') || null, scenarios: parseBaseScenarios(raw, compareTo, scenarios) },
  };
}

/** `compare-to`: one of the choices, or the path of a results file an earlier run wrote. */
function parseCompareTo(
  raw: RawInputs,
  facts: ConfigFacts,
): { compareTo: CompareTo; compareToAuto: boolean; compareFile: string | null } {
  const value = read(raw, 'compare-to');
  const choice = COMPARE_TO.find((item) => item === value.toLowerCase());
  if (choice === 'auto') {
    const base = facts.pullRequest === true || read(raw, 'base-ref') !== '';
    return { compareTo: base ? 'base' : 'cache', compareToAuto: true, compareFile: null };
  }
  if (choice !== undefined) return { compareTo: choice, compareToAuto: false, compareFile: null };
  const expected = `expected ${COMPARE_TO.join(', ')}, or the path of a results file (*.json)`;
  if (!value.toLowerCase().endsWith('.json')) throw new ConfigError('compare-to', value, expected);
  const file = path.resolve(facts.baseDirectory, value);
  const kind = facts.pathKind?.(file) ?? 'file';
  if (kind !== 'file') {
    throw new ConfigError(
      'compare-to',
      value,
      `${expected}: ${file} is ${kind === 'missing' ? 'missing' : 'a directory'}`,
    );
  }
  return { compareTo: 'file', compareToAuto: false, compareFile: file };
}

/**
 * The scenarios the base also runs: as given (each one measured), or by default the measured ones but clean.
 * Read only for `compare-to: base`: other runs build no base, whatever the input says.
 */
function parseBaseScenarios(
  raw: RawInputs,
  compareTo: CompareTo,
  scenarios: readonly Scenario[],
): Scenario[] {
  const given = read(raw, 'base-scenarios');
  if (compareTo !== 'base') return [];
  if (given === '') {
    const chosen = SCENARIOS.filter(
      (scenario) => scenario !== 'clean' && scenario !== 'link' && scenarios.includes(scenario),
    );
    if (chosen.length === 0) {
      throw new ConfigError(
        'base-scenarios',
        '',
        "the base skips clean builds unless asked: with only 'clean' measured, set it to 'clean' to build the base too",
      );
    }
    return chosen;
  }
  const chosen = parseChoices(raw, 'base-scenarios', SCENARIOS);
  if (chosen.includes('link'))
    throw new ConfigError(
      'base-scenarios',
      given,
      "'link' replays the head's captured links: the base has none",
    );
  const unmeasured = chosen.filter((scenario) => !scenarios.includes(scenario));
  if (unmeasured.length > 0) {
    throw new ConfigError('base-scenarios', given, `${unmeasured.join(', ')} is not in input 'scenarios'`);
  }
  return SCENARIOS.filter((scenario) => chosen.includes(scenario));
}
