/** Checks, after one build, which linker linked what that build produced, and which settings rustc received. */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.js';
import type { LinkerCheck, SettingProof } from '../results/results.js';
import type { CrateRecord, LinkRecord } from '../shims/link-log.js';
import { NotElfError } from '../variants/io/elf-comment.js';
import { checkLinker, LinkerMismatchError } from '../variants/io/verify-linker.js';
import { describeSetting } from '../cargo/cargo.js';
import { mergeProofs, proveSettings, SettingNotAppliedError } from '../variants/verify-settings.js';
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
  /** The workspace members' package names: a profile's own keys are proven on their crates. */
  readonly memberNames: ReadonlySet<string>;
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

/** The settings proofs so far with this build's added, or why a setting did not reach rustc. */
export function verifySettings(
  arm: { readonly variant: Variant; readonly setup: VariantSetup; readonly verify: VerifyTarget },
  crates: readonly CrateRecord[],
  known: readonly SettingProof[],
): { readonly proofs: SettingProof[] } | { readonly failure: string } {
  if (arm.setup.settings.length === 0) return { proofs: [...known] };
  try {
    const proofs = proveSettings(arm.variant, arm.setup.settings, crates, arm.verify.memberNames);
    return { proofs: mergeProofs(known, proofs) };
  } catch (error) {
    if (error instanceof SettingNotAppliedError) return { failure: error.message };
    throw error;
  }
}

/** Why a settings variant that built is not proven at the end, or null when every setting is. */
export function describeUnprovenSettings(
  arm: { readonly variant: Variant; readonly setup: VariantSetup },
  proofs: readonly SettingProof[],
): string | null {
  const { settings, timesCrates } = arm.setup;
  if (settings.length === 0) return null;
  if (!timesCrates) {
    return `The '${arm.variant}' variant could not be proven: the rustc wrapper that reads rustc's options is not in place (it needs Linux and a C compiler: cc, gcc or clang).`;
  }
  const missing = settings
    .map(describeSetting)
    .filter((setting) => !proofs.some((proof) => proof.variant === arm.variant && proof.setting === setting));
  if (missing.length === 0) return null;
  return (
    `The setting${missing.length === 1 ? '' : 's'} ${missing.map((item) => `'${item}'`).join(', ')} of the ` +
    `'${arm.variant}' variant could not be proven, as no crate ${missing.length === 1 ? 'it applies' : 'they apply'} ` +
    'to was compiled. A profile key applies to the workspace members, `package.<name>` to that package, ' +
    '`package."*"` to dependencies, and `build-override` to build scripts and proc-macros'
  );
}

/** Kept in a settings variant's target directory: the proofs of the crates compiled there. */
const PROOFS_FILE = 'build-bench-proofs.json';

/** The proofs an earlier run stored for this variant's target directory; none when unreadable. */
export function readStoredProofs(targetDir: string, variant: Variant): SettingProof[] {
  try {
    const stored: unknown = JSON.parse(readFileSync(path.join(targetDir, PROOFS_FILE), 'utf8'));
    if (!Array.isArray(stored)) return [];
    return stored
      .filter(
        (item: Partial<SettingProof>): item is SettingProof =>
          item.variant === variant &&
          typeof item.setting === 'string' &&
          Array.isArray(item.flags) &&
          typeof item.crates === 'number',
      )
      .map((proof) => ({ ...proof, fromEarlierRun: true }));
  } catch {
    return [];
  }
}

/** Stores the proofs for the next run, whose builds may find every crate fresh. */
export function storeProofs(targetDir: string, proofs: readonly SettingProof[]): void {
  if (proofs.length === 0) return;
  try {
    writeFileSync(path.join(targetDir, PROOFS_FILE), `${JSON.stringify(proofs, null, 2)}\n`);
  } catch {
    // The target directory is gone (a failed clean build): the next run proves its settings again.
  }
}
