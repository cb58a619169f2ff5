/**
 * One vocabulary, said two ways. The engine names an input as the Action's user writes it (`input 'max-runs'`,
 * input `max-runs`, 'max-runs', "the step"); the CLI's user typed flags, so everything the CLI prints — log lines,
 * errors, the terminal summary and report.md — passes through `speakCli` once, at the CLI's edge. Only names of
 * real inputs are rewritten, so a quoted value (`'mold'`, `'default'`) stays as it is.
 */
import { INPUT_NAMES } from './input-names.js';

const NAMES = new Set<string>(INPUT_NAMES);
const flag = (name: string, quoted: string): string => (NAMES.has(name) ? `--${name}` : quoted);

export function speakCli(text: string): string {
  return (
    text
      // `Input 'x' has the value "v": …` (a ConfigError) and `input 'x'` / `the input 'x'` in sentences.
      .replace(/\b(?:[Tt]he )?[Ii]nput '([a-z0-9-]+)'/g, (whole, name: string) => flag(name, whole))
      // Markdown: input `x` → `--x`, and a bare `x` that names an input.
      .replace(/\b(?:[Tt]he )?[Ii]nput `([a-z0-9-]+)`/g, (whole, name: string) =>
        NAMES.has(name) ? `\`--${name}\`` : whole,
      )
      .replace(/`([a-z0-9-]+)`/g, (whole, name: string) => (NAMES.has(name) ? `\`--${name}\`` : whole))
      // 'x' alone, where x is an input: "give a patch in 'edit-patch'".
      .replace(/'([a-z0-9-]+)'/g, (whole, name: string) => flag(name, whole))
      .replace(/\bThe step (passes|fails)\b/g, 'The run $1')
  );
}
