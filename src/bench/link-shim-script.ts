/** The link shim: a POSIX sh script cargo runs as the target linker. Times each link, applies the variant. */
import type { Variant } from '../config/config.js';

/** File name of the shim: must not look like gcc, clang or ld, or rustc would pick another linker flavour. */
export const LINK_SHIM_NAME = 'build-bench-link-shim';
/** Environment variable naming the file each link appends `start end status output` to. */
export const LINK_LOG_ENV = 'BUILD_BENCH_LINK_LOG';

/** Flags appended to the real driver's command line, per variant; later `-fuse-ld` wins. */
export function variantLinkFlags(variant: Variant): string[] {
  switch (variant) {
    case 'default':
      return [];
    case 'mold':
      return ['-fuse-ld=mold'];
    case 'lld':
      return ['-fuse-ld=lld'];
    case 'bfd':
      return ['-fuse-ld=bfd'];
  }
}

/**
 * rustc adds `-fuse-ld=lld -B<gcc-ld>` (its bundled rust-lld) for a linker named like `cc` or a wrapper,
 * but not for one named `gcc` or `clang` (mirrors rustc's `infer_linker_hints`).
 */
export function linkerKeepsBundledLld(linker: string): boolean {
  const base = linker.split('/').pop() ?? linker;
  const stemWithVersion = base.replace(/\.exe$/, '');
  const dash = stemWithVersion.indexOf('-');
  const stem =
    dash > 0 && /^\d+$/.test(stemWithVersion.slice(dash + 1))
      ? stemWithVersion.slice(0, dash)
      : stemWithVersion;
  const ccLike = ['gcc', 'g++', 'clang', 'clang++', 'emcc'];
  return !ccLike.some((name) => stem === name || stem.endsWith(`-${name}`));
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface LinkShimSpec {
  readonly variant: Variant;
  /** The driver rustc would have run: the user's configured linker, or `cc`. */
  readonly realLinker: string;
  /** Remove rustc's bundled-lld selection before running the driver. */
  readonly dropBundledLld: boolean;
  /** Directory put first on PATH for the driver (so `-fuse-ld=mold` finds `ld.mold`); null: keep PATH. */
  readonly pathPrefix: string | null;
}

export function renderLinkShim(spec: LinkShimSpec): string {
  const flags = variantLinkFlags(spec.variant).map(shellQuote).join(' ');
  return `#!/bin/sh
# build-bench link shim, variant '${spec.variant}': times one link, applies the variant, runs the real driver.
real=${shellQuote(spec.realLinker)}
drop_lld=${spec.dropBundledLld ? 1 : 0}
${spec.pathPrefix === null ? '' : `PATH=${shellQuote(spec.pathPrefix)}:"$PATH"; export PATH\n`}out=
prev=
for arg do
  shift
  if [ "$prev" = "-o" ]; then out=$arg; fi
  prev=$arg
  if [ "$drop_lld" = 1 ]; then
    case "$arg" in
      -fuse-ld=lld|-B*/gcc-ld|-B*/gcc-ld/) continue ;;
    esac
  fi
  set -- "$@" "$arg"
done
start=$(date +%s%N)
"$real" "$@" ${flags}
status=$?
end=$(date +%s%N)
if [ -n "$${LINK_LOG_ENV}" ]; then
  printf '%s %s %s %s\\n' "$start" "$end" "$status" "$out" >> "$${LINK_LOG_ENV}"
fi
exit $status
`;
}

export interface LinkRecord {
  /** Start of the link on the wall clock, in ms since the epoch (for overlapping links). */
  readonly startMs: number;
  readonly durationMs: number;
  readonly exitCode: number;
  /** The linked file (the `-o` argument), absolute or relative to where rustc ran. */
  readonly output: string;
}

/** Parses the shim's log; malformed lines (a link killed mid-write) are skipped. */
export function parseLinkLog(text: string): LinkRecord[] {
  const records: LinkRecord[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\d+) (\d+) (\d+) ?(.*)$/.exec(line);
    if (!match) continue;
    const durationNs = BigInt(match[2]!) - BigInt(match[1]!);
    records.push({
      startMs: Number(BigInt(match[1]!) / 1000n) / 1000,
      durationMs: Number(durationNs) / 1e6,
      exitCode: Number(match[3]),
      output: match[4] ?? '',
    });
  }
  return records;
}

/** Time during which at least one link ran: parallel links (clean builds, several binaries) count once. */
export function linkWallMs(records: readonly LinkRecord[]): number {
  const spans = records
    .map((record) => [record.startMs, record.startMs + record.durationMs] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [openStart, openEnd] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const [start, end] of spans) {
    if (start > openEnd) {
      if (openEnd > openStart) total += openEnd - openStart;
      [openStart, openEnd] = [start, end];
    } else openEnd = Math.max(openEnd, end);
  }
  if (openEnd > openStart) total += openEnd - openStart;
  return total;
}
