/** Expands paths and globs (picomatch syntax) relative to a directory, without following into build output. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { ConfigError } from '../config/config.js';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'target']);

/**
 * Dotfiles match like other files and `[!a]` negates a class, as in `@actions/glob` and the shell; a leading `!`
 * is an exclusion of `findFiles`, not picomatch's negation.
 */
const GLOB_OPTIONS: picomatch.PicomatchOptions = { dot: true, posix: true, nonegate: true };

/** A glob as a regular expression over `/`-separated relative paths, with the options `findFiles` uses. */
export function globToRegExp(pattern: string): RegExp {
  return picomatch.makeRe(pattern, GLOB_OPTIONS);
}

/**
 * Lists are split at commas, braces included: `src/{a,b}.rs` arrives as `src/{a` and `b}.rs` and is joined again
 * here, so an item with an unclosed `{` takes the next ones until its braces balance.
 */
export function joinBraceFragments(items: readonly string[]): string[] {
  const joined: string[] = [];
  let open: string | null = null;
  for (const item of items) {
    const current: string = open === null ? item : `${open},${item}`;
    open = braceDepth(current) > 0 ? current : null;
    if (open === null) joined.push(current);
  }
  if (open !== null) joined.push(open);
  return joined;
}

function braceDepth(pattern: string): number {
  let depth = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') index++;
    else if (char === '{') depth++;
    else if (char === '}' && depth > 0) depth--;
  }
  return depth;
}

function walk(root: string, relative: string, found: string[], skipped: ReadonlySet<string>): void {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name)) walk(root, child, found, skipped);
    } else found.push(child);
  }
}

/** The folder a pattern's matches lie under (its part before the first wildcard) and the glob below it, if any. */
function splitPattern(workingDirectory: string, pattern: string): { root: string; glob: string } {
  const scanned = picomatch.scan(pattern, GLOB_OPTIONS);
  if (!scanned.isGlob) return { root: path.resolve(workingDirectory, pattern), glob: '' };
  return { root: path.resolve(workingDirectory, scanned.base), glob: scanned.glob };
}

/** Whether globs may reach into build output (`target`), e.g. for results files written there. */
export interface FindOptions {
  readonly searchBuildOutput?: boolean;
}

/**
 * Absolute, sorted, distinct files, the patterns taken in order; a pattern that matches nothing is an error naming
 * `input`. A glob is walked from the folder before its first wildcard, so `../shards/*.json` works too; `.git` and
 * `node_modules` are never searched, nor build output unless `searchBuildOutput`. An existing file is taken as it is
 * named, even with glob characters in its name.
 */
export function findFiles(
  workingDirectory: string,
  patterns: readonly string[],
  input: string,
  options: FindOptions = {},
): string[] {
  const items = joinBraceFragments(patterns);
  if (items.length === 0) return [];
  // `!pattern` removes the files matched so far (a later pattern may add them again), as in @actions/glob.
  if (items.every((item) => item.startsWith('!'))) {
    throw new ConfigError(
      input,
      items.join(', '),
      'has only exclusions (`!`): name the files to include first',
    );
  }
  const skipped = options.searchBuildOutput
    ? new Set([...SKIPPED_DIRECTORIES].filter((name) => name !== 'target'))
    : SKIPPED_DIRECTORIES;
  const trees = new Map<string, string[]>();
  const listTree = (root: string): string[] => {
    let tree = trees.get(root);
    if (tree === undefined) {
      tree = [];
      const below = path.relative(workingDirectory, root).split(path.sep);
      const searchable = !below.some((segment) => skipped.has(segment));
      if (searchable && existsSync(root) && statSync(root).isDirectory()) walk(root, '', tree, skipped);
      trees.set(root, tree);
    }
    return tree;
  };
  const files = new Set<string>();
  for (const item of items) {
    if (item.startsWith('!')) {
      const excludes = matchExclusion(workingDirectory, item.slice(1));
      for (const file of files) if (excludes(file)) files.delete(file);
    } else {
      for (const file of expandPattern(workingDirectory, item, input, listTree)) files.add(file);
    }
  }
  if (files.size === 0) throw new ConfigError(input, items.join(', '), `excludes every file it matches`);
  return [...files].sort();
}

function expandPattern(
  workingDirectory: string,
  pattern: string,
  input: string,
  listTree: (root: string) => string[],
): string[] {
  const absolute = path.resolve(workingDirectory, pattern);
  if (existsSync(absolute) && statSync(absolute).isFile()) return [absolute];
  const { root, glob } = splitPattern(workingDirectory, pattern);
  if (glob === '') throw new ConfigError(input, pattern, `no such file in ${workingDirectory}`);
  const isMatch = picomatch(glob, GLOB_OPTIONS);
  const matches = listTree(root).filter((file) => isMatch(file));
  if (matches.length === 0) throw new ConfigError(input, pattern, `matches no file in ${workingDirectory}`);
  return matches.map((match) => path.join(root, match));
}

/** An exclusion matches a file, or a folder above it: `!src/generated` leaves out everything under it. */
function matchExclusion(workingDirectory: string, pattern: string): (file: string) => boolean {
  const { root, glob } = splitPattern(workingDirectory, pattern);
  const isMatch = glob === '' ? () => true : picomatch(glob, GLOB_OPTIONS);
  return (file) => {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) return false;
    const segments = relative.split('/');
    return segments.some((_, index) => isMatch(segments.slice(0, index + 1).join('/')));
  };
}
