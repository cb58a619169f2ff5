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
  startedEpochMs: number,
  target: VerifyTarget,
): Verification {
  const { workingDirectory } = target;
  try {
    const linked = setup.timesLinks
      ? links.filter((link) => link.exitCode === 0).map((link) => path.resolve(workingDirectory, link.output))
      : target.findArtifacts().filter((file) => statSync(file).mtimeMs >= startedEpochMs);
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
