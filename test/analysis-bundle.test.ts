/**
 * Why builds are slow, as a runner runs it: dist/index.js counts the LLVM IR lines of a generic-code fixture on a
 * push to main (saved with the baseline in the local Actions cache), then gates a pull request that adds copies
 * of a generic function, and writes the exports.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cacheEnv,
  makeRuntimeToken,
  MAIN_SCOPES,
  PULL_REQUEST_SCOPES,
  startCacheService,
  type CacheService,
} from './support/cache-service.js';
import { REPO_ROOT } from './support/fixture-project.js';
import { PUSH_TO_MAIN, pullRequestEvent, runBundle, type BundleRun } from './support/run-bundle.js';

const INPUTS = {
  'working-directory': 'generic-code',
  scenarios: 'incremental',
  linkers: 'default',
  runs: '2',
  warmup: '0',
  // Timing is not what these runs test: only the IR lines may fail the gate.
  threshold: '900%',
  'llvm-lines': 'true',
  'llvm-lines-packages': 'generic-shapes',
  'llvm-lines-threshold': '10%',
  export: 'github-action-benchmark, bencher',
};

let service: CacheService;
let parent: string;
let workspace: string;
let runnerTemp: string;
let librarySource: string;

beforeAll(async () => {
  service = await startCacheService();
  parent = mkdtempSync(path.join(os.tmpdir(), 'build-bench-analysis-'));
  workspace = path.join(parent, 'workspace');
  runnerTemp = path.join(parent, 'runner-temp');
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'generic-code'), path.join(workspace, 'generic-code'), {
    recursive: true,
  });
  librarySource = path.join(workspace, 'generic-code', 'crates', 'shapes', 'src', 'lib.rs');
});

afterAll(async () => {
  await service.close();
  rmSync(parent, { recursive: true, force: true });
});

/** Twelve more copies of `tally`: one per new type that weighs something. */
function withMoreCopies(source: string): string {
  const types = Array.from({ length: 12 }, (_, index) => `Extra${index}`);
  const extra = types
    .map(
      (name, index) =>
        `pub struct ${name}(pub u64);\nimpl Weigh for ${name} { fn weight(&self) -> u64 { self.0 * ${index + 2} } }`,
    )
    .join('\n');
  const calls = types.map((name) => `tally(&[${name}(1)])`).join(' + ');
  return `${source}\n${extra}\npub fn tally_extras() -> u64 { ${calls} }\n`;
}

function push(): Promise<BundleRun> {
  return runBundle(INPUTS, {
    workspace,
    runnerTemp,
    event: { ...PUSH_TO_MAIN, runId: '1', sha: '1'.padStart(40, 'a') },
    env: cacheEnv(service, makeRuntimeToken(MAIN_SCOPES)),
  });
}

function pullRequest(): Promise<BundleRun> {
  return runBundle(INPUTS, {
    workspace,
    runnerTemp,
    event: { ...pullRequestEvent(9), runId: '2' },
    env: cacheEnv(service, makeRuntimeToken(PULL_REQUEST_SCOPES)),
  });
}

describe('why builds are slow, on a runner', () => {
  it('a push counts the IR lines, the crates and the settings, exports them, and saves them with the baseline', async () => {
    const run = await push();
    expect(run.stdout).not.toContain('::error::');
    expect(run.status).toBe(0);
    expect(run.summary).toContain('### Why builds are slow');
    expect(run.summary).toMatch(/\*\*LLVM IR lines\*\* \(counted from rustc's unoptimized `--emit=llvm-ir`/);
    expect(run.summary).toMatch(/\| `generic_shapes::tally` \|$/m);
    expect(run.summary).toContain('**Crates**: 2 in the build graph, 2 of them workspace members.');
    expect(run.summary).toContain('**Build settings**: profile `dev`.');
    expect(Number(run.outputs['llvm-lines'])).toBeGreaterThan(0);
    expect(run.outputs['crate-count']).toBe('2');
    expect(run.outputs['duplicate-crates']).toBe('');
    const exported = JSON.parse(readFileSync(run.outputs['github-action-benchmark-file']!, 'utf8')) as {
      name: string;
      unit: string;
      value: number;
    }[];
    expect(exported.find((entry) => entry.unit === 'ms')?.value).toBeGreaterThan(0);
    expect(exported.find((entry) => entry.unit === 'lines')?.value).toBe(Number(run.outputs['llvm-lines']));
    const bencher = JSON.parse(readFileSync(run.outputs['bencher-file']!, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(bencher).length).toBeGreaterThan(0);
    expect(service.entries()).toHaveLength(1);
  });

  it('a pull request with no change has the same IR lines, and no pass its one-run history cannot earn', async () => {
    const run = await pullRequest();
    expect(run.stdout).not.toContain('::error::');
    expect(run.status).toBe(0);
    // One cached run cannot tell how much runs differ: the timing is inconclusive, never a pass.
    expect(run.outputs.verdict).toBe('inconclusive');
    expect(run.outputs['incremental-verdict']).toBe('inconclusive');
    expect(run.summary).toContain('±0.0 %');
    expect(run.summary).toContain('✅ within 10%');
    expect(run.summary).toContain('- Against the baseline: the same crates.');
  });

  it('a pull request that adds copies of a generic function fails the gate on its IR lines, naming the function', async () => {
    const original = readFileSync(librarySource, 'utf8');
    writeFileSync(librarySource, withMoreCopies(original));
    let run: BundleRun;
    try {
      run = await pullRequest();
    } finally {
      writeFileSync(librarySource, original);
    }
    expect(run.status).toBe(1);
    expect(run.outputs.verdict).toBe('regression');
    expect(run.outputs['incremental-verdict']).toBe('inconclusive');
    expect(run.summary).toContain('### Verdict: ❌ regression');
    expect(run.summary).toMatch(/the LLVM IR lines of `generic-shapes` \(lib\) grew \+\d+\.\d %/);
    expect(run.summary).toMatch(/Grew the most in `generic-shapes` \(lib\) since `aaaaaaa`:/);
    expect(run.summary).toMatch(/\| `generic_shapes::tally` \| [\d,]+ → [\d,]+ \| \+[\d,]+ \| 4 → 16 \|/);
    expect(run.stdout).toMatch(
      /::error::The crates generate more LLVM IR than input 'llvm-lines-threshold' allows/,
    );
  });
});
