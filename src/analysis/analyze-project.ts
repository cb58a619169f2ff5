/** Why builds are slow, for one checkout of a Cargo project: its build settings, its crates, its IR lines. */
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { CargoMetadata } from '../cargo/cargo.js';
import type { CargoProject } from '../cargo/cargo.js';
import type { Logger, ProcessRunner } from '../system/ports.js';
import { describeError } from '../system/errors.js';
import type { Analysis } from './analysis.js';
import { readBuildSettings } from '../cargo/cargo.js';
import { readDependencies } from '../cargo/cargo.js';
import { measureLlvmLines } from './io/measure-llvm-lines.js';

export interface AnalysisRequest {
  readonly config: Config;
  /** The project's directory: the user's, or the base's worktree. */
  readonly workingDirectory: string;
  readonly workspaceRoot: string;
  readonly metadata: CargoMetadata;
  /** The target triple the build compiles for. */
  readonly triple: string;
  /** A directory of build-bench's own; IR lines are built under `<it>/llvm-lines`. */
  readonly benchDir: string;
}

export interface AnalysisDeps {
  readonly runner: ProcessRunner;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
}

/** Never throws for what it cannot analyse: each gap is a problem, logged as a warning and kept in the results. */
export async function analyzeProject(request: AnalysisRequest, deps: AnalysisDeps): Promise<Analysis> {
  const { config, workingDirectory, triple } = request;
  const { runner, env, logger } = deps;
  const settings = await readBuildSettings(
    {
      workingDirectory,
      workspaceRoot: request.workspaceRoot,
      command: config.command,
      triple,
      env,
    },
    runner,
  );
  const dependencies = await readDependencies(
    { workingDirectory, triple, command: config.command, env },
    runner,
  );
  const llvmLines = config.llvmLines.enabled
    ? await measureLlvmLines(
        {
          workingDirectory,
          metadata: request.metadata,
          packages: config.llvmLines.packages,
          command: config.command,
          targetDirectory: path.join(request.benchDir, 'llvm-lines'),
          env,
          timeoutMs: config.buildTimeoutMs,
        },
        runner,
      )
    : { report: null, problems: [] };
  const problems = [...settings.problems, ...dependencies.problems, ...llvmLines.problems];
  for (const problem of problems) logger.warning(problem);
  return {
    llvmLines: llvmLines.report,
    dependencies: dependencies.report,
    settings: settings.settings,
    problems,
  };
}

/**
 * Settings, crates and (when asked) IR lines of one checkout, in a group of the log. Whatever goes wrong is a
 * problem of the analysis, never the run's: the builds are measured already.
 */
export async function analyzeCheckout(
  config: Config,
  workingDirectory: string,
  cargo: Pick<CargoProject, 'workspaceRoot' | 'triples' | 'metadata'>,
  benchDir: string,
  deps: AnalysisDeps,
  side: 'head' | 'base' = 'head',
): Promise<Analysis> {
  const request = {
    config,
    workingDirectory,
    workspaceRoot: cargo.workspaceRoot,
    metadata: cargo.metadata,
    triple: cargo.triples[0]!,
    benchDir,
  };
  const what = config.llvmLines.enabled ? 'settings, crates and LLVM IR lines' : 'settings and crates';
  const title = `Analysing ${side === 'base' ? 'the base' : 'the build'}: ${what}`;
  const logger: Logger =
    side === 'base'
      ? { ...deps.logger, warning: (message) => deps.logger.warning(`Base: ${message}`) }
      : deps.logger;
  try {
    const analysis = await deps.logger.group(title, () => analyzeProject(request, { ...deps, logger }));
    return side === 'base'
      ? { ...analysis, problems: analysis.problems.map((problem) => `Base: ${problem}`) }
      : analysis;
  } catch (error) {
    const problem = `${side === 'base' ? 'Base: ' : ''}The build was not analysed: ${describeError(error)}.`;
    deps.logger.warning(problem);
    return { llvmLines: null, dependencies: null, settings: null, problems: [problem] };
  }
}
