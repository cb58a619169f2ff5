/** demangleRustSymbol names symbols exactly as rustfilt (rustc-demangle's `{:#}`) does and groups v0 instantiations. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demangleRustSymbol } from '../../src/analysis/demangle.js';
import { REPO_ROOT } from '../support/fixture-project.js';

const SYMBOLS_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'symbols');

interface CapturedSymbol {
  readonly symbol: string;
  /** What rustfilt printed. */
  readonly rustfilt: string;
}

function readCapturedSymbols(): CapturedSymbol[] {
  return readFileSync(path.join(SYMBOLS_DIR, 'rustc-1.95.txt'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [symbol = '', rustfilt = ''] = line.split('\t');
      return { symbol, rustfilt };
    });
}

/** `symbol<TAB>name`, so that a failing comparison shows the symbols that differ. */
function describeNames(symbols: readonly string[], name: (symbol: string) => string | null): string[] {
  return symbols.map((symbol) => `${symbol}\t${name(symbol) ?? '(not demangled)'}`);
}

/**
 * The test's own idea of the group key: `name` without `<…>` lists that follow a path segment or `::`, except
 * inside the trait of a `<Self as Trait<…>>`, whose arguments tell distinct impls apart.
 */
function stripGenericArgs(name: string): string {
  let out = '';
  /** The `<` of qualified paths still open, each marked once its ` as ` was passed. */
  const open: boolean[] = [];
  for (let at = 0; at < name.length; at++) {
    const inTrait = open.includes(true);
    const opensArgs =
      !inTrait && name[at] === '<' && /([\p{L}\p{N}_]|::)$/u.test(out) && !/(^|\W)for$/u.test(out);
    if (!opensArgs) {
      if (name[at] === '<') open.push(false);
      else if (name[at] === '>' && name[at - 1] !== '-') open.pop();
      else if (name.startsWith(' as ', at) && open.length > 0) open[open.length - 1] = true;
      out += name[at];
      continue;
    }
    if (out.endsWith('::')) out = out.slice(0, -2);
    for (let depth = 0; at < name.length; at++) {
      if (name[at] === '<') depth++;
      else if (name[at] === '>' && name[at - 1] !== '-' && --depth === 0) break;
    }
  }
  return out;
}

/** `(x, x)` nested `levels` deep. */
function nestPairs(leaf: string, levels: number): string {
  return levels === 0 ? leaf : nestPairs(`(${leaf}, ${leaf})`, levels - 1);
}

describe('demangleRustSymbol on symbols captured from rustc 1.95', () => {
  const captured = readCapturedSymbols();

  it.each(['legacy', 'v0'] as const)('names every %s symbol as rustfilt does', (scheme) => {
    const rows = captured.filter((row) => (row.symbol.startsWith('_ZN') ? 'legacy' : 'v0') === scheme);
    expect(rows.length).toBeGreaterThan(300);
    const expected = rows.map((row) => `${row.symbol}\t${row.rustfilt}`);
    const symbols = rows.map((row) => row.symbol);
    expect(describeNames(symbols, (symbol) => demangleRustSymbol(symbol)?.name ?? null)).toEqual(expected);
    expect(symbols.every((symbol) => demangleRustSymbol(symbol)?.scheme === scheme)).toBe(true);
  });

  it('covers closures, shims, impls, consts, dyn, fn pointers, tuples and punycode', () => {
    const names = captured.map((row) => row.rustfilt).join('\n');
    const features = [
      '{{closure}}',
      '::{closure#0}',
      '::{shim:vtable#0}',
      '::{K#0}',
      'core::ptr::drop_in_place::<',
      '<u32 as core::clone::Clone>::clone',
      '<&&str as core::fmt::Debug>::fmt',
      '<[u32; 4] as core::fmt::Debug>::fmt',
      'sample::größe::<f64>',
      'sample::repeat::<4>',
      '[u32; 4]',
      "sample::pick::<'€', true, -3, 0xffffffffffffffffffffffffffffffff>",
      "dyn for<'a> core::ops::function::Fn<(&'a str,), Output = usize>",
      'dyn core::fmt::Debug + core::marker::Sync + core::marker::Send',
      "for<'a> fn(&'a str) -> &'a str",
      'unsafe extern "C" fn(*const u8, usize) -> u8',
      '(u8,)',
      '<[u16] as sample::Describe>::describe',
    ];
    expect(features.filter((feature) => !names.includes(feature))).toEqual([]);
  });

  it('keys legacy symbols by their name and v0 symbols by their name without generic arguments', () => {
    const wrong = captured
      .map((row) => ({ row, demangled: demangleRustSymbol(row.symbol) }))
      .filter(({ row, demangled }) => {
        const key = demangled?.scheme === 'v0' ? stripGenericArgs(row.rustfilt) : row.rustfilt;
        return demangled?.groupName !== key;
      })
      .map(({ row, demangled }) => `${row.rustfilt} -> ${demangled?.groupName}`);
    expect(wrong).toEqual([]);
  });

  it('gives all v0 instantiations of a generic function one group', () => {
    const groups = captured
      .map((row) => demangleRustSymbol(row.symbol))
      .filter((demangled) => demangled?.scheme === 'v0' && demangled.name.startsWith('sample::size_of::<'))
      .map((demangled) => demangled?.groupName);
    expect(groups.length).toBeGreaterThanOrEqual(10);
    expect(new Set(groups)).toEqual(new Set(['sample::size_of']));
  });
});

