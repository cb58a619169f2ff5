/**
 * Path inputs are checked before any build, on a real disk: the results file can be written, and paths stay in the
 * workspace (the Action) or the project (`touch`) unless `allow-outside-workspace`. Every error names input and value.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import type { ConfigFacts } from '../../src/config/config-facts.js';
import type { RawInputs } from '../../src/config/parse-inputs.js';
import { parseStepConfig } from '../../src/config/parse-step-config.js';
import { run } from '../../src/main.js';
import { createDiskPathFacts } from '../../src/system/path-facts.js';
import { createTestDeps } from '../support/test-deps.js';

const OPT_IN = "set input 'allow-outside-workspace' to true to allow it";

/** <temp>/workspace/project (a Cargo project with src/main.rs) and <temp>/elsewhere, outside the workspace. */
let temp = '';
let workspace = '';
let project = '';
let elsewhere = '';

beforeEach(() => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'check-paths-'));
  workspace = path.join(temp, 'workspace');
  project = path.join(workspace, 'project');
  elsewhere = path.join(temp, 'elsewhere');
  mkdirSync(path.join(project, 'src'), { recursive: true });
  mkdirSync(elsewhere);
  writeFileSync(path.join(project, 'Cargo.toml'), '[package]\nname = "p"\nversion = "0.1.0"\n');
  writeFileSync(path.join(project, 'src', 'main.rs'), 'fn main() {}\n');
  writeFileSync(path.join(elsewhere, 'other.rs'), '');
});

afterEach(() => rmSync(temp, { recursive: true, force: true }));

/** The facts main.ts gathers: the Action's (a workspace) or the CLI's (none), with the real disk behind them. */
function facts(kind: 'action' | 'cli'): ConfigFacts {
  return {
    baseDirectory: workspace,
    hasCargoManifest: (directory) => existsSync(path.join(directory, 'Cargo.toml')),
    pathKind: (file) => (!existsSync(file) ? 'missing' : statSync(file).isDirectory() ? 'directory' : 'file'),
    paths: createDiskPathFacts(kind === 'action' ? workspace : null),
  };
}

function parse(raw: RawInputs, kind: 'action' | 'cli' = 'action') {
  return parseStepConfig({ 'working-directory': 'project', ...raw }, facts(kind));
}

