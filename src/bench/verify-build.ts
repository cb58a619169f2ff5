/** Checks, after one build, which linker linked what that build produced. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.js';
import type { LinkerCheck } from '../results/results.js';
import type { LinkRecord } from '../shims/link-log.js';
import { NotElfError } from '../variants/elf-comment.js';
import { checkLinker, LinkerMismatchError } from '../variants/verify-linker.js';
import type { VariantSetup } from './variant-setup.js';
import type { Variant } from '../config/config.js';

export type Verification =
  { readonly check: LinkerCheck | null } | { readonly check: LinkerCheck | null; readonly failure: string };

/**
 * Each artifact's identity before a build (inode, size, modification and change times to the nanosecond). A file
 * whose identity the build changed, or that it created, is one the build wrote. The files' times alone would not
 * tell: the kernel stamps them with a clock that ticks every few milliseconds, and a build that writes nothing can
 * start within the tick in which another variant's build wrote the file.
 */
export type ArtifactSnapshot = ReadonlyMap<string, string>;

function identity(file: string): string | null {
  try {
    const stat = statSync(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return null;
  }
}

export function snapshotArtifacts(files: readonly string[]): ArtifactSnapshot {
  return new Map(
    files.flatMap((file) => {
      const id = identity(file);
      return id === null ? [] : [[file, id] as const];
    }),
  );
}

/** The artifacts a build wrote: those it created or whose identity it changed. */
export function writtenSince(files: readonly string[], before: ArtifactSnapshot): string[] {
  return files.filter((file) => {
    const id = identity(file);
    return id !== null && id !== before.get(file);
  });
}

export interface VerifyTarget {
  readonly workingDirectory: string;
  /** Files of input `artifacts` (command builds). */
  readonly findArtifacts: () => string[];
  /** The workspace's cdylib names, to tell them from proc-macros among linked `.so` files. */
  readonly cdylibNames: ReadonlySet<string>;
}

/**
 * Cargo: the files the link shim saw being linked, executables and cdylibs first. Other commands: the
 * `artifacts` written by this build (older ones were linked by an earlier build, perhaps of another variant).
 * Null check: nothing to read.
 */
export function verifyBuild(
  variant: Variant,
  setup: VariantSetup,
  links: readonly LinkRecord[],
  artifactsBefore: ArtifactSnapshot | null,
  target: VerifyTarget,
): Verification {
  const { workingDirectory } = target;
  try {
    const linked = setup.timesLinks
      ? links.filter((link) => link.exitCode === 0).map((link) => path.resolve(workingDirectory, link.output))
      : writtenSince(target.findArtifacts(), artifactsBefore ?? new Map());
    const check = checkLinker(variant, linked, target.cdylibNames);
    if (!check) return { check: null };
    return { check: { ...check, files: check.files.map((file) => path.relative(workingDirectory, file)) } };
  } catch (error) {
    if (error instanceof LinkerMismatchError) return { check: error.check, failure: error.message };
    if (error instanceof ConfigError || error instanceof NotElfError)
      return { check: null, failure: error.message };
    throw error;
  }
}