describe('groupName', () => {
  const crate = 'Csi2yhfSsWT8O_6sample';
  it.each([
    [`_RINv${crate}8describehEB2_`, 'sample::describe::<u8>', 'sample::describe'],
    [`_RINv${crate}6repeatKj4_EB2_`, 'sample::repeat::<4>', 'sample::repeat'],
    [
      `_RNvMs_NtCslNYArtu3iFV_5alloc3vecINtB4_3VecmE7reserve${crate}`,
      '<alloc::vec::Vec<u32>>::reserve',
      '<alloc::vec::Vec>::reserve',
    ],
    [
      `_RNvXso_NtCslNYArtu3iFV_5alloc3vecINtB5_3VecmENtNtNtCsgEmfK2I1SDS_4core3ops4drop4Drop4drop${crate}`,
      '<alloc::vec::Vec<u32> as core::ops::drop::Drop>::drop',
      '<alloc::vec::Vec as core::ops::drop::Drop>::drop',
    ],
    [
      '_RNCINvMsj_NtCslNYArtu3iFV_5alloc3vecINtB8_3VecNtNtBa_6string6StringE14extend_trustedINtNtNtNtCsgEmfK2I1SDS_4core4iter8adapters3map3MapINtNtNtB1t_3ops5range5RangehENCNvCsi2yhfSsWT8O_6sample5entrys1_0EE0B2F_',
      '<alloc::vec::Vec<alloc::string::String>>::extend_trusted::<core::iter::adapters::map::Map<core::ops::range::Range<u8>, sample::entry::{closure#3}>>::{closure#0}',
      '<alloc::vec::Vec>::extend_trusted::{closure#0}',
    ],
    [
      '_RNvXs0_NtNtNtCsgEmfK2I1SDS_4core4iter8adapters3mapINtB5_3MapINtNtNtBb_5slice4iter4ItermENCNvMCsi2yhfSsWT8O_6sampleINtB1t_7WrappermKj4_E5first0ENtNtNtB9_6traits8iterator8Iterator4nextB1t_',
      '<core::iter::adapters::map::Map<core::slice::iter::Iter<u32>, <sample::Wrapper<u32, 4>>::first::{closure#0}> as core::iter::traits::iterator::Iterator>::next',
      '<core::iter::adapters::map::Map as core::iter::traits::iterator::Iterator>::next',
    ],
    // Distinct impls of one trait for one type stay apart: the trait keeps its arguments.
    [
      '_RNvXs12_NtNtCsgEmfK2I1SDS_4core7convert3numyINtB8_4FromhE4from',
      '<u64 as core::convert::From<u8>>::from',
      '<u64 as core::convert::From<u8>>::from',
    ],
    [
      '_RNvXsd_NtNtCsgEmfK2I1SDS_4core5clone5implsmNtB7_5Clone5clone',
      '<u32 as core::clone::Clone>::clone',
      '<u32 as core::clone::Clone>::clone',
    ],
    // Slices, tuples and references as Self types stay as printed.
    [
      `_RNvXs0_${crate}StNtB5_8Describe8describeB5_`,
      '<[u16] as sample::Describe>::describe',
      '<[u16] as sample::Describe>::describe',
    ],
    [
      `_RNvXs1_${crate}TxReENtB5_8Describe8describeB5_`,
      '<(i64, &str) as sample::Describe>::describe',
      '<(i64, &str) as sample::Describe>::describe',
    ],
    // A dyn trait loses its generic arguments and associated type bindings too (hand-written symbols).
    [
      '_RNvMC0DNtNtNtCsgEmfK2I1SDS_4core4iter6traits8Iteratorp4ItemhEL_4next',
      '<dyn core::iter::traits::Iterator<Item = u8>>::next',
      '<dyn core::iter::traits::Iterator>::next',
    ],
    [
      '_RNvMC0DG_INtNtNtCsgEmfK2I1SDS_4core3ops8function2FnTRL0_eEEp6OutputjEL_4call',
      "<dyn for<'a> core::ops::function::Fn<(&'a str,), Output = usize>>::call",
      "<dyn for<'a> core::ops::function::Fn>::call",
    ],
    // Legacy names already name the generic item.
    [
      '_ZN5alloc3vec16Vec$LT$T$C$A$GT$14extend_trusted17h8b89ebe8e20fdd8aE',
      'alloc::vec::Vec<T,A>::extend_trusted',
      'alloc::vec::Vec<T,A>::extend_trusted',
    ],
  ])('%s', (symbol, name, groupName) => {
    expect(demangleRustSymbol(symbol)).toMatchObject({ name, groupName });
  });
});

