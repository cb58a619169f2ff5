/* global window, document, mermaid, NodeFilter, getComputedStyle */
/**
 * Runs in the browser, after github-page.ts's HTML and Mermaid's bundle are loaded: renders every Mermaid block
 * as GitHub does, then reports what a reader would see that is broken. Plain JavaScript: it is loaded as a script.
 */

/** Elements marked and its alert extension write, the `<details>` GitHub allows, and Mermaid's container. */
const EXPECTED_ELEMENTS = new Set(
  (
    'ARTICLE H1 H2 H3 H4 P BR HR STRONG EM DEL CODE PRE A UL OL LI BLOCKQUOTE TABLE THEAD TBODY TR TH TD ' +
    'DETAILS SUMMARY DIV SPAN SVG INPUT'
  ).split(' '),
);

/** Markdown or HTML that should have been rendered, seen as text. */
const VISIBLE_SYNTAX = [
  { name: 'raw HTML tag', pattern: /<\/?(?:details|summary|br|b|i|img|script|div|span)\b[^>]*>/i },
  { name: 'bold marker', pattern: /\*\*/ },
  { name: 'code fence', pattern: /```/ },
  { name: 'table row', pattern: /(?:^|\n)\s*\|.*\|/ },
  { name: 'table rule', pattern: /\|\s*:?-{3,}/ },
  { name: 'alert marker', pattern: /\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/ },
  { name: 'heading marker', pattern: /(?:^|\n)#{1,6} / },
  { name: 'backslash escape', pattern: /\\[\\`*_{}[\]<>|#!]/ },
];

/** Renders each ```mermaid block in place; returns the parse and render errors with their block's first line. */
async function renderCharts(article) {
  const errors = [];
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  const blocks = [...article.querySelectorAll('pre > code.language-mermaid')];
  for (const [index, code] of blocks.entries()) {
    const text = code.textContent ?? '';
    const figure = document.createElement('div');
    figure.className = 'mermaid-chart';
    code.parentElement.replaceWith(figure);
    try {
      await mermaid.parse(text);
      const { svg } = await mermaid.render(`chart-${index}`, text);
      figure.innerHTML = svg;
      if (/Syntax error/i.test(figure.textContent ?? '')) errors.push(`chart ${index + 1}: error diagram`);
    } catch (error) {
      errors.push(
        `chart ${index + 1}: ${String(error && error.message ? error.message : error).split('\n')[0]}`,
      );
      figure.textContent = `Mermaid error: ${String(error)}`;
    }
  }
  // A failed render leaves its scratch element in the body.
  for (const leftover of document.querySelectorAll('body > div[id^="dchart-"]')) leftover.remove();
  return errors;
}

/** Text outside code, charts and the form controls of task lists, where Markdown syntax must not show. */
function collectProse(article) {
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement && node.parentElement.closest('code, pre, svg, .mermaid-chart')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const blocks = new Map();
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const block = node.parentElement.closest('p, li, td, th, summary, h1, h2, h3, h4, div') ?? article;
    blocks.set(block, `${blocks.get(block) ?? ''}${node.textContent}`);
  }
  return [...blocks.values()];
}

function findVisibleSyntax(article) {
  const found = [];
  for (const text of collectProse(article)) {
    for (const { name, pattern } of VISIBLE_SYNTAX) {
      const match = pattern.exec(text);
      if (match) found.push(`${name}: …${text.slice(Math.max(0, match.index - 30), match.index + 30)}…`);
    }
  }
  return found;
}

/** Lines a table cell's text takes: its text boxes grouped by their vertical centre. */
function countLines(cell) {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const lineHeight = parseFloat(getComputedStyle(cell).lineHeight) || 24;
  const centres = [...range.getClientRects()]
    .filter((rect) => rect.width > 0 && rect.height > 0)
    .map((rect) => rect.top + rect.height / 2)
    .sort((a, b) => a - b);
  let lines = 0;
  let last = -Infinity;
  for (const centre of centres) {
    if (centre - last > lineHeight / 2) lines++;
    last = centre;
  }
  return lines;
}

function findWrappedCells(article) {
  const wrapped = [];
  for (const cell of article.querySelectorAll('th, td')) {
    const lines = countLines(cell);
    if (lines > 1) wrapped.push(`${lines} lines: ${cell.textContent.trim().slice(0, 80)}`);
  }
  return wrapped;
}

/** Tables wider than the comment: GitHub scrolls them sideways, so a reader misses their right side. */
function findWideTables(article) {
  const width = article.clientWidth - parseFloat(getComputedStyle(article).paddingLeft) * 2;
  return [...article.querySelectorAll('table')]
    .filter((table) => table.scrollWidth > width + 1)
    .map((table) => `${Math.round(table.scrollWidth)} px: ${table.rows[0].textContent.trim().slice(0, 60)}`);
}

window.checkRenderedReport = async () => {
  const article = document.querySelector('article');
  const mermaidErrors = await renderCharts(article);
  for (const details of article.querySelectorAll('details')) details.open = true;
  const unexpectedElements = [...article.querySelectorAll('*')]
    .filter((element) => !element.closest('svg') && !EXPECTED_ELEMENTS.has(element.tagName.toUpperCase()))
    .map((element) => element.tagName.toLowerCase());
  return {
    mermaidErrors,
    visibleSyntax: findVisibleSyntax(article),
    unexpectedElements,
    wrappedCells: findWrappedCells(article),
    wideTables: findWideTables(article),
    chartHeights: [...article.querySelectorAll('.mermaid-chart > svg')].map((svg) =>
      Math.round(svg.getBoundingClientRect().height),
    ),
    pageHeight: Math.round(document.body.scrollHeight),
  };
};
