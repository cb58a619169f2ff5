/** Reads which linker really linked a variant's files and checks it against the variant's claim. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Variant } from '../config/config.js';
import type { LinkerCheck } from '../results/results.js';
import { identifyLinker, readElfComments } from './elf-comment.js';

/** How many linked files are read per variant; enough to catch a mix, cheap for large binaries. */
const MAX_FILES_READ = 6;

export class LinkerMismatchError extends Error {
  constructor(readonly check: LinkerCheck) {
    super(
      `The '${check.variant}' variant was not linked by ${check.variant}: ${check.files.join(', ')} ` +
        `name ${check.linker} in their .comment section.`,
    );
    this.name = 'LinkerMismatchError';
  }
}

/** Final artifacts first (build scripts are linked by the same shim, but users ship the others). */
function chooseFiles(files: readonly string[]): string[] {
  const existing = [...new Set(files)].filter((file) => existsSync(file) && statSync(file).isFile());
  const artifacts = existing.filter((file) => !/\/build\/[^/]+\/build[-_]script[-_]/.test(file));
  const scripts = existing.filter((file) => !artifacts.includes(file));
  return [...artifacts, ...scripts].slice(0, MAX_FILES_READ);
}

/** Null when none of the files exists; throws LinkerMismatchError when a file names another linker. */
export function checkLinker(variant: Variant, linkedFiles: readonly string[]): LinkerCheck | null {
  const files = chooseFiles(linkedFiles);
  if (files.length === 0) return null;
  const found = files.map((file) => identifyLinker(readElfComments(readFileSync(file), file)));
  const first = found[0]!;
  const agree = found.every((linker) => linker.family === first.family);
  const claimed = variant === 'default' || found.every((linker) => linker.family === variant);
  const check: LinkerCheck = {
    variant,
    linker: agree ? first.name : [...new Set(found.map((linker) => linker.name))].join(' and '),
    family: agree ? first.family : 'unknown',
    files,
    verified: claimed,
  };
  if (!claimed) throw new LinkerMismatchError(check);
  return check;
}
