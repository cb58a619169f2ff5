/** The real adapters for a GitHub Actions runner: inputs, logs, outputs and the job summary via @actions/core. */
import os from 'node:os';
import * as core from '@actions/core';
import * as toolCache from '@actions/tool-cache';
import { INPUT_NAMES } from './config/input-names.js';
import type { Deps } from './pipeline/deps.js';
import { createRunnerBaselineStore } from './baseline/io/baseline-store.js';
import { createProcessRunner } from './system/process-runner.js';
import { systemClock } from './system/clock.js';
import { escapeLogText } from './system/log-escape.js';
import { createRunnerGitHubApi } from './github/create-api.js';

export function createActionDeps(): Deps {
  const inputs: Record<string, string> = {};
  for (const name of INPUT_NAMES) inputs[name] = core.getInput(name);
  // Plain lines are escaped here; @actions/core escapes what it puts into a command (warning, notice, group title).
  const logger: Deps['logger'] = {
    info: (message) => core.info(escapeLogText(message)),
    warning: (message) => core.warning(message),
    notice: (message) => core.notice(message),
    progress: (message) => core.info(escapeLogText(message)),
    group: (title, body) => core.group(title, body),
  };
  return {
    inputs,
    logger,
    runner: createProcessRunner(),
    clock: systemClock,
    env: process.env,
    platform: process.platform,
    arch: os.arch(),
    baseDirectory: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    workspace: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    toolCache,
    baselineStore: createRunnerBaselineStore(process.env),
    createGitHubApi: createRunnerGitHubApi(process.env, logger),
    addPath: (directory) => core.addPath(directory),
    setOutput: (name, value) => core.setOutput(name, value),
    writeSummary: async (markdown) => {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown, true).write();
    },
  };
}
