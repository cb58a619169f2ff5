/**
 * Reads the `threshold` input: `10%` for every scenario, or per scenario, e.g. `incremental: 10%, clean: 5% or 30s`.
 * An item without a scenario sets every scenario not named; scenarios left out keep DEFAULT_THRESHOLD.
 */
import { ConfigError, SCENARIOS, type Scenario, type Threshold } from './config.js';

export const DEFAULT_THRESHOLD: Threshold = { relative: 0.05, absoluteMs: null, combine: 'or' };

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, min: 60_000 };

type Amount = { relative: number } | { absoluteMs: number };

function parseAmount(text: string, fail: (why: string) => never): Amount {
  const match = /^(\d+(?:\.\d+)?)\s*(%|ms|s|min|m)$/i.exec(text.trim());
  if (!match) fail(`'${text.trim()}' is not an amount like 10% or 30s`);
  const number = Number(match[1]);
  const unit = (match[2] as string).toLowerCase();
  if (unit === '%') {
    if (number <= 0 || number >= 1000) fail(`'${text.trim()}' must be above 0 % and below 1000 %`);
    return { relative: number / 100 };
  }
  if (number <= 0) fail(`'${text.trim()}' must be above zero`);
  return { absoluteMs: number * (UNIT_MS[unit] as number) };
}

function parseItem(given: string, fail: (why: string) => never): Threshold {
  const text = given.trim();
  if (text === '') fail('a scenario has no amount');
  const parts = text.split(/\s+(or|and)\s+/i);
  if (parts.length > 3) fail(`'${text}' joins more than two amounts`);
  const amounts = [parseAmount(parts[0] as string, fail)];
  if (parts.length === 3) amounts.push(parseAmount(parts[2] as string, fail));
  let relative: number | null = null;
  let absoluteMs: number | null = null;
  for (const amount of amounts) {
    if ('relative' in amount) {
      if (relative !== null) fail(`'${text}' gives two percentages`);
      relative = amount.relative;
    } else {
      if (absoluteMs !== null) fail(`'${text}' gives two durations`);
      absoluteMs = amount.absoluteMs;
    }
  }
  const combine = (parts[1] ?? 'or').toLowerCase() === 'and' ? 'and' : 'or';
  return { relative, absoluteMs, combine };
}

export function parseThreshold(value: string): Record<Scenario, Threshold> {
  const fail = (why: string): never => {
    throw new ConfigError(
      'threshold',
      value,
      `${why}; expected e.g. '10%' or 'incremental: 10%, clean: 5% or 30s'`,
    );
  };
  let fallback = DEFAULT_THRESHOLD;
  let fallbackGiven = false;
  const named = new Map<Scenario, Threshold>();
  for (const item of value.split(/[,\n]/).map((part) => part.trim())) {
    if (item === '') continue;
    const colon = item.indexOf(':');
    if (colon === -1) {
      if (fallbackGiven) fail('two thresholds name no scenario');
      fallback = parseItem(item, fail);
      fallbackGiven = true;
      continue;
    }
    const scenario = item.slice(0, colon).trim().toLowerCase() as Scenario;
    if (!SCENARIOS.includes(scenario))
      fail(`'${item.slice(0, colon).trim()}' is not one of ${SCENARIOS.join(', ')}`);
    if (named.has(scenario)) fail(`${scenario} is given twice`);
    named.set(scenario, parseItem(item.slice(colon + 1), fail));
  }
  return Object.fromEntries(
    SCENARIOS.map((scenario) => [scenario, named.get(scenario) ?? fallback]),
  ) as Record<Scenario, Threshold>;
}
