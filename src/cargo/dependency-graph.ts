/** The crates `cargo build` compiles, read from `cargo metadata --filter-platform <triple>` with its `resolve`. */
import semver from 'semver';
import type { CrateVersion, DependencyReport } from '../analysis/analysis.js';

interface MetadataDepKind {
  /** null: a normal dependency; `build` or `dev`. */
  readonly kind: string | null;
}
interface MetadataNodeDep {
  readonly pkg: string;
  /** Absent before cargo 1.41: every edge counts as normal then. */
  readonly dep_kinds?: readonly MetadataDepKind[];
}
interface MetadataNode {
  readonly id: string;
  readonly deps?: readonly MetadataNodeDep[];
  readonly dependencies?: readonly string[];
}
interface MetadataPackage {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly source: string | null;
}
interface ResolvedMetadata {
  readonly packages: readonly MetadataPackage[];
  readonly workspace_members: readonly string[];
  readonly resolve: { readonly nodes: readonly MetadataNode[] };
}

export class DependencyMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyMetadataError';
  }
}

function parseResolvedMetadata(json: string): ResolvedMetadata {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new DependencyMetadataError('cargo metadata printed something that is not JSON');
  }
  const metadata = (data ?? {}) as Partial<ResolvedMetadata>;
  if (!Array.isArray(metadata.packages) || !Array.isArray(metadata.workspace_members)) {
    throw new DependencyMetadataError('cargo metadata did not describe a workspace');
  }
  if (!Array.isArray(metadata.resolve?.nodes)) {
    throw new DependencyMetadataError('cargo metadata has no dependency graph (was it run with --no-deps?)');
  }
  return metadata as ResolvedMetadata;
}

/** Where a package comes from, by its metadata `source` (null: a path dependency or workspace member). */
function classifySource(source: string | null): CrateVersion['source'] {
  if (source === null) return 'path';
  if (source.startsWith('registry+') || source.startsWith('sparse+')) return 'registry';
  if (source.startsWith('git+')) return 'git';
  return 'other';
}

/** Edges a build follows: normal and build dependencies, not dev ones (tests, examples and benches only). */
function isBuildEdge(dep: MetadataNodeDep): boolean {
  return (
    dep.dep_kinds === undefined || dep.dep_kinds.some((kind) => kind.kind === null || kind.kind === 'build')
  );
}

/** The package ids reachable from the workspace members over build edges, members included. */
function collectBuildGraph(metadata: ResolvedMetadata): Set<string> {
  const nodes = new Map(metadata.resolve.nodes.map((node) => [node.id, node]));
  const reached = new Set<string>();
  const pending = [...metadata.workspace_members];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    const node = nodes.get(id);
    const next = node?.deps
      ? node.deps.filter(isBuildEdge).map((dep) => dep.pkg)
      : (node?.dependencies ?? []);
    pending.push(...next.filter((dep) => !reached.has(dep)));
  }
  return reached;
}

/** The dependency report of cargo metadata JSON; throws DependencyMetadataError for anything else. */
export function readDependencyReport(json: string): DependencyReport {
  const metadata = parseResolvedMetadata(json);
  const graph = collectBuildGraph(metadata);
  const crates = metadata.packages
    .filter((pkg) => graph.has(pkg.id))
    .map((pkg): CrateVersion => ({
      name: pkg.name,
      version: pkg.version,
      source: classifySource(pkg.source),
    }))
    .sort(compareCrates);
  const versions = new Map<string, string[]>();
  for (const crate of crates) versions.set(crate.name, [...(versions.get(crate.name) ?? []), crate.version]);
  const duplicates = [...versions]
    .filter(([, list]) => new Set(list).size > 1)
    .map(([name, list]) => ({ name, versions: [...new Set(list)] }));
  const members = new Set(metadata.workspace_members);
  return {
    crates,
    workspaceMembers: metadata.packages.filter((pkg) => members.has(pkg.id)).length,
    duplicates,
  };
}

/** Crates by name, then version (semver order), then source. */
export function compareCrates(a: CrateVersion, b: CrateVersion): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return compareVersions(a.version, b.version) || compareText(a.source, b.source);
}

/**
 * Semver precedence (build metadata breaks ties, so the order is total); strings that are not semver come after
 * every version, in string order, which keeps a sort consistent when the two meet.
 */
export function compareVersions(a: string, b: string): number {
  const [versionA, versionB] = [semver.parse(a), semver.parse(b)];
  if (versionA !== null && versionB !== null)
    return semver.compareBuild(versionA, versionB) || compareText(a, b);
  if (versionA !== null || versionB !== null) return versionA !== null ? -1 : 1;
  return compareText(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Crates (name and version) in `current` but not in `baseline`, and the other way round. */
export function diffDependencies(
  baseline: DependencyReport,
  current: DependencyReport,
): { added: CrateVersion[]; removed: CrateVersion[] } {
  const key = (crate: CrateVersion): string => `${crate.name}@${crate.version}`;
  const before = new Set(baseline.crates.map(key));
  const after = new Set(current.crates.map(key));
  return {
    added: current.crates.filter((crate) => !before.has(key(crate))).sort(compareCrates),
    removed: baseline.crates.filter((crate) => !after.has(key(crate))).sort(compareCrates),
  };
}
