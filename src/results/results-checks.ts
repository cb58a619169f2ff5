/** The checks a results document is read with: each names where the document is not what it should be. */
import { SCENARIOS } from '../config/config.js';
import { parseVariant } from '../variants/variant-spec.js';

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

export type Check = (value: unknown, where: string) => void;

export function fail(where: string, expected: string): never {
  throw new ResultsFormatError(`${where} should be ${expected}`);
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text: Check = (value, where) => {
  if (typeof value !== 'string') fail(where, 'a string');
};
export const textOrNull: Check = (value, where) => {
  if (value !== null && typeof value !== 'string') fail(where, 'a string or null');
};
export const finite: Check = (value, where) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, 'a finite number');
};
/** Durations and ratios: a build takes time, a ratio of two is above zero; anything else is not a measurement. */
export const positive: Check = (value, where) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) fail(where, 'a number above 0');
};
export const positiveOrNull: Check = (value, where) => {
  if (value !== null) positive(value, where);
};
export const finiteOrNull: Check = (value, where) => {
  if (value !== null) finite(value, where);
};
export const oneOf =
  (allowed: readonly string[]): Check =>
  (value, where) => {
    if (typeof value !== 'string' || !allowed.includes(value)) fail(where, `one of ${allowed.join(', ')}`);
  };

export function object(fields: Readonly<Record<string, Check>>): Check {
  return (value, where) => {
    if (!isRecord(value)) fail(where, 'an object');
    for (const [name, check] of Object.entries(fields)) check(value[name], `${where}.${name}`);
  };
}

export function list(item: Check): Check {
  return (value, where) => {
    if (!Array.isArray(value)) fail(where, 'a list');
    value.forEach((element, index) => item(element, `${where}[${index}]`));
  };
}

export const scenario = oneOf(SCENARIOS);
export const bool: Check = (value, where) => {
  if (typeof value !== 'boolean') fail(where, 'true or false');
};
/** A linker's name, or settings a settings variant names (`debug=line-tables-only`). */
export const variant: Check = (value, where) => {
  if (typeof value !== 'string') fail(where, 'a variant name');
  try {
    parseVariant(value);
  } catch {
    fail(where, 'a linker (default, mold, lld, bfd) or settings like `debug=line-tables-only`');
  }
};
/** A look's two-sided confidence: above 0, at most 1. */
export const confidenceLevel: Check = (value, where) => {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) fail(where, 'a confidence level in (0, 1]');
};
export const count: Check = (value, where) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(where, 'a whole number');
};
export const numberRecord: Check = (value, where) => {
  if (!isRecord(value)) fail(where, 'an object');
  for (const [name, item] of Object.entries(value)) finite(item, `${where}.${name}`);
};
export const textRecord: Check = (value, where) => {
  if (!isRecord(value)) fail(where, 'an object');
  for (const [name, item] of Object.entries(value)) text(item, `${where}.${name}`);
};
/** Absent counts as null: documents written before the field existed. */
export const optionalOrNull =
  (check: Check): Check =>
  (value, where) => {
    if (value !== undefined && value !== null) check(value, where);
  };
export const positiveInteger: Check = (value, where) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    fail(where, 'a positive whole number');
};
