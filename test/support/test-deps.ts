/** Real adapters for in-process runs of the pipeline: the real process runner, tool cache and clock. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as toolCache from '@actions/tool-cache';
import { createCacheBaselineStore } from '../../src/baseline/io/baseline-store.js';
import type { Deps } from '../../src/pipeline/deps.js';
import { systemClock } from '../../src/system/clock.js';
import { createProcessRunner } from '../../src/system/process-runner.js';
import { createRunnerGitHubApi } from '../../src/github/create-api.js';
import { createRecordingLogger, type RecordingLogger } from './recording-logger.js';

export interface TestDeps extends Deps {
  readonly logger: RecordingLogger;
  readonly outputs: Map<string, string>;
  readonly summaries: string[];
}

export function createTestDeps(
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): TestDeps {
  const outputs = new Map<string, string>();
  const summaries: string[] = [];
  const temp = mkdtempSync(path.join(os.tmpdir(), 'build-bench-deps-'));
  process.env.RUNNER_TOOL_CACHE ??= path.join(temp, 'tool-cache');
  process.env.RUNNER_TEMP ??= path.join(temp, 'runner-temp');
  const logger = createRecordingLogger();
  return {
    // No rounds beyond `runs` unless a test asks for them: the suite stays fast and its builds countable.
    inputs: { 'mold-version': 'any', warmup: '0', 'time-budget': '0', ...inputs },
    logger,
    runner: createProcessRunner(),
    clock: systemClock,
    env,
    platform: process.platform,
    arch: os.arch(),
    baseDirectory: process.cwd(),
    toolCache,
    baselineStore: createCacheBaselineStore({
      platform: process.platform,
      arch: os.arch(),
      tempDirectory: process.env.RUNNER_TEMP,
      env,
      epochMs: () => systemClock.date().getTime(),
    }),
    createGitHubApi: createRunnerGitHubApi(env, logger),
    addPath: () => undefined,
    setOutput: (name, value) => outputs.set(name, value),
    writeSummary: (markdown) => {
      summaries.push(markdown);
      return Promise.resolve();
    },
    outputs,
    summaries,
  };
}
