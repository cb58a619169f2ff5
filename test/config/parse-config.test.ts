import { parseThreshold } from '../../src/config/parse-threshold.js';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { type ConfigFacts } from '../../src/config/config-facts.js';
import { type RawInputs, splitList } from '../../src/config/parse-inputs.js';
import { DEFAULT_MOLD_VERSION, MOLD_RELEASE_BASE_URL } from '../../src/install/mold-release.js';

const BASE = '/work/repo';

/** Facts of a machine where only the listed directories hold a Cargo.toml. */
function factsWith(manifestDirectories: readonly string[] = [BASE]): ConfigFacts {
  return { baseDirectory: BASE, hasCargoManifest: (directory) => manifestDirectories.includes(directory) };
}

/** The ConfigError that parsing `raw` throws; fails the test when it parses. */
function rejectionOf(raw: RawInputs, facts: ConfigFacts = factsWith()): ConfigError {
  try {
    parseConfig(raw, facts);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('splitList', () => {
  it.each([
    { value: 'clean, incremental', items: ['clean', 'incremental'] },
    { value: 'clean\nincremental\n', items: ['clean', 'incremental'] },
    { value: ' a ,\n b ,, c ', items: ['a', 'b', 'c'] },
    { value: 'src/a file.rs', items: ['src/a file.rs'] },
    { value: '', items: [] },
    { value: ' , \n ,', items: [] },
  ])('$value', ({ value, items }) => {
    expect(splitList(value)).toEqual(items);
  });
});

describe('parseConfig defaults', () => {
  it('gives the documented defaults for a Cargo project', () => {
    expect(parseConfig({}, factsWith())).toEqual({
      mode: 'run',
      compareTo: 'cache',
      compareToAuto: true,
      compareFile: null,
      base: { ref: null, scenarios: [] },
      id: 'build-bench',
      workingDirectory: BASE,
      buildSystem: 'cargo',
      command: 'cargo build',
      cleanCommand: null,
      scenarios: ['clean', 'incremental'],
      variants: ['default', 'mold'],
      recommendedSettings: false,
      gatedVariant: 'default',
      touchPatterns: [],
      artifactPatterns: [],
      runs: 5,
      cleanRuns: 1,
      maxRuns: 50,
      timeBudgetMs: 600_000,
      warmup: 1,
      editPatch: null,
      mold: { version: DEFAULT_MOLD_VERSION, sha256: null, releaseBaseUrl: MOLD_RELEASE_BASE_URL },
      resultsPath: null,
      historyFile: null,
      buildTimeoutMs: 60 * 60_000,
      llvmLines: { enabled: false, packages: [] },
      gate: {
        thresholds: parseThreshold('5%'),
        failOn: 'regression',
        allowCrossMachine: false,
        llvmLinesThreshold: null,
      },
      baseline: { save: 'auto', historySize: 10 },
      comment: { mode: 'always', token: '' },
      exportFormats: [],
    });
  });

  it('treats blank inputs as absent', () => {
    const config = parseConfig({ runs: '  ', scenarios: '', linkers: '\n', command: ' ' }, factsWith());
    expect([config.runs, config.scenarios, config.variants, config.command]).toEqual([
      5,
      ['clean', 'incremental'],
      ['default', 'mold'],
      'cargo build',
    ]);
  });
});

describe('parseConfig accepted values', () => {
  it.each([
    {
      name: 'scenarios in any order',
      raw: { scenarios: 'noop, clean, incremental' },
      key: 'scenarios',
      value: ['clean', 'incremental', 'noop'],
    },
    {
      name: 'scenarios on lines',
      raw: { scenarios: 'noop\nincremental' },
      key: 'scenarios',
      value: ['incremental', 'noop'],
    },
    { name: 'scenario case', raw: { scenarios: 'Clean, NOOP' }, key: 'scenarios', value: ['clean', 'noop'] },
    {
      name: 'linker order kept',
      raw: { linkers: 'mold, lld, default, bfd' },
      key: 'variants',
      value: ['mold', 'lld', 'default', 'bfd'],
    },
    { name: 'runs upper bound', raw: { runs: '100', 'max-runs': '100' }, key: 'runs', value: 100 },
    { name: 'runs lower bound', raw: { runs: '1' }, key: 'runs', value: 1 },
    { name: 'clean-runs upper bound', raw: { 'clean-runs': '20' }, key: 'cleanRuns', value: 20 },
    { name: 'warmup 0', raw: { warmup: '0' }, key: 'warmup', value: 0 },
    { name: 'warmup 10', raw: { warmup: '10' }, key: 'warmup', value: 10 },
    { name: 'build timeout', raw: { 'build-timeout-minutes': '3' }, key: 'buildTimeoutMs', value: 180_000 },
    {
      name: 'build timeout of a day',
      raw: { 'build-timeout-minutes': '1440' },
      key: 'buildTimeoutMs',
      value: 86_400_000,
    },
    { name: 'id characters', raw: { id: 'a.B_c-9' }, key: 'id', value: 'a.B_c-9' },
    { name: 'trimmed id', raw: { id: '  linux  ' }, key: 'id', value: 'linux' },
    {
      name: 'touch list',
      raw: { touch: 'src/lib.rs\nsrc/**/*.rs' },
      key: 'touchPatterns',
      value: ['src/lib.rs', 'src/**/*.rs'],
    },
    {
      name: 'artifact list',
      raw: { artifacts: 'out/app, out/tool' },
      key: 'artifactPatterns',
      value: ['out/app', 'out/tool'],
    },
    {
      name: 'relative results path',
      raw: { 'results-path': 'out/results.json' },
      key: 'resultsPath',
      value: `${BASE}/out/results.json`,
    },
    {
      name: 'absolute results path',
      raw: { 'results-path': '/tmp/r.json' },
      key: 'resultsPath',
      value: '/tmp/r.json',
    },
    {
      name: 'cargo command with flags',
      raw: { command: 'cargo build --release' },
      key: 'buildSystem',
      value: 'cargo',
    },
    { name: 'bare cargo command', raw: { command: 'cargo' }, key: 'buildSystem', value: 'cargo' },
    {
      name: 'given command kept',
      raw: { command: 'cargo build --release' },
      key: 'command',
      value: 'cargo build --release',
    },
  ] as const)('$name', ({ raw, key, value }) => {
    expect(parseConfig(raw, factsWith())[key]).toEqual(value);
  });

  it.each([
    { given: 'v2.42.1', version: '2.42.1' },
    { given: '2.42.1', version: '2.42.1' },
    { given: '2.40', version: '2.40' },
    { given: 'any', version: 'any' },
  ])('mold-version $given', ({ given, version }) => {
    expect(parseConfig({ 'mold-version': given }, factsWith()).mold.version).toBe(version);
  });

  it('lower-cases the SHA-256 and drops trailing slashes of the release URL', () => {
    const sha = 'AB'.repeat(32);
    const config = parseConfig(
      { 'mold-sha256': sha, 'mold-release-url': 'http://127.0.0.1:8080/releases//' },
      factsWith(),
    );
    expect(config.mold).toEqual({
      version: DEFAULT_MOLD_VERSION,
      sha256: 'ab'.repeat(32),
      releaseBaseUrl: 'http://127.0.0.1:8080/releases',
    });
  });

  it('resolves a relative working directory against the base directory', () => {
    const facts = factsWith([`${BASE}/crates/app`]);
    const config = parseConfig(
      { 'working-directory': 'crates/app/', 'results-path': 'results/r.json' },
      facts,
    );
    expect([config.workingDirectory, config.buildSystem, config.resultsPath]).toEqual([
      `${BASE}/crates/app`,
      'cargo',
      `${BASE}/results/r.json`,
    ]);
  });

  it('asks about the manifest in the resolved working directory', () => {
    const asked: string[] = [];
    parseConfig(
      { 'working-directory': 'sub' },
      {
        baseDirectory: BASE,
        hasCargoManifest: (directory) => {
          asked.push(directory);
          return true;
        },
      },
    );
    expect(asked).toEqual([`${BASE}/sub`]);
  });

  it('runs a non-Cargo command in a Cargo directory as a plain command', () => {
    const config = parseConfig(
      { command: 'make', 'clean-command': 'make clean', artifacts: 'out/app', touch: 'src/main.c' },
      factsWith(),
    );
    expect([config.buildSystem, config.command, config.cleanCommand]).toEqual([
      'command',
      'make',
      'make clean',
    ]);
  });

  it('runs a command without a Cargo.toml as a plain command', () => {
    const config = parseConfig(
      {
        command: 'cargo build',
        scenarios: 'incremental',
        linkers: 'mold, default',
        artifacts: 'target/debug/app',
        touch: 'src/main.rs',
      },
      factsWith([]),
    );
    expect([config.buildSystem, config.cleanCommand, config.variants]).toEqual([
      'command',
      null,
      ['mold', 'default'],
    ]);
  });

  it('takes a command like cargo-build as a plain command', () => {
    const config = parseConfig(
      { command: 'cargo-build', scenarios: 'noop', linkers: 'default' },
      factsWith(),
    );
    expect(config.buildSystem).toBe('command');
  });
});

describe('parseConfig checks paths when it is told what is there', () => {
  const kinds: Record<string, 'file' | 'directory'> = { [BASE]: 'directory', [`${BASE}/out`]: 'directory' };
  const facts = { ...factsWith(), pathKind: (file: string) => kinds[file] ?? ('missing' as const) };

  it.each([
    {
      raw: { 'working-directory': 'nowhere' },
      input: 'working-directory',
      bad: `${BASE}/nowhere is not a directory`,
    },
    { raw: { 'results-path': 'out' }, input: 'results-path', bad: 'is a directory' },
  ])('rejects $input $raw', ({ raw, input, bad }) => {
    let caught: unknown;
    try {
      parseConfig(raw, facts);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).input).toBe(input);
    expect((caught as ConfigError).message).toContain(bad);
  });

  it('accepts an existing working directory and a new results file', () => {
    expect(parseConfig({ 'results-path': 'out/results.json' }, facts).resultsPath).toBe(
      `${BASE}/out/results.json`,
    );
  });
});

describe('parseConfig rejections', () => {
  it.each([
    { name: 'unknown scenario', raw: { scenarios: 'clean, warm' }, input: 'scenarios', bad: 'warm' },
    { name: 'duplicate scenario', raw: { scenarios: 'clean, Clean' }, input: 'scenarios', bad: 'Clean' },
    { name: 'unknown linker', raw: { linkers: 'default, gold' }, input: 'linkers', bad: 'gold' },
    { name: 'duplicate linker', raw: { linkers: 'mold, default, mold' }, input: 'linkers', bad: 'mold' },
    { name: 'empty scenario list', raw: { scenarios: ' , ' }, input: 'scenarios', bad: '","' },
    { name: 'empty linker list', raw: { linkers: ',\n,' }, input: 'linkers', bad: ',\\n,' },
    { name: 'runs 0', raw: { runs: '0' }, input: 'runs', bad: '"0"' },
    { name: 'runs 101', raw: { runs: '101' }, input: 'runs', bad: '"101"' },
    { name: 'runs abc', raw: { runs: 'abc' }, input: 'runs', bad: '"abc"' },
    { name: 'runs 2.5', raw: { runs: '2.5' }, input: 'runs', bad: '"2.5"' },
    { name: 'runs negative', raw: { runs: '-3' }, input: 'runs', bad: '"-3"' },
    { name: 'runs 1e2', raw: { runs: '1e2' }, input: 'runs', bad: '"1e2"' },
    { name: 'warmup 11', raw: { warmup: '11' }, input: 'warmup', bad: '"11"' },
    { name: 'clean-runs 0', raw: { 'clean-runs': '0' }, input: 'clean-runs', bad: '"0"' },
    { name: 'clean-runs 21', raw: { 'clean-runs': '21' }, input: 'clean-runs', bad: '"21"' },
    { name: 'threshold without unit', raw: { threshold: '10' }, input: 'threshold', bad: "'10'" },
    { name: 'threshold 0 %', raw: { threshold: '0%' }, input: 'threshold', bad: "'0%'" },
    {
      name: 'threshold unknown scenario',
      raw: { threshold: 'linking: 5%' },
      input: 'threshold',
      bad: "'linking'",
    },
    {
      name: 'threshold scenario twice',
      raw: { threshold: 'clean: 5%, clean: 6%' },
      input: 'threshold',
      bad: 'clean is given twice',
    },
    { name: 'threshold two defaults', raw: { threshold: '5%, 6%' }, input: 'threshold', bad: 'no scenario' },
    { name: 'threshold two percentages', raw: { threshold: '5% or 6%' }, input: 'threshold', bad: 'two' },
    {
      name: 'threshold three amounts',
      raw: { threshold: '5% or 1s or 2s' },
      input: 'threshold',
      bad: 'more',
    },
    { name: 'fail-on always', raw: { 'fail-on': 'always' }, input: 'fail-on', bad: '"always"' },
    { name: 'save-baseline yes', raw: { 'save-baseline': 'yes' }, input: 'save-baseline', bad: '"yes"' },
    {
      name: 'allow-cross-machine 1',
      raw: { 'allow-cross-machine': '1' },
      input: 'allow-cross-machine',
      bad: '"1"',
    },
    { name: 'baseline-history 0', raw: { 'baseline-history': '0' }, input: 'baseline-history', bad: '"0"' },
    {
      name: 'build-timeout-minutes 0',
      raw: { 'build-timeout-minutes': '0' },
      input: 'build-timeout-minutes',
      bad: '"0"',
    },
    {
      name: 'build-timeout-minutes 1441',
      raw: { 'build-timeout-minutes': '1441' },
      input: 'build-timeout-minutes',
      bad: '"1441"',
    },
    {
      name: 'mold-version latest',
      raw: { 'mold-version': 'latest' },
      input: 'mold-version',
      bad: '"latest"',
    },
    { name: 'mold-version 2', raw: { 'mold-version': '2' }, input: 'mold-version', bad: '"2"' },
    {
      name: 'mold-sha256 too short',
      raw: { 'mold-sha256': 'ab'.repeat(31) },
      input: 'mold-sha256',
      bad: 'ab'.repeat(31),
    },
    {
      name: 'mold-sha256 not hex',
      raw: { 'mold-sha256': 'g'.repeat(64) },
      input: 'mold-sha256',
      bad: 'g'.repeat(64),
    },
    {
      name: 'mold-release-url ftp',
      raw: { 'mold-release-url': 'ftp://x' },
      input: 'mold-release-url',
      bad: '"ftp://x"',
    },
    {
      name: 'mold-release-url not a URL',
      raw: { 'mold-release-url': 'not a url' },
      input: 'mold-release-url',
      bad: '"not a url"',
    },
    { name: 'id with a space', raw: { id: 'my bench' }, input: 'id', bad: '"my bench"' },
    { name: 'id too long', raw: { id: 'x'.repeat(65) }, input: 'id', bad: 'x'.repeat(65) },
    { name: 'id with a slash', raw: { id: 'a/b' }, input: 'id', bad: '"a/b"' },
    {
      name: 'non-Cargo command with mold but no artifacts to verify',
      raw: { command: 'make', scenarios: 'noop' },
      input: 'artifacts',
      bad: "a build command other than cargo ('make') needs the executables it links",
    },
    {
      name: '--target-dir in a Cargo command',
      raw: { command: 'cargo build --target-dir /tmp/t' },
      input: 'command',
      bad: 'leave out --target-dir',
    },
    {
      name: 'non-Cargo command with lld',
      raw: { command: 'make', scenarios: 'incremental', linkers: 'default, lld' },
      input: 'linkers',
      bad: "'lld' is applied through cargo's linker setting, so only to a Cargo build",
    },
    {
      name: 'non-Cargo command with bfd',
      raw: { command: 'make', scenarios: 'noop', linkers: 'bfd, mold, lld', artifacts: 'app' },
      input: 'linkers',
      bad: "'bfd' and 'lld' are applied through cargo's linker setting",
    },
  ])('$name', ({ raw, input, bad }) => {
    const error = rejectionOf(raw);
    expect(error.input).toBe(input);
    expect(error.message).toContain(`Input '${input}'`);
    expect(error.message).toContain(bad);
  });

  it('names the project directory when it has no Cargo.toml and no command is given', () => {
    const error = rejectionOf({ 'working-directory': 'web' }, factsWith([]));
    expect([error.input, error.value]).toEqual(['working-directory', 'web']);
    expect(error.message).toContain(`${BASE}/web has no Cargo.toml`);
  });

  it('names every input a non-Cargo command lacks in one error', () => {
    const error = rejectionOf({ command: 'make', scenarios: 'clean, incremental, edit' });
    expect(error.input).toBe('clean-command');
    expect(error.message).toBe(
      `Input 'clean-command' has the value "": a build command other than cargo ('make') needs the command that ` +
        "empties its build output, for the clean scenario; it also needs input 'artifacts' (the executables it " +
        "links, so the mold variant can be verified); input 'touch' (the source files the incremental scenario " +
        "touches); input 'edit-patch' (a patch for the edit scenario: the built-in edit changes Rust files)",
    );
  });

  it('needs a clean-command for the clean scenario of a non-Cargo command', () => {
    const error = rejectionOf({ command: 'make all' });
    expect([error.input, error.value]).toEqual(['clean-command', '']);
    expect(error.message).toContain("'make all'");
  });

  it('keeps the given value in .value', () => {
    expect(rejectionOf({ runs: ' 2.5 ' }).value).toBe('2.5');
  });
});

describe('compare-to: base with only clean builds', () => {
  it('asks for base-scenarios instead of building a base that measures nothing', () => {
    const raw = { 'compare-to': 'base', scenarios: 'clean' };
    expect(() => parseConfig(raw, factsWith())).toThrow(
      /Input 'base-scenarios' has the value "": the base skips clean builds/,
    );
    expect(parseConfig({ ...raw, 'base-scenarios': 'clean' }, factsWith()).base.scenarios).toEqual(['clean']);
  });
});

describe('compare-to: auto, the default', () => {
  const onPullRequest = { ...factsWith(), pullRequest: true };
  const read = (raw: RawInputs, facts: ConfigFacts) => {
    const config = parseConfig(raw, facts);
    return [config.compareTo, config.compareToAuto, config.base.scenarios];
  };

  it('builds the base on a pull request, every measured scenario but clean', () => {
    expect(read({}, onPullRequest)).toEqual(['base', true, ['incremental']]);
    expect(read({ 'compare-to': 'AUTO', scenarios: 'clean, incremental, noop' }, onPullRequest)).toEqual([
      'base',
      true,
      ['incremental', 'noop'],
    ]);
  });

  it('compares with the cache on a push, unless base-ref names a base', () => {
    expect(read({}, factsWith())).toEqual(['cache', true, []]);
    expect(read({ 'base-ref': 'v1.2.0' }, factsWith())).toEqual(['base', true, ['incremental']]);
  });

  it('leaves clean-only runs to the cache, where an explicit base asks for base-scenarios', () => {
    expect(read({ scenarios: 'clean' }, onPullRequest)).toEqual(['cache', true, []]);
    expect(read({ scenarios: 'clean', 'base-scenarios': 'clean' }, onPullRequest)).toEqual([
      'base',
      true,
      ['clean'],
    ]);
  });

  it('is not auto when a choice is given', () => {
    expect(read({ 'compare-to': 'cache' }, onPullRequest)).toEqual(['cache', false, []]);
    expect(read({ 'compare-to': 'base' }, factsWith())).toEqual(['base', false, ['incremental']]);
  });
});

describe('the link scenario', () => {
  it('is refused before any build for a command other than cargo, naming the input', () => {
    const error = rejectionOf(
      { command: 'make', scenarios: 'link', 'clean-command': 'make clean', touch: 'src/main.c' },
      factsWith([]),
    );
    expect([error.input, error.value]).toEqual(['scenarios', 'link']);
    expect(error.message).toContain("'make' is not a cargo build");
  });

  it('is not built for the base: left out by default, refused when asked', () => {
    const onPullRequest = { ...factsWith(), pullRequest: true };
    expect(parseConfig({ scenarios: 'incremental, link' }, onPullRequest).base.scenarios).toEqual([
      'incremental',
    ]);
    expect(parseConfig({ scenarios: 'link' }, onPullRequest).compareTo).toBe('cache');
    const error = rejectionOf({
      scenarios: 'incremental, link',
      'compare-to': 'base',
      'base-scenarios': 'link',
    });
    expect(error.input).toBe('base-scenarios');
  });
});

describe('the analysis inputs', () => {
  it('reads llvm-lines, its packages and threshold, and the export formats', () => {
    const config = parseConfig(
      {
        'llvm-lines': 'TRUE',
        'llvm-lines-packages': 'ferry-core,\nferry_cli',
        'llvm-lines-threshold': '12.5 %',
        export: 'bencher, github-action-benchmark',
      },
      factsWith(),
    );
    expect(config.llvmLines).toEqual({ enabled: true, packages: ['ferry-core', 'ferry_cli'] });
    expect(config.gate.llvmLinesThreshold).toBe(0.125);
    expect(config.exportFormats).toEqual(['bencher', 'github-action-benchmark']);
  });

  it.each([
    { raw: { 'llvm-lines': 'yes' }, input: 'llvm-lines', bad: 'expected one of true, false' },
    {
      raw: { 'llvm-lines-packages': 'ferry, ../x' },
      input: 'llvm-lines-packages',
      bad: "'../x' is not a package",
    },
    { raw: { 'llvm-lines-threshold': '10' }, input: 'llvm-lines-threshold', bad: 'expected a percentage' },
    { raw: { 'llvm-lines-threshold': '0%' }, input: 'llvm-lines-threshold', bad: 'expected a percentage' },
    { raw: { export: 'csv' }, input: 'export', bad: "'csv' is not one of github-action-benchmark, bencher" },
    {
      raw: { 'llvm-lines': 'true', command: 'make', linkers: 'default' },
      input: 'llvm-lines',
      bad: 'needs a Cargo build',
      manifest: false,
    },
  ])('rejects $input $raw', ({ raw, input, bad, manifest }) => {
    let caught: unknown;
    try {
      parseConfig({ 'clean-command': 'make clean', ...raw }, factsWith(manifest === false ? [] : undefined));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).input).toBe(input);
    expect((caught as ConfigError).message).toContain(bad);
  });
});

