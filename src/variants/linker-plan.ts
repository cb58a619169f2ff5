/** How each linker variant is applied through the link shim, given what this machine has. Pure. */
import type { Linker } from '../config/config.js';
import type { LinkShimSpec } from '../shims/link-shim-env.js';

/** What decides how a variant links: the real driver, the mold found, and whether a system ld.lld exists. */
export interface LinkerTools {
  /** The driver rustc would run: the configured linker, or `cc`. */
  readonly realLinker: string;
  readonly mold: {
    /** Directory holding `ld.mold`, put first on PATH for `-fuse-ld=mold`. */
    readonly binDir: string;
    /**
     * A directory whose `ld` is mold, for a driver that does not know `-fuse-ld=mold` (GCC before 12.1): passed
     * as `-B`, mold's documented fallback. Null when the driver knows the flag.
     */
    readonly fallbackDir: string | null;
  } | null;
  /** An `ld.lld` on PATH (a system LLD). Without one, `-fuse-ld=lld` finds rustc's bundled rust-lld. */
  readonly systemLld: boolean;
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

/**
 * The shim's work for a variant. `default` links as rustc would have without the shim (the shim's name looks like
 * a wrapper to rustc, so rustc's lld selection is dropped for a `gcc` or `clang` driver); the others append their
 * choice, dropping rustc's selection where it would win or leave the wrong linker in the search path.
 */
export function planLinkShim(linker: Linker, tools: LinkerTools): LinkShimSpec {
  const { realLinker } = tools;
  const asRustcWould = !linkerKeepsBundledLld(realLinker);
  switch (linker) {
    case 'default':
      return { realLinker, dropBundledLld: asRustcWould, appendFlags: [], pathPrefix: null };
    case 'mold': {
      const mold = tools.mold;
      if (mold === null) throw new Error('The mold variant needs mold, and none was installed');
      if (mold.fallbackDir !== null) {
        // collect2 looks for `ld` in the -B directories first; rustc's own -fuse-ld=lld would win over it.
        return { realLinker, dropBundledLld: true, appendFlags: [`-B${mold.fallbackDir}`], pathPrefix: null };
      }
      return {
        realLinker,
        dropBundledLld: asRustcWould,
        appendFlags: ['-fuse-ld=mold'],
        pathPrefix: mold.binDir,
      };
    }
    case 'lld':
      // Without rustc's -B<gcc-ld>, the driver finds the system ld.lld on PATH; with it, rustc's bundled one.
      return { realLinker, dropBundledLld: tools.systemLld, appendFlags: ['-fuse-ld=lld'], pathPrefix: null };
    case 'bfd':
      return { realLinker, dropBundledLld: true, appendFlags: ['-fuse-ld=bfd'], pathPrefix: null };
    case 'toolchain':
      // `cc`, rustc's own choice, whatever the project configured; and none of the project's `-fuse-ld` flags.
      return {
        realLinker: 'cc',
        dropBundledLld: false,
        dropConfiguredLinker: true,
        appendFlags: [],
        pathPrefix: null,
      };
  }
}