describe('demangleRustSymbol on hand-written symbols', () => {
  // rustc-demangle's own test symbols; names as rustfilt prints them, except that its command line only finds
  // symbols starting `_ZN` or `_R`, so the other prefixes follow rustc-demangle's rules.
  it.each([
    ['_ZN4testE', 'test'],
    ['ZN4test1a2bcE', 'test::a::bc'],
    ['__ZN5alloc9allocator6Layout9for_value17h02a996811f781011E', 'alloc::allocator::Layout::for_value'],
    ['_ZN17h05af221e174051e93fooE', 'h05af221e174051e9::foo'],
    ['_ZN3foo5h05afE', 'foo'],
    ['_ZN3foo17hg5af221e174051e9E', 'foo::hg5af221e174051e9'],
    ['_ZN35Bar$LT$$u5b$u32$u3b$$u20$4$u5d$$GT$E', 'Bar<[u32; 4]>'],
    ['_ZN13_$LT$test$GT$E', '<test>'],
    ['_ZN8foo$u7f$E', 'foo$u7f$'],
    ['_ZN7foo$zz$E', 'foo$zz$'],
    [
      '_ZN71_$LT$Test$u20$$u2b$$u20$$u27$static$u20$as$u20$foo..Bar$LT$Test$GT$$GT$3barE',
      "<Test + 'static as foo::Bar<Test>>::bar",
    ],
    [
      '_ZN11issue_609253foo37Foo$LT$issue_60925..llv$u6d$..Foo$GT$3foo17h059a991a004536adE',
      'issue_60925::foo::Foo<issue_60925::llvm::Foo>::foo',
    ],
    ['_ZN3fooE.llvm.9D1C9369', 'foo'],
    ['_ZN9backtrace3foo17hbb467fcdaea5d79bE.llvm.A5310EB9', 'backtrace::foo'],
    [
      '_ZN4core5slice77_$LT$impl$u20$core..ops..index..IndexMut$LT$I$GT$$u20$for$u20$$u5b$T$u5d$$GT$9index_mut17haf9727c2edfbc47bE.exit.i.i',
      'core::slice::<impl core::ops::index::IndexMut<I> for [T]>::index_mut.exit.i.i',
    ],
    ['_RC3foo.llvm.9D1C9369', 'foo'],
    ['RNvC3foo3bar', 'foo::bar'],
    ['__RNvC3foo3bar', 'foo::bar'],
    [
      '_RNvNtNtNtNtCs92dm3009vxr_4rand4rngs7adapter9reseeding4fork23FORK_HANDLER_REGISTERED.0.0',
      'rand::rngs::adapter::reseeding::fork::FORK_HANDLER_REGISTERED.0.0',
    ],
    ['_RNvC6_123foo3bar', '123foo::bar'],
    [
      '_RNqCs4fqI2P2rA04_11utf8_identsu30____7hkackfecea1cbdathfdh9hlq6y',
      'utf8_idents::საჭმელად_გემრიელი_სადილი',
    ],
    ['_RNvC1au7abc_z99', 'a::punycode{abc-z99}'],
    ['_RNCNCNgCs6DXkGYLi8lr_2cc5spawn00B5_', 'cc::spawn::{closure#0}::{closure#0}'],
    [
      '_RNCINkXs25_NgCsbmNqQUJIY6D_4core5sliceINyB9_4IterhENuNgNoBb_4iter8iterator8Iterator9rpositionNCNgNpB9_6memchr7memrchrs_0E0Bb_',
      '<core::slice::Iter<u8> as core::iter::iterator::Iterator>::rposition::<core::slice::memchr::memrchr::{closure#1}>::{closure#0}',
    ],
    [
      '_RINbNbCskIICzLVDPPb_5alloc5alloc8box_freeDINbNiB4_5boxed5FnBoxuEp6OutputuEL_ECs1iopQbuBiw2_3std',
      'alloc::alloc::box_free::<dyn alloc::boxed::FnBox<(), Output = ()>>',
    ],
    ['_RMC0INtC8arrayvec8ArrayVechKj7b_E', '<arrayvec::ArrayVec<u8, 123>>'],
    ['_RIC0Koff00ff00ff00ff00ff_E', '::<0xff00ff00ff00ff00ff>'],
    ['_RIC0Kyffffffffffffffff_E', '::<18446744073709551615>'],
    ['_RIC0Kanb_E', '::<-11>'],
    ['_RIC0KpE', '::<_>'],
    ['_RINvC1a1bKc0_E', "a::b::<'\\0'>"],
    ['_RINvC1a1bKc27_E', "a::b::<'\\''>"],
    ['_RINvC1a1bKc22_E', `a::b::<'"'>`],
    ['_RINvC1a1bKc300_E', "a::b::<'\\u{300}'>"],
    ['_RIC0Kc2202_E', "::<'∂'>"],
    ['_RIC0Ke616263_E', '::<{*"abc"}>'],
    ['_RIC0KRe090a_E', '::<"\\t\\n">'],
    ['_RINvC1a1bKRe2722_E', `a::b::<"'\\"">`],
    ['_RINvC1a1bKRe00c2ad_E', 'a::b::<"\\0\\u{ad}">'],
    ['_RIC0KRRRe_E', '::<{&&""}>'],
    ['_RIC0KQAEE', '::<{&mut []}>'],
    ['_RIC0KARe61_Re62_Re63_EE', '::<{["a", "b", "c"]}>'],
    ['_RIC0KTRe616263_c78_RAh1_h2_h3_EEE', `::<{("abc", 'x', &[1, 2, 3])}>`],
    ['_RIC0KVNvINtNtC4core6option6OptionjE4NoneUE', '::<{core::option::Option::<usize>::None}>'],
    ['_RIC0KVNvINtNtC4core6option6OptionjE4SomeTj0_EE', '::<{core::option::Option::<usize>::Some(0)}>'],
    [
      '_RIC0KVNtC3foo3BarS1sRe616263_2chc78_5sliceRAh1_h2_h3_EEE',
      `::<{foo::Bar { s: "abc", ch: 'x', slice: &[1, 2, 3] }}>`,
    ],
    ['_RMC0FG0_KCRL0_eEu', `<for<'a, 'b> extern "C" fn(&'b str)>`],
    ['_RMC0FUK8fastcallEu', '<unsafe extern "fastcall" fn()>'],
    ['_RMC0FG_RL0_hEu', "<for<'a> fn(&'a u8)>"],
    ['_RMC0DNtC3foo3BarEL_', '<dyn foo::Bar>'],
    ['_RMC0QL_Auj8_', '<&mut [(); 8]>'],
    ['_RMC0Ou', '<*mut ()>'],
    ['_RNSNvC1a1f6vtable', 'a::f::{shim:vtable#0}'],
    // Six nested pairs, each half a backref: 64 copies of `_`.
    ['_RMC0TTTTTTpB8_EB7_EB6_EB5_EB4_EB3_E', `<${nestPairs('_', 6)}>`],
  ])('%s', (symbol, name) => {
    expect(demangleRustSymbol(symbol)?.name).toBe(name);
  });
});