/** The ConfigError parsing throws; fails the test when it parses. */
function rejection(raw: RawInputs, kind: 'action' | 'cli' = 'action'): ConfigError {
  try {
    parse(raw, kind);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('results-path', () => {
  it.each([
    {
      value: 'Cargo.toml/r.json',
      why: () => `${path.join(workspace, 'Cargo.toml')} is a file, not a directory`,
    },
    {
      value: 'project/Cargo.toml/r.json',
      why: () => `${path.join(project, 'Cargo.toml')} is a file, not a directory`,
    },
    { value: '/proc/x.json', why: () => 'no file can be created in /proc (ENOENT)' },
    { value: '/sys/x.json', why: () => 'no file can be created in /sys (EACCES)' },
  ])('$value cannot be written: named before any build', ({ value, why }) => {
    if (value.startsWith('Cargo.toml')) writeFileSync(path.join(workspace, 'Cargo.toml'), '');
    const error = rejection({ 'results-path': value, 'allow-outside-workspace': 'true' });
    expect(error.input).toBe('results-path');
    expect(error.message).toBe(
      `Input 'results-path' has the value ${JSON.stringify(value)}: the file cannot be written there: ${why()}`,
    );
  });

  it('in a folder still to be made is accepted, and the probe leaves nothing behind', () => {
    expect(parse({ 'results-path': 'out/deeper/r.json' }).resultsPath).toBe(
      path.join(workspace, 'out/deeper/r.json'),
    );
    expect(readdirSync(workspace)).toEqual(['project']);
  });

  it.each(['../elsewhere/x.json', '../../../elsewhere/x.json'])(
    '%s, outside the workspace, needs the opt-in',
    (value) => {
      const error = rejection({ 'results-path': value });
      expect(error.message).toMatch(
        new RegExp(
          `^Input 'results-path' has the value "${value.replace(/\./g, '\\.')}": .* is outside the workspace `,
        ),
      );
      expect(error.message.endsWith(OPT_IN)).toBe(true);
    },
  );

  it('through a link to a folder outside the workspace needs the opt-in; with it, it is written there', () => {
    symlinkSync(elsewhere, path.join(workspace, 'out'));
    const error = rejection({ 'results-path': 'out/r.json' });
    expect(error.message).toBe(
      `Input 'results-path' has the value "out/r.json": ${path.join(workspace, 'out/r.json')} (a link to ` +
        `${path.join(elsewhere, 'r.json')}) is outside the workspace ${workspace}; ${OPT_IN}`,
    );
    expect(parse({ 'results-path': 'out/r.json', 'allow-outside-workspace': 'true' }).resultsPath).toBe(
      path.join(workspace, 'out/r.json'),
    );
  });

  it('of mode report is checked too', () => {
    const error = rejection({ mode: 'report', results: 'shards/*.json', 'results-path': '/proc/x.json' });
    expect(error.message).toMatch(
      /^Input 'results-path' has the value "\/proc\/x\.json": .* outside the workspace/,
    );
  });

  it('outside the current directory is the CLI user’s choice, and still must be writable', () => {
    expect(parse({ 'results-path': path.join(elsewhere, 'r.json') }, 'cli').resultsPath).toBe(
      path.join(elsewhere, 'r.json'),
    );
    expect(rejection({ 'results-path': '/proc/x.json' }, 'cli').message).toContain('(ENOENT)');
  });
});

describe('working-directory', () => {
  it('outside the workspace needs the opt-in', () => {
    const error = rejection({
      'working-directory': '../elsewhere',
      command: 'make',
      'clean-command': 'true',
      touch: 'main.c',
    });
    expect(error.message).toBe(
      `Input 'working-directory' has the value "../elsewhere": ${elsewhere} is outside the workspace ${workspace}; ${OPT_IN}`,
    );
    const allowed = {
      'working-directory': '../elsewhere',
      command: 'make',
      'clean-command': 'true',
      touch: 'a.c',
    };
    expect(parse({ ...allowed, linkers: 'default', 'allow-outside-workspace': 'true' })).toMatchObject({
      workingDirectory: elsewhere,
    });
  });

  it('through a link that leads outside the workspace needs the opt-in', () => {
    symlinkSync(elsewhere, path.join(workspace, 'linked'));
    const error = rejection({ 'working-directory': 'linked', command: 'make', 'clean-command': 'true' });
    expect(error.message).toBe(
      `Input 'working-directory' has the value "linked": ${path.join(workspace, 'linked')} (a link to ` +
        `${elsewhere}) is outside the workspace ${workspace}; ${OPT_IN}`,
    );
  });

  it('typed on the CLI may be anywhere', () => {
    const cli = {
      'working-directory': elsewhere,
      command: 'make',
      'clean-command': 'true',
      linkers: 'default',
      touch: 'main.c',
    };
    expect(parse(cli, 'cli')).toMatchObject({ workingDirectory: elsewhere });
  });
});

describe('touch', () => {
  it.each([
    { value: '../../elsewhere/other.rs', shown: () => path.join(elsewhere, 'other.rs') },
    { value: '/etc/passwd', shown: () => '/etc/passwd' },
    { value: '../*.rs', shown: () => workspace },
    { value: '../../elsewhere/**/*.rs', shown: () => elsewhere },
  ])('$value, outside the project, needs the opt-in, in the Action and the CLI', ({ value, shown }) => {
    for (const kind of ['action', 'cli'] as const) {
      const error = rejection({ touch: `src/main.rs, ${value}` }, kind);
      expect(error.message).toBe(
        `Input 'touch' has the value ${JSON.stringify(value)}: ${shown()} is outside the project ${project}; ${OPT_IN}`,
      );
    }
    expect(parse({ touch: value, 'allow-outside-workspace': 'true' })).toMatchObject({
      touchPatterns: [value],
    });
  });

  it('through a link to a file outside the project needs the opt-in', () => {
    symlinkSync(path.join(elsewhere, 'other.rs'), path.join(project, 'src', 'linked.rs'));
    const error = rejection({ touch: 'src/linked.rs' });
    expect(error.message).toBe(
      `Input 'touch' has the value "src/linked.rs": ${path.join(project, 'src/linked.rs')} (a link to ` +
        `${path.join(elsewhere, 'other.rs')}) is outside the project ${project}; ${OPT_IN}`,
    );
  });

  it('inside the project is accepted, paths and globs alike', () => {
    expect(parse({ touch: 'src/main.rs, src/**/*.rs, ./src/../src/*.rs' })).toMatchObject({
      touchPatterns: ['src/main.rs', 'src/**/*.rs', './src/../src/*.rs'],
    });
  });
});

describe('allow-outside-workspace', () => {
  it('takes true or false only', () => {
    const error = rejection({ 'allow-outside-workspace': 'yes' });
    expect(error.message).toBe(
      `Input 'allow-outside-workspace' has the value "yes": expected one of true, false`,
    );
  });
});

describe('the pipeline', () => {
  it('stops on a results path that cannot be written before it builds anything', async () => {
    const deps = {
      ...createTestDeps({ 'working-directory': project, 'results-path': '/proc/x.json' }),
      workspace,
    };
    const startedMs = performance.now();
    await expect(run(deps)).rejects.toThrow(
      `Input 'results-path' has the value "/proc/x.json": /proc/x.json is outside the workspace ${workspace}`,
    );
    expect(performance.now() - startedMs).toBeLessThan(2000);
    expect(existsSync(path.join(project, 'target'))).toBe(false);
  });
});
