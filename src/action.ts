/** The Action's entry point as `@github/local-action` and `index.ts` call it: importing it starts nothing. */
import * as core from '@actions/core';
import { createActionDeps } from './action-deps.js';
import { run as runPipeline } from './main.js';
import { installSignalHandlers } from './system/cleanup.js';
import { describeError } from './system/errors.js';

/** Runs the pipeline with the runner's adapters; a failure is reported once, through `core.setFailed`. */
export async function run(): Promise<void> {
  installSignalHandlers((message) => core.warning(message));
  try {
    await runPipeline(createActionDeps());
  } catch (error) {
    core.setFailed(describeError(error));
  }
}