/** `B<index>_`: a backref to `index` of the symbol after its `_R` (0 is `_`, else base 62 of index - 1). */
function backrefTo(index: number): string {
  const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let encoded = '';
  for (let value = index - 1; value >= 0; value = value < 62 ? -1 : Math.floor(value / 62)) {
    encoded = digits.charAt(value % 62) + encoded;
  }
  return `B${encoded}_`;
}

/** A tuple whose elements are backrefs, each to the one before: printing it follows a chain `length` long. */
function backrefChain(length: number): string {
  let inner = 'MC0Tp';
  let previous = inner.length - 1;
  for (let index = 0; index < length; index++) {
    const at = inner.length;
    inner += backrefTo(previous);
    previous = at;
  }
  return `_R${inner}E`;
}

describe('demangleRustSymbol on what is not a Rust symbol', () => {
  it.each([
    ['a C function', 'main'],
    ['the allocator shim', '__rust_alloc'],
    ['an empty string', ''],
    ['a truncated legacy symbol', '_ZN3foo'],
    ['a legacy symbol cut inside an element', '_ZN4test'],
    ['legacy elements without lengths', '_ZNfooE'],
    ['a C++ function with parameter types', '_ZN3foo3barEv'],
    ['a suffix that is not symbol-like', '_ZN3fooE.llvm moocow'],
    ['non-ASCII text', '_ZN4föoE'],
    ['a bare v0 prefix', '_R'],
    ['a v0 path followed by garbage', '_RNvC3foo3barx'],
    ['an unknown path tag', '_RZ3foo'],
    ['a backref loop through a path', '_RNvB_1a'],
    ['a backref loop through a type', '_RMC0RB2_'],
    ['a backref forward', '_RNvB9_1a'],
    ['a lifetime bound by no binder', '_RMC0DG_NtC3foo3BarEL1_'],
    ['a bool const that is neither 0 nor 1', '_RIC0Kb2_E'],
    ['a surrogate char const', '_RIC0Kcd800_E'],
    ['invalid UTF-8 in a str const', '_RIC0KRe80_E'],
    ['an odd number of hex digits in a str const', '_RIC0KRe616_E'],
    ['an identifier longer than the symbol', '_RNvC3foo99bar'],
    ['an empty punycode part', '_RNvC1au2a_'],
    ['nesting deeper than 500', `_RMC0${'R'.repeat(600)}u`],
    ['a chain of 600 backrefs', backrefChain(600)],
    // rustc-demangle's recursion_limit_backref_free_bypass: 100,000 `R`s hidden in an identifier, then used.
    ['a deep type hidden in an identifier', `_RIC100000${'R'.repeat(100_000)}${backrefTo(8)}E`],
    // 2^30 copies of `_`, past the 1,000,000-byte output limit.
    [
      'an exponential expansion',
      `_RMC0${'T'.repeat(30)}p${Array.from({ length: 30 }, (_, level) => `${backrefTo(33 - level)}E`).join('')}`,
    ],
  ])('%s', (_, symbol) => {
    expect(demangleRustSymbol(symbol)).toBeNull();
  });

  it('follows backrefs as rustc-demangle does', () => {
    expect(backrefTo(0)).toBe('B_');
    expect(backrefTo(9)).toBe('B8_');
    expect(backrefTo(63)).toBe('B10_');
    expect(demangleRustSymbol(`_RMC0TTpB4_E${backrefTo(4)}E`)?.name).toBe('<((_, _), (_, _))>');
    expect(demangleRustSymbol(backrefChain(100))?.name).toBe(`<(${Array(101).fill('_').join(', ')})>`);
  });

  it('never throws on random input', () => {
    const random = createRandom(20260424);
    const pieces = [
      '_ZN',
      '_R',
      'ZN',
      '__R',
      'E',
      'B_',
      'I',
      'N',
      'C',
      'K',
      'L',
      'G',
      'p',
      '$LT$',
      '..',
      '.llvm.',
    ];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$.ü€\0';
    const pick = (text: string | readonly string[]): string => text[Math.floor(random() * text.length)] ?? '';
    const junk = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + Math.floor(random() * 30) }, () =>
        pick(random() < 0.5 ? pieces : alphabet),
      ).join(''),
    );
    const symbols = readCapturedSymbols().map((row) => row.symbol);
    const mutated = Array.from({ length: 3000 }, () => {
      const symbol = pick(symbols);
      const at = Math.floor(random() * symbol.length);
      return symbol.slice(0, at) + pick(alphabet) + symbol.slice(at + Math.floor(random() * 3));
    });
    const thrown = [...junk, ...mutated].filter((symbol) => {
      try {
        demangleRustSymbol(symbol);
        return false;
      } catch {
        return true;
      }
    });
    expect(thrown).toEqual([]);
  });
});

