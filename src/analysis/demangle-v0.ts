/**
 * v0 symbol demangling (RFC 2603) following rustc-demangle's printer in alternate form (`{:#}`). Malformed
 * input that rustc-demangle would print with `{invalid syntax}` or `{recursion limit reached}` inside is null here.
 */
import { type Identifier, InvalidV0Symbol, V0Reader, fail } from './demangle-v0-reader.js';
import { decodeIdentifier, decodeUtf8Hex, parseHexUint, quoteChars } from './demangle-v0-text.js';

export interface V0Demangling {
  /** The symbol's path, rustc-demangle's alternate form. */
  readonly name: string;
  /** `name` without the generic argument lists (`I…E`) of paths. */
  readonly groupName: string;
  /** Text after the path and the optional instantiating crate, e.g. `.0.0`; the caller judges it. */
  readonly suffix: string;
}

/** Demangles `_R…` (or `R…`, `__R…`); null when it is not a well-formed v0 symbol. */
export function demangleV0(symbol: string): V0Demangling | null {
  const inner = stripV0Prefix(symbol);
  if (inner === null || !/^[A-Z]/.test(inner) || !/^\p{ASCII}*$/u.test(inner)) return null;
  try {
    // Like rustc-demangle: check the syntax without following backrefs, then print.
    const end = new V0Printer(inner, false).skipSymbol();
    return {
      name: new V0Printer(inner, false).printSymbol(),
      groupName: new V0Printer(inner, true).printSymbol(),
      suffix: inner.slice(end),
    };
  } catch (error) {
    if (error instanceof InvalidV0Symbol) return null;
    throw error;
  }
}

function stripV0Prefix(symbol: string): string | null {
  if (symbol.length > 2 && symbol.startsWith('_R')) return symbol.slice(2);
  if (symbol.length > 1 && symbol.startsWith('R')) return symbol.slice(1);
  if (symbol.length > 3 && symbol.startsWith('__R')) return symbol.slice(3);
  return null;
}

/** rustc-demangle's limit on printed output (exponential backref expansions). */
const MAX_OUTPUT = 1_000_000;

const BASIC_TYPES: ReadonlyMap<string, string> = new Map([
  ['b', 'bool'],
  ['c', 'char'],
  ['e', 'str'],
  ['u', '()'],
  ['a', 'i8'],
  ['s', 'i16'],
  ['l', 'i32'],
  ['x', 'i64'],
  ['n', 'i128'],
  ['i', 'isize'],
  ['h', 'u8'],
  ['t', 'u16'],
  ['m', 'u32'],
  ['y', 'u64'],
  ['o', 'u128'],
  ['j', 'usize'],
  ['f', 'f32'],
  ['d', 'f64'],
  ['z', '!'],
  ['p', '_'],
  ['v', '...'],
]);

const SIGNED_CONSTS = 'aslxni';
const UNSIGNED_CONSTS = 'htmyoj';

/**
 * rustc-demangle's `Printer`: one pass over the symbol, printing as it reads. While `skipping` is above zero
 * nothing is printed, backrefs are not followed and lifetimes are not checked. `omitGenericArgs` prints the
 * group key instead of the name: paths lose their generic arguments, except the trait of `<Self as Trait<…>>`,
 * whose arguments tell distinct impls apart.
 */
class V0Printer {
  private readonly input: V0Reader;
  private skipping = 0;
  private boundLifetimes = 0;
  /** Above zero inside a trait impl's trait path, whose generic arguments the group key keeps. */
  private keptGenericArgs = 0;
  private out = '';

  constructor(
    symbol: string,
    private readonly omitGenericArgs: boolean,
  ) {
    this.input = new V0Reader(symbol);
  }

  /** Parses the path and the optional instantiating crate without printing; returns where they end. */
  skipSymbol(): number {
    this.skipping = 1;
    this.printPath(false);
    if (/[A-Z]/.test(this.input.peek())) this.printPath(false);
    return this.input.position;
  }

