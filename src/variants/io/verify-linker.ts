/** Reads which linker really linked what a build produced and checks it against the variant's claim. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Variant } from '../../config/config.js';
import type { LinkerCheck } from '../../results/results.js';
import { identifyLinker, readElfCommentsOfFile } from './elf-comment.js';
import { linkerOf } from '../variant-spec.js';

/** Final artifacts are all read (headers and `.comment` only, so size does not matter), up to this many. */
const MAX_FINAL_FILES = 32;
/** Proc-macros and build scripts stand in only when nothing else was linked; a few tell. */
const MAX_OTHER_FILES = 6;

export class LinkerMismatchError extends Error {
  constructor(readonly check: LinkerCheck) {
    super(
      `The '${check.variant}' variant was not linked by ${linkerOf(check.variant)}: ${check.files.join(', ')} ` +
        `name ${check.linker} in their .comment section.`,
    );
    this.name = 'LinkerMismatchError';
  }
}

/** What a linked file is, from where cargo puts it: what users run comes first. */
export type ArtifactKind = 'executable' | 'cdylib' | 'proc-macro' | 'build-script' | 'other';

/** The workspace's cdylib names (`lib<name>.so`), from cargo metadata, to tell them from proc-macros. */
export function classifyArtifact(file: string, cdylibNames: ReadonlySet<string>): ArtifactKind {
  const name = path.basename(file);
  if (/\/build\/[^/]+\/build[-_]script[-_]/.test(file)) return 'build-script';
  const library = /^lib(.+?)(?:-[0-9a-f]{16})?\.so$/.exec(name);
  if (library) return cdylibNames.has(library[1]!.replace(/-/g, '_')) ? 'cdylib' : 'proc-macro';
  if (name.endsWith('.so') || name.includes('.so.') || name.endsWith('.dylib')) return 'other';
  return path.extname(name) === '' || /-[0-9a-f]{16}$/.test(name) ? 'executable' : 'other';
}

/** Executables and cdylibs when any were linked; otherwise a few of the rest, proc-macros before build scripts. */
export function chooseFilesToVerify(
  files: readonly string[],
  cdylibNames: ReadonlySet<string>,
): { files: string[]; kind: 'final' | 'stand-in' } {
  const existing = [...new Set(files)].filter((file) => existsSync(file) && statSync(file).isFile());
  const kinds = new Map(existing.map((file) => [file, classifyArtifact(file, cdylibNames)] as const));
  const final = existing.filter((file) => ['executable', 'cdylib'].includes(kinds.get(file)!));
  if (final.length > 0) return { files: final.slice(0, MAX_FINAL_FILES), kind: 'final' };
  const order: ArtifactKind[] = ['other', 'proc-macro', 'build-script'];
  const rest = order.flatMap((kind) => existing.filter((file) => kinds.get(file) === kind));
  return { files: rest.slice(0, MAX_OTHER_FILES), kind: 'stand-in' };
}

/** Null when none of the files exists; throws LinkerMismatchError when a file names another linker. */
export function checkLinker(
  variant: Variant,
  linkedFiles: readonly string[],
  cdylibNames: ReadonlySet<string> = new Set(),
): LinkerCheck | null {
  const { files } = chooseFilesToVerify(linkedFiles, cdylibNames);
  if (files.length === 0) return null;
  const found = files.map((file) => identifyLinker(readElfCommentsOfFile(file)));
  const first = found[0]!;
  const agree = found.every((linker) => linker.family === first.family);
  const claim = linkerOf(variant);
  // `default` and `toolchain` name no linker of their own: what they link with is read, not checked.
  const claimed =
    claim === 'default' || claim === 'toolchain' || found.every((linker) => linker.family === claim);
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
