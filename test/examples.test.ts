/** The example workflows in examples/workflows parse, and use build-bench as action.yml and the docs say. */
import { globToRegExp } from '../src/system/find-files.js';
import { MODES } from '../src/config/config.js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { REPO_ROOT } from './support/fixture-project.js';

const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples', 'workflows');
const EXPECTED_FILES = [
  'basic.yml',
  'fork-safe-comment.yml',
  'fork-safe-measure.yml',
  'gate-merge-base.yml',
  'gate-merge.yml',
  'matrix-sharded.yml',
  'why-slow-history.yml',
];

type Permissions = Record<string, string> | string;
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  name?: string;
  'runs-on'?: unknown;
  needs?: string | string[];
  if?: string;
  permissions?: Permissions;
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
}
interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: Permissions;
  concurrency?: { group?: string; 'cancel-in-progress'?: unknown };
  jobs?: Record<string, Job>;
}

interface Example {
  file: string;
  text: string;
  /** Errors and warnings of the YAML parser. */
  problems: string[];
  headerComment: string;
  workflow: Workflow;
}

function loadExample(file: string): Example {
  const text = readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const problems = [...document.errors, ...document.warnings].map((problem) => problem.message);
  return {
    file,
    text,
    problems,
    headerComment: /^(?:#.*\n)+/.exec(text)?.[0] ?? '',
    workflow: (problems.length === 0 ? document.toJS() : {}) as Workflow,
  };
}

function declaredInputs(): Set<string> {
  const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, unknown>;
  };
  return new Set(Object.keys(action.inputs ?? {}));
}

const isBuildBench = (step: Step): boolean => step.uses?.startsWith('build-bench/build-bench@') ?? false;
const isAction = (step: Step, action: string): boolean => step.uses?.startsWith(`${action}@`) ?? false;
/** An input of a step as the runner passes it: a string (YAML may have read `10` or `true` as a scalar). */
function input(step: Step, name: string): string | undefined {
  const value = step.with?.[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}
const modeOf = (step: Step): string => input(step, 'mode') ?? 'run';

function jobsOf(workflow: Workflow): [string, Job][] {
  return Object.entries(workflow.jobs ?? {});
}

function stepsOf(workflow: Workflow): { jobId: string; job: Job; step: Step }[] {
  return jobsOf(workflow).flatMap(([jobId, job]) => (job.steps ?? []).map((step) => ({ jobId, job, step })));
}

/** A job's permissions: its own when it sets any (they replace the workflow's), else the workflow's. */
function permissionsOf(workflow: Workflow, job: Job): Permissions | undefined {
  return job.permissions ?? workflow.permissions;
}

function grants(permissions: Permissions | undefined, scope: string, level: 'read' | 'write'): boolean {
  if (permissions === undefined) return false;
  if (typeof permissions === 'string') return permissions === `${level}-all` || permissions === 'write-all';
  const granted = permissions[scope];
  return granted === level || granted === 'write';
}

/** The `with` keys of a build-bench step that the Action does not declare. */
function unknownInputs(step: Step, known: Set<string>): string[] {
  return Object.keys(step.with ?? {}).filter((name) => !known.has(name));
}

/** Does a build-bench step ask for a pull request comment? */
function asksToComment(step: Step): boolean {
  return ['run', 'report'].includes(modeOf(step)) && input(step, 'comment') !== 'never';
}

/** Each value a `${{ matrix.<key> }}` expression takes, substituted into the text. */
function expandMatrix(text: string, matrix: Record<string, unknown>): string[] {
  const expression = /\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}/;
  const found = expression.exec(text);
  if (!found) return [text];
  const values = matrix[found[1]!];
  expect(Array.isArray(values), `matrix.${found[1]} is a list`).toBe(true);
  return (values as unknown[]).flatMap((value) =>
    expandMatrix(text.replace(expression, String(value)), matrix),
  );
}

