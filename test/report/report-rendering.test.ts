/**
 * Every golden report as GitHub shows it: GFM with alerts and GitHub's stylesheet at the width of a pull request
 * comment, Mermaid rendered, in Debian's headless Chromium. Fails on a chart Mermaid cannot parse, Markdown or HTML
 * shown as text, an element the reports never write, a table cell that wraps, a table wider than the comment, or a
 * chart taller than a few bars need. Needs `apt-get install -y chromium fonts-noto-color-emoji`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainMissingChromium, openReportBrowser, type ReportBrowser } from '../support/chromium.js';

const GOLDEN_DIRECTORY = new URL('../golden/', import.meta.url);
const GOLDENS = readdirSync(GOLDEN_DIRECTORY)
  .filter((name) => name.endsWith('.md'))
  .sort();

/** A chart of five bars is 230 px; one much taller would push the details out of sight. */
const MAX_CHART_HEIGHT_PX = 260;

/**
 * Outside values the escaping goldens show on purpose, character for character: markup in them must stay text.
 * A finding that quotes one of them is the escaping working, not a rendering fault.
 */
const HOSTILE_TEXT = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<b>|</b>',
  '<b>bold</b>',
  '<i>CPU</i>',
  '<b>x</b>',
];

function isHostileText(finding: string): boolean {
  return HOSTILE_TEXT.some((text) => finding.includes(text));
}

const missing = explainMissingChromium();

describe.skipIf(missing !== null)('golden reports rendered in Chromium as GitHub renders them', () => {
  let browser: ReportBrowser;
  beforeAll(async () => {
    browser = await openReportBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(GOLDENS)('%s: charts parse, nothing shows as raw syntax, no cell wraps', async (name) => {
    const markdown = readFileSync(new URL(name, GOLDEN_DIRECTORY), 'utf8');
    const findings = await browser.check(markdown, name);
    expect(findings.mermaidErrors).toEqual([]);
    expect(findings.visibleSyntax.filter((finding) => !isHostileText(finding))).toEqual([]);
    expect(findings.unexpectedElements).toEqual([]);
    expect(findings.wrappedCells).toEqual([]);
    expect(findings.wideTables).toEqual([]);
    for (const height of findings.chartHeights) expect(height).toBeLessThanOrEqual(MAX_CHART_HEIGHT_PX);
    expect(findings.chartHeights).toHaveLength(markdown.match(/^```mermaid$/gm)?.length ?? 0);
  });

  describe('the checks find what is broken', () => {
    it('a chart Mermaid cannot parse', async () => {
      const broken = '```mermaid\nxychart-beta horizontal\n    x-axis ["a", "b"\n    bar [1, 2]\n```\n';
      expect((await browser.check(broken, 'broken chart')).mermaidErrors).toHaveLength(1);
    });

    it.each([
      { name: 'a tag escaped into text', markdown: 'Text \\<details\\> more\n' },
      { name: 'an unclosed bold marker', markdown: 'The **verdict\n' },
      { name: 'a table without its delimiter row', markdown: '| a | b |\n| c | d |\n' },
      { name: 'an alert marker out of place', markdown: 'Note: > [!WARNING] here\n' },
      { name: 'a backslash escape doubled', markdown: 'a \\\\| b\n' },
    ])('$name shown as text', async ({ markdown }) => {
      expect((await browser.check(markdown, 'syntax')).visibleSyntax).not.toEqual([]);
    });

    it('a table cell that wraps, and a table wider than the comment', async () => {
      const cell = 'a long cell of words '.repeat(8);
      const findings = await browser.check(
        `| a | b | c |\n| --- | --- | --- |\n| ${cell} | ${cell} | \`${'x'.repeat(120)}\` |\n`,
        'wide',
      );
      expect(findings.wrappedCells).not.toEqual([]);
      expect(findings.wideTables).not.toEqual([]);
    });

    it('an element the reports never write', async () => {
      const findings = await browser.check('<img src="x.png"> and <b>bold</b>\n', 'element');
      expect(findings.unexpectedElements).toEqual(['img', 'b']);
    });
  });
});

describe.runIf(missing !== null)('golden reports rendered in Chromium', () => {
  it.skip(`skipped: ${missing ?? ''}`, () => {});
});