  printSymbol(): string {
    this.printPath(true);
    return this.out;
  }

  // ---- Printing helpers.

  private print(text: string): void {
    if (this.skipping > 0) return;
    this.out += text;
    if (this.out.length > MAX_OUTPUT) fail();
  }

  private skipPrinting(parse: () => void): void {
    this.skipping++;
    parse();
    this.skipping--;
  }

  /** `B<integer>` (the `B` already read) points before itself; follows it unless skipping. */
  private printBackref(print: () => void): void {
    const target = this.input.readBackref();
    if (this.skipping === 0) this.input.visit(target, print);
  }

  /** Prints elements until `E`, with `separator` between; returns how many. */
  private printList(printElement: () => void, separator: string): number {
    let count = 0;
    while (!this.input.eat('E')) {
      if (count > 0) this.print(separator);
      printElement();
      count++;
    }
    return count;
  }

  /** Index 0 is `'_`; from 1 on, indices count back through the lifetimes bound by enclosing `for<…>`. */
  private printLifetime(index: bigint): void {
    if (this.skipping > 0) return;
    this.print("'");
    if (index === 0n) return this.print('_');
    const depth = BigInt(this.boundLifetimes) - index;
    if (depth < 0n) fail();
    this.print(depth < 26n ? String.fromCharCode(97 + Number(depth)) : `_${depth}`);
  }

  /** An optional binder `G<count>` printed as `for<'a, 'b> ` before `print`. */
  private printInBinder(print: () => void): void {
    const bound = this.input.readOptInteger62('G');
    if (this.skipping > 0) return print();
    if (bound > 0n) {
      this.print('for<');
      for (let index = 0n; index < bound; index++) {
        if (index > 0n) this.print(', ');
        this.boundLifetimes++;
        this.printLifetime(1n);
      }
      this.print('> ');
    }
    print();
    this.boundLifetimes -= Number(bound);
  }

  private printIdentifier(identifier: Identifier): void {
    this.print(decodeIdentifier(identifier.ascii, identifier.punycode));
  }

  // ---- The grammar.

  private printPath(inValue: boolean): void {
    this.input.pushDepth();
    const tag = this.input.next();
    switch (tag) {
      case 'C': {
        this.input.readDisambiguator();
        this.printIdentifier(this.input.readIdentifier());
        break;
      }
      case 'N': {
        const namespace = this.input.readNamespace();
        this.printPath(inValue);
        const disambiguator = this.input.readDisambiguator();
        const name = this.input.readIdentifier();
        const named = name.ascii !== '' || name.punycode !== '';
        if (namespace !== null) {
          const kind = namespace === 'C' ? 'closure' : namespace === 'S' ? 'shim' : namespace;
          this.print(`::{${kind}`);
          if (named) {
            this.print(':');
            this.printIdentifier(name);
          }
          this.print(`#${disambiguator}}`);
        } else if (named) {
          this.print('::');
          this.printIdentifier(name);
        }
        break;
      }
      case 'M':
      case 'X':
      case 'Y': {
        if (tag !== 'Y') {
          // The impl's own path is not printed.
          this.input.readDisambiguator();
          this.skipPrinting(() => this.printPath(false));
        }
        this.print('<');
        this.printType();
        if (tag !== 'M') {
          this.print(' as ');
          // The trait's arguments tell distinct impls apart (`From<u8>`, `From<u16>` for one type): kept.
          this.keptGenericArgs++;
          this.printPath(false);
          this.keptGenericArgs--;
        }
        this.print('>');
        break;
      }
      case 'I': {
        this.printPath(inValue);
        if (this.omitGenericArgs && this.keptGenericArgs === 0) {
          this.skipPrinting(() => this.printList(() => this.printGenericArg(), ''));
          break;
        }
        this.print(inValue ? '::<' : '<');
        this.printList(() => this.printGenericArg(), ', ');
        this.print('>');
        break;
      }
      case 'B':
        this.printBackref(() => this.printPath(inValue));
        break;
      default:
        fail();
    }
    this.input.popDepth();
  }

