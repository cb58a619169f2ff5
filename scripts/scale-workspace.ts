/**
 * A large real Cargo workspace for `npm run bench:scale`, built offline from Debian's packaged crates: seven
 * libraries and an `app` binary over ~300 crates (tokio, hyper, reqwest, rusqlite, git2, image, syntect, …),
 * whose final link has hundreds of arguments. The Rust sources live in `scripts/scale-sources/`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../test/support/fixture-project.js';
import { SCALE_CRATES, SCALE_MEMBERS, type Member, type MemberDependency } from './scale-crates.js';

export { SCALE_CRATES, SCALE_MEMBERS } from './scale-crates.js';

/** Where Debian's `librust-*-dev` packages put crate sources: a Cargo directory source. */
export const DEBIAN_REGISTRY = '/usr/share/cargo/registry';

/** Every Debian package the workspace needs, for one `apt-get install` line (apt brings their dependencies). */
export const SCALE_DEBIAN_PACKAGES: readonly string[] = SCALE_CRATES.map((entry) => entry.debianPackage);

const SOURCES_DIR = path.join(REPO_ROOT, 'scripts', 'scale-sources');

export interface ScaleWorkspace {
  /** The workspace root (holds `Cargo.toml` and `.cargo/config.toml`). */
  readonly directory: string;
  /** The member crates, libraries first and `app` last. */
  readonly crates: readonly string[];
  /** The app's `main.rs`: the file an incremental scenario touches. */
  readonly appSource: string;
}

export type ScalePackageCheck =
  { readonly ok: true } | { readonly ok: false; readonly missing: string[]; readonly installCommand: string };

/** Writes the workspace into `parentDir/scale-workspace` (the directory must not exist yet). */
export function createScaleWorkspace(parentDir: string, registry = DEBIAN_REGISTRY): ScaleWorkspace {
  const directory = path.join(parentDir, 'scale-workspace');
  if (existsSync(directory)) throw new Error(`The scale workspace already exists: ${directory}`);
  mkdirSync(path.join(directory, '.cargo'), { recursive: true });
  writeFileSync(path.join(directory, 'Cargo.toml'), workspaceManifest());
  writeFileSync(path.join(directory, '.cargo', 'config.toml'), sourceReplacement(registry));
  for (const member of SCALE_MEMBERS) {
    const crateDir = path.join(directory, 'crates', member.name);
    mkdirSync(path.join(crateDir, 'src'), { recursive: true });
    writeFileSync(path.join(crateDir, 'Cargo.toml'), memberManifest(member));
    const source = readFileSync(path.join(SOURCES_DIR, `${member.name}.rs`), 'utf8');
    writeFileSync(path.join(crateDir, 'src', member.kind === 'bin' ? 'main.rs' : 'lib.rs'), source);
  }
  return {
    directory,
    crates: SCALE_MEMBERS.map((member) => member.name),
    appSource: path.join(directory, 'crates', 'app', 'src', 'main.rs'),
  };
}

/** Whether the registry holds a version of every crate the members use; if not, the apt line that fixes it. */
export function checkScalePackages(registry = DEBIAN_REGISTRY): ScalePackageCheck {
  const present = existsSync(registry) ? readdirSync(registry) : [];
  const missing = SCALE_CRATES.filter(
    (entry) => !present.some((name) => name.startsWith(`${entry.crate}-${entry.version}.`)),
  ).map((entry) => entry.debianPackage);
  if (missing.length === 0) return { ok: true };
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const installCommand = `${sudo}apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  return { ok: false, missing, installCommand };
}

function workspaceManifest(): string {
  const members = SCALE_MEMBERS.map((member) => `  "crates/${member.name}",`).join('\n');
  return `[workspace]\nresolver = "2"\nmembers = [\n${members}\n]\n`;
}

/** Cargo takes every crates.io dependency from Debian's registry instead; there is no network. */
function sourceReplacement(registry: string): string {
  return [
    '[source.crates-io]',
    'replace-with = "debian-packages"',
    '',
    '[source.debian-packages]',
    `directory = ${JSON.stringify(registry)}`,
    '',
    '[net]',
    'offline = true',
    '',
  ].join('\n');
}

function memberManifest(member: Member): string {
  const lines = [
    '[package]',
    `name = "${member.name}"`,
    'version = "0.1.0"',
    'edition = "2021"',
    'publish = false',
    `description = "${member.description}"`,
    '',
    '[dependencies]',
    ...member.dependencies.map(dependencyLine),
    '',
  ];
  return lines.join('\n');
}

function dependencyLine(dependency: MemberDependency): string {
  const fields =
    dependency.path !== undefined
      ? [`path = "${dependency.path}"`]
      : [`version = "${registryVersion(dependency.crate)}"`];
  if (dependency.features !== undefined) {
    fields.push(`features = [${dependency.features.map((feature) => `"${feature}"`).join(', ')}]`);
  }
  return `${dependency.crate} = { ${fields.join(', ')} }`;
}

function registryVersion(crate: string): string {
  const entry = SCALE_CRATES.find((candidate) => candidate.crate === crate);
  if (entry === undefined) throw new Error(`${crate} is not in SCALE_CRATES`);
  return entry.version;
}
