import { describe, expect, it } from 'vitest';
import type { Analysis, BuildSettings } from '../../src/analysis/analysis.js';
import type { Scenario } from '../../src/config/config.js';
import { formatDurationMs, formatSavedMs } from '../../src/format/format-numbers.js';
import { renderAdvice } from '../../src/report/render-advice.js';
import { estimateSavings } from '../../src/report/speedup-claim.js';
import type { Results, Sample } from '../../src/results/results.js';
import { makeResults, makeSamples, makeSettings, type ResultsOverrides } from '../support/results-fixture.js';
import { expectGolden } from '../support/golden.js';

function withSettings(settings: BuildSettings): Analysis {
  return { llvmLines: null, dependencies: null, settings, problems: [] };
}

/** Six paired rounds of every scenario: mold clearly faster, lld level with default, GNU ld slower. */
function sixRounds(overrides: ResultsOverrides = {}): Results {
  return makeResults({
    analysis: withSettings(makeSettings()),
    ...overrides,
    plan: { runs: 6, cleanRuns: 6, ...overrides.plan },
  });
}

/** mold builds exactly as long as `default` in the same round, give or take 1 %: similar. */
function moldLevelWithDefault(): Results {
  const plan = { variants: ['default', 'mold'], runs: 6, cleanRuns: 6 } as const;
  const samples = makeSamples(plan);
  const defaultMs = (sample: Sample): number =>
    samples.find(
      (other) =>
        other.variant === 'default' && other.scenario === sample.scenario && other.round === sample.round,
    )!.wallMs;
  const level = samples.map((sample) =>
    sample.variant === 'mold'
      ? { ...sample, wallMs: Math.round(defaultMs(sample) * (sample.round % 2 === 0 ? 1.01 : 0.99)) }
      : sample,
  );
  return makeResults({ plan, samples: level, analysis: withSettings(makeSettings()) });
}

const moldOnly = { variants: ['default', 'mold'] } as const;

const GOLDEN_CASES: readonly { readonly file: string; readonly results: () => Results }[] = [
  { file: 'advice-mold-faster.md', results: () => sixRounds() },
  {
    file: 'advice-mold-on-path.md',
    results: () =>
      sixRounds({ plan: moldOnly, environment: { moldInstall: { source: 'path', durationMs: 4 } } }),
  },
  { file: 'advice-not-faster.md', results: moldLevelWithDefault },
  {
    file: 'advice-too-few-rounds.md',
    results: () => makeResults({ plan: moldOnly, analysis: withSettings(makeSettings()) }),
  },
  {
    file: 'advice-rustflags-environment.md',
    results: () =>
      sixRounds({
        plan: moldOnly,
        analysis: withSettings(
          makeSettings({ rustflags: { value: ['--cfg', 'tokio_unstable'], source: 'RUSTFLAGS' } }),
        ),
      }),
  },
  {
    file: 'advice-config-rustflags.md',
    results: () =>
      sixRounds({
        plan: { variants: ['default', 'mold', 'lld'] },
        environment: { moldInstall: { source: 'tool-cache', durationMs: 95 } },
        analysis: withSettings(
          makeSettings({
            target: 'aarch64-unknown-linux-gnu',
            rustflags: {
              value: ['--cfg', 'ferry_fast', '-C', 'target-cpu=neoverse-n1'],
              source: '/home/runner/work/ferry/ferry/.cargo/config.toml (build.rustflags)',
            },
            linker: { value: 'clang', source: 'CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER' },
          }),
        ),
      }),
  },
  {
    file: 'advice-clean-not-measured.md',
    results: () => makeResults({ plan: { scenarios: ['incremental', 'noop'], runs: 6 } }),
  },
];

describe('renderAdvice golden files', () => {
  it.each(GOLDEN_CASES)('$file', async ({ file, results }) => {
    await expectGolden(file, `${renderAdvice(results())!}\n`);
  });
});

/** What the paired estimate saves per build of `variant` in `scenario`. */
function savedMs(results: Results, scenario: Scenario, variant = 'mold'): number {
  const speedup = results.speedups.find((item) => item.scenario === scenario && item.variant === variant)!;
  const defaultMs = results.summaries.find(
    (item) => item.scenario === scenario && item.variant === 'default',
  )!.medianMs;
  return estimateSavings(speedup, defaultMs).savedMs;
}