describe('the rounds, the edit and what a run compares with', () => {
  const facts = (kinds: Record<string, 'file' | 'directory' | 'missing'> = {}): ConfigFacts => ({
    ...factsWith(),
    pathKind: (file) => kinds[file] ?? (file === BASE ? 'directory' : 'missing'),
  });

  it.each([
    { raw: { 'max-runs': '20' }, key: 'maxRuns', value: 20 },
    { raw: { runs: '7', 'max-runs': '7' }, key: 'maxRuns', value: 7 },
    { raw: { 'time-budget': '90s' }, key: 'timeBudgetMs', value: 90_000 },
    { raw: { 'time-budget': '1h' }, key: 'timeBudgetMs', value: 3_600_000 },
    { raw: { 'time-budget': '2.5min' }, key: 'timeBudgetMs', value: 150_000 },
    { raw: { 'time-budget': '0' }, key: 'timeBudgetMs', value: 0 },
    {
      raw: { scenarios: 'edit, noop, incremental' },
      key: 'scenarios',
      value: ['incremental', 'edit', 'noop'],
    },
  ] as const)('reads $raw', ({ raw, key, value }) => {
    expect(parseConfig(raw, facts())[key]).toEqual(value);
  });

  it.each([
    {
      raw: { runs: '10', 'max-runs': '5' },
      input: 'max-runs',
      says: "must be at least 'runs' and 'clean-runs' (10)",
    },
    { raw: { 'max-runs': '0' }, input: 'max-runs', says: 'a whole number from 1 to 1000' },
    { raw: { 'time-budget': 'ten minutes' }, input: 'time-budget', says: 'a duration like 10m, 90s or 1h' },
    { raw: { 'time-budget': '25h' }, input: 'time-budget', says: 'at most 24 h' },
    {
      raw: { 'compare-to': 'bsae' },
      input: 'compare-to',
      says: 'expected auto, cache, base, none, or the path of a results file (*.json)',
    },
    { raw: { 'compare-to': 'before.json' }, input: 'compare-to', says: `${BASE}/before.json is missing` },
    {
      raw: { 'edit-patch': 'x.patch', scenarios: 'edit' },
      input: 'edit-patch',
      says: `${BASE}/x.patch is not a file`,
    },
    {
      raw: { command: 'make', scenarios: 'edit', linkers: 'default' },
      input: 'edit-patch',
      says: 'the built-in edit changes Rust files',
    },
  ])('rejects $raw naming $input', ({ raw, input, says }) => {
    const error = rejectionOf(raw, facts());
    expect(error.input).toBe(input);
    expect(error.message).toContain(says);
  });

  it('takes an earlier run’s results file and a patch, resolved against the workspace', () => {
    const config = parseConfig(
      { 'compare-to': 'runs/before.json', scenarios: 'edit', 'edit-patch': 'bench/edit.patch' },
      facts({ [`${BASE}/runs/before.json`]: 'file', [`${BASE}/bench/edit.patch`]: 'file' }),
    );
    expect([config.compareTo, config.compareFile, config.editPatch]).toEqual([
      'file',
      `${BASE}/runs/before.json`,
      `${BASE}/bench/edit.patch`,
    ]);
  });
});

