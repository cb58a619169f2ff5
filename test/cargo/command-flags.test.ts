import { describe, expect, it } from 'vitest';
import { readFeatureFlags, readPassedOnFlags, triplesInCommand } from '../../src/cargo/command-flags.js';

describe('the build flags passed on', () => {
  it('keeps profile, features, target and lock flags once each, in cargo spelling', () => {
    expect(
      readPassedOnFlags(
        `cargo build -r --profile=bench -F "serde derive" --features='x' -Fextra --all-features --no-default-features ` +
          '--target=aarch64-unknown-linux-gnu --target x86_64-unknown-linux-gnu --target-dir other -p app --locked',
      ),
    ).toEqual([
      '--release',
      '--all-features',
      '--no-default-features',
      '--locked',
      '--profile',
      'bench',
      '--features',
      'serde derive,x,extra',
      '--target',
      'aarch64-unknown-linux-gnu',
    ]);
    expect(readPassedOnFlags('cargo build --profile dev --features a,b --profile custom')).toEqual([
      '--profile',
      'custom',
      '--features',
      'a,b',
    ]);
    expect(readPassedOnFlags('cargo build --workspace --release && cargo test --release')).toEqual([
      '--release',
    ]);
    expect(readPassedOnFlags('cargo build --offline --frozen')).toEqual(['--offline', '--frozen']);
  });

  it('gives the feature flags alone for cargo metadata', () => {
    expect(
      readFeatureFlags('cargo build --release -F a --no-default-features --target x86_64-unknown-linux-gnu'),
    ).toEqual(['--no-default-features', '--features', 'a']);
    expect(readFeatureFlags('cargo build --release')).toEqual([]);
  });

  it('finds the triples of --target', () => {
    expect(triplesInCommand('cargo build --target=a-b-c --target x86_64-unknown-linux-gnu')).toEqual([
      'a-b-c',
      'x86_64-unknown-linux-gnu',
    ]);
  });
});
