/** Runs the bundled Action as a runner does: `node dist/index.js` with INPUT_*, the event file and GITHUB_* files. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './fixture-project.js';

export interface RunnerEvent {
  readonly name: string;
  readonly ref: string;
  readonly payload: Record<string, unknown>;
  readonly sha?: string;
  readonly runId?: string;
}

export const PUSH_TO_MAIN: RunnerEvent = {
  name: 'push',
  ref: 'refs/heads/main',
  payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } },
};

/** The head commit of pull request `number` in these events (GITHUB_SHA is the merge commit). */
export function pullRequestHeadSha(number: number): string {
  return `${number}`.padStart(40, 'e');
}

export function pullRequestEvent(number: number): RunnerEvent {
  return {
    name: 'pull_request',
    ref: `refs/pull/${number}/merge`,
    payload: {
      number,
      pull_request: {
        number,
        base: { ref: 'main' },
        head: { ref: `feature-${number}`, sha: pullRequestHeadSha(number) },
      },
      repository: { default_branch: 'main' },
    },
  };
}

/** The fork-safe second workflow: triggered by the completed `pull_request` run of pull request `number`. */
export function workflowRunEvent(number: number, headRepository: string): RunnerEvent {
  return {
    name: 'workflow_run',
    ref: 'refs/heads/main',
    payload: {
      workflow_run: {
        event: 'pull_request',
        head_sha: pullRequestHeadSha(number),
        head_branch: `feature-${number}`,
        head_repository: { full_name: headRepository },
      },
      repository: { default_branch: 'main' },
    },
  };
}

export interface BundleRunOptions {
  /** GITHUB_WORKSPACE; `working-directory` is relative to it. */
  readonly workspace: string;
  readonly event?: RunnerEvent;
  /** Extra environment, e.g. the cache service's variables. */
  readonly env?: Readonly<Record<string, string>>;
  /** RUNNER_TEMP; runs that share a baseline must share it (the cache version hashes the path). */
  readonly runnerTemp?: string;
}

export interface BundleRun {
  readonly status: number | null;
  /** stdout and stderr, interleaved as they came. */
  readonly stdout: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** Folder of this run's runner files. */
  readonly runner: string;
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
export function readOutputs(file: string): Record<string, string> {
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

/** Asynchronous, so servers in the test's own process (cache, GitHub) keep answering while it runs. */
export function runBundle(
  inputs: Readonly<Record<string, string>>,
  options: BundleRunOptions,
): Promise<BundleRun> {
  const runner = mkdtempSync(path.join(os.tmpdir(), 'build-bench-runner-'));
  const event = options.event ?? PUSH_TO_MAIN;
  const files = { output: 'output.txt', summary: 'summary.md', event: 'event.json', path: 'path.txt' };
  for (const name of Object.values(files)) writeFileSync(path.join(runner, name), '');
  writeFileSync(path.join(runner, files.event), JSON.stringify(event.payload));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CARGO_HOME: process.env.CARGO_HOME,
    RUSTUP_HOME: process.env.RUSTUP_HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: path.join(runner, files.event),
    GITHUB_OUTPUT: path.join(runner, files.output),
    GITHUB_STEP_SUMMARY: path.join(runner, files.summary),
    GITHUB_PATH: path.join(runner, files.path),
    GITHUB_SHA: event.sha ?? '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: event.ref,
    GITHUB_RUN_ID: event.runId ?? '1',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: options.runnerTemp ?? path.join(runner, 'temp'),
    RUNNER_TOOL_CACHE: path.join(runner, 'tool-cache'),
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'index.js')], {
      env,
      cwd: options.workspace,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({
        status,
        stdout,
        outputs: readOutputs(path.join(runner, files.output)),
        summary: readFileSync(path.join(runner, files.summary), 'utf8'),
        runner,
      });
    });
  });
}
