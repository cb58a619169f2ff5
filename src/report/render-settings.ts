/** The build settings in force, where each came from, and what in them changes what the benchmark measures. */
import type { BuildSettings, SettingValue } from '../analysis/analysis.js';
import { codeSpan, escapeMarkdown } from './markdown-escape.js';
import { foldDetails, renderTable } from './render-tables.js';

/**
 * Where a setting came from: a file inside the project relative to it (`.cargo/config.toml (build.rustflags)`), so
 * the cell stays one line; files elsewhere (`~/.cargo/config.toml`) and variables as they are.
 */
function renderSource(source: string, workingDirectory: string): string {
  if (source === 'default') return "cargo's default";
  const prefix = `${workingDirectory.replace(/\/+$/, '')}/`;
  const shown =
    workingDirectory.length > 1 && source.startsWith(prefix) ? source.slice(prefix.length) : source;
  return codeSpan(shown, { inTable: true });
}

function renderRow(
  name: string,
  setting: SettingValue<string | number | boolean> | null,
  workingDirectory: string,
): string[] {
  if (setting === null) return [name, 'none', '—'];
  return [
    name,
    codeSpan(String(setting.value), { inTable: true }),
    renderSource(setting.source, workingDirectory),
  ];
}

/**
 * A table of the profile's settings, the linker, the rustflags, CARGO_INCREMENTAL and the rustc wrapper, folded, under
 * a visible list of warnings (one per setting that changes what is measured); project files relative to the project.
 */
export function renderSettingsTable(
  settings: BuildSettings,
  warnings: readonly string[],
  workingDirectory: string,
): string {
  const rustflags = settings.rustflags;
  const row = (name: string, setting: SettingValue<string | number | boolean> | null): string[] =>
    renderRow(name, setting, workingDirectory);
  const rows = [
    row('opt-level', settings.optLevel),
    row('debug', settings.debug),
    row('codegen-units', settings.codegenUnits),
    row('incremental', settings.incremental),
    row('lto', settings.lto),
    ['target', codeSpan(settings.target, { inTable: true }), '—'],
    row('linker', settings.linker),
    rustflags === null
      ? ['rustflags', 'none', '—']
      : [
          'rustflags',
          rustflags.value.length === 0 ? 'empty' : codeSpan(rustflags.value.join(' '), { inTable: true }),
          renderSource(rustflags.source, workingDirectory),
        ],
    [
      'CARGO_INCREMENTAL',
      settings.cargoIncremental === null ? 'not set' : codeSpan(settings.cargoIncremental, { inTable: true }),
      settings.cargoIncremental === null ? '—' : 'environment',
    ],
    row('rustc wrapper', settings.rustcWrapper),
  ];
  const table = foldDetails(
    `Build settings of the profile ${escapeMarkdown(settings.profile)}`,
    renderTable(['Setting', 'Value', 'From'], ['left', 'left', 'left'], rows),
  );
  const head = `**Build settings**: profile ${codeSpan(settings.profile)}.`;
  const warningList = warnings.map((warning) => `- ⚠️ ${escapeMarkdown(warning)}`);
  return [head, ...(warningList.length > 0 ? ['', ...warningList] : []), '', table].join('\n');
}
