/** Before any build: `settings: recommended` expanded for this project and toolchain, and nightly-only keys refused on stable. */
import { readBuildSettings } from '../cargo/cargo.js';
import type { CargoProject } from '../cargo/cargo.js';
import { ConfigError, type Config, type Variant } from '../config/config.js';
import type { Logger, ProcessRunner } from '../system/ports.js';
import { PROFILE_KEYS } from '../cargo/cargo.js';
import { recommendSettings } from './recommended-settings.js';
import { hasSettings, nameVariant, parseVariant } from './variant-spec.js';
import { describeSetting } from '../cargo/cargo.js';

export interface SettingsProject {
  readonly workspaceRoot: string;
  readonly triple: string;
  /** `rustc -vV`'s first line, e.g. `rustc 1.95.0 (…)`. */
  readonly rustcVersion: string;
  /** Whether any workspace member depends on a package outside the workspace (one `package."*"` applies to). */
  readonly hasDependencies: boolean;
}

/** What settings need to know of a Cargo project. */
export function settingsProjectOf(cargo: CargoProject): SettingsProject {
  return {
    workspaceRoot: cargo.workspaceRoot,
    triple: cargo.triples[0]!,
    rustcVersion: cargo.rustcVersion,
    // A path dependency outside the workspace is a dependency too: `package."*"` covers every non-member.
    hasDependencies: cargo.metadata.packages.some((pkg) =>
      pkg.dependencies.some((dep) => !cargo.metadata.packages.some((member) => member.name === dep.name)),
    ),
  };
}

export interface SettingsDeps {
  readonly runner: ProcessRunner;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
}

/** A key that needs cargo's `-Z` on a toolchain that is not nightly: an error naming it, before any build. */
export function refuseNightlyKeys(variants: readonly Variant[], rustcVersion: string): void {
  if (/nightly|-dev/.test(rustcVersion)) return;
  for (const variant of variants) {
    for (const setting of parseVariant(variant).settings) {
      const unstable = PROFILE_KEYS[setting.key]?.unstable ?? null;
      if (unstable === null) continue;
      throw new ConfigError(
        'settings',
        describeSetting(setting),
        `\`${setting.key}\` needs a nightly toolchain (cargo's unstable \`${unstable}\`); this one is ${rustcVersion}`,
      );
    }
  }
}

/** `package."*"` in a workspace without dependencies applies to no crate, so it could never be proven. */
export function refuseSettingsForDependencies(variants: readonly Variant[]): void {
  for (const variant of variants) {
    const setting = parseVariant(variant).settings.find(
      (item) => item.scope.kind === 'package' && item.scope.spec === '*',
    );
    if (setting === undefined) continue;
    throw new ConfigError(
      'settings',
      describeSetting(setting),
      '`package."*"` applies to the dependencies, and the workspace has none outside itself',
    );
  }
}

/** The variants to measure: those given, and with `recommended` the curated ones this project lacks. */
export async function resolveSettingsVariants(
  config: Config,
  variants: readonly Variant[],
  project: SettingsProject,
  deps: SettingsDeps,
): Promise<{ variants: Variant[]; notes: string[] }> {
  const notes: string[] = [];
  const all = [...variants];
  if (config.recommendedSettings) {
    const outcome = await readBuildSettings(
      {
        workingDirectory: config.workingDirectory,
        workspaceRoot: project.workspaceRoot,
        command: config.command,
        triple: project.triple,
        env: deps.env,
      },
      deps.runner,
    );
    if (outcome.settings === null) {
      notes.push(`settings: recommended added nothing: ${outcome.problems.join(' ')}`);
    } else {
      const recommendation = recommendSettings(outcome.settings, project.rustcVersion, all);
      const added = recommendation.variants.map(nameVariant);
      all.push(...added);
      const left =
        recommendation.leftOut.length > 0 ? ` Left out: ${recommendation.leftOut.join('; ')}.` : '';
      const profile = `the ${outcome.settings.profile} profile (opt-level ${outcome.settings.optLevel.value})`;
      notes.push(
        `settings: recommended measured ${added.length > 0 ? added.join(', ') : 'nothing'} for ${profile}.${left}`,
      );
    }
  }
  refuseNightlyKeys(all, project.rustcVersion);
  if (!project.hasDependencies) refuseSettingsForDependencies(all);
  if (all.some(hasSettings)) {
    notes.push(
      'Settings variants build with CARGO_PROFILE_<PROFILE>_<KEY> variables (package overrides: --config after ' +
        "cargo), with default's linker unless joined to another; the codegen options rustc received prove each setting.",
    );
  }
  for (const note of notes) deps.logger.info(note);
  return { variants: all, notes };
}
