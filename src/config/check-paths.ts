/**
 * Path inputs checked before any build: where they lead (symbolic links followed), and that the results file can be
 * written. Pure: what the disk says comes in through PathFacts.
 *
 * Without `allow-outside-workspace: true`, `touch` stays inside the project (working-directory), and, in the Action,
 * `working-directory` and `results-path` stay inside the workspace. The CLI has no workspace: a project directory
 * or results path typed on its command line is the user's own choice.
 */
import path from 'node:path';
import { ConfigError } from './config.js';
import { parseBoolean, read, splitList, type RawInputs } from './parse-inputs.js';
import type { PathFacts } from '../system/ports.js';

const OPT_IN = "set input 'allow-outside-workspace' to true to allow it";

function isInside(directory: string, target: string): boolean {
  const relative = path.relative(directory, target);
  return (
    relative === '' ||
    (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative))
  );
}

/** `/a/b` or, through a link, `/a/b (a link to /c/d)`. */
function describeTarget(resolved: string, real: string): string {
  return resolved === real ? real : `${resolved} (a link to ${real})`;
}

/** The absolute folder a glob's matches lie under (its segments before the first wildcard), or the path itself. */
function fixedPart(absolutePattern: string): string {
  const segments = absolutePattern.split(path.sep);
  const firstWildcard = segments.findIndex((segment) => /[*?]/.test(segment));
  if (firstWildcard < 0) return absolutePattern;
  return segments.slice(0, firstWildcard).join(path.sep) || path.sep;
}

/** `working-directory` in the workspace, and each `touch` path or glob in the project; throws ConfigError. */
export function checkProjectPaths(
  raw: RawInputs,
  workingDirectory: string,
  facts: PathFacts | undefined,
): void {
  const allowOutside = parseBoolean(raw, 'allow-outside-workspace');
  if (facts === undefined || allowOutside) return;
  const project = facts.resolveReal(workingDirectory);
  if (facts.workspace !== null) {
    const workspace = facts.resolveReal(facts.workspace);
    if (!isInside(workspace, project)) {
      const where = describeTarget(workingDirectory, project);
      throw new ConfigError(
        'working-directory',
        read(raw, 'working-directory'),
        `${where} is outside the workspace ${workspace}; ${OPT_IN}`,
      );
    }
  }
  for (const pattern of splitList(read(raw, 'touch'))) {
    const resolved = fixedPart(path.resolve(workingDirectory, pattern));
    const real = facts.resolveReal(resolved);
    if (!isInside(project, real)) {
      throw new ConfigError(
        'touch',
        pattern,
        `${describeTarget(resolved, real)} is outside the project ${project}; ${OPT_IN}`,
      );
    }
  }
}

/** A file the step writes: in the workspace (the Action), and writable; throws ConfigError naming `input`. */
export function checkResultsPath(
  raw: RawInputs,
  absolutePath: string,
  facts: PathFacts | undefined,
  input: 'results-path' | 'history-file' = 'results-path',
): void {
  const allowOutside = parseBoolean(raw, 'allow-outside-workspace');
  if (facts === undefined) return;
  const given = read(raw, input);
  if (facts.workspace !== null && !allowOutside) {
    const workspace = facts.resolveReal(facts.workspace);
    const real = facts.resolveReal(absolutePath);
    if (!isInside(workspace, real)) {
      throw new ConfigError(
        input,
        given,
        `${describeTarget(absolutePath, real)} is outside the workspace ${workspace}; ${OPT_IN}`,
      );
    }
  }
  const why = facts.whyNotWritable(absolutePath);
  if (why !== null) throw new ConfigError(input, given, `the file cannot be written there: ${why}`);
}
