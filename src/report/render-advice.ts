/**
 * What to do with the measurements: for each linker, what adopting it saves per build and per CI job against
 * its install time, and the `.cargo/config.toml` lines that adopt it. Only numbers this run measured.
 */
import { LINKERS, type Variant } from '../config/config.js';
import type { Results, RoundsStop } from '../results/results.js';
import {
  formatConfidence,
  formatDurationMs,
  formatSavedMs,
  formatSavingsInterval,
} from '../format/format-numbers.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { LINKER_NAMES, renderAdoption, type Linker } from './render-adoption.js';
import { claimSpeedup, estimateSavings, type Savings, type SpeedupClaim } from './speedup-claim.js';

/** The scenarios that link: a linker's saving is told for these (a no-op rebuild links nothing). */
type LinkingScenario = 'incremental' | 'edit' | 'clean';
const LINKING_SCENARIOS: readonly LinkingScenario[] = ['incremental', 'edit', 'clean'];

const UNITS: Readonly<Record<LinkingScenario, string>> = {
  incremental: 'rebuild',
  edit: 'rebuild after an edit',
  clean: 'clean build',
};
const RUNS_INPUTS: Readonly<Record<LinkingScenario, string>> = {
  incremental: 'runs',
  edit: 'runs',
  clean: 'clean-runs',
};

/** A linker in one scenario: the claim its paired rounds allow and what it saves, or why there is none. */
type Outcome =
  | {
      readonly kind: 'measured';
      readonly claim: SpeedupClaim;
      readonly savings: Savings;
      readonly rounds: number;
      readonly stop: RoundsStop | null;
    }
  | { readonly kind: 'not-measured'; readonly reason: string };

function assessScenario(results: Results, scenario: LinkingScenario, linker: Linker): Outcome {
  const find = <T extends { scenario: string; variant: string }>(items: readonly T[], variant: Variant) =>
    items.find((item) => item.scenario === scenario && item.variant === variant);
  if (!results.plan.scenarios.includes(scenario)) {
    return { kind: 'not-measured', reason: `the ${scenario} scenario did not run` };
  }
  const summary = find(results.summaries, linker);
  if (summary === undefined) return { kind: 'not-measured', reason: `no ${scenario} build of it succeeded` };
  const speedup = find(results.speedups, linker);
  if (speedup === undefined) {
    return { kind: 'not-measured', reason: `no ${codeSpan('default')} ${scenario} build to compare with` };
  }
  const defaultMs = find(results.summaries, 'default')?.medianMs ?? summary.medianMs + speedup.savedMs;
  return {
    kind: 'measured',
    claim: claimSpeedup(speedup),
    savings: estimateSavings(speedup, defaultMs),
    rounds: speedup.rounds,
    stop: results.rounds.find((record) => record.scenario === scenario)?.stoppedBy ?? null,
  };
}

/** `95 % CI: saves 2.21–2.35 s (35.1–37.3 %)`, or why there is no interval. */
function describeInterval(savings: Savings): string {
  const interval = savings.interval;
  if (interval === null) return 'no interval';
  return `${formatConfidence(interval.confidence)}: ${formatSavingsInterval(interval.ms, interval.share)}`;
}

/** What would let more rounds decide: the input that ended them. */
function describeMoreRounds(stop: RoundsStop | null, scenario: LinkingScenario): string {
  if (stop === 'time-budget') return `raise ${codeSpan('time-budget')}`;
  if (stop === 'max-runs') return `raise ${codeSpan('max-runs')}`;
  return `raise ${codeSpan(RUNS_INPUTS[scenario])}`;
}

/** Why a linker is no faster in one scenario, as a clause: `similar in clean builds (…)`. */
function explainNotFaster(outcome: Outcome, scenario: LinkingScenario): string {
  const builds = `${scenario} builds`;
  if (outcome.kind === 'not-measured') return `not measured in ${builds}: ${outcome.reason}`;
  const interval = describeInterval(outcome.savings);
  const runs = codeSpan(RUNS_INPUTS[scenario]);
  const rounds = `${outcome.rounds} ${outcome.rounds === 1 ? 'round' : 'rounds'}`;
  switch (outcome.claim) {
    case 'faster':
      return `faster in ${builds} (${interval})`;
    case 'slower':
      return `slower in ${builds} (${interval})`;
    case 'similar':
      return `similar in ${builds}, within the threshold (${interval})`;
    case 'undecided':
      return `undecided in ${builds} after ${rounds} (${interval}): ${describeMoreRounds(outcome.stop, scenario)}`;
    case 'too-few-rounds':
      return `too few rounds to tell in ${builds}: raise ${runs}`;
    case 'no-interval':
      return `no interval in ${builds} (one round, or rounds that do not pair): raise ${runs}`;
  }
}

