/** The README's Inputs and Outputs tables say what action.yml declares: every name, and each literal default. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/fixture-project.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const ACTION = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;
const SCENARIOS = ['clean', 'incremental', 'edit', 'noop'];

/** The rows of the first table under `## <heading>`, as cells. */
function tableRows(heading: string): string[][] {
  const section = README.split(`\n## ${heading}\n`)[1]!.split('\n## ')[0]!;
  return section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

/** The names a cell lists in code spans, `<scenario>-…` expanded to every scenario. */
function namesIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].flatMap(([, name]) =>
    name!.startsWith('<scenario>-')
      ? SCENARIOS.map((scenario) => name!.replace('<scenario>', scenario))
      : [name!],
  );
}

describe('README', () => {
  it('has a row for every input of action.yml and none it does not declare, with its literal default', () => {
    const rows = tableRows('Inputs');
    const documented = new Map(rows.map(([name, defaultCell]) => [namesIn(name!)[0]!, defaultCell!]));
    expect([...documented.keys()].sort()).toEqual(Object.keys(ACTION.inputs).sort());
    for (const [name, input] of Object.entries(ACTION.inputs)) {
      const literal = /^`([^`]*)`$/.exec(documented.get(name)!);
      // Where action.yml leaves the default empty, the README may say what is computed instead; a default the
      // README spells out in words (a URL) is not a literal to compare.
      if (literal !== null && (input.default ?? '') !== '')
        expect(literal[1], `default of ${name}`).toBe(input.default);
    }
  });

  it('names every output of action.yml in its Outputs table, and none it does not declare', () => {
    const named = new Set(tableRows('Outputs').flatMap(([names]) => namesIn(names!)));
    expect([...named].sort()).toEqual(Object.keys(ACTION.outputs).sort());
  });

  it('gives the two commands a newcomer needs: the example benchmark and the tests', () => {
    expect(README).toContain('```sh\nnode dist/cli.js\n```');
    expect(README).toContain('```sh\n./scripts/install-and-test.sh\n```');
    expect(readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8')).toContain('scripts/install-and-test.sh');
  });
});