/** mulberry32: a small seeded generator, so failures reproduce. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** rustfilt's output line for each symbol; null where it left the symbol as it was (not demangled). */
function runRustfilt(symbols: readonly string[]): (string | null)[] {
  const result = spawnSync('rustfilt', [], {
    input: `${symbols.join('\n')}\n`,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      `rustfilt, the reference demangler, did not run (${String(result.error ?? result.stderr)}): install it with ` +
        '`apt-get install rustfilt` (or `cargo install rustfilt`).',
    );
  }
  const lines = result.stdout.split('\n');
  return symbols.map((symbol, index) => (lines[index] === symbol ? null : (lines[index] ?? '')));
}

/** The symbols of all `define`s in the LLVM IR rustc emits for `source`, with the given symbol mangling. */
function compileDefinedSymbols(source: string, mangling: 'legacy' | 'v0'): string[] {
  const output = path.join(path.dirname(source), `${mangling}.ll`);
  const args = ['--edition', '2021', '--crate-type=lib', '--emit=llvm-ir', '-C', 'no-prepopulate-passes'];
  if (mangling === 'v0') args.push('-C', 'symbol-mangling-version=v0');
  const result = spawnSync('rustc', [...args, '-o', output, source], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(`rustc failed: ${String(result.error ?? result.stderr)}`);
  }
  const ir = readFileSync(output, 'utf8');
  return [...ir.matchAll(/^define [^@\n]*@("[^"]*"|[^\s(]+)\(/gm)].map((match) =>
    (match[1] ?? '').replaceAll('"', ''),
  );
}

describe('demangleRustSymbol against rustfilt on fresh rustc output', () => {
  it('names every define symbol of a generic crate, in both manglings, as rustfilt does', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-demangle-'));
    try {
      const source = path.join(directory, 'sample.rs');
      copyFileSync(path.join(SYMBOLS_DIR, 'sample.rs'), source);
      const symbols = [
        ...new Set([...compileDefinedSymbols(source, 'legacy'), ...compileDefinedSymbols(source, 'v0')]),
      ];
      const expected = runRustfilt(symbols);
      const demangled = symbols.map((symbol) => demangleRustSymbol(symbol));
      const count = (scheme: string): number =>
        demangled.filter((result) => result?.scheme === scheme).length;
      expect(count('legacy')).toBeGreaterThanOrEqual(100);
      expect(count('v0')).toBeGreaterThanOrEqual(100);
      expect(describeNames(symbols, (symbol) => demangleRustSymbol(symbol)?.name ?? null)).toEqual(
        symbols.map((symbol, index) => `${symbol}\t${expected[index] ?? '(not demangled)'}`),
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
