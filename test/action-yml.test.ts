/** action.yml and the code agree: the same inputs, each described, with the defaults the code applies. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_NAMES } from '../src/config/input-names.js';
import { INPUT_DEFAULTS } from '../src/config/parse-inputs.js';
import { parseStepConfig } from '../src/config/parse-step-config.js';
import { EXPORT_FORMATS } from '../src/config/config.js';
import { collectComparisonOutputs, collectOutputs } from '../src/report/outputs.js';
import { REPO_ROOT } from './support/fixture-project.js';
import { makeResults } from './support/results-fixture.js';

/** The entries of one top-level mapping (`inputs:` or `outputs:`), with their own keys, from the YAML text. */
function readSection(yaml: string, section: string): Map<string, Record<string, string>> {
  const entries = new Map<string, Record<string, string>>();
  const lines = yaml.split('\n');
  let index = lines.indexOf(`${section}:`) + 1;
  let current: Record<string, string> | null = null;
  for (; index < lines.length && (lines[index]!.startsWith(' ') || lines[index] === ''); index++) {
    const entry = /^ {2}([a-z0-9-]+):$/.exec(lines[index]!);
    if (entry) entries.set(entry[1]!, (current = {}));
    const field = /^ {4}([a-z]+):\s*(.*)$/.exec(lines[index]!);
    if (field && current) current[field[1]!] = field[2]!.replace(/^'(.*)'$/, '$1');
  }
  return entries;
}

const yaml = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');

describe('action.yml', () => {
  it('runs the bundle on node24', () => {
    expect(yaml).toMatch(/\nruns:\n {2}using: node24\n {2}main: dist\/index\.js\n/);
  });

  it('declares exactly the inputs the code reads, each with a description and a default', () => {
    const inputs = readSection(yaml, 'inputs');
    expect([...inputs.keys()].sort()).toEqual([...INPUT_NAMES].sort());
    for (const [name, fields] of inputs) {
      expect(fields.description, name).toBeTruthy();
      expect(fields.default, name).toBeDefined();
      const codeDefault = (INPUT_DEFAULTS as Record<string, string>)[name];
      if (codeDefault !== undefined) expect(fields.default, name).toBe(codeDefault);
    }
  });

  it('declares every output the step sets, each with a description', () => {
    const outputs = readSection(yaml, 'outputs');
    const comparison = { baseline: null, scenarios: [], verdict: 'pass', allowCrossMachine: false } as const;
    const set = [
      ...Object.keys(collectOutputs(makeResults())),
      ...Object.keys(collectComparisonOutputs(comparison)),
      'results-path',
      'mold-version',
      'mold-path',
      'comment-url',
      ...EXPORT_FORMATS.map((format) => `${format}-file`),
    ];
    // Variants other than default and mold get outputs named after them, which the `speedups` output documents.
    const perVariant = /^(clean|incremental|edit|noop)-(lld|bfd)-(speedup|median-ms)$/;
    expect([...outputs.keys()].sort()).toEqual(set.filter((name) => !perVariant.test(name)).sort());
    expect(outputs.get('speedups')?.description).toContain('<scenario>-<variant>-speedup');
    for (const [name, fields] of outputs) expect(fields.description, name).toBeTruthy();
  });

  it('accepts its own defaults: a runner passes every one of them as INPUT_* (also with compare-to: base)', () => {
    const runnerInputs: Record<string, string> = {};
    for (const [name, fields] of readSection(yaml, 'inputs')) {
      runnerInputs[name] = fields.default === '${{ github.token }}' ? 'ghs_token' : (fields.default ?? '');
    }
    const facts = { baseDirectory: '/work/repo', hasCargoManifest: () => true };
    expect(parseStepConfig(runnerInputs, facts)).toMatchObject({ mode: 'run', compareTo: 'cache' });
    expect(parseStepConfig({ ...runnerInputs, 'compare-to': 'base' }, facts)).toMatchObject({
      compareTo: 'base',
      base: { ref: null, scenarios: ['incremental'] },
    });
  });
});
