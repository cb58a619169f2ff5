/**
 * What to do with the measurements: for each linker, what adopting it saves per build and per CI job against
 * its install time, and the `.cargo/config.toml` lines that adopt it. Only numbers this run measured.
 */
import type { BuildSettings } from '../analysis/analysis.js';
import type { Variant } from '../config/config.js';
import type { Results } from '../results/results.js';
import {
  formatConfidence,
  formatDurationMs,
  formatSavedMs,
  formatSavingsInterval,
} from './format-numbers.js';
import { codeSpan, escapeMarkdown, fencedCodeBlock } from './markdown-escape.js';
import { claimSpeedup, estimateSavings, type Savings, type SpeedupClaim } from './speedup-claim.js';

type Linker = Exclude<Variant, 'default'>;
type LinkingScenario = 'incremental' | 'clean';

const LINKER_NAMES: Readonly<Record<Linker, string>> = { mold: 'mold', lld: 'lld', bfd: 'GNU ld (bfd)' };

/**
 * The rustc flag per linker, placed after rustc's own `-fuse-ld=lld` so the later one wins; checked with
 * Rust 1.95 by test/advice-config.test.ts. For GNU ld, `-C linker-features=-lld` is stable only on
 * x86_64-unknown-linux-gnu and picks the C compiler's default linker, not GNU ld by name.
 */
const LINK_ARGS: Readonly<Record<Linker, string>> = {
  mold: 'link-arg=-fuse-ld=mold',
  lld: 'link-arg=-fuse-ld=lld',
  bfd: 'link-arg=-fuse-ld=bfd',
};

/** What each linker needs where builds run, beyond the config lines. */
const LINKER_NEEDS: Readonly<Record<Linker, string>> = {
  mold:
    'mold must be installed wherever builds run, and the C compiler that links must know ' +
    `${codeSpan('-fuse-ld=mold')} (GCC 12.1 or later, or clang).`,
  lld:
    `The C compiler that links must find ${codeSpan('ld.lld')}: rustc's own copy on ` +
    `${codeSpan('x86_64-unknown-linux-gnu')} with the default ${codeSpan('cc')}, else one installed on the system.`,
  bfd: 'GNU ld comes with the C toolchain.',
};

const ASSUMED_TRIPLE = 'x86_64-unknown-linux-gnu';
const UNITS: Readonly<Record<LinkingScenario, string>> = { incremental: 'rebuild', clean: 'clean build' };
const RUNS_INPUTS: Readonly<Record<LinkingScenario, string>> = { incremental: 'runs', clean: 'clean-runs' };

/** A linker in one scenario: the claim its paired rounds allow and what it saves, or why there is none. */
type Outcome =
  | { readonly kind: 'measured'; readonly claim: SpeedupClaim; readonly savings: Savings }
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
  return { kind: 'measured', claim: claimSpeedup(speedup), savings: estimateSavings(speedup, defaultMs) };
}

/** `96 % CI: saves 2.21–2.35 s (35.1–37.3 %)`, or why there is no interval. */
function describeInterval(savings: Savings): string {
  const interval = savings.interval;
  if (interval === null) return 'no interval';
  return `${formatConfidence(interval.confidence)}: ${formatSavingsInterval(interval.ms, interval.share)}`;
}

