/** Reads `cargo metadata --no-deps` output: where targets go and which file the incremental scenario touches. */

interface MetadataTarget {
  readonly kind: readonly string[];
  readonly name: string;
  readonly src_path: string;
}
interface MetadataDependency {
  readonly name: string;
  readonly path?: string;
}
interface MetadataPackage {
  readonly id: string;
  readonly name: string;
  readonly manifest_path: string;
  readonly targets: readonly MetadataTarget[];
  readonly dependencies: readonly MetadataDependency[];
}
export interface CargoMetadata {
  readonly packages: readonly MetadataPackage[];
  readonly workspace_members: readonly string[];
  /** What `cargo build` at the root builds (cargo 1.71 and later): `default-members`, else the root package or all. */
  readonly workspace_default_members?: readonly string[];
  readonly workspace_root: string;
  readonly target_directory: string;
}

export class CargoMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CargoMetadataError';
  }
}

export function parseCargoMetadata(json: string): CargoMetadata {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new CargoMetadataError('cargo metadata printed something that is not JSON');
  }
  const metadata = (data ?? {}) as Partial<CargoMetadata>;
  if (!Array.isArray(metadata.packages) || typeof metadata.target_directory !== 'string') {
    throw new CargoMetadataError('cargo metadata did not describe a workspace');
  }
  return metadata as CargoMetadata;
}

export interface TopCrate {
  readonly packageName: string;
  readonly targetName: string;
  readonly kind: 'bin' | 'lib';
  /** Absolute path of the crate's root source file. */
  readonly srcPath: string;
}

/** Which members the build command builds (all when absent), and the binaries it names with `--bin`. */
export interface TopCrateScope {
  readonly selected: readonly string[];
  readonly binaries: readonly string[];
  readonly libraryOnly: boolean;
}

/**
 * The top crate of what the command builds: a built member no other member depends on, preferring one with a
 * binary (the one `--bin` names, when it names one), then the package at the workspace root, then the name. Its
 * root source file is what `touch` defaults to.
 */
export function findTopCrate(metadata: CargoMetadata, scope: TopCrateScope | null = null): TopCrate | null {
  const members = metadata.packages.filter(
    (pkg) =>
      metadata.workspace_members.includes(pkg.id) && (scope === null || scope.selected.includes(pkg.name)),
  );
  const named = scope?.binaries ?? [];
  const dependedOn = new Set(members.flatMap((pkg) => pkg.dependencies.map((dep) => dep.name)));
  const atRoot = (pkg: MetadataPackage): boolean =>
    pkg.manifest_path === `${metadata.workspace_root}/Cargo.toml`;
  const rank = (pkg: MetadataPackage): [number, number, number, string] => [
    dependedOn.has(pkg.name) ? 1 : 0,
    pkg.targets.some((target) => target.kind.includes('bin')) ? 0 : 1,
    atRoot(pkg) ? 0 : 1,
    pkg.name,
  ];
  const ordered = [...members].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let index = 0; index < ra.length; index++) {
      if (ra[index] !== rb[index]) return ra[index]! < rb[index]! ? -1 : 1;
    }
    return 0;
  });
  for (const pkg of ordered) {
    const bin = pkg.targets.find(
      (target) =>
        target.kind.includes('bin') &&
        !scope?.libraryOnly &&
        (named.length === 0 || named.includes(target.name)),
    );
    if (bin) return { packageName: pkg.name, targetName: bin.name, kind: 'bin', srcPath: bin.src_path };
    const lib = pkg.targets.find((target) => target.kind.some((kind) => kind.endsWith('lib')));
    if (lib) return { packageName: pkg.name, targetName: lib.name, kind: 'lib', srcPath: lib.src_path };
  }
  return null;
}
