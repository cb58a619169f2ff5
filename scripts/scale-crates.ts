/**
 * The registry crates of the scale workspace, each with the Debian bookworm package that ships it, and the
 * workspace's member crates with what each one uses. Debian's registry holds one version per crate (a few
 * have two), so every version requirement here is the one Debian ships.
 */

/** A crate from Debian's registry: the version requirement members use and the package that installs it. */
export interface RegistryCrate {
  readonly crate: string;
  readonly version: string;
  readonly debianPackage: string;
}

/** The registry crates the members depend on directly; apt brings the rest of the build graph (~300 crates). */
export const SCALE_CRATES: readonly RegistryCrate[] = [
  ['anyhow', '1'],
  ['async-trait', '0.1'],
  ['base64', '0.13'],
  ['bincode', '1'],
  ['bytes', '1'],
  ['chrono', '0.4'],
  ['clap', '4'],
  ['console', '0.15'],
  ['crossbeam', '0.8'],
  ['crossterm', '0.25'],
  ['csv', '1'],
  ['dashmap', '5'],
  ['dirs', '4'],
  ['env_logger', '0.9'],
  ['flate2', '1'],
  ['futures', '0.3'],
  ['git2', '0.16'],
  ['http', '0.2'],
  ['hyper', '0.14'],
  ['ignore', '0.4'],
  ['image', '0.24'],
  ['indicatif', '0.17'],
  ['itertools', '0.10'],
  ['log', '0.4'],
  ['nom', '7'],
  ['num-bigint', '0.4'],
  ['once_cell', '1'],
  ['parking_lot', '0.12'],
  ['petgraph', '0.6'],
  ['prost', '0.11'],
  ['pulldown-cmark', '0.9'],
  ['quick-xml', '0.26'],
  ['rand', '0.8'],
  ['rayon', '1'],
  ['regex', '1'],
  ['reqwest', '0.11'],
  ['rmp-serde', '1'],
  ['ron', '0.7'],
  ['rusqlite', '0.28'],
  ['rustls', '0.20'],
  ['semver', '1'],
  ['serde', '1'],
  ['serde_json', '1'],
  ['serde_yaml', '0.8'],
  ['sha2', '0.10'],
  ['syntect', '5'],
  ['tar', '0.4'],
  ['tempfile', '3'],
  ['tera', '1'],
  ['thiserror', '1'],
  ['time', '0.3'],
  ['tokio', '1'],
  ['tokio-stream', '0.1'],
  ['tokio-util', '0.7'],
  ['toml', '0.5'],
  ['toml_edit', '0.14'],
  ['tower', '0.4'],
  ['tracing', '0.1'],
  ['tracing-subscriber', '0.3'],
  ['tui', '0.19'],
  ['url', '2'],
  ['uuid', '1'],
  ['walkdir', '2'],
  ['zip', '0.6'],
  ['zstd', '0.12'],
].map(([crate, version]) => ({ crate: crate!, version: version!, debianPackage: debianPackageOf(crate!) }));

/** Debian names a crate's package `librust-<name>-dev`, with `_` written as `-`. */
function debianPackageOf(crate: string): string {
  return `librust-${crate.replaceAll('_', '-')}-dev`;
}

/** A dependency of a member: a registry crate (by name, see SCALE_CRATES) or a sibling member (`path`). */
export interface MemberDependency {
  readonly crate: string;
  readonly features?: readonly string[];
  readonly path?: string;
}

export interface Member {
  readonly name: string;
  readonly kind: 'lib' | 'bin';
  readonly description: string;
  readonly dependencies: readonly MemberDependency[];
}

const core: MemberDependency = { crate: 'scale-core', path: '../scale-core' };

