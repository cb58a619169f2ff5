import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown, fencedCodeBlock } from '../../src/report/markdown-escape.js';
import {
  formatBytesKb,
  formatDurationMs,
  formatPercent,
  formatRatio,
} from '../../src/format/format-numbers.js';

describe('escapeMarkdown', () => {
  it.each([
    ['plain text', 'cargo build', 'cargo build'],
    ['table pipe', 'a|b', 'a\\|b'],
    ['backslash before pipe', 'a\\|b', 'a\\\\\\|b'],
    ['backticks', 'run `make`', 'run \\`make\\`'],
    ['emphasis and strikethrough', '*a* _b_ ~c~', '\\*a\\* \\_b\\_ \\~c\\~'],
    ['intraword underscores stay', 'CARGO_INCREMENTAL my_crate', 'CARGO_INCREMENTAL my_crate'],
    ['underscores at word edges', '__init__ _x', '\\_\\_init\\_\\_ \\_x'],
    ['link', '[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['HTML', '<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['entity', 'a &lt; b && c', 'a \\&lt; b && c'],
    ['numeric entity', '&#60;', '&\\#\u200b60;'],
    ['math', 'echo $HOME', 'echo \\$HOME'],
    ['heading marker', '# not a heading', '\\#\u200b not a heading'],
    ['a mention', 'cc @octocat and @org/team', 'cc @\u200boctocat and @\u200borg/team'],
    ['an issue reference', 'fixes #12 and org/repo#3', 'fixes \\#\u200b12 and org/repo\\#\u200b3'],
    ['list marker at start', '- item', '\\- item'],
    ['plus marker at start', '+ item', '\\+ item'],
    ['ordered list marker at start', '1. first', '1\\. first'],
    ['ordered list with parenthesis', '2) second', '2\\) second'],
    ['setext underline', '=== heading', '\\=== heading'],
    ['hyphen inside a word stays', 'build-bench', 'build-bench'],
    ['newlines become spaces', 'line one\nline two\r\nline three', 'line one line two line three'],
    ['blank lines collapse to one space', 'a\n\n\nb', 'a b'],
    ['tabs and controls', 'a\tb\u0000c', 'a b c'],
    ['surrounding whitespace dropped', '  \n padded \n ', 'padded'],
    ['terminal colours dropped', '\u001b[1m\u001b[31merror\u001b[0m: x', 'error: x'],
    ['empty', '', ''],
    ['unicode untouched', 'Größe → 1.2 GiB ✅', 'Größe → 1.2 GiB ✅'],
  ])('%s', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('codeSpan', () => {
  it.each([
    ['plain', 'cargo build', {}, '`cargo build`'],
    ['one backtick inside', 'echo `id`', {}, '`` echo `id` ``'],
    ['double backticks inside', 'a `` b', {}, '```a `` b```'],
    ['starts with a backtick', '`tick', {}, '`` `tick ``'],
    ['spaces on both sides are kept', ' x ', {}, '`  x  `'],
    ['space on one side needs no padding', ' x', {}, '` x`'],
    ['only spaces', '  ', {}, '`  `'],
    ['empty', '', {}, '` `'],
    ['newlines become spaces', 'a\nb', {}, '`a b`'],
    ['HTML stays literal', '<script>', {}, '`<script>`'],
    ['pipe outside a table', 'a|b', {}, '`a|b`'],
    ['pipe inside a table cell', 'a|b', { inTable: true }, '`a\\|b`'],
  ])('%s', (_name, input, options, expected) => {
    expect(codeSpan(input, options)).toBe(expected);
  });
});

describe('fencedCodeBlock', () => {
  it.each([
    ['plain output', 'error: x\n', '```text\nerror: x\n```'],
    ['fence longer than backticks inside', 'a ``` b\n````', '`````text\na ``` b\n````\n`````'],
    ['CRLF and colours', '\u001b[31merror\u001b[0m\r\nnext\r\n', '```text\nerror\nnext\n```'],
    ['empty', '', '```text\n```'],
  ])('%s', (_name, input, expected) => {
    expect(fencedCodeBlock(input)).toBe(expected);
  });
});

describe('number formats', () => {
  it.each([
    [0, '0 ms'],
    [812, '812 ms'],
    [812.4, '812 ms'],
    [999.6, '1.00 s'],
    [4312, '4.31 s'],
    [9_996, '10.0 s'],
    [12_345, '12.3 s'],
    [59_960, '1 min 00 s'],
    [125_000, '2 min 05 s'],
    [3_599_600, '1 h 00 min'],
    [3_725_000, '1 h 02 min'],
    [-2_350, '-2.35 s'],
    [-0.2, '0 ms'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('formatDurationMs(%s) = %s', (ms, expected) => {
    expect(formatDurationMs(ms)).toBe(expected);
  });

  it.each([
    [formatRatio, 1.2345, '1.23×'],
    [formatRatio, 0.951, '0.95×'],
    [formatRatio, null, '—'],
    [formatPercent, 0.1234, '12.3 %'],
    [formatPercent, 0, '0.0 %'],
    [formatPercent, 1, '100.0 %'],
    [formatPercent, null, '—'],
    [formatBytesKb, 512, '512 KiB'],
    [formatBytesKb, 524_288, '512 MiB'],
    [formatBytesKb, 1_258_291, '1.2 GiB'],
    [formatBytesKb, 3_481, '3.4 MiB'],
    [formatBytesKb, 1_048_575, '1.0 GiB'],
    [formatBytesKb, 16_379_472, '16 GiB'],
    [formatBytesKb, null, '—'],
    [formatBytesKb, -1, '—'],
  ] as const)('%o(%s) = %s', (format, value, expected) => {
    expect(format(value)).toBe(expected);
  });
});
