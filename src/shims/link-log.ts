/** The shims' logs: one line per link and one per rustc run, appended by the shims during a build. */

export interface LinkRecord {
  /** Start of the link on the wall clock, in ms since the epoch (for overlapping links). */
  readonly startMs: number;
  readonly durationMs: number;
  readonly exitCode: number;
  /** The shim's own time around the link (argument scan, response file, log), in ms; 0 from the shell shim. */
  readonly overheadMs: number;
  /** The linked file (the `-o` argument), absolute or relative to where rustc ran. */
  readonly output: string;
}

/** One rustc run: one crate (a library, a binary, a build script…) of one package. */
export interface CrateRecord {
  readonly startMs: number;
  readonly durationMs: number;
  readonly exitCode: number;
  readonly overheadMs: number;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly crateName: string;
  /** rustc's `--crate-type`s, e.g. `lib`, `bin`, `proc-macro`; empty when rustc was given none. */
  readonly crateTypes: readonly string[];
  /** The codegen options rustc received, in order (`opt-level=1`, `debuginfo=2`, `incremental`); later wins. */
  readonly options: readonly string[];
}

function nsToMs(ns: bigint): number {
  return Number(ns / 1000n) / 1000;
}

interface Timing {
  readonly startMs: number;
  readonly durationMs: number;
  readonly exitCode: number;
  readonly overheadMs: number;
}

/**
 * The lines of a log that `pattern` matches, each with the timing its first four groups give (`start end status
 * overhead`, times in ns) and the rest of its groups. Malformed lines and ones that end before they start (a
 * process killed mid-write) are skipped.
 */
function parseTimedLines<T>(
  text: string,
  pattern: RegExp,
  read: (timing: Timing, rest: readonly string[]) => T,
): T[] {
  const records: T[] = [];
  for (const line of text.split('\n')) {
    const match = pattern.exec(line);
    if (!match) continue;
    const start = BigInt(match[1]!);
    const end = BigInt(match[2]!);
    if (end < start) continue;
    const timing = {
      startMs: nsToMs(start),
      durationMs: Number(end - start) / 1e6,
      exitCode: Number(match[3]),
      overheadMs: Number(match[4]) / 1e6,
    };
    records.push(
      read(
        timing,
        match.slice(5).map((group) => group ?? ''),
      ),
    );
  }
  return records;
}

/** Link log lines: `start end status overhead output` (times in ns; the output may hold spaces). */
export function parseLinkLog(text: string): LinkRecord[] {
  return parseTimedLines(text, /^(\d+) (\d+) (\d+) (\d+) ?(.*)$/, (timing, [output]) => ({
    ...timing,
    output: output!,
  }));
}

/** Crate log lines: `start end status overhead package version crate types [options]` (`-` for none). */
export function parseCrateLog(text: string): CrateRecord[] {
  return parseTimedLines(
    text,
    /^(\d+) (\d+) (\d+) (\d+) (\S+) (\S+) (\S+) (\S+)(?: (\S+))?$/,
    (timing, [packageName, packageVersion, crateName, types, options]) => ({
      ...timing,
      packageName: packageName!,
      packageVersion: packageVersion!,
      crateName: crateName!,
      crateTypes: types === '-' ? [] : types!.split(','),
      options: options === undefined || options === '' || options === '-' ? [] : options.split(','),
    }),
  );
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

const LIBRARY_TYPES = ['lib', 'rlib', 'dylib', 'cdylib', 'staticlib', 'proc-macro'];

/**
 * How a crate is named in the results and the report: `serde 1.0.210` for a library (or proc-macro),
 * `demo-app 0.1.0 (bin demo_app)` for a binary, `(test …)` for a test crate, `(build script)` for a build script.
 */
export function crateLabel(record: CrateRecord): string {
  const version = record.packageVersion === '-' ? '' : ` ${record.packageVersion}`;
  const name = `${record.packageName === '-' ? record.crateName : record.packageName}${version}`;
  if (record.crateName.startsWith('build_script_')) return `${name} (build script)`;
  if (record.crateTypes.length > 0 && record.crateTypes.every((type) => LIBRARY_TYPES.includes(type)))
    return name;
  const kind = record.crateTypes.length === 0 ? 'test' : record.crateTypes.join(',');
  return `${name} (${kind} ${record.crateName})`;
}
