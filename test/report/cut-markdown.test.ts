import { describe, expect, it } from 'vitest';
import { cutMarkdown, measureBytes } from '../../src/report/cut-markdown.js';

describe('cutMarkdown', () => {
  it('returns Markdown that fits unchanged', () => {
    expect(cutMarkdown('# a\n\ntext', 100)).toBe('# a\n\ntext');
  });

  it('cuts at a line boundary and drops trailing blank lines', () => {
    expect(cutMarkdown('one\n\ntwo\n\nthree', 10)).toBe('one\n\ntwo');
  });

  it('closes a fenced code block inside a block quote with its own prefix', () => {
    const markdown = ['> Output:', '> ````text', '> line 1', '> line 2', '> line 3', '> ````'].join('\n');
    expect(cutMarkdown(markdown, 39)).toBe(['> Output:', '> ````text', '> line 1', '> ````'].join('\n'));
  });

  it('closes every open details block after a blank line', () => {
    const markdown = [
      '<details><summary>a</summary>',
      '',
      '- x',
      '  <details><summary>b</summary>',
      '',
      '  - y',
      '  - z',
    ];
    const cut = cutMarkdown(`${markdown.join('\n')}\n\n  </details>\n\n</details>`, 89);
    expect(cut).toBe(`${markdown.slice(0, 3).join('\n')}\n\n</details>`);
    expect(measureBytes(cut)).toBeLessThanOrEqual(89);
    expect(cutMarkdown(`${markdown.join('\n')}\n\n  </details>\n\n</details>`, 90)).toBe(
      `${markdown.slice(0, 4).join('\n')}\n\n</details>\n\n</details>`,
    );
  });

  it('never leaves a table header without its delimiter row', () => {
    const markdown = ['Intro', '', '| a | b |', '| --- | --- |', '| 1 | 2 |'].join('\n');
    expect(cutMarkdown(markdown, 22)).toBe('Intro');
    expect(cutMarkdown(markdown, 39)).toBe(['Intro', '', '| a | b |', '| --- | --- |'].join('\n'));
  });

  it('ignores details tags inside a code block', () => {
    const markdown = ['```text', '<details>', '```', 'after', 'more text here'].join('\n');
    expect(cutMarkdown(markdown, 30)).toBe(['```text', '<details>', '```', 'after'].join('\n'));
  });

  it('cuts a first line too long for the cap between code points, with an ellipsis', () => {
    const cut = cutMarkdown(`## ${'€'.repeat(100)}\n\nmore`, 20);
    expect(cut).toBe(`## ${'€'.repeat(4)}…`);
    expect(measureBytes(cut)).toBeLessThanOrEqual(20);
  });

  it.each([0, 1, 5, 17, 33, 64, 100, 250])('never exceeds %i bytes', (maxBytes) => {
    const markdown = [
      '## Titel mit Ümlauten',
      '> ```text',
      '> ü'.repeat(20),
      '> ```',
      '',
      '<details><summary>x</summary>',
      '',
      '| a | b |',
      '| --- | --- |',
      '| ü | ö |',
      '',
      '</details>',
    ].join('\n');
    expect(measureBytes(cutMarkdown(markdown, maxBytes))).toBeLessThanOrEqual(maxBytes);
  });
});
