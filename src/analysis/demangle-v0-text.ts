/** Text pieces of v0 symbols, decoded as rustc-demangle does: punycode identifiers and const literals. */

/** Identifiers decode to at most this many characters; longer ones print as `punycode{…}`. */
const MAX_PUNYCODE_CHARS = 128;

/** An identifier's text: the ASCII part alone, or the punycode-decoded whole (`punycode{…}` if that fails). */
export function decodeIdentifier(ascii: string, punycode: string): string {
  if (punycode === '') return ascii;
  return decodePunycode(ascii, punycode) ?? `punycode{${ascii === '' ? '' : `${ascii}-`}${punycode}}`;
}

/** RFC 3492 decoding with the basic code points given apart (v0 separates them with `_`, not `-`). */
function decodePunycode(ascii: string, punycode: string): string | null {
  const [base, tMin, tMax, skew] = [36, 1, 26, 38];
  const chars = Array.from(ascii, (char) => char.codePointAt(0) ?? 0);
  if (chars.length > MAX_PUNYCODE_CHARS) return null;
  let [damp, bias, insertAt, codePoint, at] = [700, 72, 0, 0x80, 0];
  for (;;) {
    let [delta, weight, k] = [0, 1, 0];
    for (;;) {
      k += base;
      const threshold = Math.min(Math.max(k - bias, tMin), tMax);
      const digit = 'abcdefghijklmnopqrstuvwxyz0123456789'.indexOf(punycode.charAt(at++));
      if (digit < 0 || at > punycode.length) return null;
      delta += digit * weight;
      // rustc-demangle fails on u64 overflow; past 2^53 the code point cannot be valid either.
      if (delta > Number.MAX_SAFE_INTEGER) return null;
      if (digit < threshold) break;
      weight *= base - threshold;
    }
    const length = chars.length + 1;
    insertAt += delta;
    codePoint += Math.floor(insertAt / length);
    insertAt %= length;
    if (codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return null;
    if (chars.length >= MAX_PUNYCODE_CHARS) return null;
    chars.splice(insertAt, 0, codePoint);
    insertAt++;
    if (at >= punycode.length) return String.fromCodePoint(...chars);
    delta = Math.floor(delta / damp);
    damp = 2;
    delta += Math.floor(delta / length);
    k = 0;
    while (delta > ((base - tMin) * tMax) / 2) {
      delta = Math.floor(delta / (base - tMin));
      k += base;
    }
    bias = k + Math.floor(((base - tMin + 1) * delta) / (delta + skew));
  }
}

/** The value of lowercase hex digits (most significant first), or null when it does not fit in a u64. */
export function parseHexUint(nibbles: string): bigint | null {
  const significant = nibbles.replace(/^0+/, '');
  if (significant.length > 16) return null;
  return significant === '' ? 0n : BigInt(`0x${significant}`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A string const's bytes as hex pairs; null for an odd count or invalid UTF-8. */
export function decodeUtf8Hex(nibbles: string): string | null {
  if (nibbles.length % 2 !== 0) return null;
  const bytes = new Uint8Array(nibbles.length / 2);
  for (let index = 0; index < bytes.length; index++) {
    bytes[index] = parseInt(nibbles.slice(2 * index, 2 * index + 2), 16);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** `text` in `quote`s, each character escaped like Rust's `char::escape_debug`, the other quote kind left alone. */
export function quoteChars(quote: "'" | '"', text: string): string {
  let out = quote;
  for (const char of text) {
    out += char === (quote === "'" ? '"' : "'") ? char : escapeDebug(char);
  }
  return out + quote;
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\0', '\\0'],
  ['\t', '\\t'],
  ['\r', '\\r'],
  ['\n', '\\n'],
  ['\\', '\\\\'],
  ['"', '\\"'],
  ["'", "\\'"],
]);

/** Rust's "printable" excludes these general categories (but not the ASCII space). */
const UNPRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]$/u;

/** `char::escape_debug`: backslash escapes, `\u{…}` for unprintable and combining characters. */
function escapeDebug(char: string): string {
  const simple = SIMPLE_ESCAPES.get(char);
  if (simple !== undefined) return simple;
  if (char === ' ' || !UNPRINTABLE.test(char)) return char;
  return `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`;
}
