/** All linker checks of one variant taken together: merged shards may hold several, with different linkers. */
import type { Variant } from '../config/config.js';
import type { LinkerCheck } from '../results/results.js';

export interface VariantLinkers {
  /** True only when the variant has checks and every one of them is verified. */
  readonly verified: boolean;
  /** The distinct linkers found, in check order. */
  readonly linkers: readonly string[];
  /** The distinct linkers of the checks that are not verified. */
  readonly offending: readonly string[];
}

export function collectVariantLinkers(checks: readonly LinkerCheck[], variant: Variant): VariantLinkers {
  const own = checks.filter((check) => check.variant === variant);
  const distinct = (items: readonly LinkerCheck[]): string[] => [
    ...new Set(items.map((check) => check.linker)),
  ];
  const offending = distinct(own.filter((check) => !check.verified));
  return { verified: own.length > 0 && offending.length === 0, linkers: distinct(own), offending };
}