/** Why a linker is no faster in one scenario, as a clause: `no clear difference in clean builds (…)`. */
function explainNotFaster(outcome: Outcome, scenario: LinkingScenario): string {
  const builds = `${scenario} builds`;
  if (outcome.kind === 'not-measured') return `not measured in ${builds}: ${outcome.reason}`;
  const interval = describeInterval(outcome.savings);
  const runs = codeSpan(RUNS_INPUTS[scenario]);
  switch (outcome.claim) {
    case 'faster':
      return `faster in ${builds} (${interval})`;
    case 'slower':
      return `slower in ${builds} (${interval})`;
    case 'no-clear-difference':
      return `no clear difference in ${builds} (${interval})`;
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

/** A TOML basic string: JSON's escapes (`\"`, `\\`, `\n`, `\uXXXX`) are TOML's too. */
function toTomlString(text: string): string {
  return JSON.stringify(text);
}

function toTomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : toTomlString(key);
}

/** `RUSTFLAGS` or `CARGO_ENCODED_RUSTFLAGS` when the rustflags came from one: cargo then ignores config ones. */
function findRustflagsVariable(settings: BuildSettings | null): string | null {
  const source = settings?.rustflags?.source ?? '';
  return /(?:^|[^A-Z0-9_])(CARGO_ENCODED_RUSTFLAGS|RUSTFLAGS)(?![A-Z0-9_])/.exec(source)?.[1] ?? null;
}

/** How to adopt a linker: config lines for the build's target keeping the user's rustflags, or a variable to extend. */
function renderAdoption(settings: BuildSettings | null, linker: Linker): string {
  const flags = ['-C', LINK_ARGS[linker]];
  const adopt = `To adopt ${LINKER_NAMES[linker]}`;
  const parts: string[] = [];
  const variable = findRustflagsVariable(settings);
  if (variable !== null) {
    const separator = variable === 'RUSTFLAGS' ? 'spaces' : 'the 0x1f character';
    parts.push(
      `${adopt}, add ${codeSpan(flags.join(' '))} to ${codeSpan(variable)} (flags separated by ${separator}): ` +
        'your rustflags come from it, and cargo then ignores rustflags in config files.',
    );
  } else {
    const triple = settings?.target ?? ASSUMED_TRIPLE;
    const table = `target.${toTomlKey(triple)}`;
    const existing = settings?.rustflags?.value ?? [];
    const list = [...existing, ...flags].map(toTomlString).join(', ');
    parts.push(
      `${adopt}, add to ${codeSpan('.cargo/config.toml')} in the project:`,
      fencedCodeBlock(`[${table}]\nrustflags = [${list}]`, 'toml'),
    );
    if (settings === null) {
      parts.push(
        `The target ${codeSpan(ASSUMED_TRIPLE)} is assumed: this run did not read the build settings.`,
      );
    }
    parts.push(
      `If the file already has a ${codeSpan(`[${table}]`)} table, put the ${codeSpan('rustflags')} line in it, ` +
        `in place of any ${codeSpan('rustflags')} it sets.`,
    );
    if (existing.length > 0 && settings?.rustflags) {
      const source = settings.rustflags.source;
      const why = /\(build\.rustflags\)|CARGO_BUILD_RUSTFLAGS/.test(source)
        ? `cargo uses ${codeSpan(`${table}.rustflags`)} instead of ${codeSpan('build.rustflags')}, not both.`
        : 'use it in place of the rustflags set there: cargo joins the rustflags of every matching ' +
          `${codeSpan('[target]')} table and would pass yours twice.`;
      parts.push(`The list keeps your rustflags from ${codeSpan(source)}: ${why}`);
    }
  }
  parts.push(LINKER_NEEDS[linker]);
  if (settings?.linker) {
    parts.push(
      `Your build links with ${codeSpan(settings.linker.value)} (set in ${codeSpan(settings.linker.source)}): ` +
        'the flag goes to that driver, which must accept it.',
    );
  }
  return parts.join('\n\n');
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
  const incremental = assessScenario(results, 'incremental', linker);
  const clean = assessScenario(results, 'clean', linker);
  const isFaster = (outcome: Outcome): boolean => outcome.kind === 'measured' && outcome.claim === 'faster';
  if (!isFaster(incremental) && !isFaster(clean)) {
    const reasons = (['incremental', 'clean'] as const)
      .filter((scenario) => results.plan.scenarios.includes(scenario))
      .map((scenario) => explainNotFaster(scenario === 'clean' ? clean : incremental, scenario));
    const why =
      reasons.length > 0 ? reasons.join('; ') : 'neither incremental nor clean builds were measured';
    return `${name} is not faster here: ${why}.`;
  }
  const install = describeInstall(results, linker);
  const items = [
    describeSaving(incremental, 'incremental'),
    describeSaving(clean, 'clean'),
    `Install: ${install.text}`,
    describeNetBenefit(clean, install),
    describePayback(incremental, install),
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
      variant !== 'default' && results.summaries.some((summary) => summary.variant === variant),
  );
  if (linkers.length === 0) return null;
  return [
    '### Advice',
    `Against ${codeSpan('default')}, from builds paired by round: a linker counts as faster only when ` +
      'the whole interval of its saving lies above zero.',
    ...linkers.map((linker) => renderLinkerAdvice(results, linker)),
  ].join('\n\n');
}
