/** A cursor over a v0 symbol (after `_R`) reading its terminals the way rustc-demangle's `Parser` does. */

/** Thrown for anything rustc-demangle rejects or would print as `{invalid syntax}` / `{recursion limit reached}`. */
export class InvalidV0Symbol extends Error {}

export function fail(): never {
  throw new InvalidV0Symbol();
}

/** rustc-demangle's nesting limit; each backref followed counts as one more level. */
const MAX_DEPTH = 500;
const U64_MAX = (1n << 64n) - 1n;
const BASE_62_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX_NIBBLES = /[0-9a-f]*_/y;
/** A leading 0 is the whole length. */
const IDENTIFIER_LENGTH = /0|[1-9][0-9]*/y;

export interface Identifier {
  readonly ascii: string;
  /** Punycode-encoded non-ASCII characters (`u` identifiers), else empty. */
  readonly punycode: string;
}

export class V0Reader {
  private pos = 0;
  private depth = 0;

  constructor(private readonly sym: string) {}

  /** Where the next character is read. */
  get position(): number {
    return this.pos;
  }

  /** The next character, or '' at the end. */
  peek(): string {
    return this.sym.charAt(this.pos);
  }

  eat(char: string): boolean {
    if (this.sym.charAt(this.pos) !== char) return false;
    this.pos++;
    return true;
  }

  next(): string {
    const char = this.sym.charAt(this.pos);
    if (char === '') fail();
    this.pos++;
    return char;
  }

  /** Undo the last `next()`. */
  back(): void {
    this.pos--;
  }

  pushDepth(): void {
    if (++this.depth > MAX_DEPTH) fail();
  }

  popDepth(): void {
    this.depth--;
  }

  /** `[0-9a-f]* _`, without the `_`. */
  readHexNibbles(): string {
    return this.readPattern(HEX_NIBBLES).slice(0, -1);
  }

  /** `_` is 0, otherwise base-62 digits + 1 and a closing `_`; a u64 as in rustc-demangle. */
  readInteger62(): bigint {
    if (this.eat('_')) return 0n;
    let value = 0n;
    while (!this.eat('_')) {
      const digit = BASE_62_DIGITS.indexOf(this.next());
      if (digit < 0) fail();
      value = value * 62n + BigInt(digit);
      if (value > U64_MAX) fail();
    }
    return value + 1n > U64_MAX ? fail() : value + 1n;
  }

  /** 0 without the tag, else the integer + 1. */
  readOptInteger62(tag: string): bigint {
    if (!this.eat(tag)) return 0n;
    const value = this.readInteger62() + 1n;
    return value > U64_MAX ? fail() : value;
  }

  readDisambiguator(): bigint {
    return this.readOptInteger62('s');
  }

  /** Uppercase: a special namespace like `C` (closure); lowercase: an unnamed implementation namespace (null). */
  readNamespace(): string | null {
    const tag = this.next();
    if (/[A-Z]/.test(tag)) return tag;
    return /[a-z]/.test(tag) ? null : fail();
  }

  /** `u`? decimal length, optional `_`, the bytes; punycode splits at the last `_`. */
  readIdentifier(): Identifier {
    const isPunycode = this.eat('u');
    const length = Number(this.readPattern(IDENTIFIER_LENGTH));
    this.eat('_');
    if (this.pos + length > this.sym.length) fail();
    const text = this.sym.slice(this.pos, this.pos + length);
    this.pos += length;
    if (!isPunycode) return { ascii: text, punycode: '' };
    const split = text.lastIndexOf('_');
    const identifier = { ascii: split < 0 ? '' : text.slice(0, split), punycode: text.slice(split + 1) };
    return identifier.punycode === '' ? fail() : identifier;
  }

  /** After a `B`: its target, which must lie before the `B` and within the nesting limit. */
  readBackref(): number {
    const start = this.pos - 1;
    const target = this.readInteger62();
    if (target >= BigInt(start) || this.depth + 1 > MAX_DEPTH) fail();
    return Number(target);
  }

  /** Reads at `target` one level deeper, then comes back to where it was. */
  visit(target: number, read: () => void): void {
    const [pos, depth] = [this.pos, this.depth];
    this.pos = target;
    this.depth = depth + 1;
    read();
    this.pos = pos;
    this.depth = depth;
  }

  /** What the sticky `pattern` matches here, or fails. */
  private readPattern(pattern: RegExp): string {
    pattern.lastIndex = this.pos;
    const text = pattern.exec(this.sym)?.[0] ?? fail();
    this.pos += text.length;
    return text;
  }
}
