/** The Action's entry: runs the pipeline with the runner's adapters and reports a failure once. */
import { describeError } from './system/errors.js';
import * as core from '@actions/core';
import { createActionDeps } from './github/action-deps.js';
import { run } from './main.js';
import { installSignalHandlers } from './system/cleanup.js';

installSignalHandlers((message) => core.warning(message));
try {
  await run(createActionDeps());
} catch (error) {
  core.setFailed(describeError(error));
}
