// Moves the CLI bundle to dist/cli.js (ncc names every bundle index.js) and checks nothing else was emitted.
import { readdirSync, renameSync, rmSync } from 'node:fs';

const emitted = readdirSync('dist/cli');
const unexpected = emitted.filter((name) => name !== 'index.js' && name !== 'package.json');
if (unexpected.length > 0) {
  console.error(`The CLI bundle emitted more than one file: ${unexpected.join(', ')}`);
  process.exit(1);
}
renameSync('dist/cli/index.js', 'dist/cli.js');
rmSync('dist/cli', { recursive: true, force: true });