  private printGenericArg(): void {
    if (this.input.eat('L')) this.printLifetime(this.input.readInteger62());
    else if (this.input.eat('K')) this.printConst(false);
    else this.printType();
  }

  private printType(): void {
    const tag = this.input.next();
    const basic = BASIC_TYPES.get(tag);
    if (basic !== undefined) return this.print(basic);
    this.input.pushDepth();
    switch (tag) {
      case 'R':
      case 'Q': {
        this.print('&');
        if (this.input.eat('L')) {
          const lifetime = this.input.readInteger62();
          if (lifetime !== 0n) {
            this.printLifetime(lifetime);
            this.print(' ');
          }
        }
        if (tag === 'Q') this.print('mut ');
        this.printType();
        break;
      }
      case 'P':
      case 'O':
        this.print(tag === 'P' ? '*const ' : '*mut ');
        this.printType();
        break;
      case 'A':
      case 'S':
        this.print('[');
        this.printType();
        if (tag === 'A') {
          this.print('; ');
          this.printConst(true);
        }
        this.print(']');
        break;
      case 'T': {
        this.print('(');
        const count = this.printList(() => this.printType(), ', ');
        this.print(count === 1 ? ',)' : ')');
        break;
      }
      case 'F':
        this.printInBinder(() => this.printFnSignature());
        break;
      case 'D': {
        this.print('dyn ');
        this.printInBinder(() => void this.printList(() => this.printDynTrait(), ' + '));
        if (!this.input.eat('L')) fail();
        const lifetime = this.input.readInteger62();
        if (lifetime !== 0n) {
          this.print(' + ');
          this.printLifetime(lifetime);
        }
        break;
      }
      case 'B':
        this.printBackref(() => this.printType());
        break;
      case 'W':
        // Pattern types (`u32 is 1..=9`), newer than rustfilt's rustc-demangle 0.1.21.
        this.printType();
        this.print(' is ');
        this.printPattern();
        break;
      default:
        // Any other type is a path (an ADT, a closure, …).
        this.input.back();
        this.printPath(false);
    }
    this.input.popDepth();
  }

  /** `[unsafe ][extern "abi" ]fn(args)[ -> ret]`; `_` in the ABI name stands for `-`. */
  private printFnSignature(): void {
    const isUnsafe = this.input.eat('U');
    let abi: string | null = null;
    if (this.input.eat('K')) {
      if (this.input.eat('C')) abi = 'C';
      else {
        const identifier = this.input.readIdentifier();
        if (identifier.ascii === '' || identifier.punycode !== '') fail();
        abi = identifier.ascii;
      }
    }
    if (isUnsafe) this.print('unsafe ');
    if (abi !== null) this.print(`extern "${abi.replaceAll('_', '-')}" `);
    this.print('fn(');
    this.printList(() => this.printType(), ', ');
    this.print(')');
    if (!this.input.eat('u')) {
      this.print(' -> ');
      this.printType();
    }
  }

  /** One trait of a `dyn`: its path, generic arguments and `Name = Type` bindings share one `<…>`. */
  private printDynTrait(): void {
    let open = this.printPathWithOpenGenerics();
    while (this.input.eat('p')) {
      if (this.omitGenericArgs) {
        this.skipPrinting(() => {
          this.input.readIdentifier();
          this.printType();
        });
        continue;
      }
      this.print(open ? ', ' : '<');
      open = true;
      this.printIdentifier(this.input.readIdentifier());
      this.print(' = ');
      this.printType();
    }
    if (open) this.print('>');
  }

  /** Prints a path; for `I` paths leaves the `<…` open and returns true. */
  private printPathWithOpenGenerics(): boolean {
    if (this.input.eat('B')) {
      let open = false;
      this.printBackref(() => {
        open = this.printPathWithOpenGenerics();
      });
      return open;
    }
    if (!this.input.eat('I')) {
      this.printPath(false);
      return false;
    }
    this.printPath(false);
    if (this.omitGenericArgs) {
      this.skipPrinting(() => this.printList(() => this.printGenericArg(), ''));
      return false;
    }
    this.print('<');
    this.printList(() => this.printGenericArg(), ', ');
    return true;
  }

