/** Writes the results document as JSON (creating the folder). */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Results } from '../results.js';

export async function writeResultsFile(filePath: string, results: Results): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  await writeFile(filePath, `${JSON.stringify(results, null, 2)}\n`);
}
