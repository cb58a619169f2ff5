/**
 * Everything build-bench knows about Cargo, asked through this one entry: the project and its members (`cargo
 * metadata`), the packages a command builds, the linker a project configures, the command's flags, the profiles
 * and their settings (what rustc received, and how a settings variant reaches cargo), and the crates the build
 * compiles. The rest of the code imports from here, never from the files behind it (checked in CI).
 */
export * from './apply-settings.js';
export * from './build-flags.js';
export * from './build-settings.js';
export * from './built-packages.js';
export * from './cargo-metadata.js';
export * from './cargo-project.js';
export * from './command-flags.js';
export * from './io/configured-linker.js';
export * from './dependency-graph.js';
export * from './profile-keys.js';
export * from './io/read-build-settings.js';
export * from './io/read-dependencies.js';
export * from './profile-setting.js';
export * from './setting-warnings.js';
