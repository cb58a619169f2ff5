/**
 * `settings: recommended`: the profile settings known to make builds of the measured profile faster on this
 * toolchain, less the ones the project already has. Pure: it reads the resolved build settings.
 */
import type { BuildSettings } from '../analysis/analysis.js';
import { nameVariant, parseVariantLine, type VariantSpec } from './variant-spec.js';

interface Candidate {
  readonly line: string;
  /** The first Rust version where cargo takes it (on Linux). */
  readonly since: [number, number];
  /** Why the project does not need it measured; null: measure it. */
  readonly skip: (settings: BuildSettings) => string | null;
}

const debugIsOff = (settings: BuildSettings): boolean =>
  ['none', 'line-tables-only', 'line-directives-only'].includes(settings.debug.value);

/** Unoptimised builds (opt-level 0): what a developer waits for. */
const FOR_DEBUG_BUILDS: readonly Candidate[] = [
  {
    line: 'debug=line-tables-only',
    since: [1, 71],
    skip: (settings) => (debugIsOff(settings) ? `debug is already ${settings.debug.value}` : null),
  },
  {
    line: 'debug=false',
    since: [1, 0],
    skip: (settings) => (settings.debug.value === 'none' ? 'debug is already off' : null),
  },
  {
    line: 'split-debuginfo=unpacked',
    since: [1, 65],
    skip: (settings) => (settings.debug.value === 'none' ? 'there is no debug information to split' : null),
  },
];

/** Optimised builds: the settings that trade run-time speed for build time. */
const FOR_OPTIMISED_BUILDS: readonly Candidate[] = [
  {
    line: 'lto=false',
    since: [1, 0],
    skip: (settings) => (['fat', 'thin'].includes(settings.lto.value) ? null : 'LTO is already off'),
  },
  {
    line: 'codegen-units=16',
    since: [1, 0],
    skip: (settings) => (settings.codegenUnits.value < 16 ? null : 'codegen-units is already 16 or more'),
  },
  {
    line: 'incremental=true',
    since: [1, 0],
    skip: (settings) => (settings.incremental.value ? 'incremental is already on' : null),
  },
];

/** `rustc 1.95.0 (…)` → [1, 95]; null when the text names no version. */
function rustVersion(rustc: string): [number, number] | null {
  const match = /(\d+)\.(\d+)\.\d+/.exec(rustc);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

export interface Recommendation {
  readonly variants: readonly VariantSpec[];
  /** Settings left out, each with why: `debug=line-tables-only: debug is already none`. */
  readonly leftOut: readonly string[];
}

/** The curated settings for the profile's opt-level, on the toolchain given, less those already in place or listed. */
export function recommendSettings(
  settings: BuildSettings,
  rustc: string,
  alreadyListed: readonly string[],
): Recommendation {
  const version = rustVersion(rustc);
  const candidates = settings.optLevel.value === '0' ? FOR_DEBUG_BUILDS : FOR_OPTIMISED_BUILDS;
  const variants: VariantSpec[] = [];
  const leftOut: string[] = [];
  for (const candidate of candidates) {
    const spec = parseVariantLine(candidate.line);
    const [major, minor] = candidate.since;
    const tooOld = version !== null && (version[0] < major || (version[0] === major && version[1] < minor));
    const why = tooOld
      ? `needs Rust ${major}.${minor} or later`
      : alreadyListed.includes(nameVariant(spec))
        ? 'already listed'
        : candidate.skip(settings);
    if (why === null) variants.push(spec);
    else leftOut.push(`${candidate.line}: ${why}`);
  }
  return { variants, leftOut };
}
