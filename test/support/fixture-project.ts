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
