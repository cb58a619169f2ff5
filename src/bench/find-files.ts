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

function walk(root: string, relative: string, found: string[]): void {
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(root, child, found);
    } else found.push(child);
  }
}

/** Absolute, sorted, distinct files; a pattern that matches nothing is an error naming `input`. */
export function findFiles(workingDirectory: string, patterns: readonly string[], input: string): string[] {
  const files = new Set<string>();
  let tree: string[] | null = null;
  for (const pattern of patterns) {
    const absolute = path.resolve(workingDirectory, pattern);
    if (!/[*?]/.test(pattern)) {
      if (!existsSync(absolute) || !statSync(absolute).isFile()) {
        throw new ConfigError(input, pattern, `no such file in ${workingDirectory}`);
      }
      files.add(absolute);
      continue;
    }
    if (tree === null) {
      tree = [];
      walk(workingDirectory, '', tree);
    }
    const matcher = globToRegExp(path.relative(workingDirectory, absolute).split(path.sep).join('/'));
    const matches = tree.filter((file) => matcher.test(file));
    if (matches.length === 0) throw new ConfigError(input, pattern, `matches no file in ${workingDirectory}`);
    for (const match of matches) files.add(path.join(workingDirectory, match));
  }
  return [...files].sort();
}
