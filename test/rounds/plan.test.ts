import { describe, expect, it } from 'vitest';
import type { Scenario, Variant } from '../../src/config/config.js';
import {
  type BuildPhase,
  type PlanInput,
  type PlannedBuild,
  planRun,
  rotate,
} from '../../src/rounds/plan.js';

function plan(overrides: Partial<PlanInput>): PlannedBuild[] {
  return planRun({
    scenarios: ['clean', 'incremental'],
    variants: ['default', 'mold'],
    runs: 3,
    cleanRuns: 1,
    warmup: 0,
    incrementalAlreadyOn: false,
    ...overrides,
  });
}

/** `phase/scenario/variant/round`, plus `+inc` when the build forces CARGO_INCREMENTAL=1. */
function describeBuild(build: PlannedBuild): string {
  const base = `${build.phase}/${build.scenario}/${build.variant}/${build.round}`;
  return build.forceIncremental ? `${base}+inc` : base;
}

function describePlan(builds: readonly PlannedBuild[]): string[] {
  return builds.map(describeBuild);
}

function only(builds: readonly PlannedBuild[], phase: BuildPhase, scenario: Scenario): string[] {
  return builds
    .filter((build) => build.phase === phase && build.scenario === scenario)
    .map((build) => `${build.variant}/${build.round}`);
}

describe('rotate', () => {
  it.each([
    { items: ['A', 'B'], round: 0, rotated: ['A', 'B'] },
    { items: ['A', 'B'], round: 1, rotated: ['B', 'A'] },
    { items: ['A', 'B'], round: 2, rotated: ['A', 'B'] },
    { items: ['A', 'B', 'C'], round: 1, rotated: ['B', 'C', 'A'] },
    { items: ['A', 'B', 'C'], round: 2, rotated: ['C', 'A', 'B'] },
    { items: ['A', 'B', 'C'], round: 4, rotated: ['B', 'C', 'A'] },
    { items: ['A'], round: 3, rotated: ['A'] },
    { items: [], round: 5, rotated: [] },
  ])('$items round $round', ({ items, round, rotated }) => {
    const before = [...items];
    expect(rotate(items, round)).toEqual(rotated);
    expect(items).toEqual(before);
  });
});

