/**
 * The config lines renderAdvice prints, applied for real: a tiny Cargo project built with exactly those lines,
 * its executable's `.comment` read to name the linker. Needs cargo, mold (CI: apt-get install mold) and GNU ld.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildSettings } from '../../src/analysis/analysis.js';
import { identifyLinker, readElfComments } from '../../src/variants/io/elf-comment.js';
import type { LinkerFamily, Results } from '../../src/results/results.js';
import { renderAdvice } from '../../src/report/render-advice.js';
import { makeResults, makeSettings } from '../support/results-fixture.js';

const PACKAGE = 'advice_probe';
/** The code refuses to compile without this cfg: proof that the user's rustflags were kept. */
const PROBE_CFG = 'advice_probe_flag';
const NEEDS_CFG_RS = `#[cfg(not(${PROBE_CFG}))]
compile_error!("the project's rustflags were dropped");

fn main() {}
`;

let scratch: string;
let hostTriple: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'advice-config-'));
  const rustc = spawnSync('rustc', ['-vV'], { encoding: 'utf8' });
  hostTriple = /^host: (\S+)$/m.exec(rustc.stdout)![1]!;
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** A fresh one-file Cargo project with no dependencies; returns its folder. */
function createProject(name: string, mainRs: string): string {
  const project = path.join(scratch, name);
  mkdirSync(path.join(project, 'src'), { recursive: true });
  writeFileSync(
    path.join(project, 'Cargo.toml'),
    [
      `[package]\nname = "${PACKAGE}"\nversion = "0.1.0"\nedition = "2021"\n`,
      `[lints.rust]\nunexpected_cfgs = { level = "warn", check-cfg = ["cfg(${PROBE_CFG})"] }\n`,
    ].join('\n'),
  );
  writeFileSync(path.join(project, 'src', 'main.rs'), mainRs);
  return project;
}

/** Every linker clearly faster in both scenarios, for a build with the given settings. */
function fasterEverywhere(settings: BuildSettings): Results {
  const results = makeResults({
    plan: { scenarios: ['clean', 'incremental'], runs: 6, cleanRuns: 6 },
    analysis: { llvmLines: null, dependencies: null, settings, problems: [] },
  });
  return {
    ...results,
    speedups: results.speedups.map((speedup) => ({
      ...speedup,
      pairedSpeedup: 1.2,
      pairedInterval: { low: 1.1, high: 1.3, confidence: 0.96 },
    })),
  };
}

/** The dev profile's defaults for this host, with the given rustflags and linker. */
function devSettings(
  rustflags: BuildSettings['rustflags'],
  linker: BuildSettings['linker'] = null,
): BuildSettings {
  return makeSettings({
    profile: 'dev',
    optLevel: { value: '0', source: 'default' },
    debug: { value: 'full', source: 'default' },
    codegenUnits: { value: 256, source: 'default' },
    incremental: { value: true, source: 'default' },
    lto: { value: 'off', source: 'default' },
    target: hostTriple,
    linker,
    rustflags,
    cargoIncremental: null,
  });
}

const LINKER_HEADINGS = { mold: '**mold**', lld: '**lld**', bfd: '**GNU ld (bfd)**' } as const;

/** The body of the `toml` block in the advice for one linker. */
function extractToml(advice: string, linker: keyof typeof LINKER_HEADINGS): string {
  const section = advice.split('\n\n**').find((part) => `**${part}`.startsWith(LINKER_HEADINGS[linker]));
  const toml = /^```toml\n([\s\S]*?)\n```$/m.exec(section ?? '')?.[1];
  if (toml === undefined) throw new Error(`No toml block for ${linker} in:\n${advice}`);
  return toml;
}

interface Build {
  readonly status: number | null;
  readonly output: string;
  readonly linker: LinkerFamily | null;
}

