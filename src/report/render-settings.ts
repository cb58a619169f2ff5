/** The build settings in force, where each came from, and what in them changes what the benchmark measures. */
import type { BuildSettings, SettingValue } from '../analysis/analysis.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { foldDetails, renderTable } from './render-tables.js';

function renderSource(source: string): string {
  return source === 'default' ? "cargo's default" : codeSpan(source, { inTable: true });
}

function renderRow(name: string, setting: SettingValue<string | number | boolean> | null): string[] {
  if (setting === null) return [name, 'none', '—'];
  return [name, codeSpan(String(setting.value), { inTable: true }), renderSource(setting.source)];
}

/**
 * A table of the profile's settings, the linker, the rustflags, CARGO_INCREMENTAL and the rustc wrapper, folded,
 * under a visible list of warnings (one per setting that changes what is measured).
 */
export function renderSettingsTable(settings: BuildSettings, warnings: readonly string[]): string {
  const rustflags = settings.rustflags;
  const rows = [
    renderRow('opt-level', settings.optLevel),
    renderRow('debug', settings.debug),
    renderRow('codegen-units', settings.codegenUnits),
    renderRow('incremental', settings.incremental),
    renderRow('lto', settings.lto),
    ['target', codeSpan(settings.target, { inTable: true }), '—'],
    renderRow('linker', settings.linker),
    rustflags === null
      ? ['rustflags', 'none', '—']
      : [
          'rustflags',
          rustflags.value.length === 0 ? 'empty' : codeSpan(rustflags.value.join(' '), { inTable: true }),
          renderSource(rustflags.source),
        ],
    [
      'CARGO_INCREMENTAL',
      settings.cargoIncremental === null ? 'not set' : codeSpan(settings.cargoIncremental, { inTable: true }),
      settings.cargoIncremental === null ? '—' : 'environment',
    ],
    renderRow('rustc wrapper', settings.rustcWrapper),
  ];
  const table = foldDetails(
    `Build settings of the profile ${escapeMarkdown(settings.profile)}`,
    renderTable(['Setting', 'Value', 'From'], ['left', 'left', 'left'], rows),
  );
  const head = `**Build settings**: profile ${codeSpan(settings.profile)}.`;
  const warningList = warnings.map((warning) => `- ⚠️ ${escapeMarkdown(warning)}`);
  return [head, ...(warningList.length > 0 ? ['', ...warningList] : []), '', table].join('\n');
}
