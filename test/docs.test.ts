/**
 * The README and the pages in docs/: the Inputs and Outputs tables of docs/inputs.md say what action.yml declares
 * (every name, and each literal default); the README stays short with the workflow step on its first screen; and
 * every relative link leads to a file that exists, and an anchor to a heading of that file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './support/fixture-project.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
}

const README = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const INPUTS_PAGE = readFileSync(path.join(REPO_ROOT, 'docs', 'inputs.md'), 'utf8');
const ACTION = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml;
import { SCENARIOS } from '../src/config/config.js';
/** The pages whose links are checked, relative to the repository. */
const PAGES = [
  'README.md',
  ...readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** The Markdown without its fenced code blocks, whose text is neither a heading nor a link. */
function withoutCodeBlocks(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** The rows of the first table under `## <heading>` of a page, as cells. */
function tableRows(page: string, heading: string): string[][] {
  const sections = page.split(`\n## ${heading}\n`);
  expect(sections, `a section "## ${heading}"`).toHaveLength(2);
  const section = sections[1]!.split('\n## ')[0]!;
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  expect(rows.length, `rows of the table under "## ${heading}"`).toBeGreaterThan(0);
  return rows;
}

/** The names a cell lists in code spans, `<scenario>-…` expanded to every scenario. */
function namesIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].flatMap(([, name]) =>
    name!.startsWith('<scenario>-')
      ? SCENARIOS.map((scenario) => name!.replace('<scenario>', scenario))
      : [name!],
  );
}

/**
 * GitHub's anchors of a page's headings: the heading's text (links and code spans as their text) in lower case,
 * punctuation other than `-` and `_` dropped, spaces turned into `-`; a repeated anchor gets `-1`, `-2`, ….
 */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of withoutCodeBlocks(markdown).matchAll(/^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)) {
    const slug = text!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}_\- ]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** The targets of a page's inline links and images, code spans and code blocks left out. */
function linkTargets(markdown: string): string[] {
  const text = withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, '');
  return [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    ([, target]) => target!,
  );
}

describe('docs/inputs.md', () => {
  it('has a row for every input of action.yml and none it does not declare, with its literal default', () => {
    const rows = tableRows(INPUTS_PAGE, 'Inputs');
    const documented = new Map(rows.map(([name, defaultCell]) => [namesIn(name!)[0]!, defaultCell!]));
    expect(documented.size, 'one row per input').toBe(rows.length);
    expect([...documented.keys()].sort()).toEqual(Object.keys(ACTION.inputs).sort());
    for (const [name, input] of Object.entries(ACTION.inputs)) {
      const literal = /^`([^`]*)`$/.exec(documented.get(name)!);
      // Where action.yml leaves the default empty, the page may say what is computed instead; a default the
      // page spells out in words (a URL) is not a literal to compare.
      if (literal !== null && (input.default ?? '') !== '')
        expect(literal[1], `default of ${name}`).toBe(input.default);
    }
  });

  it('names every output of action.yml in its Outputs table, and none it does not declare', () => {
    const named = new Set(tableRows(INPUTS_PAGE, 'Outputs').flatMap(([names]) => namesIn(names!)));
    expect([...named].sort()).toEqual(Object.keys(ACTION.outputs).sort());
  });
});

describe('README', () => {
  it('gives the two commands a newcomer needs: the example benchmark and the tests', () => {
    expect(README).toContain('```sh\nnode dist/cli.js\n```');
    expect(README).toContain('```sh\n./scripts/install-and-test.sh\n```');
    expect(readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8')).toContain('scripts/install-and-test.sh');
  });

  it('is at most 300 lines, with the workflow step within its first 60', () => {
    const lines = README.replace(/\n$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(300);
    const firstUse = lines.findIndex((line) => /^\s*-?\s*uses:\s*build-bench\/build-bench@/.test(line));
    expect(firstUse, 'a `uses: build-bench/build-bench@…` line').toBeGreaterThanOrEqual(0);
    expect(firstUse + 1).toBeLessThanOrEqual(60);
  });
});

describe('links in the README and docs/', () => {
  it('finds the pages and their links', () => {
    expect(PAGES).toContain('docs/inputs.md');
    expect(linkTargets(README).length).toBeGreaterThan(10);
    expect(anchorsOf('# A `b` [c](d)\n## Modes: sharded, fork-safe\n## Modes: sharded, fork-safe\n')).toEqual(
      new Set(['a-b-c', 'modes-sharded-fork-safe', 'modes-sharded-fork-safe-1']),
    );
  });

  it.each(PAGES)(
    'every relative link of %s leads to a file that exists, and an anchor to its heading',
    (page) => {
      const from = path.dirname(path.join(REPO_ROOT, page));
      const broken: string[] = [];
      for (const target of linkTargets(readFileSync(path.join(REPO_ROOT, page), 'utf8'))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
        const [file, anchor] = target.split('#', 2) as [string, string | undefined];
        const resolved = file === '' ? path.join(REPO_ROOT, page) : path.resolve(from, decodeURI(file));
        if (!resolved.startsWith(REPO_ROOT + path.sep) || !existsSync(resolved)) {
          broken.push(`${target}: no such file`);
          continue;
        }
        if (anchor === undefined || anchor === '') continue;
        if (!statSync(resolved).isFile() || !resolved.endsWith('.md')) {
          broken.push(`${target}: an anchor into a file that is not Markdown`);
          continue;
        }
        if (!anchorsOf(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor)))
          broken.push(`${target}: no heading with that anchor`);
      }
      expect(broken).toEqual([]);
    },
  );
});
