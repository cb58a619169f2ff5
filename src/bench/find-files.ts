/** Expands paths and globs (`*`, `?`, `**`) relative to a directory, without following into build output. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config.js';

const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'target']);

/** A glob as a regular expression over `/`-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      source += pattern[index + 2] === '/' ? '(?:.*/)?' : '.*';
      index += pattern[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function walk(root: string, relative: string, found: string[], skipped: ReadonlySet<string>): void {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!skipped.has(entry.name)) walk(root, child, found, skipped);
    } else found.push(child);
  }
}

/** The folder a glob's matches lie under (its segments before the first wildcard) and the rest of it. */
function splitGlob(absolutePattern: string): { root: string; rest: string } {
  const segments = absolutePattern.split(path.sep);
  const firstWildcard = segments.findIndex((segment) => /[*?]/.test(segment));
  return {
    root: segments.slice(0, firstWildcard).join(path.sep) || path.sep,
    rest: segments.slice(firstWildcard).join('/'),
  };
}

/** Whether globs may reach into build output (`target`), e.g. for results files written there. */
export interface FindOptions {
  readonly searchBuildOutput?: boolean;
}

/**
 * Absolute, sorted, distinct files; a pattern that matches nothing is an error naming `input`. A glob is walked
 * from the folder before its first wildcard, so `../shards/*.json` works too; `.git` and `node_modules` are never
 * searched, nor build output unless `searchBuildOutput`.
 */
export function findFiles(
  workingDirectory: string,
  patterns: readonly string[],
  input: string,
  options: FindOptions = {},
): string[] {
  const skipped = options.searchBuildOutput
    ? new Set([...SKIPPED_DIRECTORIES].filter((name) => name !== 'target'))
    : SKIPPED_DIRECTORIES;
  const files = new Set<string>();
  const trees = new Map<string, string[]>();
  for (const pattern of patterns) {
    const absolute = path.resolve(workingDirectory, pattern);
    if (!/[*?]/.test(pattern)) {
      if (!existsSync(absolute) || !statSync(absolute).isFile()) {
        throw new ConfigError(input, pattern, `no such file in ${workingDirectory}`);
      }
      files.add(absolute);
      continue;
    }
    const { root, rest } = splitGlob(absolute);
    let tree = trees.get(root);
    if (tree === undefined) {
      tree = [];
      const below = path.relative(workingDirectory, root).split(path.sep);
      const searchable = !below.some((segment) => skipped.has(segment));
      if (searchable && existsSync(root) && statSync(root).isDirectory()) walk(root, '', tree, skipped);
      trees.set(root, tree);
    }
    const matcher = globToRegExp(rest);
    const matches = tree.filter((file) => matcher.test(file));
    if (matches.length === 0) throw new ConfigError(input, pattern, `matches no file in ${workingDirectory}`);
    for (const match of matches) files.add(path.join(root, match));
  }
  return [...files].sort();
}
