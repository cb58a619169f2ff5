/** Which variant the gate watches. */
import type { Variant } from '../config/config.js';
import type { Results } from '../results/results.js';

/**
 * The variant the gate watches: the one asked for (input `gate-variant`) when measured, else the project's own
 * linker (`default`), else the first one. Settings variants are advice unless asked for.
 */
export function chooseGatedVariant(
  variants: readonly Variant[],
  preferred: Variant | null = null,
): Variant | null {
  if (preferred !== null && variants.includes(preferred)) return preferred;
  return variants.includes('default') ? 'default' : (variants[0] ?? null);
}

export function gatedVariant(results: Results): Variant | null {
  return chooseGatedVariant(results.plan.variants, results.plan.gatedVariant);
}