/** A faster linker's list item for one scenario: the saving per build and its interval, or why none. */
function describeSaving(outcome: Outcome, scenario: LinkingScenario): string {
  const unit = UNITS[scenario];
  if (outcome.kind === 'measured' && outcome.claim === 'faster') {
    return `Per ${unit}: saves ${formatSavedMs(outcome.savings.savedMs)} (${describeInterval(outcome.savings)}).`;
  }
  if (outcome.kind === 'not-measured') return `Per ${unit}: the saving was not measured: ${outcome.reason}.`;
  return `Per ${unit}: no sure saving: ${explainNotFaster(outcome, scenario)}.`;
}

/** The install time to set against the savings: null when unknown, 0 when nothing had to be installed. */
interface Install {
  readonly ms: number | null;
  readonly text: string;
}

const MOLD_SOURCES: Readonly<Record<string, string>> = {
  'tool-cache': "taken from the runner's tool cache; a fresh runner downloads it, which takes longer",
  download: 'downloaded from the mold release',
  'package-manager': "installed with the system's package manager",
};

function describeInstall(results: Results, linker: Linker): Install {
  if (linker !== 'mold') {
    return { ms: 0, text: `none needed: ${LINKER_NAMES[linker]} was already there in this run.` };
  }
  const install = results.environment.moldInstall;
  if (install === null) return { ms: null, text: 'not measured in this run.' };
  if (install.source === 'path') {
    return {
      ms: 0,
      text:
        'none: mold was already on PATH in this run. ' +
        'Where it is not, installing it takes time this run did not measure.',
    };
  }
  const how = MOLD_SOURCES[install.source] ?? `source: ${escapeMarkdown(install.source)}`;
  return { ms: install.durationMs, text: `${formatDurationMs(install.durationMs)} in this run (${how}).` };
}

/** One CI job doing one clean build: the clean saving less the install time. */
function describeNetBenefit(clean: Outcome, install: Install): string {
  const head = 'One CI job with one clean build:';
  if (clean.kind === 'not-measured') return `${head} not known: the saving per clean build was not measured.`;
  if (clean.claim !== 'faster') return `${head} no sure saving, since clean builds show none.`;
  if (install.ms === null) return `${head} not known: the install time was not measured.`;
  const savedMs = clean.savings.savedMs;
  if (install.ms === 0) return `${head} saves ${formatSavedMs(savedMs)}, with nothing to install here.`;
  const netMs = savedMs - install.ms;
  const sum = `${formatSavedMs(savedMs)} saved − ${formatDurationMs(install.ms)} install`;
  if (netMs < 0) {
    return `${head} ${sum}: it does not pay for itself per job (it costs ${formatDurationMs(-netMs)}).`;
  }
  const lowMs = clean.savings.interval?.ms.low ?? null;
  const lowEnd =
    lowMs !== null && lowMs < install.ms
      ? ' At the low end of its interval the clean saving is below the install time: it may not pay for itself.'
      : '';
  // Each figure is rounded on its own, so the difference of the shown figures may be off by the last digit.
  return `${head} ${sum} ≈ ${formatDurationMs(netMs)} net.${lowEnd}`;
}

/** How many rebuilds pay back the install, rounded up; null when there is nothing to say. */
function describePayback(incremental: Outcome, install: Install): string | null {
  const known = incremental.kind === 'measured' && incremental.claim === 'faster';
  if (!known || install.ms === null || install.ms === 0) return null;
  const perRebuildMs = incremental.savings.savedMs;
  const rebuilds = Math.ceil(install.ms / perRebuildMs);
  const division = `${formatDurationMs(install.ms)} ÷ ${formatSavedMs(perRebuildMs)} per rebuild, rounded up`;
  const count = `${rebuilds} ${rebuilds === 1 ? 'rebuild' : 'rebuilds'}`;
  return `The install pays for itself after ${count} (${division}).`;
}