/** The members, libraries first; `app` depends on all of them and calls into each. */
export const SCALE_MEMBERS: readonly Member[] = [
  {
    name: 'scale-core',
    kind: 'lib',
    description: 'The shared model and its serialisations',
    dependencies: [
      { crate: 'serde', features: ['derive'] },
      { crate: 'serde_json' },
      { crate: 'serde_yaml' },
      { crate: 'toml' },
      { crate: 'ron' },
      { crate: 'rmp-serde' },
      { crate: 'bincode' },
      { crate: 'thiserror' },
      { crate: 'chrono', features: ['serde'] },
      { crate: 'uuid', features: ['v4', 'serde'] },
      { crate: 'time', features: ['formatting', 'parsing', 'macros'] },
      { crate: 'semver', features: ['serde'] },
      { crate: 'url', features: ['serde'] },
    ],
  },
  {
    name: 'scale-net',
    kind: 'lib',
    description: 'An HTTP service and its clients on tokio',
    dependencies: [
      core,
      { crate: 'anyhow' },
      { crate: 'serde_json' },
      { crate: 'tokio', features: ['full'] },
      { crate: 'tokio-util', features: ['codec'] },
      { crate: 'tokio-stream' },
      { crate: 'hyper', features: ['full'] },
      { crate: 'reqwest', features: ['json', 'rustls-tls', 'stream', 'blocking', 'cookies', 'multipart'] },
      { crate: 'rustls' },
      { crate: 'tower', features: ['full'] },
      { crate: 'futures' },
      { crate: 'bytes' },
      { crate: 'http' },
      { crate: 'async-trait' },
    ],
  },
  {
    name: 'scale-store',
    kind: 'lib',
    description: 'SQLite rows, a git history and compressed archives',
    dependencies: [
      core,
      { crate: 'anyhow' },
      { crate: 'serde_json' },
      { crate: 'chrono' },
      { crate: 'rusqlite', features: ['chrono', 'serde_json', 'uuid', 'functions', 'backup', 'blob'] },
      { crate: 'git2' },
      { crate: 'zstd' },
      { crate: 'flate2' },
      { crate: 'tar' },
      { crate: 'zip' },
      { crate: 'sha2' },
      { crate: 'base64' },
    ],
  },
  {
    name: 'scale-media',
    kind: 'lib',
    description: 'Charts rendered, encoded and decoded in every image format',
    dependencies: [core, { crate: 'image' }],
  },
  {
    name: 'scale-text',
    kind: 'lib',
    description: 'Markdown, highlighting, templates, parsers, XML and CSV',
    dependencies: [
      core,
      { crate: 'anyhow' },
      { crate: 'regex' },
      { crate: 'syntect' },
      { crate: 'pulldown-cmark' },
      { crate: 'tera' },
      { crate: 'nom' },
      { crate: 'quick-xml' },
      { crate: 'csv' },
      { crate: 'toml_edit' },
    ],
  },
  {
    name: 'scale-search',
    kind: 'lib',
    description: 'File walks, parallel hashing and dependency graphs',
    dependencies: [
      { crate: 'ignore' },
      { crate: 'walkdir' },
      { crate: 'rayon' },
      { crate: 'crossbeam' },
      { crate: 'dashmap' },
      { crate: 'parking_lot' },
      { crate: 'petgraph' },
      { crate: 'itertools' },
      { crate: 'once_cell' },
      { crate: 'rand' },
      { crate: 'num-bigint' },
      { crate: 'prost' },
    ],
  },
  {
    name: 'scale-ui',
    kind: 'lib',
    description: 'Arguments, logging, tracing, progress and a terminal frame',
    dependencies: [
      { crate: 'clap', features: ['derive', 'env', 'wrap_help'] },
      { crate: 'indicatif' },
      { crate: 'console' },
      { crate: 'crossterm' },
      { crate: 'tui' },
      { crate: 'env_logger' },
      { crate: 'log' },
      { crate: 'tracing-subscriber', features: ['env-filter', 'json'] },
      { crate: 'dirs' },
      { crate: 'tempfile' },
    ],
  },
  {
    name: 'app',
    kind: 'bin',
    description: 'The application: every member and every dependency in one binary',
    dependencies: [
      core,
      { crate: 'scale-net', path: '../scale-net' },
      { crate: 'scale-store', path: '../scale-store' },
      { crate: 'scale-media', path: '../scale-media' },
      { crate: 'scale-text', path: '../scale-text' },
      { crate: 'scale-search', path: '../scale-search' },
      { crate: 'scale-ui', path: '../scale-ui' },
      { crate: 'anyhow' },
      { crate: 'tracing' },
    ],
  },
];
