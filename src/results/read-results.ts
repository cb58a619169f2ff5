/** Checks a results document that comes back from outside (a file, the cache) before anything trusts it. */
export { ResultsFormatError } from './results-checks.js';
import { chooseGatedVariant } from '../variants/gated-variant.js';
import {
  ResultsFormatError,
  type Check,
  fail,
  isRecord,
  text,
  textOrNull,
  finite,
  positive,
  positiveOrNull,
  finiteOrNull,
  oneOf,
  object,
  list,
  scenario,
  bool,
  variant,
  confidenceLevel,
  count,
  numberRecord,
  textRecord,
  optionalOrNull,
  positiveInteger,
} from './results-checks.js';
import { READABLE_SCHEMA_VERSIONS, RESULTS_SCHEMA_VERSION, type Results } from './results.js';

const setting = (value: Check): Check => object({ value, source: text });
const checkAnalysis = object({
  llvmLines: optionalOrNull(
    object({
      counter: oneOf(['cargo-llvm-lines', 'rustc']),
      flags: list(text),
      crates: list(
        object({
          packageName: text,
          target: text,
          totalLines: count,
          totalCopies: count,
          functions: list(object({ name: text, lines: count, copies: count })),
          functionCount: count,
        }),
      ),
    }),
  ),
  dependencies: optionalOrNull(
    object({
      crates: list(
        object({ name: text, version: text, source: oneOf(['registry', 'path', 'git', 'other']) }),
      ),
      workspaceMembers: count,
      duplicates: list(object({ name: text, versions: list(text) })),
    }),
  ),
  settings: optionalOrNull(
    object({
      profile: text,
      optLevel: setting(text),
      debug: setting(text),
      codegenUnits: setting(count),
      incremental: setting(bool),
      lto: setting(text),
      target: text,
      linker: optionalOrNull(setting(text)),
      rustflags: optionalOrNull(setting(list(text))),
      cargoIncremental: textOrNull,
      rustcWrapper: optionalOrNull(setting(text)),
    }),
  ),
  problems: list(text),
});

/** Every field the report, the gate and the merge read: a file from a fork's run is not trusted further. */
const checkResults = object({
  tool: object({ name: oneOf(['build-bench']), version: text }),
  id: text,
  createdAt: text,
  status: oneOf(['complete', 'failed']),
  environment: object({
    cpuModel: text,
    cores: finite,
    memoryBytes: finite,
    os: text,
    arch: text,
    rustc: textOrNull,
    cargo: textOrNull,
    linkerVersions: textRecord,
    command: text,
    workingDirectory: text,
    commit: textOrNull,
    ref: textOrNull,
    event: textOrNull,
    pullRequest: optionalOrNull(object({ number: positiveInteger, headSha: text })),
    cargoIncremental: textOrNull,
    moldInstall: optionalOrNull(object({ source: text, durationMs: finite })),
  }),
  plan: object({
    scenarios: list(scenario),
    variants: list(variant),
    runs: count,
    cleanRuns: count,
    maxRuns: optionalOrNull(count),
    timeBudgetMs: optionalOrNull(finite),
    warmup: count,
    gatedVariant: optionalOrNull(variant),
  }),
  rounds: optionalOrNull(
    list(
      object({
        scenario,
        rounds: count,
        stoppedBy: oneOf(['decided', 'nothing-to-decide', 'max-runs', 'time-budget', 'failed']),
        undecided: list(text),
        looks: optionalOrNull(list(object({ rounds: count, level: confidenceLevel }))),
      }),
    ),
  ),
  targetBytes: optionalOrNull(numberRecord),
  touchedFiles: list(text),
  notes: list(text),
  samples: list(
    object({
      scenario,
      variant,
      round: count,
      sequence: count,
      wallMs: positive,
      cpuMs: finiteOrNull,
      peakRssKb: finiteOrNull,
      linkMs: finiteOrNull,
      linkCount: finiteOrNull,
      exitCode: finite,
      overheadMs: optionalOrNull(finite),
      crateMs: optionalOrNull(numberRecord),
      edit: optionalOrNull(oneOf(['apply', 'revert'])),
    }),
  ),
  summaries: list(
    object({
      scenario,
      variant,
      n: count,
      medianMs: positive,
      minMs: positive,
      maxMs: positive,
      madMs: finite,
      medianCpuMs: finiteOrNull,
      medianPeakRssKb: finiteOrNull,
      medianLinkMs: finiteOrNull,
      linkShare: finiteOrNull,
    }),
  ),
  speedups: list(
    object({
      scenario,
      variant,
      speedup: positive,
      pairedSpeedup: positiveOrNull,
      pairedInterval: optionalOrNull(object({ low: positive, high: positive, confidence: positive })),
      savedMs: finite,
      claim: optionalOrNull(oneOf(['faster', 'slower', 'similar', 'undecided'])),
      rounds: optionalOrNull(count),
    }),
  ),
  linkers: list(
    object({
      variant,
      linker: text,
      family: oneOf(['mold', 'lld', 'bfd', 'unknown']),
      files: list(text),
      verified: bool,
    }),
  ),
  settingProofs: optionalOrNull(
    list(
      object({
        variant,
        setting: text,
        flags: list(text),
        crates: count,
        fromEarlierRun: optionalOrNull(bool),
      }),
    ),
  ),
  failure: optionalOrNull(
    object({
      scenario,
      variant,
      phase: oneOf(['prepare', 'warmup', 'sample', 'verify']),
      command: text,
      exitCode: finiteOrNull,
      outputTail: text,
      message: text,
    }),
  ),
  analysis: optionalOrNull(checkAnalysis),
});