describe('planRun', () => {
  it('interleaves two variants A B, B A, A B', () => {
    const builds = plan({ scenarios: ['incremental'], runs: 3, incrementalAlreadyOn: true });
    expect(only(builds, 'sample', 'incremental')).toEqual([
      'default/0',
      'mold/0',
      'mold/1',
      'default/1',
      'default/2',
      'mold/2',
    ]);
  });

  it('rotates three variants every round', () => {
    const builds = plan({ scenarios: ['noop'], variants: ['default', 'mold', 'lld'], runs: 4, warmup: 2 });
    expect(only(builds, 'warmup', 'noop')).toEqual([
      'default/0',
      'mold/0',
      'lld/0',
      'mold/1',
      'lld/1',
      'default/1',
    ]);
    expect(only(builds, 'sample', 'noop')).toEqual([
      'default/0',
      'mold/0',
      'lld/0',
      'mold/1',
      'lld/1',
      'default/1',
      'lld/2',
      'default/2',
      'mold/2',
      'default/3',
      'mold/3',
      'lld/3',
    ]);
  });

  it('gives clean builds no warm-up and cleanRuns rounds', () => {
    const builds = plan({ scenarios: ['clean'], cleanRuns: 2, runs: 7, warmup: 3 });
    expect(describePlan(builds)).toEqual([
      'sample/clean/default/0',
      'sample/clean/mold/0',
      'sample/clean/mold/1',
      'sample/clean/default/1',
    ]);
  });

  it.each<{ name: string; input: Partial<PlanInput>; prepared: Record<Scenario, string[]> }>([
    {
      name: 'incremental after clean, CARGO_INCREMENTAL off',
      input: { scenarios: ['clean', 'incremental'] },
      prepared: { clean: [], incremental: ['default+inc', 'mold+inc'], edit: [], noop: [], link: [] },
    },
    {
      name: 'incremental after clean, CARGO_INCREMENTAL already on',
      input: { scenarios: ['clean', 'incremental'], incrementalAlreadyOn: true },
      prepared: { clean: [], incremental: [], edit: [], noop: [], link: [] },
    },
    {
      name: 'incremental alone',
      input: { scenarios: ['incremental'] },
      prepared: { clean: [], incremental: ['default+inc', 'mold+inc'], edit: [], noop: [], link: [] },
    },
    {
      name: 'incremental alone, CARGO_INCREMENTAL already on',
      input: { scenarios: ['incremental'], incrementalAlreadyOn: true },
      prepared: { clean: [], incremental: ['default', 'mold'], edit: [], noop: [], link: [] },
    },
    {
      name: 'noop after incremental changes the settings back',
      input: { scenarios: ['clean', 'incremental', 'noop'] },
      prepared: {
        clean: [],
        incremental: ['default+inc', 'mold+inc'],
        edit: [],
        noop: ['default', 'mold'],
        link: [],
      },
    },
    {
      name: 'link after incremental: one capture build, of the first variant',
      input: { scenarios: ['incremental', 'link'] },
      prepared: {
        clean: [],
        incremental: ['default+inc', 'mold+inc'],
        edit: [],
        noop: [],
        link: ['default+inc'],
      },
    },
    {
      name: 'noop after incremental, CARGO_INCREMENTAL already on',
      input: { scenarios: ['clean', 'incremental', 'noop'], incrementalAlreadyOn: true },
      prepared: { clean: [], incremental: [], edit: [], noop: [], link: [] },
    },
    {
      name: 'noop right after clean',
      input: { scenarios: ['clean', 'noop'] },
      prepared: { clean: [], incremental: [], edit: [], noop: [], link: [] },
    },
    {
      name: 'edit after incremental keeps its settings',
      input: { scenarios: ['incremental', 'edit', 'noop'] },
      prepared: {
        clean: [],
        incremental: ['default+inc', 'mold+inc'],
        edit: [],
        noop: ['default', 'mold'],
        link: [],
      },
    },
    {
      name: 'edit alone forces incremental compilation too',
      input: { scenarios: ['edit'] },
      prepared: { clean: [], incremental: [], edit: ['default+inc', 'mold+inc'], noop: [], link: [] },
    },
    {
      name: 'noop alone',
      input: { scenarios: ['noop'], variants: ['mold'] },
      prepared: { clean: [], incremental: [], edit: [], noop: ['mold'], link: [] },
    },
  ])('prepare builds: $name', ({ input, prepared }) => {
    const builds = plan(input);
    const preparedOf = (scenario: Scenario): string[] =>
      builds
        .filter((build) => build.phase === 'prepare' && build.scenario === scenario)
        .map((build) => (build.forceIncremental ? `${build.variant}+inc` : build.variant));
    expect({
      clean: preparedOf('clean'),
      incremental: preparedOf('incremental'),
      edit: preparedOf('edit'),
      noop: preparedOf('noop'),
      link: preparedOf('link'),
    }).toEqual(prepared);
  });

  it('runs every prepare build of a scenario before its warm-ups and samples', () => {
    const builds = plan({ scenarios: ['incremental'], warmup: 1, runs: 1 });
    expect(describePlan(builds)).toEqual([
      'prepare/incremental/default/0+inc',
      'prepare/incremental/mold/0+inc',
      'warmup/incremental/default/0+inc',
      'warmup/incremental/mold/0+inc',
      'sample/incremental/default/0+inc',
      'sample/incremental/mold/0+inc',
    ]);
  });

  it('plans a small full run exactly', () => {
    const builds = plan({ scenarios: ['clean', 'incremental', 'noop'], runs: 2, cleanRuns: 1, warmup: 1 });
    expect(describePlan(builds)).toEqual([
      'sample/clean/default/0',
      'sample/clean/mold/0',
      'prepare/incremental/default/0+inc',
      'prepare/incremental/mold/0+inc',
      'warmup/incremental/default/0+inc',
      'warmup/incremental/mold/0+inc',
      'sample/incremental/default/0+inc',
      'sample/incremental/mold/0+inc',
      'sample/incremental/mold/1+inc',
      'sample/incremental/default/1+inc',
      'prepare/noop/default/0',
      'prepare/noop/mold/0',
      'warmup/noop/default/0',
      'warmup/noop/mold/0',
      'sample/noop/default/0',
      'sample/noop/mold/0',
      'sample/noop/mold/1',
      'sample/noop/default/1',
    ]);
  });

  it('plans a single variant without prepares when CARGO_INCREMENTAL is already on', () => {
    const builds = plan({
      scenarios: ['clean', 'incremental'],
      variants: ['bfd'],
      runs: 2,
      warmup: 1,
      incrementalAlreadyOn: true,
    });
    expect(describePlan(builds)).toEqual([
      'sample/clean/bfd/0',
      'warmup/incremental/bfd/0',
      'sample/incremental/bfd/0',
      'sample/incremental/bfd/1',
    ]);
  });

  it('has exactly the expected number of builds', () => {
    const variants: Variant[] = ['default', 'mold', 'lld', 'bfd'];
    const builds = plan({
      scenarios: ['clean', 'incremental', 'noop'],
      variants,
      runs: 5,
      cleanRuns: 2,
      warmup: 1,
    });
    // clean 2×4, incremental 4 prepare + 1×4 warm-up + 5×4, noop the same.
    expect(builds.length).toBe(8 + (4 + 4 + 20) * 2);
  });
});

describe('planRun with the base', () => {
  const withSide = (builds: readonly PlannedBuild[], phase: BuildPhase, scenario: Scenario): string[] =>
    builds
      .filter((build) => build.phase === phase && build.scenario === scenario)
      .map((build) => `${build.side}:${build.variant}/${build.round}`);

  it('pairs head and base of each variant, alternating which goes first', () => {
    const builds = plan({
      scenarios: ['incremental'],
      variants: ['default'],
      runs: 4,
      baseScenarios: ['incremental'],
      baseVariants: ['default'],
    });
    expect(withSide(builds, 'sample', 'incremental')).toEqual([
      'head:default/0',
      'base:default/0',
      'base:default/1',
      'head:default/1',
      'head:default/2',
      'base:default/2',
      'base:default/3',
      'head:default/3',
    ]);
  });

  it('builds only the base variants, each next to its head, while variants rotate', () => {
    const builds = plan({
      scenarios: ['incremental'],
      runs: 2,
      baseScenarios: ['incremental'],
      baseVariants: ['default'],
    });
    expect(withSide(builds, 'sample', 'incremental')).toEqual([
      'head:default/0',
      'base:default/0',
      'head:mold/0',
      'head:mold/1',
      'base:default/1',
      'head:default/1',
    ]);
  });

  it('builds the base only in its scenarios, preparing it when it first appears', () => {
    const builds = plan({
      scenarios: ['clean', 'incremental'],
      variants: ['default'],
      baseScenarios: ['incremental'],
      baseVariants: ['default'],
    });
    expect(withSide(builds, 'sample', 'clean')).toEqual(['head:default/0']);
    expect(withSide(builds, 'prepare', 'incremental')).toEqual(['head:default/0', 'base:default/0']);
  });
});
