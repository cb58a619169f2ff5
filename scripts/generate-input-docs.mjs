// Writes src/config/input-docs.ts from action.yml: the CLI's --help describes every flag with the Action's own
// words. `npm run package` runs it; test/action-yml.test.ts fails when the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
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
