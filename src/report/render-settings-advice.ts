/**
 * What to do about the settings variants: those faster than `default` beyond noise, ranked by what they save,
 * what each change costs, and the exact `Cargo.toml` lines that adopt the fastest. Only numbers this run measured.
 */
import { selectProfile } from '../cargo/cargo.js';
import type { Scenario, Variant } from '../config/config.js';
import type { Results, Speedup } from '../results/results.js';
import { describeCost, tomlLiteral } from '../cargo/cargo.js';
import { parseVariant, type VariantSpec } from '../variants/variant-spec.js';
import { describeSetting, type ProfileSetting } from '../cargo/cargo.js';
import { formatChange, formatChangeRange, formatSavedMs } from '../format/format-numbers.js';
import { codeSpan, fencedCodeBlock } from './markdown-escape.js';
import { isAdoptable, LINKER_NAMES, renderAdoption } from './render-adoption.js';
import { claimSpeedup, estimateSavings, estimateVariantChange } from './speedup-claim.js';
import { relativeInterval } from '../stats/changes.js';
import { roundBoundsOf } from '../stats/sequential.js';
import { chosenVariantChange } from '../stats/summarize.js';

/** The order scenarios rank in: what a developer waits for most often first. */
const RANKING_ORDER: readonly Scenario[] = ['incremental', 'edit', 'clean', 'noop'];

export interface RankedSetting {
  readonly variant: Variant;
  readonly spec: VariantSpec;
  /** Per scenario where it is faster beyond noise: its change, in RANKING_ORDER. */
  readonly faster: readonly Speedup[];
  /** Scenarios where it is slower beyond noise. */
  readonly slower: readonly Scenario[];
}

/** The settings variants faster than `default` beyond noise in some scenario, best first. */
export function rankSettings(results: Results): RankedSetting[] {
  const ranked: RankedSetting[] = [];
  for (const variant of results.plan.variants) {
    const spec = parseVariant(variant);
    if (spec.settings.length === 0) continue;
    const speedups = RANKING_ORDER.flatMap((scenario) =>
      results.speedups.filter((item) => item.scenario === scenario && item.variant === variant),
    );
    const faster = speedups.filter((item) => claimSpeedup(item) === 'faster');
    const slower = speedups.filter((item) => claimSpeedup(item) === 'slower').map((item) => item.scenario);
    if (faster.length > 0) ranked.push({ variant, spec, faster, slower });
  }
  // By the scenario ranked first among those planned; a variant not faster there comes after those that are.
  const first = RANKING_ORDER.find((scenario) => results.plan.scenarios.includes(scenario));
  const key = (item: RankedSetting): number => {
    const speedup = item.faster.find((entry) => entry.scenario === first);
    return speedup ? (estimateVariantChange(speedup).change ?? 0) : 1;
  };
  return ranked.sort((a, b) => key(a) - key(b));
}

/** The profile the command built, as the analysis read it, else from the command itself. */
function profileOf(results: Results): string {
  return results.analysis?.settings?.profile ?? selectProfile(results.environment.command);
}

/** `[profile.dev]` / `[profile.dev.package."*"]` / `[profile.dev.build-override]` with their keys. */
export function renderProfileLines(profile: string, settings: readonly ProfileSetting[]): string {
  const tables = new Map<string, string[]>();
  for (const setting of settings) {
    const { scope } = setting;
    const table =
      scope.kind === 'profile'
        ? `profile.${profile}`
        : scope.kind === 'build-override'
          ? `profile.${profile}.build-override`
          : `profile.${profile}.package.${JSON.stringify(scope.spec)}`;
    const lines = tables.get(table) ?? [];
    lines.push(`${setting.key} = ${tomlLiteral(setting.key, setting.value)}`);
    tables.set(table, lines);
  }
  return [...tables].map(([table, lines]) => [`[${table}]`, ...lines].join('\n')).join('\n\n');
}

function describeFaster(results: Results, speedup: Speedup): string {
  const defaultMs =
    results.summaries.find((item) => item.scenario === speedup.scenario && item.variant === 'default')
      ?.medianMs ?? null;
  const { change, interval } = estimateVariantChange(speedup);
  const saved =
    defaultMs === null ? '' : `, saves ${formatSavedMs(estimateSavings(speedup, defaultMs).savedMs)}`;
  return `${speedup.scenario} builds ${formatChange(change)} (95 % CI ${formatChangeRange(interval)})${saved}`;
}

/**
 * The fastest of several was picked for being the fastest, so its own 95 % interval overstates what it is sure to
 * save: the same change with every look's error shared among the settings compared (null with one setting).
 */