describe('the settings variants and the gated variant', () => {
  it('adds one variant per line or `;` after the linkers, canonically named, and keeps `recommended` aside', () => {
    const config = parseConfig(
      { settings: 'debug = "line-tables-only"\nrecommended; mold + codegen-units=16,debug=0' },
      factsWith(),
    );
    expect(config.variants).toEqual([
      'default',
      'mold',
      'debug=line-tables-only',
      'mold + codegen-units=16, debug=0',
    ]);
    expect(config.recommendedSettings).toBe(true);
    expect(config.gatedVariant).toBe('default');
  });

  it('gates a settings variant only when asked to, naming it as written or canonically', () => {
    const raw = { settings: 'debug=line-tables-only', 'gate-variant': 'debug="line-tables-only"' };
    expect(parseConfig(raw, factsWith()).gatedVariant).toBe('debug=line-tables-only');
    expect(parseConfig({ linkers: 'mold, default', 'gate-variant': 'mold' }, factsWith()).gatedVariant).toBe(
      'mold',
    );
    expect(parseConfig({ linkers: 'mold' }, factsWith()).gatedVariant).toBe('mold');
  });

  it.each([
    [
      { settings: 'debug=0', command: 'make', 'clean-command': 'make clean', linkers: 'default' },
      'settings',
      'need a Cargo build',
    ],
    [{ settings: 'debug=0', linkers: 'mold' }, 'settings', "add `default` to input 'linkers'"],
    [{ settings: 'debug=0; debug=0' }, 'settings', 'listed twice'],
    [{ settings: 'opt-level=fast' }, 'settings', '`opt-level` takes 0, 1, 2, 3, s or z, not "fast"'],
    [
      { settings: 'package.serde.debug=0', command: 'cargo build && cargo test' },
      'settings',
      'this command runs cargo more than once',
    ],
    [{ 'gate-variant': 'lld' }, 'gate-variant', "name a measured variant: 'default', 'mold'"],
  ])('rejects %j in %s before any build', (raw, input, reason) => {
    const error = rejectionOf(raw);
    expect(error.input).toBe(input);
    expect(error.message).toContain(reason);
  });
});
