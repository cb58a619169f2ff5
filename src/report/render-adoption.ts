/** How to adopt a faster linker: the `.cargo/config.toml` lines (or the variable to extend) and what it needs. */
import type { BuildSettings } from '../analysis/analysis.js';
import type { Linker as AnyLinker } from '../config/config.js';
import { codeSpan, fencedCodeBlock } from './markdown-escape.js';

export type Linker = Exclude<AnyLinker, 'default' | 'toolchain'>;

/** A linker one adopts by configuring it (not `default`, what the project has, nor `toolchain`, rustc's own). */
export function isAdoptable(linker: AnyLinker): linker is Linker {
  return linker !== 'default' && linker !== 'toolchain';
}

export const LINKER_NAMES: Readonly<Record<Linker, string>> = {
  mold: 'mold',
  lld: 'lld',
  bfd: 'GNU ld (bfd)',
};

/**
 * The rustc flag per linker, placed after rustc's own `-fuse-ld=lld` so the later one wins; checked with
 * Rust 1.95 by test/report/advice-config.test.ts. For GNU ld, `-C linker-features=-lld` is stable only on
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
export function renderAdoption(settings: BuildSettings | null, linker: Linker): string {
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
