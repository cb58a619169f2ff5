// Writes the TypeScript modules that carry other files' text into the bundle, which cannot read them at run time.
// `npm run package` runs it, then formats what it wrote with Prettier.
// - src/config/input-docs.ts from action.yml: the CLI's --help describes every flag with the Action's own words;
//   test/action-yml.test.ts fails when the two differ.
// - src/shims/shim-c-source.ts from src/shims/shim.c: the C shims that compile-shims.ts compiles on the runner;
//   test/shims/shim-c.test.ts fails when the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

function writeInputDocs() {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8'));
  const docs = Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [
      name,
      String(input.description).replace(/\s+/g, ' ').trim(),
    ]),
  );
  const text = `/** Generated from action.yml by scripts/generate-input-docs.mjs: each input's description, for the CLI's --help. */
export const INPUT_DOCS: Readonly<Record<string, string>> = ${JSON.stringify(docs, null, 2)};
`;
  writeFileSync(path.join(root, 'src', 'config', 'input-docs.ts'), text);
}

function writeShimSource() {
  const source = readFileSync(path.join(root, 'src', 'shims', 'shim.c'), 'utf8');
  const text = `/** Generated from src/shims/shim.c by scripts/generate-input-docs.mjs: the C text compile-shims.ts compiles. */
export const SHIM_C_SOURCE = ${JSON.stringify(source)};
`;
  writeFileSync(path.join(root, 'src', 'shims', 'shim-c-source.ts'), text);
}

writeInputDocs();
writeShimSource();
