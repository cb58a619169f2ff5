/** Writes the export files next to the results file: `<results path without .json>.<format>.json`. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Results } from '../../results/results.js';
import type { ExportFormat } from '../../config/config.js';
import { renderExport } from '../export-formats.js';

/** `out/results.json` → `out/results.bencher.json`; a path without `.json` keeps its whole name. */
export function toExportPath(resultsPath: string, format: ExportFormat): string {
  return `${resultsPath.replace(/\.json$/i, '')}.${format}.json`;
}

/** Writes each format asked for once; returns the path written per format. */
export async function writeExports(
  results: Results,
  formats: readonly ExportFormat[],
  resultsPath: string,
): Promise<Partial<Record<ExportFormat, string>>> {
  const written: Partial<Record<ExportFormat, string>> = {};
  for (const format of new Set(formats)) {
    const filePath = toExportPath(resultsPath, format);
    await mkdir(path.dirname(filePath), { recursive: true });
    await writeFile(filePath, `${JSON.stringify(renderExport(results, format), null, 2)}\n`);
    written[format] = filePath;
  }
  return written;
}
