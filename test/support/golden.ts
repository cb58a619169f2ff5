/** Golden Markdown files: rendered output pinned in `test/golden/`, readable in review. */
import { readFile, writeFile } from 'node:fs/promises';
import { expect } from 'vitest';

/** Compares with `test/golden/<name>`; with UPDATE_GOLDEN=1 rewrites the file instead. */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const file = new URL(`../golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') {
    await writeFile(file, actual);
    expect(actual).toMatch(/\n$/);
    return;
  }
  const expected = await readFile(file, 'utf8').catch(() => {
    throw new Error(`Golden file test/golden/${name} is missing: run with UPDATE_GOLDEN=1 to create it`);
  });
  expect(actual).toBe(expected);
}
