/** The cargo flags of a build command line that change what its crates compile to. */

/** Triples named by `--target X` / `--target=X` in a command line. */
export function triplesInCommand(command: string): string[] {
  return [...command.matchAll(/--target(?:=|\s+)([A-Za-z0-9_.-]+)/g)].map((match) => match[1]!);
}

/**
 * The flags of the build command that change what a crate compiles to, each given once (cargo-llvm-lines takes
 * `--features` once): features joined with commas, the last `--profile`, the first `--target`, and
 * `--locked`, `--offline`, `--frozen`.
 */
/** Switches passed on as they are: features, and how cargo may resolve and fetch dependencies. */
const SWITCHES = ['--all-features', '--no-default-features', '--locked', '--offline', '--frozen'];

export function readPassedOnFlags(command: string): string[] {
  const words = splitShellWords(command);
  const switches = new Set<string>();
  const features: string[] = [];
  let profile: string | null = null;
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const equals = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = equals < 0 ? word : word.slice(0, equals);
    const value = (): string | undefined => (equals < 0 ? words[++index] : word.slice(equals + 1));
    if (name === '--release' || name === '-r') switches.add('--release');
    else if (SWITCHES.includes(name)) switches.add(name);
    else if (name === '--profile') profile = value() ?? profile;
    else if (name === '--features' || name === '-F') features.push(value() ?? '');
    else if (/^-F./.test(word)) features.push(word.slice(2));
  }
  const flags = ['--release', ...SWITCHES].filter((flag) => switches.has(flag));
  if (profile !== null) flags.push('--profile', profile);
  const featureList = features.filter((feature) => feature.trim() !== '').join(',');
  if (featureList !== '') flags.push('--features', featureList);
  const triple = triplesInCommand(command)[0];
  if (triple !== undefined) flags.push('--target', triple);
  return flags;
}

const SHELL_WORD_PATTERN = /(?:[^\s'"\\]|\\.|'[^']*'|"(?:[^"\\]|\\.)*")+/g;
const SHELL_QUOTING_PATTERN = /'([^']*)'|"((?:[^"\\]|\\.)*)"|\\(.)/g;

/** Words of a shell command line: blanks separate, quotes and backslashes group. */
export function splitShellWords(command: string): string[] {
  return [...command.matchAll(SHELL_WORD_PATTERN)].map((match) =>
    match[0].replace(
      SHELL_QUOTING_PATTERN,
      (_, single?: string, double?: string, escaped?: string) =>
        single ?? double?.replace(/\\(.)/g, '$1') ?? escaped ?? '',
    ),
  );
}

/** The flags that choose features, for commands (like `cargo metadata`) that take no profile or target. */
export function readFeatureFlags(command: string): string[] {
  const flags = readPassedOnFlags(command);
  const kept: string[] = [];
  for (let index = 0; index < flags.length; index++) {
    const flag = flags[index]!;
    if (flag === '--all-features' || flag === '--no-default-features') kept.push(flag);
    if (flag === '--features') kept.push(flag, flags[index + 1]!);
  }
  return kept;
}