/** The results in `json` (already parsed), checked field by field; throws ResultsFormatError. */
export function validateResults(json: unknown, where = 'results'): Results {
  if (!isRecord(json)) fail(where, 'an object');
  const version = json.schemaVersion;
  if (typeof version !== 'number') fail(`${where}.schemaVersion`, 'a number');
  if (version > RESULTS_SCHEMA_VERSION) {
    throw new ResultsFormatError(
      `${where} has schema version ${version}, newer than the ${RESULTS_SCHEMA_VERSION} this build-bench reads`,
      true,
    );
  }
  if (!READABLE_SCHEMA_VERSIONS.includes(version)) {
    fail(`${where}.schemaVersion`, `one of ${READABLE_SCHEMA_VERSIONS.join(', ')}`);
  }
  checkResults(json, where);
  const results = json as unknown as Results;
  return upgradeResults(results);
}

/** A document of an older schema, or one lacking optional fields, with every field the types promise. */
function upgradeResults(results: Results): Results {
  const environment = {
    ...results.environment,
    pullRequest: results.environment.pullRequest ?? null,
    moldInstall: results.environment.moldInstall ?? null,
  };
  // Fields a results file may lack read as null, as the types say.
  const speedups = results.speedups.map((speedup) => ({
    ...speedup,
    pairedInterval: speedup.pairedInterval ?? null,
    claim: speedup.claim ?? null,
    rounds: speedup.rounds ?? 0,
  }));
  const samples = results.samples.map((sample) => ({
    ...sample,
    overheadMs: sample.overheadMs ?? null,
    crateMs: sample.crateMs ?? null,
    edit: sample.edit ?? null,
  }));
  return {
    ...results,
    schemaVersion: RESULTS_SCHEMA_VERSION,
    plan: {
      ...results.plan,
      maxRuns: results.plan.maxRuns ?? Math.max(results.plan.runs, results.plan.cleanRuns),
      timeBudgetMs: results.plan.timeBudgetMs ?? null,
      gatedVariant:
        results.plan.gatedVariant ?? chooseGatedVariant(results.plan.variants) ?? results.plan.variants[0]!,
    },
    settingProofs: results.settingProofs ?? [],
    rounds: results.rounds ?? [],
    targetBytes: results.targetBytes ?? {},
    environment,
    samples,
    speedups,
    failure: results.failure ?? null,
    analysis: readAnalysis(results),
  };
}

/** Absent parts of the analysis read as null, as in documents written before them. */
function readAnalysis(results: Results): Results['analysis'] {
  const analysis = results.analysis ?? null;
  if (analysis === null) return null;
  return {
    llvmLines: analysis.llvmLines ?? null,
    dependencies: analysis.dependencies ?? null,
    settings: analysis.settings
      ? {
          ...analysis.settings,
          linker: analysis.settings.linker ?? null,
          rustflags: analysis.settings.rustflags ?? null,
          rustcWrapper: analysis.settings.rustcWrapper ?? null,
        }
      : null,
    problems: analysis.problems,
  };
}