/**
 * `default` linked by this very linker (a project whose config selects mold): the comparison measures nothing,
 * and more rounds would not change it. Not for lld: the variant's system ld.lld is another binary than rustc's
 * bundled rust-lld, even where their versions agree.
 */
function describeAlreadyDefault(results: Results, linker: Linker, name: string): string | null {
  if (linker === 'lld') return null;
  const defaults = results.linkers.filter((check) => check.variant === 'default');
  const own = new Set(
    results.linkers.filter((check) => check.variant === linker).map((check) => check.linker),
  );
  const same = (check: (typeof defaults)[number]): boolean =>
    check.family === linker && own.has(check.linker);
  if (defaults.length === 0 || own.size === 0 || !defaults.every(same)) return null;
  const names = [...new Set(defaults.map((check) => escapeMarkdown(check.linker)))].join(' / ');
  return (
    `${name} is what ${codeSpan('default')} already links with here (${names}, from the project's configuration ` +
    'or the toolchain): both variants use the same linker, so comparing them measures nothing, and more rounds ' +
    'would not change that.'
  );
}

/** A note when `default` itself was linked by this linker's family: the lines then matter only elsewhere. */
function describeSameAsDefault(results: Results, linker: Linker): string[] {
  const defaults = results.linkers.filter((check) => check.variant === 'default');
  if (defaults.length === 0 || !defaults.every((check) => check.family === linker)) return [];
  const names = [...new Set(defaults.map((check) => escapeMarkdown(check.linker)))].join(' / ');
  return [
    `${codeSpan('default')} already linked with ${names} here: the lines below matter where the default differs.`,
  ];
}

function renderLinkerAdvice(results: Results, linker: Linker): string {
  const name = `**${LINKER_NAMES[linker]}**`;
  const already = describeAlreadyDefault(results, linker, name);
  if (already !== null) return already;
  const outcomes = new Map(
    LINKING_SCENARIOS.map((scenario) => [scenario, assessScenario(results, scenario, linker)]),
  );
  const outcome = (scenario: LinkingScenario): Outcome => outcomes.get(scenario)!;
  const isFaster = (item: Outcome): boolean => item.kind === 'measured' && item.claim === 'faster';
  const planned = LINKING_SCENARIOS.filter((scenario) => results.plan.scenarios.includes(scenario));
  if (!planned.some((scenario) => isFaster(outcome(scenario)))) {
    const reasons = planned.map((scenario) => explainNotFaster(outcome(scenario), scenario));
    const why = reasons.length > 0 ? reasons.join('; ') : 'no build that links was measured';
    return `${name} is not faster here: ${why}.`;
  }
  const install = describeInstall(results, linker);
  // Rebuilds pay back the install: incremental ones, else the rebuilds after an edit.
  const rebuild = isFaster(outcome('incremental')) ? 'incremental' : 'edit';
  const items = [
    ...planned
      .filter((scenario) => scenario !== 'clean')
      .map((scenario) => describeSaving(outcome(scenario), scenario)),
    describeSaving(outcome('clean'), 'clean'),
    `Install: ${install.text}`,
    describeNetBenefit(outcome('clean'), install),
    describePayback(outcome(rebuild), install),
  ].filter((item): item is string => item !== null);
  return [
    `${name} is faster here.`,
    items.map((item) => `- ${item}`).join('\n'),
    ...describeSameAsDefault(results, linker),
    renderAdoption(results.analysis?.settings ?? null, linker),
  ].join('\n\n');
}

/** `### Advice` for every measured linker other than `default`; null when only `default` was measured. */
export function renderAdvice(results: Results): string | null {
  const linkers = results.plan.variants.filter(
    (variant): variant is Linker =>
      (LINKERS as readonly string[]).includes(variant) &&
      variant !== 'default' &&
      variant !== 'toolchain' &&
      results.summaries.some((summary) => summary.variant === variant),
  );
  if (linkers.length === 0) return null;
  return [
    '### Advice',
    `Against ${codeSpan('default')}, from builds paired by round: a linker counts as faster only when ` +
      'the whole interval of its saving lies above zero.',
    ...linkers.map((linker) => renderLinkerAdvice(results, linker)),
  ].join('\n\n');
}
