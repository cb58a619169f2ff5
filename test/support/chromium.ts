/**
 * Debian's Chromium, headless, driven by playwright-core: opens report pages as GitHub would show them and reports
 * what is broken in them. No network: the page is set from a string and Mermaid comes from node_modules.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { COMMENT_WIDTH_PX, MERMAID_SCRIPT, renderGithubPage } from './github-page.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why the rendering tests cannot run here, or null when they can. */
export function explainMissingChromium(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `${CHROMIUM_PATH} is missing: install Debian's package with \`apt-get install -y chromium\` to render the reports`;
}

/** Plain JavaScript run in the page; next to this file, or in the sources when this file was compiled to build/. */
const CHECKS_SCRIPT = [
  fileURLToPath(new URL('./github-page-checks.js', import.meta.url)),
  path.resolve('test/support/github-page-checks.js'),
].find((file) => existsSync(file))!;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** What a reader would see broken on the page; every list empty when the report renders cleanly. */
export interface RenderFindings {
  readonly mermaidErrors: readonly string[];
  readonly visibleSyntax: readonly string[];
  readonly unexpectedElements: readonly string[];
  readonly wrappedCells: readonly string[];
  readonly wideTables: readonly string[];
  /** Height of each chart as drawn, in CSS pixels. */
  readonly chartHeights: readonly number[];
  readonly pageHeight: number;
}

export interface ReportBrowser {
  /**
   * Renders the Markdown and checks it. Given a path `x.png`, writes the full page there (every fold open) and
   * the page in parts of SCREENSHOT_PART_PX as `x.1.png`, `x.2.png`… that stay legible when viewed whole.
   */
  readonly check: (markdown: string, title: string, screenshot?: string) => Promise<RenderFindings>;
  readonly close: () => Promise<void>;
}

/** Height of each part of a screenshot: about what a reader sees at once. */
const SCREENSHOT_PART_PX = 1000;

async function writeScreenshots(page: Page, file: string, pageHeight: number): Promise<void> {
  await page.screenshot({ path: file, fullPage: true });
  for (let top = 0, part = 1; top < pageHeight; top += SCREENSHOT_PART_PX, part++) {
    const height = Math.min(SCREENSHOT_PART_PX, pageHeight - top);
    const clip = { x: 0, y: top, width: COMMENT_WIDTH_PX, height };
    await page.screenshot({ path: file.replace(/\.png$/, `.${part}.png`), clip, fullPage: true });
  }
}

/** One browser with a fresh profile directory, removed again on close. */
export async function openReportBrowser(): Promise<ReportBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), 'build-bench-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: COMMENT_WIDTH_PX, height: 800 },
      offline: true,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const check = async (markdown: string, title: string, screenshot?: string): Promise<RenderFindings> => {
    const page = await context.newPage();
    try {
      await page.setContent(renderGithubPage(markdown, title));
      await page.addScriptTag({ path: MERMAID_SCRIPT });
      await page.addScriptTag({ path: CHECKS_SCRIPT });
      const findings = await page.evaluate(() =>
        (
          globalThis as unknown as { checkRenderedReport: () => Promise<RenderFindings> }
        ).checkRenderedReport(),
      );
      if (screenshot !== undefined) await writeScreenshots(page, screenshot, findings.pageHeight);
      return findings;
    } finally {
      await page.close();
    }
  };
  const close = async (): Promise<void> => {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  };
  return { check, close };
}
