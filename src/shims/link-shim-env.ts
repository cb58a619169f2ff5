/** What the link shim does for one variant, as the environment variables it reads (see shim.c). */
import { SHIM_ENV } from './shim-env.js';

export interface LinkShimSpec {
  /** The driver rustc would have run: the user's configured linker, or `cc`. */
  readonly realLinker: string;
  /** Remove rustc's bundled-lld selection (`-fuse-ld=lld`, `-B…/gcc-ld`) before running the driver. */
  readonly dropBundledLld: boolean;
  /** Remove every `-fuse-ld=` but rustc's own `-fuse-ld=lld` (a project's `link-arg`): the `toolchain` variant. */
  readonly dropConfiguredLinker?: boolean;
  /** Appended to the driver's arguments; a later `-fuse-ld` wins over rustc's. */
  readonly appendFlags: readonly string[];
  /** Directory put first on PATH for the driver (so `-fuse-ld=mold` finds `ld.mold`); null: keep PATH. */
  readonly pathPrefix: string | null;
}

export function linkShimEnv(spec: LinkShimSpec): Record<string, string> {
  return {
    [SHIM_ENV.realLinker]: spec.realLinker,
    [SHIM_ENV.dropLld]: spec.dropBundledLld ? '1' : '0',
    [SHIM_ENV.dropFuseLd]: spec.dropConfiguredLinker ? '1' : '0',
    [SHIM_ENV.linkAppend]: spec.appendFlags.join('\n'),
    [SHIM_ENV.pathPrefix]: spec.pathPrefix ?? '',
  };
}
