/** Copies a fixture project into a fresh temporary directory, so tests never build inside the repository. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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