  private printPattern(): void {
    const tag = this.input.next();
    if (tag === 'R') {
      this.printConst(false);
      this.print('..=');
      this.printConst(false);
    } else if (tag === 'O') {
      this.input.pushDepth();
      this.printPattern();
      while (!this.input.eat('E')) {
        this.print(' | ');
        this.printPattern();
      }
      this.input.popDepth();
    } else if (tag === 'N') this.print('!null');
    else fail();
  }

  /** A const value; outside another value, anything but a literal is wrapped in `{…}`. */
  private printConst(inValue: boolean): void {
    const tag = this.input.next();
    this.input.pushDepth();
    let braced = false;
    const openBrace = (): void => {
      if (inValue) return;
      braced = true;
      this.print('{');
    };
    if (tag === 'p') this.print('_');
    else if (UNSIGNED_CONSTS.includes(tag)) this.printConstUint();
    else if (SIGNED_CONSTS.includes(tag)) {
      if (this.input.eat('n')) this.print('-');
      this.printConstUint();
    } else if (tag === 'b') {
      const value = parseHexUint(this.input.readHexNibbles());
      this.print(value === 0n ? 'false' : value === 1n ? 'true' : fail());
    } else if (tag === 'c') {
      const value = parseHexUint(this.input.readHexNibbles());
      const isChar = value !== null && value <= 0x10ffffn && !(value >= 0xd800n && value <= 0xdfffn);
      this.print(isChar ? quoteChars("'", String.fromCodePoint(Number(value))) : fail());
    } else if (tag === 'e') {
      // A `str` value: `*"…"`, since the literal itself is a `&str`.
      openBrace();
      this.print('*');
      this.printConstStr();
    } else if (tag === 'R' && this.input.eat('e')) this.printConstStr();
    else if (tag === 'R' || tag === 'Q') {
      openBrace();
      this.print(tag === 'R' ? '&' : '&mut ');
      this.printConst(true);
    } else if (tag === 'A') {
      openBrace();
      this.print('[');
      this.printList(() => this.printConst(true), ', ');
      this.print(']');
    } else if (tag === 'T') {
      openBrace();
      this.print('(');
      const count = this.printList(() => this.printConst(true), ', ');
      this.print(count === 1 ? ',)' : ')');
    } else if (tag === 'V') {
      openBrace();
      this.printPath(true);
      this.printConstFields();
    } else if (tag === 'B') this.printBackref(() => this.printConst(inValue));
    else fail();
    if (braced) this.print('}');
    this.input.popDepth();
  }

  /** The fields of an ADT value: `U` (unit), `T` (tuple-like) or `S` (named fields). */
  private printConstFields(): void {
    const kind = this.input.next();
    if (kind === 'U') return;
    if (kind === 'T') {
      this.print('(');
      this.printList(() => this.printConst(true), ', ');
      this.print(')');
    } else if (kind === 'S') {
      this.print(' { ');
      const printField = (): void => {
        this.input.readDisambiguator();
        this.printIdentifier(this.input.readIdentifier());
        this.print(': ');
        this.printConst(true);
      };
      this.printList(printField, ', ');
      this.print(' }');
    } else fail();
  }

  /** Decimal when it fits in a u64, else `0x` and the hex digits as mangled; no type suffix in alternate form. */
  private printConstUint(): void {
    const nibbles = this.input.readHexNibbles();
    const value = parseHexUint(nibbles);
    this.print(value === null ? `0x${nibbles}` : value.toString());
  }

  private printConstStr(): void {
    const text = decodeUtf8Hex(this.input.readHexNibbles());
    this.print(text === null ? fail() : quoteChars('"', text));
  }
}
