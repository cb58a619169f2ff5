/** Why builds are slow, as plain text for a terminal: crates, IR lines, build settings, slowest crates. */
import { describeSettingWarnings } from '../cargo/cargo.js';
import { rankCrateTimes } from '../gate/compare-crates.js';
import { gatedVariant } from '../variants/gated-variant.js';
import type { Results } from '../results/results.js';
import { countOf, formatDurationMs } from '../format/format-numbers.js';

/** How many functions and crates a terminal is shown. */
const SHOWN = 5;

function renderSlowestCrates(results: Results): string[] {
  const variant = gatedVariant(results);
  if (variant === null) return [];
  return results.plan.scenarios.flatMap((scenario) => {
    const top = rankCrateTimes(results, scenario, variant).slice(0, SHOWN);
    if (top.length === 0) return [];
    return [
      `Slowest crates, ${scenario}: ${top.map((item) => `${item.crate} ${formatDurationMs(item.medianMs)}`).join(', ')}`,
    ];
  });
}

/** Empty when nothing was analysed or timed per crate. */
export function renderTextAnalysis(results: Results): string {
  const lines = renderSlowestCrates(results);
  const analysis = results.analysis;
  if (analysis?.dependencies) {
    const { crates, workspaceMembers, duplicates } = analysis.dependencies;
    const twice =
      duplicates.length === 0
        ? 'none built twice'
        : `built in several versions: ${duplicates.map((item) => `${item.name} ${item.versions.join('/')}`).join(', ')}`;
    lines.push(
      `Crates: ${crates.length} in the build graph, ${countOf(workspaceMembers, 'workspace member')}; ${twice}.`,
    );
  }
  for (const crate of analysis?.llvmLines?.crates ?? []) {
    const top = crate.functions
      .slice(0, SHOWN)
      .map((item) => `${item.name} ${item.lines.toLocaleString('en-US')} lines (${item.copies}×)`);
    lines.push(
      `LLVM IR lines of ${crate.packageName} (${crate.target}): ${crate.totalLines.toLocaleString('en-US')} in ${crate.totalCopies.toLocaleString('en-US')} copies; largest: ${top.join('; ')}`,
    );
  }
  if (analysis?.settings) {
    const settings = analysis.settings;
    lines.push(
      `Settings: profile ${settings.profile}, opt-level ${settings.optLevel.value}, debug ${settings.debug.value}, ` +
        `codegen-units ${settings.codegenUnits.value}, incremental ${settings.incremental.value}, lto ${settings.lto.value}.`,
    );
    for (const warning of describeSettingWarnings(settings, results.plan.scenarios))
      lines.push(`  ! ${warning}`);
  }
  for (const problem of analysis?.problems ?? []) lines.push(`Not analysed: ${problem}`);
  return lines.join('\n');
}