/** Builds the project with `config` as its `.cargo/config.toml`, in a fresh target directory. */
function buildWith(project: string, config: string): Build {
  mkdirSync(path.join(project, '.cargo'), { recursive: true });
  writeFileSync(path.join(project, '.cargo', 'config.toml'), config);
  const targetDir = path.join(project, 'target');
  const env: NodeJS.ProcessEnv = { ...process.env, CARGO_TARGET_DIR: targetDir };
  for (const key of Object.keys(env)) {
    if (/RUSTFLAGS$|^CARGO_TARGET_.*_LINKER$|^CARGO_BUILD_TARGET$/.test(key)) delete env[key];
  }
  const build = spawnSync('cargo', ['build', '--offline', '--quiet'], {
    cwd: project,
    env,
    encoding: 'utf8',
  });
  const output = `${build.stdout}${build.stderr}`;
  if (build.status !== 0) return { status: build.status, output, linker: null };
  const executable = path.join(targetDir, 'debug', PACKAGE);
  return {
    status: 0,
    output,
    linker: identifyLinker(readElfComments(readFileSync(executable), executable)).family,
  };
}

const BUILD_RUSTFLAGS = `[build]\nrustflags = ["--cfg", "${PROBE_CFG}"]\n`;

describe('the config lines of the advice, built with cargo', () => {
  it.each([
    { linker: 'mold', family: 'mold' },
    { linker: 'lld', family: 'lld' },
    { linker: 'bfd', family: 'bfd' },
  ] as const)('$linker: the executable is linked by $family', ({ linker, family }) => {
    const toml = extractToml(renderAdvice(fasterEverywhere(devSettings(null)))!, linker);
    expect(toml).toBe(`[target.${hostTriple}]\nrustflags = ["-C", "link-arg=-fuse-ld=${linker}"]`);
    const build = buildWith(createProject(`plain-${linker}`, 'fn main() {}\n'), `${toml}\n`);
    expect(build.output).toBe('');
    expect(build.linker).toBe(family);
  });

  // With `linker = "gcc"` rustc leaves out its bundled rust-lld, so GNU ld links unless the flag takes effect.
  it.each([
    { linker: 'mold', family: 'mold' },
    { linker: 'lld', family: 'lld' },
  ] as const)('$linker through a configured gcc driver: linked by $family', ({ linker, family }) => {
    const project = createProject(`gcc-${linker}`, 'fn main() {}\n');
    const settings = devSettings(null, {
      value: 'gcc',
      source: path.join(project, '.cargo', 'config.toml'),
    });
    const advice = renderAdvice(fasterEverywhere(settings))!;
    expect(advice).toContain('Your build links with `gcc`');
    const toml = extractToml(advice, linker);
    // As the advice says: the rustflags line goes into the existing `[target.<triple>]` table.
    const [header, ...lines] = toml.split('\n');
    expect(header).toBe(`[target.${hostTriple}]`);
    const build = buildWith(project, [header, 'linker = "gcc"', ...lines, ''].join('\n'));
    expect(build.output).toBe('');
    expect(build.linker).toBe(family);
    expect(buildWith(project, `${header}\nlinker = "gcc"\n`).linker).toBe('bfd');
  });

  it('keeps the build.rustflags the project depends on', () => {
    const project = createProject('kept', NEEDS_CFG_RS);
    const source = `${path.join(project, '.cargo', 'config.toml')} (build.rustflags)`;
    const advice = renderAdvice(fasterEverywhere(devSettings({ value: ['--cfg', PROBE_CFG], source })))!;
    const toml = extractToml(advice, 'mold');
    expect(toml).toContain(`"--cfg", "${PROBE_CFG}", "-C", "link-arg=-fuse-ld=mold"`);
    const build = buildWith(project, `${BUILD_RUSTFLAGS}\n${toml}\n`);
    expect(build.output).toBe('');
    expect(build.linker).toBe('mold');
  });

  it('would lose them without: target rustflags replace build.rustflags', () => {
    const toml = `[target.${hostTriple}]\nrustflags = ["-C", "link-arg=-fuse-ld=mold"]\n`;
    const build = buildWith(createProject('dropped', NEEDS_CFG_RS), `${BUILD_RUSTFLAGS}\n${toml}`);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain("the project's rustflags were dropped");
  });
});
