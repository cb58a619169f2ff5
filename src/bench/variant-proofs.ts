/**
 * What proves each arm's variant over a run: the linker read from what its builds linked (once per scenario),
 * and its settings from the options rustc received in every build. At the end, an arm that built but was never
 * proven is an error (or, where linkers cannot be read, a note).
 */
import type { Config } from '../config/config.js';
import type { LinkerCheck, SettingProof } from '../results/results.js';
import { linkerOf } from '../variants/variant-spec.js';
import type { Side } from '../rounds/plan.js';
import type { Arm, BuildRun } from './run-build.js';
import {
  describeUnprovenSettings,
  readStoredProofs,
  storeProofs,
  verifyBuild,
  verifySettings,
} from './verify-build.js';

/** What the end of a run says about an arm that is not proven: a failure, a note, or nothing. */
export type ProofGap = { readonly failure: string } | { readonly note: string } | null;

export class VariantProofs {
  private readonly linkers: Record<Side, Map<string, LinkerCheck>> = { head: new Map(), base: new Map() };
  private readonly settings: Record<Side, SettingProof[]> = { head: [], base: [] };
  /** `side/variant/scenario` whose linker was read: one read per scenario is enough. */
  private readonly checked = new Set<string>();

  /** After a successful build: why it disproves its variant, or null. */
  afterBuild(arm: Arm, scenario: string, run: BuildRun): string | null {
    // Every build's crates are checked: each compiles only some, and any of them may have lost a setting.
    const settings = verifySettings(arm, run.crates, this.settings[arm.side]);
    if ('failure' in settings) return settings.failure;
    this.settings[arm.side] = settings.proofs;
    const key = `${arm.side}/${arm.variant}/${scenario}`;
    if (this.checked.has(key)) return null;
    const verified = verifyBuild(arm.variant, arm.setup, run.links, run.artifactsBefore, arm.verify);
    if (verified.check) this.linkers[arm.side].set(arm.variant, verified.check);
    if ('failure' in verified) return verified.failure;
    if (verified.check) this.checked.add(key);
    return null;
  }

  /**
   * At the end, for an arm that built: its settings must be proven (by this run's builds, or by the proofs the last
   * run stored with its target directory, whose crates cargo found fresh), and a variant other than `default` must
   * have had its linker read.
   */
  checkAtEnd(arm: Arm, config: Config): ProofGap {
    this.addStoredProofs(arm);
    const unproven = describeUnprovenSettings(arm, this.settings[arm.side]);
    if (unproven !== null) return { failure: unproven };
    if (this.linkers[arm.side].has(arm.variant)) return null;
    const why =
      config.buildSystem === 'command'
        ? "no file of input 'artifacts' was written by its builds."
        : !arm.setup.timesLinks
          ? 'links are timed and read on Linux only.'
          : 'nothing went through the link shim (nothing was linked, or RUSTFLAGS set `-C linker`).';
    if (linkerOf(arm.variant) !== 'default' && (arm.setup.timesLinks || config.buildSystem === 'command')) {
      return { failure: `The '${arm.variant}' variant could not be verified: ${why}` };
    }
    return arm.side === 'head'
      ? { note: `The linker of the '${arm.variant}' variant is not verified: ${why}` }
      : null;
  }

  linkersOf(side: Side): LinkerCheck[] {
    return [...this.linkers[side].values()];
  }

  settingProofsOf(side: Side): SettingProof[] {
    return this.settings[side];
  }

  private addStoredProofs(arm: Arm): void {
    if (arm.setup.settings.length === 0) return;
    const own = this.settings[arm.side].filter((proof) => proof.variant === arm.variant);
    const stored = readStoredProofs(arm.setup.targetDir, arm.variant).filter(
      (proof) => !own.some((item) => item.setting === proof.setting),
    );
    this.settings[arm.side] = [...this.settings[arm.side], ...stored];
    storeProofs(arm.setup.targetDir, [...own, ...stored]);
  }
}
