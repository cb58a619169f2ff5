/** Checks, after one build, which linker linked what that build produced. */
import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.js';
import type { LinkerCheck } from '../results/results.js';
import type { Arm } from './execute.js';
import type { LinkRecord } from './link-shim-script.js';
import type { PlannedBuild } from './plan.js';
import type { VariantSetup } from './variant-setup.js';
import { checkLinker, LinkerMismatchError } from './verify-linker.js';

export type Verification =
  { readonly check: LinkerCheck | null } | { readonly check: LinkerCheck | null; readonly failure: string };

/**
 * Cargo: the files the shim saw being linked. Other commands: the `artifacts` written by this build
 * (older ones were linked by an earlier build, perhaps of another variant). Null check: nothing to read.
 */
export async function verifyBuild(
  build: PlannedBuild,
  setup: VariantSetup,
  links: readonly LinkRecord[],
  startedEpochMs: number,
  arm: Pick<Arm, 'workingDirectory' | 'findArtifacts'>,
): Promise<Verification> {
  const { workingDirectory } = arm;
  try {
    const linked = setup.timesLinks
      ? links.map((link) => path.resolve(workingDirectory, link.output))
      : (await arm.findArtifacts()).filter((file) => statSync(file).mtimeMs >= startedEpochMs);
    const check = checkLinker(build.variant, linked);
    if (!check) return { check: null };
    return { check: { ...check, files: check.files.map((file) => path.relative(workingDirectory, file)) } };
  } catch (error) {
    if (error instanceof LinkerMismatchError) return { check: error.check, failure: error.message };
    if (error instanceof ConfigError) return { check: null, failure: error.message };
    throw error;
  }
}
