/**
 * Renders every golden report (test/golden/*.md) as GitHub would show it, in headless Chromium at the width of a
 * pull request comment, and writes one full-page screenshot per report, every fold open, to look at.
 *
 *   npm run render:golden -- [--out <directory>] [name filter]
 *
 * Prints what each page's checks found (Mermaid errors, syntax shown as text, wrapped cells); exits 1 if any.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { explainMissingChromium, openReportBrowser, type RenderFindings } from '../test/support/chromium.js';

/** Run from the repository's root, as npm runs scripts. */
const GOLDEN_DIRECTORY = path.resolve('test/golden');

function parseArguments(args: readonly string[]): { out: string; filter: string } {
  const outIndex = args.indexOf('--out');
  const out = outIndex === -1 ? '/tmp/build-bench-golden' : (args[outIndex + 1] ?? '');
  const rest = args.filter((_, index) => index !== outIndex && index !== outIndex + 1);
  return { out, filter: rest[0] ?? '' };
}

function describeProblems(findings: RenderFindings): string[] {
  const { mermaidErrors, visibleSyntax, unexpectedElements, wrappedCells, wideTables } = findings;
  return [
    ...mermaidErrors.map((item) => `mermaid: ${item}`),
    ...visibleSyntax.map((item) => `shown as text: ${item}`),
    ...unexpectedElements.map((item) => `unexpected element: <${item}>`),
    ...wrappedCells.map((item) => `wrapped cell: ${item}`),
    ...wideTables.map((item) => `wide table: ${item}`),
  ];
}

async function main(): Promise<void> {
  const missing = explainMissingChromium();
  if (missing !== null) throw new Error(missing);
  const { out, filter } = parseArguments(process.argv.slice(2));
  await mkdir(out, { recursive: true });
  const names = (await readdir(GOLDEN_DIRECTORY))
    .filter((name) => name.endsWith('.md') && name.includes(filter))
    .sort();
  const browser = await openReportBrowser();
  let problems = 0;
  try {
    for (const name of names) {
      const markdown = await readFile(path.join(GOLDEN_DIRECTORY, name), 'utf8');
      const screenshot = path.join(out, name.replace(/\.md$/, '.png'));
      const findings = await browser.check(markdown, name, screenshot);
      const found = describeProblems(findings);
      problems += found.length;
      const charts =
        findings.chartHeights.length === 0 ? '' : `, charts ${findings.chartHeights.join('/')} px`;
      console.log(`${name}: page ${findings.pageHeight} px${charts} → ${screenshot}`);
      for (const line of found) console.log(`  ${line}`);
    }
  } finally {
    await browser.close();
  }
  if (problems > 0) process.exitCode = 1;
}

await main();
