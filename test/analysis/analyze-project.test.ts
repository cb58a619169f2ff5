/** The analysis never takes the run down: whatever fails becomes a problem, logged and kept with the results. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeCheckout } from '../../src/analysis/analyze-project.js';
import { parseConfig } from '../../src/config/parse-config.js';
import type { ProcessRunner } from '../../src/system/ports.js';
import { createRecordingLogger } from '../support/recording-logger.js';

const directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-analyze-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
writeFileSync(path.join(directory, 'Cargo.toml'), '[package]\nname = "lost"\nversion = "0.1.0"\n');

const benchDir = path.join(directory, 'target', 'build-bench');
const config = parseConfig(
  { 'working-directory': directory, 'llvm-lines': 'true' },
  { baseDirectory: directory, hasCargoManifest: () => true },
);
const cargo = {
  workspaceRoot: directory,
  triples: ['x86_64-unknown-linux-gnu'],
  metadata: { packages: [], workspace_members: [], workspace_root: directory, target_directory: benchDir },
};

describe('analyzeCheckout', () => {
  it('turns a runner that cannot run anything into problems, not an exception', async () => {
    const runner: ProcessRunner = { run: () => Promise.reject(new Error('spawn cargo ENOENT')) };
    const logger = createRecordingLogger();
    const analysis = await analyzeCheckout(config, directory, cargo, benchDir, { runner, logger, env: {} });
    expect(analysis.dependencies).toBeNull();
    expect(analysis.llvmLines).toBeNull();
    expect(analysis.problems.length).toBeGreaterThan(0);
    expect(logger.warnings).toEqual(analysis.problems);
  });

  it('names the base in its problems', async () => {
    const runner: ProcessRunner = {
      run: () => {
        throw new TypeError('the runner broke');
      },
    };
    const logger = createRecordingLogger();
    const deps = { runner, logger, env: {} };
    const analysis = await analyzeCheckout(config, directory, cargo, benchDir, deps, 'base');
    expect(analysis.problems.length).toBeGreaterThan(0);
    expect(analysis.problems.every((problem) => problem.startsWith('Base: '))).toBe(true);
    expect(logger.warnings.every((warning) => warning.startsWith('Base: '))).toBe(true);
  });

  it('turns an exception inside the analysis into a problem, keeping nothing half-read', async () => {
    const runner: ProcessRunner = { run: () => Promise.reject(new Error('spawn cargo ENOENT')) };
    const broken = { ...cargo, metadata: { ...cargo.metadata, packages: null as never } };
    const logger = createRecordingLogger();
    const analysis = await analyzeCheckout(config, directory, broken, benchDir, { runner, logger, env: {} });
    expect(analysis).toEqual({
      llvmLines: null,
      dependencies: null,
      settings: null,
      problems: [expect.stringMatching(/^The build was not analysed: .+\.$/) as string],
    });
    expect(logger.warnings).toEqual(analysis.problems);
  });
});
