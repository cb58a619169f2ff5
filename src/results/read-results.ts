/** Checks a results document that comes back from outside (a file, the cache) before anything trusts it. */
import { SCENARIOS, VARIANTS } from '../config/config.js';
import { RESULTS_SCHEMA_VERSION, type Results } from './results.js';

/** The document is not results this version can read; `future` when a newer build-bench wrote it. */
export class ResultsFormatError extends Error {
  constructor(
    message: string,
    readonly future = false,
  ) {
    super(message);
    this.name = 'ResultsFormatError';
  }
}

type Check = (value: unknown, where: string) => void;

function fail(where: string, expected: string): never {
  throw new ResultsFormatError(`${where} should be ${expected}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text: Check = (value, where) => {
  if (typeof value !== 'string') fail(where, 'a string');
};
const textOrNull: Check = (value, where) => {
  if (value !== null && typeof value !== 'string') fail(where, 'a string or null');
};
const finite: Check = (value, where) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'a finite number');
};
const finiteOrNull: Check = (value, where) => {
  if (value !== null) finite(value, where);
};
const oneOf =
  (allowed: readonly string[]): Check =>
  (value, where) => {
    if (typeof value !== 'string' || !allowed.includes(value)) fail(where, `one of ${allowed.join(', ')}`);
  };

function object(fields: Readonly<Record<string, Check>>): Check {
  return (value, where) => {
    if (!isRecord(value)) fail(where, 'an object');
    for (const [name, check] of Object.entries(fields)) check(value[name], `${where}.${name}`);
  };
}

function list(item: Check): Check {
  return (value, where) => {
    if (!Array.isArray(value)) fail(where, 'a list');
    value.forEach((element, index) => item(element, `${where}[${index}]`));
  };
}

const scenario = oneOf(SCENARIOS);
const variant = oneOf(VARIANTS);

const checkResults = object({
  id: text,
  createdAt: text,
  status: oneOf(['complete', 'failed']),
  environment: object({
    cpuModel: text,
    cores: finite,
    os: text,
    arch: text,
    rustc: textOrNull,
    commit: textOrNull,
    ref: textOrNull,
  }),
  plan: object({ scenarios: list(scenario), variants: list(variant), runs: finite }),
  samples: list(
    object({ scenario, variant, round: finite, sequence: finite, wallMs: finite, exitCode: finite }),
  ),
  summaries: list(object({ scenario, variant, n: finite, medianMs: finite, madMs: finite })),
  speedups: list(object({ scenario, variant, speedup: finite, pairedSpeedup: finiteOrNull })),
  touchedFiles: list(text),
  notes: list(text),
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
  if (version !== RESULTS_SCHEMA_VERSION) fail(`${where}.schemaVersion`, String(RESULTS_SCHEMA_VERSION));
  checkResults(json, where);
  return json as unknown as Results;
}