const files = readdirSync(EXAMPLES_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .sort();
const examples = new Map(files.map((file) => [file, loadExample(file)]));
const example = (file: string): Example => {
  const found = examples.get(file);
  if (!found) throw new Error(`examples/workflows/${file} is missing`);
  return found;
};
const known = declaredInputs();

describe('the checks of this test', () => {
  it('read the inputs of action.yml', () => {
    expect(known.has('threshold')).toBe(true);
    expect(known.has('results-path')).toBe(true);
    for (const name of ['mode', 'results', 'comment', 'github-token'])
      expect(known.has(name), name).toBe(true);
    expect(known.has('no-such-input')).toBe(false);
  });

  it('catch an input that action.yml does not declare', () => {
    expect(
      unknownInputs({ uses: 'build-bench/build-bench@v0', with: { runs: 5, colour: 'red' } }, known),
    ).toEqual(['colour']);
  });

  it('tell which steps ask for a comment and which permissions allow one', () => {
    expect(asksToComment({ with: {} })).toBe(true);
    expect(asksToComment({ with: { mode: 'report' } })).toBe(true);
    expect(asksToComment({ with: { mode: 'report', comment: 'never' } })).toBe(false);
    expect(asksToComment({ with: { mode: 'measure' } })).toBe(false);
    expect(grants({ contents: 'read' }, 'pull-requests', 'write')).toBe(false);
    expect(grants({ 'pull-requests': 'read' }, 'pull-requests', 'write')).toBe(false);
    expect(grants({ 'pull-requests': 'write' }, 'pull-requests', 'write')).toBe(true);
    expect(grants('read-all', 'pull-requests', 'write')).toBe(false);
    expect(grants(undefined, 'pull-requests', 'read')).toBe(false);
  });

  it('match globs and expand matrix expressions', () => {
    expect(globToRegExp('build-bench-*').test('build-bench-clean')).toBe(true);
    expect(globToRegExp('dir/*.json').test('dir/sub/a.json')).toBe(false);
    expect(expandMatrix('r/${{ matrix.s }}.json', { s: ['a', 'b'] })).toEqual(['r/a.json', 'r/b.json']);
  });
});

describe('examples/workflows', () => {
  it('holds exactly the seven example workflows', () => {
    expect(files).toEqual(EXPECTED_FILES);
  });

  describe.each(EXPECTED_FILES)('%s', (file) => {
    it('is a complete workflow with a header comment', () => {
      const { workflow, headerComment, text, problems } = example(file);
      expect(problems, 'YAML errors and warnings').toEqual([]);
      expect(text.startsWith('# '), 'starts with the header comment').toBe(true);
      expect(headerComment).toMatch(/What it does/);
      expect(headerComment).toMatch(/What to change/);
      expect(headerComment).toMatch(/Permissions/);
      expect(headerComment).toMatch(/Repository setting/);
      expect(workflow.name, 'name').toBeTruthy();
      expect(workflow.on, 'on').toBeDefined();
      expect(workflow.on).not.toBeNull();
      const jobs = jobsOf(workflow);
      expect(jobs.length).toBeGreaterThan(0);
      for (const [jobId, job] of jobs) {
        expect(job['runs-on'], `${jobId}: runs-on`).toBeTruthy();
        expect(job.steps?.length ?? 0, `${jobId}: steps`).toBeGreaterThan(0);
        for (const step of job.steps ?? []) {
          expect(Boolean(step.uses) !== Boolean(step.run), `${jobId}: a step either uses or runs`).toBe(true);
          if (step.uses)
            expect(step.uses, `${jobId}: pinned to a version`).toMatch(/^[\w.-]+\/[\w./-]+@\S+$/);
        }
      }
    });

    it('sets permissions scope by scope for every job, at workflow or job level', () => {
      const { workflow } = example(file);
      for (const [jobId, job] of jobsOf(workflow)) {
        const permissions = permissionsOf(workflow, job);
        expect(permissions, jobId).toBeDefined();
        expect(typeof permissions, `${jobId}: permissions by scope`).toBe('object');
      }
    });

    it('runs build-bench with inputs that action.yml declares, in a valid mode', () => {
      const { workflow } = example(file);
      const steps = stepsOf(workflow).filter(({ step }) => isBuildBench(step));
      expect(steps.length).toBeGreaterThan(0);
      for (const { jobId, step } of steps) {
        expect(step.uses, jobId).toBe('build-bench/build-bench@v0');
        expect(unknownInputs(step, known), `${jobId}: inputs not in action.yml`).toEqual([]);
        expect(MODES as readonly string[], `${jobId}: mode`).toContain(modeOf(step));
        if (modeOf(step) === 'report') expect(input(step, 'results'), `${jobId}: results`).toBeTruthy();
      }
      const ids = new Set(steps.map(({ step }) => input(step, 'id') ?? 'build-bench'));
      expect(ids.size, 'the same id in every build-bench step').toBe(1);
    });

    it('grants pull-requests: write wherever build-bench is to comment', () => {
      const { workflow } = example(file);
      const withoutWrite = stepsOf(workflow)
        .filter(({ step }) => isBuildBench(step) && asksToComment(step))
        .filter(({ job }) => !grants(permissionsOf(workflow, job), 'pull-requests', 'write'))
        .map(({ jobId }) => jobId);
      expect(withoutWrite, 'jobs that comment without pull-requests: write').toEqual([]);
    });
  });

  it('basic.yml checks pull requests and keeps the baseline fresh on pushes to main', () => {
    const { workflow } = example('basic.yml');
    expect(workflow.on).toMatchObject({ pull_request: null, push: { branches: ['main'] } });
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const uses = stepsOf(workflow).map(({ step }) => step.uses);
    expect(uses).toEqual([
      'actions/checkout@v7',
      'dtolnay/rust-toolchain@stable',
      'build-bench/build-bench@v0',
    ]);
  });

  it('gate-merge-base.yml compares with the base from the default checkout, on pull requests only', () => {
    const { workflow } = example('gate-merge-base.yml');
    expect(Object.keys(workflow.on as Record<string, unknown>)).toEqual(['pull_request']);
    const [, job] = jobsOf(workflow)[0]!;
    expect(job.name).toBe('build-time');
    const checkout = job.steps!.find((step) => step.uses?.startsWith('actions/checkout@'))!;
    // One commit deep: build-bench fetches the base commit itself.
    expect(checkout.with?.['fetch-depth']).toBeUndefined();
    const bench = job.steps!.find(isBuildBench)!;
    expect(input(bench, 'compare-to')).toBe('base');
    expect(input(bench, 'fail-on')).toBe('regression');
  });

  it('gate-merge.yml has a stable job name for the required check, a schedule, and cancels stale PR runs', () => {
    const { workflow, headerComment } = example('gate-merge.yml');
    const on = workflow.on as Record<string, unknown>;
    expect(Object.keys(on)).toEqual(expect.arrayContaining(['pull_request', 'push', 'schedule']));
    expect(on.pull_request, 'no paths filter on a required check').toBeNull();
    expect((on.schedule as { cron?: string }[])[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    const jobs = jobsOf(workflow);
    expect(jobs).toHaveLength(1);
    const [, job] = jobs[0]!;
    expect(job.name).toBe('build-time');
    expect(headerComment).toContain('Require status checks to pass');
    expect(headerComment).toContain(`add \`${job.name}\``);
    const bench = job.steps!.find(isBuildBench)!;
    expect(input(bench, 'fail-on')).toMatch(/^(regression|inconclusive)$/);
    expect(input(bench, 'threshold')).toBeTruthy();
    expect(workflow.concurrency?.group).toMatch(/github\.event\.pull_request\.number/);
    expect(String(workflow.concurrency?.['cancel-in-progress'])).toMatch(/pull_request/);
  });

  describe('fork-safe-measure.yml and fork-safe-comment.yml', () => {
    const measure = (): Example => example('fork-safe-measure.yml');
    const comment = (): Example => example('fork-safe-comment.yml');

    it('measure on pull_request with read-only contents, no comment, and upload the results', () => {
      const { workflow } = measure();
      expect(Object.keys(workflow.on as object)).toContain('pull_request');
      expect(Object.keys(workflow.on as object)).not.toContain('pull_request_target');
      for (const [jobId, job] of jobsOf(workflow)) {
        expect(permissionsOf(workflow, job), jobId).toEqual({ contents: 'read' });
      }
      const steps = stepsOf(workflow).map(({ step }) => step);
      const bench = steps.find(isBuildBench)!;
      expect(modeOf(bench)).toBe('run');
      expect(input(bench, 'comment')).toBe('never');
      const resultsPath = input(bench, 'results-path');
      expect(resultsPath, 'a fixed results-path').toMatch(/^[\w./-]+\.json$/);
      const upload = steps.find((step) => isAction(step, 'actions/upload-artifact'))!;
      expect(upload.uses).toBe('actions/upload-artifact@v7');
      expect(input(upload, 'path')).toBe(resultsPath);
      expect(upload.if, 'uploads also when the gate failed the step').toMatch(/!cancelled\(\)|always\(\)/);
      expect(steps.indexOf(upload)).toBeGreaterThan(steps.indexOf(bench));
    });

    it('comment on workflow_run of the measuring workflow, for pull requests only', () => {
      const { workflow } = comment();
      const on = workflow.on as { workflow_run?: { workflows?: string[]; types?: string[] } };
      expect(Object.keys(on)).toEqual(['workflow_run']);
      expect(on.workflow_run?.workflows).toEqual([measure().workflow.name]);
      expect(on.workflow_run?.types).toEqual(['completed']);
      for (const [jobId, job] of jobsOf(workflow)) {
        expect(job.if, jobId).toContain("github.event.workflow_run.event == 'pull_request'");
        expect(permissionsOf(workflow, job), jobId).toEqual({ 'pull-requests': 'write', actions: 'read' });
      }
    });

    it('never check out the code of the pull request in the commenting workflow', () => {
      const { workflow } = comment();
      const steps = stepsOf(workflow).map(({ step }) => step);
      expect(steps.filter((step) => isAction(step, 'actions/checkout'))).toEqual([]);
      expect(
        steps.filter((step) => step.run !== undefined),
        'runs no commands',
      ).toEqual([]);
      expect(JSON.stringify(workflow), 'refers to no head of the pull request').not.toMatch(
        /head_branch|head_sha|pull_request\.head/,
      );
    });

    it('download the artifact of the triggering run and report on it without gating', () => {
      const steps = stepsOf(comment().workflow).map(({ step }) => step);
      const download = steps.find((step) => isAction(step, 'actions/download-artifact'))!;
      expect(download.uses).toBe('actions/download-artifact@v8');
      expect(input(download, 'run-id')).toBe('${{ github.event.workflow_run.id }}');
      expect(input(download, 'github-token')).toBe('${{ github.token }}');
      const upload = stepsOf(measure().workflow).find(({ step }) =>
        isAction(step, 'actions/upload-artifact'),
      )!;
      expect(input(download, 'name')).toBe(input(upload.step, 'name'));
      const bench = steps.find(isBuildBench)!;
      expect(steps.indexOf(bench)).toBeGreaterThan(steps.indexOf(download));
      expect(modeOf(bench)).toBe('report');
      expect(input(bench, 'fail-on')).toBe('never');
      const results = input(bench, 'results')!;
      expect(results.startsWith(`${input(download, 'path')}/`), 'results are read from the download').toBe(
        true,
      );
      expect(globToRegExp(results).test(`${input(download, 'path')}/results.json`)).toBe(true);
      const measureBench = stepsOf(measure().workflow).find(({ step }) => isBuildBench(step))!;
      expect(input(bench, 'id'), 'the same id as the measuring step').toBe(input(measureBench.step, 'id'));
    });
  });

  describe('matrix-sharded.yml', () => {
    const workflow = (): Workflow => example('matrix-sharded.yml').workflow;
    const benchJobs = (mode: string): [string, Job][] =>
      jobsOf(workflow()).filter(([, job]) =>
        (job.steps ?? []).some((step) => isBuildBench(step) && modeOf(step) === mode),
      );

    it('measures each scenario of the matrix in a job of its own and uploads its results', () => {
      expect(Object.keys(workflow().on as object).sort()).toEqual(['pull_request', 'push']);
      const measuring = benchJobs('measure');
      expect(measuring).toHaveLength(1);
      const [, job] = measuring[0]!;
      const matrix = job.strategy?.matrix ?? {};
      expect(matrix.scenario).toEqual(['clean', 'incremental']);
      const bench = job.steps!.find(isBuildBench)!;
      expect(input(bench, 'scenarios')).toBe('${{ matrix.scenario }}');
      expect(input(bench, 'results-path')).toBe('build-bench-results/${{ matrix.scenario }}.json');
      const upload = job.steps!.find((step) => isAction(step, 'actions/upload-artifact'))!;
      expect(input(upload, 'name')).toBe('build-bench-${{ matrix.scenario }}');
      expect(input(upload, 'path')).toBe(input(bench, 'results-path'));
      expect(
        grants(permissionsOf(workflow(), job), 'pull-requests', 'write'),
        'measure jobs cannot write',
      ).toBe(false);
    });

    it('reports in a job that needs the measuring job and reads every shard', () => {
      const [[measureId, measureJob]] = benchJobs('measure') as [[string, Job]];
      const reporting = benchJobs('report');
      expect(reporting).toHaveLength(1);
      const [reportId, job] = reporting[0]!;
      expect([job.needs ?? []].flat(), reportId).toContain(measureId);
      const matrix = measureJob.strategy!.matrix!;
      const upload = measureJob.steps!.find((step) => isAction(step, 'actions/upload-artifact'))!;
      const download = job.steps!.find((step) => isAction(step, 'actions/download-artifact'))!;
      expect(download.uses).toBe('actions/download-artifact@v8');
      expect(input(download, 'pattern')).toBe('build-bench-*');
      expect(input(download, 'merge-multiple')).toBe('true');
      const artifactNames = expandMatrix(input(upload, 'name')!, matrix);
      expect(artifactNames).toEqual(['build-bench-clean', 'build-bench-incremental']);
      for (const name of artifactNames)
        expect(globToRegExp(input(download, 'pattern')!).test(name), name).toBe(true);
      const bench = job.steps!.find(isBuildBench)!;
      expect(input(bench, 'results')).toBe('build-bench-results/*.json');
      const measureBench = measureJob.steps!.find(isBuildBench)!;
      // merge-multiple puts each artifact's file, by its base name, into the download path.
      const downloaded = expandMatrix(input(measureBench, 'results-path')!, matrix).map(
        (file) => `${input(download, 'path')}/${path.posix.basename(file)}`,
      );
      expect(downloaded).toHaveLength(2);
      for (const file of downloaded)
        expect(globToRegExp(input(bench, 'results')!).test(file), file).toBe(true);
      expect(grants(permissionsOf(workflow(), job), 'pull-requests', 'write')).toBe(true);
      expect(job.steps!.filter((step) => isAction(step, 'actions/checkout'))).toEqual([]);
    });
  });
});
