/**
 * A report as GitHub shows it: GitHub-flavoured Markdown (tables, alerts, raw `<details>`) turned into HTML with
 * GitHub's own stylesheet, at the width of a pull request comment. Mermaid is rendered later, in the browser.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Marked } from 'marked';
import markedAlert from 'marked-alert';

const require = createRequire(import.meta.url);

/** The width of a pull request comment on github.com, border to border. */
export const COMMENT_WIDTH_PX = 880;
/** The comment's padding on each side: the text gets the width less twice this. */
const COMMENT_PADDING_PX = 16;

/** The Mermaid bundle the page loads from node_modules: no network. */
export const MERMAID_SCRIPT = require.resolve('mermaid/dist/mermaid.min.js');

const STYLESHEET = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * The page of one report. GitHub keeps raw `<details>`/`<summary>` and drops other raw HTML; the reports write no
 * other tag, so HTML passes through here and any stray tag shows up as an element the checks reject.
 */
export function renderGithubPage(markdown: string, title: string): string {
  const marked = new Marked({ gfm: true, async: false }).use(markedAlert());
  const body = marked.parse(markdown) as string;
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLESHEET}`,
    `body { margin: 0; width: ${COMMENT_WIDTH_PX}px; background: #fff; }`,
    `.markdown-body { box-sizing: border-box; width: ${COMMENT_WIDTH_PX}px; padding: ${COMMENT_PADDING_PX}px; }`,
    // GitHub opens nothing by default; the screenshots open every fold to show what a reader could see.
    '</style></head>',
    `<body><article class="markdown-body">${body}</article></body></html>`,
  ].join('\n');
}