function describeChoice(results: Results, best: RankedSetting, compared: number): string | null {
  const speedup = best.faster[0];
  if (compared < 2 || speedup === undefined) return null;
  const rules = {
    bounds: (scenario: Scenario) => roundBoundsOf(results.plan, scenario),
    margin: () => 0,
    looks: (scenario: Scenario) =>
      results.rounds.find((record) => record.scenario === scenario)?.looks ?? null,
  };
  const chosen = chosenVariantChange(results.samples, speedup.scenario, best.variant, rules, compared);
  if (chosen?.interval == null) return null;
  const interval = relativeInterval(chosen.interval)!;
  const sure = interval.high < 0 ? '' : ': once the choice is accounted for, it is not surely faster';
  return (
    `Picked as the fastest of ${compared} settings, ${codeSpan(best.variant)} in ${speedup.scenario} builds, ` +
    `with the interval widened for that choice: ${formatChange(Math.expm1(chosen.estimate))} ` +
    `(95 % CI ${formatChangeRange(interval)})${sure}.`
  );
}

/** What the change costs, per setting: `debug=false`: backtraces lose … */
function describeCosts(spec: VariantSpec): string {
  const costs = spec.settings.map(
    (setting) => `${codeSpan(describeSetting(setting))}: ${describeCost(setting.key, setting.value)}`,
  );
  if (isAdoptable(spec.linker)) costs.push(`${LINKER_NAMES[spec.linker]} must be installed where builds run`);
  return costs.join('; ');
}

/** Where the project sets a key already, when not in Cargo.toml: the new line goes there instead. */
function describeWhereSet(results: Results, settings: readonly ProfileSetting[]): string[] {
  const resolved = results.analysis?.settings;
  if (!resolved) return [];
  const sources: Record<string, string> = {
    debug: resolved.debug.source,
    'opt-level': resolved.optLevel.source,
    'codegen-units': resolved.codegenUnits.source,
    lto: resolved.lto.source,
    incremental: resolved.incremental.source,
  };
  return settings.flatMap((setting) => {
    const source = sources[setting.key];
    if (setting.scope.kind !== 'profile' || source === undefined || /^(default|Cargo\.toml)/.test(source))
      return [];
    return [
      `The project sets ${codeSpan(setting.key)} in ${codeSpan(source)}: change it there, which wins over Cargo.toml.`,
    ];
  });
}

/** `### Which settings to adopt`; null when no settings variant was measured. */
export function renderSettingsAdvice(results: Results): string | null {
  const measured = results.plan.variants.filter(
    (variant) =>
      parseVariant(variant).settings.length > 0 && results.speedups.some((item) => item.variant === variant),
  );
  if (measured.length === 0) return null;
  const ranked = rankSettings(results);
  const heading = '### Which settings to adopt';
  const rule =
    `Against ${codeSpan('default')}, from builds paired by round: a setting counts as faster only when the ` +
    'whole interval of its change lies below zero.';
  const others = measured.filter((variant) => !ranked.some((item) => item.variant === variant));
  const notFaster =
    others.length > 0
      ? `Not faster beyond noise here: ${others.map((variant) => codeSpan(variant)).join(', ')} (see the table above).`
      : null;
  if (ranked.length === 0) return [heading, rule, notFaster].filter((part) => part !== null).join('\n\n');
  const items = ranked.map((item, index) => {
    const slower = item.slower.length > 0 ? ` Slower in ${item.slower.join(', ')} builds.` : '';
    return (
      `${index + 1}. **${codeSpan(item.variant)}**: ${item.faster.map((speedup) => describeFaster(results, speedup)).join('; ')}.${slower}` +
      ` Costs: ${describeCosts(item.spec)}.`
    );
  });
  const best = ranked[0]!;
  const profile = profileOf(results);
  const adopt = [
    describeChoice(results, best, measured.length),
    `To adopt ${codeSpan(best.variant)}, the fastest, add to the workspace's ${codeSpan('Cargo.toml')}:`,
    fencedCodeBlock(renderProfileLines(profile, best.spec.settings), 'toml'),
    ...describeWhereSet(results, best.spec.settings),
  ];
  if (isAdoptable(best.spec.linker)) {
    adopt.push(renderAdoption(results.analysis?.settings ?? null, best.spec.linker));
  }
  return [heading, rule, items.join('\n'), ...adopt, notFaster]
    .filter((part): part is string => part !== null)
    .join('\n\n');
}

/** For a terminal: the fastest setting, its change, what it costs, and the lines to adopt it; null: none faster. */
export function renderTextSettingsAdvice(results: Results): string | null {
  const best = rankSettings(results)[0];
  if (best === undefined) return null;
  const profile = profileOf(results);
  const changes = best.faster.map((speedup) => describeFaster(results, speedup)).join('; ');
  const lines = renderProfileLines(profile, best.spec.settings)
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`));
  const costs = describeCosts(best.spec).replace(/`/g, '');
  const linker = isAdoptable(best.spec.linker)
    ? ` and link with ${LINKER_NAMES[best.spec.linker]} (see the report)`
    : '';
  return [
    `Fastest setting: ${best.variant}: ${changes}.`,
    `Costs: ${costs}.`,
    `To adopt it, add to Cargo.toml${linker}:`,
    ...lines,
  ].join('\n');
}
