/**
 * The edit scenario's change: two states of a set of files, the user's and the changed one, switched before each
 * round. Built in: a function appended to each Rust file, kept by a `#[used]` static and returning a new constant
 * each time, so rustc compiles the crate's code again (rustc-perf's incr-patched). Or the user's patch, applied in
 * memory to learn both states; switching is then writing bytes (journaled, atomic), with no process in the loop.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPatch, parsePatch, type StructuredPatch } from 'diff';
import { ConfigError } from '../config/config.js';
import { describeError } from '../system/errors.js';
import type { SourceFiles } from './source-files.js';

export type EditState = 'original' | 'changed';

/** Switches files between the user's content and the changed content. */
export class SourceEdit {
  private current: EditState = 'original';
  private applied = 0;
  private builtSinceRevert = true;

  constructor(
    private readonly files: SourceFiles,
    /** Per file: the changed content for the nth application (null: the file is removed). */
    private readonly changed: ReadonlyMap<string, (application: number) => Buffer | null>,
  ) {}

  get state(): EditState {
    return this.current;
  }

  get paths(): string[] {
    return [...this.changed.keys()];
  }

  /**
   * Whether every build since the last change saw the user's content: only then may restored files get their old
   * times back (otherwise an old time would make the next build trust output built from other content).
   */
  get settled(): boolean {
    return this.current === 'original' && this.builtSinceRevert;
  }

  /** Every build of the side has seen the user's content again. */
  markSettled(): void {
    if (this.current === 'original') this.builtSinceRevert = true;
  }

  /** Moves to the other state; throws ChangedByUserError, leaving the file alone, when the user edited it. */
  flip(): EditState {
    this.builtSinceRevert = false;
    if (this.current === 'original') {
      this.applied++;
      for (const [file, content] of this.changed) this.files.write(file, content(this.applied));
      this.current = 'changed';
    } else {
      for (const file of this.changed.keys()) this.files.write(file, this.files.originalBytes(file));
      this.current = 'original';
    }
    return this.current;
  }
}

/** The Rust items appended by the built-in edit; the name is unique per file, so two files of a crate never clash. */
export function renderBuiltinEdit(file: string, value: number): string {
  const tag = createHash('sha256').update(file).digest('hex').slice(0, 8);
  return [
    '',
    '// build-bench: a change so that rustc compiles this code again; removed when the benchmark ends.',
    '#[doc(hidden)]',
    '#[allow(dead_code)]',
    `fn build_bench_edit_${tag}() -> u64 {`,
    `    ${value}`,
    '}',
    '#[doc(hidden)]',
    '#[used]',
    `static BUILD_BENCH_EDIT_${tag.toUpperCase()}: fn() -> u64 = build_bench_edit_${tag};`,
    '',
  ].join('\n');
}

/** The built-in edit of Rust files; any other file is an error naming `touch`, before any build. */
export function builtinEdit(paths: readonly string[], files: SourceFiles): SourceEdit {
  const notRust = paths.filter((file) => !file.endsWith('.rs'));
  if (notRust.length > 0) {
    throw new ConfigError(
      'touch',
      notRust.map((file) => path.basename(file)).join(', '),
      "the built-in edit changes Rust files: name .rs files, or give a patch in 'edit-patch'",
    );
  }
  const changed = new Map<string, (application: number) => Buffer>();
  for (const file of paths) {
    const original = files.originalBytes(file) ?? Buffer.alloc(0);
    changed.set(file, (application) =>
      Buffer.concat([original, Buffer.from(renderBuiltinEdit(file, application))]),
    );
  }
  return new SourceEdit(files, changed);
}

/** A patch path as `git apply` takes it by default (`-p1`): the first component (`a/`, `b/`) dropped. */
function stripFirstComponent(name: string): string {
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}

/** The changed content of one file of the patch; a ConfigError naming `edit-patch` when it cannot be had. */
function applyFilePatch(
  filePatch: StructuredPatch,
  original: Buffer | null,
  patch: string,
  file: string,
): Buffer | null {
  const refuse = (why: string): never => {
    throw new ConfigError('edit-patch', patch, `${file}: ${why}`);
  };
  if (filePatch.isRename || filePatch.isCopy)
    refuse('renames and copies are not edits build-bench can switch back');
  if (filePatch.isBinary) refuse('binary patches carry no content to apply');
  const creates = filePatch.isCreate === true || filePatch.oldFileName === '/dev/null';
  const deletes = filePatch.isDelete === true || filePatch.newFileName === '/dev/null';
  if (creates && original !== null) refuse('the patch creates it, and it exists');
  if (!creates && original === null) refuse('it does not exist');
  const text = original?.toString('utf8') ?? '';
  if (original !== null && !Buffer.from(text, 'utf8').equals(original)) refuse('it is not UTF-8 text');
  const changed = applyPatch(text, filePatch);
  if (changed === false) return refuse('the patch does not apply (its lines are not in the file as it is)');
  if (deletes) return changed === '' ? null : refuse('the patch deletes it, but its content differs');
  return Buffer.from(changed, 'utf8');
}

/**
 * The user's patch, applied in memory (a maintained patch library, paths taken as `git apply` takes them, relative
 * to `directory`): both states of every file are known before any is written, so no process and no half-applied
 * patch stand between the user's files and a signal. A patch that does not apply is an error naming `edit-patch`.
 */
export function patchEdit(patch: string, directory: string, files: SourceFiles): SourceEdit {
  let filePatches: StructuredPatch[];
  try {
    filePatches = parsePatch(readFileSync(patch, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      'edit-patch',
      patch,
      `it is not a patch build-bench can read: ${describeError(error)}`,
    );
  }
  const changed = new Map<string, () => Buffer | null>();
  // Text around the changes (a commit message, a hunk-less header) parses as a change of nothing.
  for (const filePatch of filePatches.filter((each) => each.hunks.length > 0 || each.isGit === true)) {
    const name = filePatch.newFileName === '/dev/null' ? filePatch.oldFileName : filePatch.newFileName;
    if (name === undefined) throw new ConfigError('edit-patch', patch, 'a change names no file');
    const file = path.resolve(directory, stripFirstComponent(name));
    if (changed.has(file)) throw new ConfigError('edit-patch', patch, `${file} is changed twice`);
    files.track(file);
    const content = applyFilePatch(filePatch, files.originalBytes(file), patch, file);
    changed.set(file, () => content);
  }
  if (changed.size === 0) throw new ConfigError('edit-patch', patch, 'it changes no file');
  return new SourceEdit(files, changed);
}
