/**
 * Rust symbol demangling as rustc-demangle's alternate form (`{:#}`) prints it, the way `cargo llvm-lines` names
 * functions: legacy (`_ZN…E`) symbols here, v0 (`_R…`) symbols in demangle-v0.ts.
 */
import { demangleV0 } from './demangle-v0.js';

export interface DemangledSymbol {
  readonly scheme: 'legacy' | 'v0';
  /** rustc-demangle's alternate form (`{:#}`): no `::h…` hash, no `[…]` crate disambiguators. */
  readonly name: string;
  /** The grouping key: `name` for legacy; for v0, `name` printed without the generic arguments of paths. */
  readonly groupName: string;
}

/** Null when `symbol` is not a Rust symbol (C functions, `__rust_alloc`, malformed input). Never throws. */
export function demangleRustSymbol(symbol: string): DemangledSymbol | null {
  const stripped = stripLlvmSuffix(symbol);
  const legacy = parseLegacy(stripped);
  if (legacy !== null) {
    if (!isSymbolSuffix(legacy.suffix)) return null;
    const name = printLegacy(legacy.elements) + legacy.suffix;
    return { scheme: 'legacy', name, groupName: name };
  }
  const v0 = demangleV0(stripped);
  if (v0 === null || !isSymbolSuffix(v0.suffix)) return null;
  return { scheme: 'v0', name: v0.name + v0.suffix, groupName: v0.groupName + v0.suffix };
}

/** ThinLTO renames internal symbols to `<symbol>.llvm.<hex>`; rustc-demangle drops that before anything else. */
function stripLlvmSuffix(symbol: string): string {
  const at = symbol.indexOf('.llvm.');
  if (at < 0) return symbol;
  return /^[A-F0-9@]*$/.test(symbol.slice(at + '.llvm.'.length)) ? symbol.slice(0, at) : symbol;
}

/** Text after the mangled path is kept (LLVM adds words like `.exit.i`) only if it looks like one. */
function isSymbolSuffix(suffix: string): boolean {
  return suffix === '' || (suffix.startsWith('.') && /^[\x21-\x7e]*$/.test(suffix));
}

interface LegacySymbol {
  /** The length-prefixed path elements, still escaped. */
  readonly elements: readonly string[];
  /** What follows the closing `E`. */
  readonly suffix: string;
}

/** Splits `_ZN` (or `ZN`, `__ZN`) + length-prefixed elements + `E`; null when the symbol is not of that form. */
function parseLegacy(symbol: string): LegacySymbol | null {
  const prefix = ['_ZN', 'ZN', '__ZN'].find((candidate) => symbol.startsWith(candidate));
  if (prefix === undefined) return null;
  const inner = symbol.slice(prefix.length);
  if (!/^\p{ASCII}*$/u.test(inner)) return null;
  const elements: string[] = [];
  let at = 0;
  for (;;) {
    if (at >= inner.length) return null;
    if (inner[at] === 'E') return { elements, suffix: inner.slice(at + 1) };
    const digits = /^[0-9]+/.exec(inner.slice(at))?.[0];
    if (digits === undefined) return null;
    const length = Number(digits);
    at += digits.length;
    // The element and at least the closing `E` must follow.
    if (at + length >= inner.length) return null;
    elements.push(inner.slice(at, at + length));
    at += length;
  }
}

/** rustc-demangle's legacy `Display` in alternate form: a trailing `h<hex>` element is the hash and is left out. */
function printLegacy(elements: readonly string[]): string {
  let out = '';
  for (const [index, element] of elements.entries()) {
    if (index === elements.length - 1 && /^h[0-9a-fA-F]*$/.test(element)) break;
    if (index !== 0) out += '::';
    out += unescapeLegacyElement(element.startsWith('_$') ? element.slice(1) : element);
  }
  return out;
}

const LEGACY_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['SP', '@'],
  ['BP', '*'],
  ['RF', '&'],
  ['LT', '<'],
  ['GT', '>'],
  ['LP', '('],
  ['RP', ')'],
  ['C', ','],
]);

/** Decodes `..` to `::` and `$LT$`-style escapes; at the first escape it cannot decode, the rest is copied as is. */
function unescapeLegacyElement(element: string): string {
  let out = '';
  let rest = element;
  while (rest !== '') {
    if (rest.startsWith('..')) {
      out += '::';
      rest = rest.slice(2);
    } else if (rest.startsWith('.')) {
      out += '.';
      rest = rest.slice(1);
    } else if (rest.startsWith('$')) {
      const end = rest.indexOf('$', 1);
      if (end < 0) break;
      const decoded = decodeLegacyEscape(rest.slice(1, end));
      if (decoded === null) break;
      out += decoded;
      rest = rest.slice(end + 1);
    } else {
      const stop = rest.search(/[$.]/);
      if (stop < 0) break;
      out += rest.slice(0, stop);
      rest = rest.slice(stop);
    }
  }
  return out + rest;
}

/** `SP`, `LT`, … or `u<lowercase hex>` of a code point that is not a control character. */
function decodeLegacyEscape(escape: string): string | null {
  const named = LEGACY_ESCAPES.get(escape);
  if (named !== undefined) return named;
  const hex = /^u([0-9a-f]+)$/.exec(escape)?.[1];
  if (hex === undefined) return null;
  const codePoint = parseInt(hex, 16);
  const isChar = codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
  const isControl = codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0);
  return isChar && !isControl ? String.fromCodePoint(codePoint) : null;
}
