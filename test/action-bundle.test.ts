/** The bundled Action, run as a runner runs it: `node dist/index.js` with INPUT_* and the runner's files. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Results } from '../src/results/results.js';
import { copyFixture, REPO_ROOT, type FixtureCopy } from './support/fixture-project.js';

let fixture: FixtureCopy | undefined;
afterEach(() => fixture?.remove());

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[index]!);
    if (!match) continue;
    const value: string[] = [];
    while (lines[++index] !== match[2]) value.push(lines[index]!);
    outputs[match[1]!] = value.join('\n');
  }
  return outputs;
}

function runBundle(
  inputs: Record<string, string>,
  workspace: string,
): { status: number | null; stdout: string; runner: string } {
  const runner = mkdtempSync(path.join(os.tmpdir(), 'build-bench-runner-'));
  const files = { output: 'output.txt', summary: 'summary.md', event: 'event.json', path: 'path.txt' };
  for (const name of Object.values(files)) writeFileSync(path.join(runner, name), '');
  writeFileSync(
    path.join(runner, files.event),
    JSON.stringify({ ref: 'refs/heads/main', repository: { default_branch: 'main' } }),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CARGO_HOME: process.env.CARGO_HOME,
    RUSTUP_HOME: process.env.RUSTUP_HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: path.join(runner, files.event),
    GITHUB_OUTPUT: path.join(runner, files.output),
    GITHUB_STEP_SUMMARY: path.join(runner, files.summary),
    GITHUB_PATH: path.join(runner, files.path),
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    RUNNER_TEMP: path.join(runner, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runner, 'tool-cache'),
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'index.js')], {
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: child.status, stdout: child.stdout + child.stderr, runner };
}

describe('dist/index.js on a runner', () => {
  it('benchmarks a fixture and writes the outputs, the job summary and the results file', () => {
    fixture = copyFixture('tiny');
    const { status, stdout, runner } = runBundle(
      {
        'working-directory': 'tiny',
        'mold-version': '1.10.1',
        runs: '2',
        warmup: '0',
        scenarios: 'clean, incremental',
      },
      path.dirname(fixture.directory),
    );

    expect(stdout).not.toContain('::error::');
    expect(status).toBe(0);
    expect(stdout).toContain('::group::Building');
    expect(stdout).toMatch(/\[\d+\/\d+\] incremental · mold · round 2: /);
    const outputs = readOutputs(path.join(runner, 'output.txt'));
    expect(outputs['mold-version']).toBe('1.10.1');
    expect(outputs['mold-path']).toBe('/usr/bin/mold');
    expect(outputs.status).toBe('complete');
    expect(Number(outputs['incremental-median-ms'])).toBeGreaterThan(0);
    expect(Number(outputs['incremental-mold-speedup'])).toBeGreaterThan(0);
    const results = JSON.parse(readFileSync(outputs['results-path']!, 'utf8')) as Results;
    expect(results.environment.commit).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(results.environment.event).toBe('push');
    expect(results.linkers.map((check) => `${check.variant}:${check.family}`).sort()).toEqual([
      'default:lld',
      'mold:mold',
    ]);
    const summary = readFileSync(path.join(runner, 'summary.md'), 'utf8');
    expect(summary).toContain('## build-bench: build-bench');
    expect(summary).toContain('mold 1.10.1');
    expect(statSync(outputs['results-path']!).isFile()).toBe(true);
  });

  it('rejects a bad input before any build, naming the input and the value', () => {
    fixture = copyFixture('tiny');
    const { status, stdout, runner } = runBundle(
      { 'working-directory': 'tiny', runs: 'many' },
      path.dirname(fixture.directory),
    );

    expect(status).toBe(1);
    expect(stdout).toContain(
      `::error::Input 'runs' has the value "many": expected a whole number from 1 to 100`,
    );
    expect(stdout).not.toContain('Building');
    expect(readOutputs(path.join(runner, 'output.txt')).status).toBe('failed');
  });
});
