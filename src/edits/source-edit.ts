/**
 * The edit scenario's change: two states of a set of files, the user's and the changed one, switched before each
 * round. Built in: a function appended to each Rust file, kept by a `#[used]` static and returning a new constant
 * each time, so rustc compiles the crate's code again (rustc-perf's incr-patched). Or the user's patch, applied
 * once with `git apply` to learn both states; switching is then writing bytes, with no process inside the loop.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ConfigError } from '../config/config.js';
import type { ProcessRunner } from '../system/ports.js';
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

/** Paths a patch changes, from `git apply --numstat -z`: `added\tdeleted\tpath\0`, renames as `…\t\0from\0to\0`. */
export function parseNumstat(output: string): string[] {
  const fields = output.split('\0');
  const paths: string[] = [];
  for (let index = 0; index < fields.length; index++) {
    const match = /^(?:\d+|-)\t(?:\d+|-)\t(.*)$/s.exec(fields[index]!);
    if (!match) continue;
    if (match[1] !== '') paths.push(match[1]!);
    else paths.push(fields[++index]!, fields[++index]!);
  }
  return paths.filter((file) => file !== undefined && file !== '');
}

/**
 * The user's patch: checked with `git apply --check` (an error naming `edit-patch` when it does not apply), then
 * applied once in `directory` to read the changed content of every file, and reverted by writing the originals.
 */
export async function patchEdit(
  patch: string,
  directory: string,
  files: SourceFiles,
  runner: ProcessRunner,
  env: NodeJS.ProcessEnv,
): Promise<SourceEdit> {
  const git = (args: string[]) => runner.run('git', args, { cwd: directory, env, tailLines: 20 });
  const check = await git(['apply', '--check', patch]);
  if (check.exitCode !== 0) {
    throw new ConfigError('edit-patch', patch, `it does not apply in ${directory}:\n${check.outputTail}`);
  }
  const listed = await git(['apply', '--numstat', '-z', patch]);
  const paths = parseNumstat(listed.stdout).map((file) => path.resolve(directory, file));
  for (const file of paths) files.track(file);
  const applied = await git(['apply', patch]);
  if (applied.exitCode !== 0) {
    throw new ConfigError('edit-patch', patch, `git apply failed in ${directory}:\n${applied.outputTail}`);
  }
  const changed = new Map<string, () => Buffer | null>();
  for (const file of paths) {
    const content = files.adopt(file);
    changed.set(file, () => content);
  }
  const edit = new SourceEdit(files, changed);
  for (const file of paths) files.write(file, files.originalBytes(file));
  return edit;
}
