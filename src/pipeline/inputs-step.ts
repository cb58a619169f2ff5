/** The first step: the inputs read once into a typed configuration, checked against the disk and the run. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StepConfig } from '../config/config.js';
import { parseStepConfig } from '../config/parse-step-config.js';
import type { RunContext } from '../system/run-facts.js';
import { createDiskPathFacts } from '../system/path-facts.js';
import type { Deps } from './deps.js';

export function readStepConfig(deps: Deps, context: RunContext): StepConfig {
  return parseStepConfig(deps.inputs, {
    pullRequest: context.pullRequest !== null,
    baseDirectory: deps.baseDirectory,
    hasCargoManifest: (directory) => existsSync(path.join(directory, 'Cargo.toml')),
    pathKind: (file) => (!existsSync(file) ? 'missing' : statSync(file).isDirectory() ? 'directory' : 'file'),
    paths: createDiskPathFacts(deps.workspace ?? null),
  });
}