describe('renderAdvice numbers', () => {
  it('gives the net benefit of one job as the clean saving less the install time', () => {
    const results = sixRounds({ plan: moldOnly });
    const cleanMs = savedMs(results, 'clean');
    const installMs = results.environment.moldInstall!.durationMs;
    expect(cleanMs).toBeGreaterThan(installMs);
    expect(renderAdvice(results)).toContain(
      `One CI job with one clean build: ${formatSavedMs(cleanMs)} saved − ${formatDurationMs(installMs)} ` +
        `install ≈ ${formatDurationMs(cleanMs - installMs)} net.`,
    );
  });

  it('says plainly when the install costs more than a clean build saves', () => {
    const results = sixRounds({
      plan: moldOnly,
      environment: { moldInstall: { source: 'download', durationMs: 9_000 } },
    });
    const netMs = savedMs(results, 'clean') - 9_000;
    expect(netMs).toBeLessThan(0);
    expect(renderAdvice(results)).toContain(
      `it does not pay for itself per job (it costs ${formatDurationMs(-netMs)}).`,
    );
  });

  it.each([
    { installMs: 5_000, rebuilds: '3 rebuilds' },
    { installMs: 1_000, rebuilds: '1 rebuild' },
  ])('rounds the rebuilds that pay back $installMs ms up: $rebuilds', ({ installMs, rebuilds }) => {
    const results = sixRounds({
      plan: moldOnly,
      environment: { moldInstall: { source: 'download', durationMs: installMs } },
    });
    const perRebuildMs = savedMs(results, 'incremental');
    expect(`${Math.ceil(installMs / perRebuildMs)} rebuild`).toBe(rebuilds.replace(/s$/, ''));
    expect(renderAdvice(results)).toContain(`The install pays for itself after ${rebuilds} `);
  });

  it('prints no clean saving, net benefit or config lines from numbers that were not measured', () => {
    const advice = renderAdvice(makeResults({ plan: { scenarios: ['incremental', 'noop'], runs: 6 } }))!;
    expect(advice).toContain('Per clean build: the saving was not measured: the clean scenario did not run.');
    expect(advice).toContain('One CI job with one clean build: not known');
    expect(advice).not.toMatch(/saved −/);
  });

  it('gives no config lines for a linker that is not faster', () => {
    const advice = renderAdvice(moldLevelWithDefault())!;
    expect(advice).toMatch(
      /^\*\*mold\*\* is not faster here: similar in incremental builds, within the threshold \(/m,
    );
    expect(advice).not.toContain('```toml');
  });

  it('says the mold install time was not measured when the run has none', () => {
    const advice = renderAdvice(sixRounds({ plan: moldOnly, environment: { moldInstall: null } }))!;
    expect(advice).toContain('- Install: not measured in this run.');
    expect(advice).toContain(
      'One CI job with one clean build: not known: the install time was not measured.',
    );
    expect(advice).not.toContain('pays for itself');
  });

  it('asks to replace rustflags that come from a target table, which cargo would join', () => {
    const source = '/home/me/.cargo/config.toml (target.x86_64-unknown-linux-gnu.rustflags)';
    const advice = renderAdvice(
      sixRounds({
        plan: moldOnly,
        analysis: withSettings(makeSettings({ rustflags: { value: ['-C', 'target-cpu=native'], source } })),
      }),
    )!;
    expect(advice).toContain('rustflags = ["-C", "target-cpu=native", "-C", "link-arg=-fuse-ld=mold"]');
    expect(advice).toContain(
      `The list keeps your rustflags from ${'`'}${source}${'`'}: use it in place of the rustflags set there`,
    );
    expect(advice).not.toContain('instead of `build.rustflags`');
  });

  it('is null when only default was measured', () => {
    expect(renderAdvice(makeResults({ plan: { variants: ['default'] } }))).toBeNull();
  });

  it('escapes outside values and quotes a triple TOML would not take bare', () => {
    const advice = renderAdvice(
      sixRounds({
        plan: moldOnly,
        environment: { moldInstall: { source: '<b>evil</b> | x', durationMs: 100 } },
        analysis: withSettings(
          makeSettings({
            target: 'custom.json',
            rustflags: { value: ['--cfg', 'a"b\\c'], source: '/tmp/`x`/config.toml (build.rustflags)' },
            linker: { value: 'cc | tee', source: '@someone' },
          }),
        ),
      }),
    )!;
    expect(advice).toContain('(source: \\<b\\>evil\\</b\\> \\| x)');
    expect(advice).toContain(
      '[target."custom.json"]\nrustflags = ["--cfg", "a\\"b\\\\c", "-C", "link-arg=-fuse-ld=mold"]',
    );
    expect(advice).toContain('``/tmp/`x`/config.toml (build.rustflags)``');
    expect(advice).toContain('`target."custom.json".rustflags`');
    expect(advice).not.toContain('<b>');
  });
});

describe('a project whose default is already mold', () => {
  it('says the comparison measures nothing and asks for no more rounds', () => {
    const results = moldLevelWithDefault();
    const linkers = results.linkers.map((check) =>
      check.variant === 'default' ? { ...check, linker: 'mold 2.40.4', family: 'mold' as const } : check,
    );
    const advice = renderAdvice({
      ...results,
      linkers: linkers.map((check) =>
        check.variant === 'mold' ? { ...check, linker: 'mold 2.40.4' } : check,
      ),
    })!;
    expect(advice).toContain(
      "**mold** is what `default` already links with here (mold 2.40.4, from the project's configuration",
    );
    expect(advice).toContain('comparing them measures nothing');
    expect(advice).not.toMatch(/raise `(runs|max-runs|time-budget)`/);
  });
});
