/** Copies a fixture project into a fresh temporary directory, so tests never build inside the repository. */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found upwards from here (this file also runs compiled, from build/). */
function findRepoRoot(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (
    !existsSync(path.join(directory, 'test', 'fixtures')) ||
    !existsSync(path.join(directory, 'action.yml'))
  ) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('The repository root was not found');
    directory = parent;
  }
  return directory;
}

export const REPO_ROOT = findRepoRoot();

export interface FixtureCopy {
  readonly directory: string;
  remove(): void;
}

export function copyFixture(name: string): FixtureCopy {
  const parent = mkdtempSync(path.join(os.tmpdir(), `build-bench-${name}-`));
  const directory = path.join(parent, name);
  cpSync(path.join(REPO_ROOT, 'test', 'fixtures', name), directory, { recursive: true });
  return { directory, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

/** The top crate with thousands of small functions: every rebuild of it parses and checks far more code. */
export function heavierMainSource(): string {
  const count = 8000;
  const functions = Array.from(
    { length: count },
    (_, index) =>
      `#[inline(never)]\nfn step${index}(x: u64) -> u64 { (x.wrapping_mul(${2 * index + 1}) ^ (x >> ${(index % 13) + 1})).rotate_left(${index % 63}) }`,
  );
  const calls = Array.from({ length: count }, (_, index) => `    acc = step${index}(acc);`);
  return `${functions.join('\n')}\nfn main() {\n    let mut acc = tiny_core::add(2, 3);\n${calls.join('\n')}\n    println!("{}", acc);\n}\n`;
}
