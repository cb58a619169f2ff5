/**
 * Counts the LLVM IR lines of the workspace's crates: through `cargo llvm-lines` when it is installed, else
 * through rustc's `--emit=llvm-ir`, counted here the same way. Failures become problems, never exceptions.
 */
import { readPassedOnFlags } from '../../cargo/cargo.js';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findTopCrate, type CargoMetadata } from '../../cargo/cargo.js';
import { findOnPath } from '../../install/io/mold-on-path.js';
import { describeError } from '../../system/errors.js';
import type { CommandResult, ProcessRunner } from '../../system/ports.js';
import type { CrateLlvmLines, LlvmLinesReport } from '../analysis.js';
import { createLlvmIrCounter, parseLlvmLinesTable, summarizeCrateLlvmLines } from '../count-llvm-lines.js';

export interface LlvmLinesRequest {
  readonly workingDirectory: string;
  /** `cargo metadata --no-deps` of the workspace, as the benchmark read it. */
  readonly metadata: CargoMetadata;
  /** Packages to count, by name; each one's library, else its first binary. Empty: the top crate's package. */
  readonly packages: readonly string[];
  /** The measured build command line; the flags readPassedOnFlags finds in it are passed on. */
  readonly command: string;
  /** A target directory of its own, kept between runs so dependencies are not rebuilt every time. */
  readonly targetDirectory: string;
  readonly env: NodeJS.ProcessEnv;
  /** Time limit of each cargo run. */
  readonly timeoutMs: number;
}

/** Report null: no crate could be counted; `problems` says why. */
export interface LlvmLinesOutcome {
  readonly report: LlvmLinesReport | null;
  readonly problems: readonly string[];
}

/** One crate target to count: `--lib` or `--bin <name>` of a package. */
interface CrateTarget {
  readonly packageName: string;
  readonly args: readonly string[];
  /** `lib` or `bin <name>`, as CrateLlvmLines names it. */
  readonly label: string;
}

type CountResult = { readonly crate: CrateLlvmLines } | { readonly problem: string };

const OUTPUT_TAIL_LINES = 20;
const LIBRARY_KINDS = ['lib', 'rlib', 'dylib', 'cdylib', 'staticlib', 'proc-macro'];
/** What `cargo llvm-lines` adds to `cargo rustc`: IR as rustc hands it to LLVM, before any LLVM pass. */
const EMIT_IR_FLAGS = ['--emit=llvm-ir', '-Cno-prepopulate-passes', '-Cpasses=name-anon-globals'];

export async function measureLlvmLines(
  request: LlvmLinesRequest,
  runner: ProcessRunner,
): Promise<LlvmLinesOutcome> {
  const problems: string[] = [];
  const targets = selectCrateTargets(request.metadata, request.packages, problems);
  const counter = (await findOnPath('cargo-llvm-lines', request.env)) ? 'cargo-llvm-lines' : 'rustc';
  const flags = readPassedOnFlags(request.command);
  const crates: CrateLlvmLines[] = [];
  for (const target of targets) {
    const result =
      counter === 'cargo-llvm-lines'
        ? await countWithCargoLlvmLines(request, runner, target, flags)
        : await countWithRustc(request, runner, target, flags);
    if ('crate' in result) crates.push(result.crate);
    else problems.push(result.problem);
  }
  return { report: crates.length > 0 ? { counter, flags, crates } : null, problems };
}

/**
 * The crate target of each named package, or of the top crate's package (library, else first binary); unknown
 * names become problems.
 */
function selectCrateTargets(
  metadata: CargoMetadata,
  packageNames: readonly string[],
  problems: string[],
): CrateTarget[] {
  if (packageNames.length === 0) {
    const top = findTopCrate(metadata);
    if (top === null) {
      problems.push(
        'LLVM IR lines were not counted: the workspace has no library or binary crate; ' +
          'name the packages to count in input `llvm-lines-packages`.',
      );
      return [];
    }
    // The top package's library, else its binary: with both, most of the code is usually in the library.
    return selectCrateTargets(metadata, [top.packageName], problems);
  }
  const members = metadata.packages.filter((pkg) => metadata.workspace_members.includes(pkg.id));
  const targets: CrateTarget[] = [];
  for (const name of new Set(packageNames)) {
    const pkg = members.find((member) => member.name === name);
    if (!pkg) {
      const known = members.map((member) => `\`${member.name}\``).join(', ');
      problems.push(
        `LLVM IR lines of package \`${name}\` were not counted: it is not a member of the workspace ` +
          `(its members: ${known || 'none'}); check input \`llvm-lines-packages\`.`,
      );
      continue;
    }
    const lib = pkg.targets.find((target) => target.kind.some((kind) => LIBRARY_KINDS.includes(kind)));
    const bin = pkg.targets.find((target) => target.kind.includes('bin'));
    if (lib) targets.push(describeTarget(pkg.name, 'lib', lib.name));
    else if (bin) targets.push(describeTarget(pkg.name, 'bin', bin.name));
    else {
      problems.push(
        `LLVM IR lines of package \`${name}\` were not counted: it has neither a library nor a binary; ` +
          'check input `llvm-lines-packages`.',
      );
    }
  }
  return targets;
}

function describeTarget(packageName: string, kind: 'lib' | 'bin', targetName: string): CrateTarget {
  return kind === 'lib'
    ? { packageName, args: ['-p', packageName, '--lib'], label: 'lib' }
    : { packageName, args: ['-p', packageName, '--bin', targetName], label: `bin ${targetName}` };
}

async function countWithCargoLlvmLines(
  request: LlvmLinesRequest,
  runner: ProcessRunner,
  target: CrateTarget,
  flags: readonly string[],
): Promise<CountResult> {
  const args = ['llvm-lines', ...target.args, ...flags];
  const run = await runCargo(request, runner, args, { CARGO_TARGET_DIR: request.targetDirectory });
  if ('failure' in run) return { problem: `${describeCrate(target)} were not counted: ${run.failure}` };
  try {
    const table = parseLlvmLinesTable(run.stdout);
    return { crate: summarizeCrateLlvmLines(target.packageName, target.label, table) };
  } catch (error) {
    return { problem: `${describeCrate(target)} were not counted: ${describeError(error)}.` };
  }
}

/** `cargo rustc` into a fresh directory: the new `-o` path also makes cargo rerun rustc for the crate. */
async function countWithRustc(
  request: LlvmLinesRequest,
  runner: ProcessRunner,
  target: CrateTarget,
  flags: readonly string[],
): Promise<CountResult> {
  const outputDirectory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-llvm-ir-'));
  try {
    const outputPath = path.join(outputDirectory, 'crate');
    const args = ['rustc', ...target.args, ...flags, '--', ...EMIT_IR_FLAGS, '-o', outputPath];
    // An empty CARGO_INCREMENTAL turns incremental off, as cargo-llvm-lines does, so the counts match its own.
    const env = { CARGO_TARGET_DIR: request.targetDirectory, CARGO_INCREMENTAL: '' };
    const run = await runCargo(request, runner, args, env);
    if ('failure' in run) return { problem: `${describeCrate(target)} were not counted: ${run.failure}` };
    // rustc forces one codegen unit for `--emit=llvm-ir -o`: one `crate-<hash>.ll`; any other `.ll` counts too.
    const irFiles = readdirSync(outputDirectory)
      .filter((name) => name.endsWith('.ll'))
      .sort();
    if (irFiles.length === 0) {
      return {
        problem: `${describeCrate(target)} were not counted: \`cargo ${args.join(' ')}\` succeeded but rustc wrote no .ll file.`,
      };
    }
    const counter = createLlvmIrCounter();
    for (const file of irFiles) {
      for await (const chunk of createReadStream(path.join(outputDirectory, file), { encoding: 'utf8' })) {
        counter.addChunk(chunk as string);
      }
      counter.endFile();
    }
    return { crate: summarizeCrateLlvmLines(target.packageName, target.label, counter.table()) };
  } finally {
    rmSync(outputDirectory, { recursive: true, force: true });
  }
}

function describeCrate(target: CrateTarget): string {
  return `LLVM IR lines of package \`${target.packageName}\` (${target.label})`;
}

/** Runs cargo with the request's environment plus `extraEnv`; a failure is a sentence ending with the output tail. */
async function runCargo(
  request: LlvmLinesRequest,
  runner: ProcessRunner,
  args: readonly string[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ readonly stdout: string } | { readonly failure: string }> {
  const options = {
    cwd: request.workingDirectory,
    env: { ...request.env, ...extraEnv },
    timeoutMs: request.timeoutMs,
    tailLines: OUTPUT_TAIL_LINES,
  };
  let result: CommandResult;
  try {
    result = await runner.run('cargo', args, options);
  } catch (error) {
    return { failure: `cargo could not be started (${describeError(error)}); is Rust installed?` };
  }
  const shown = `\`cargo ${args.join(' ')}\``;
  if (result.timedOut) {
    return {
      failure: `${shown} did not finish within ${request.timeoutMs / 1000} s and was stopped:\n${result.outputTail}`,
    };
  }
  if (result.exitCode === 0) return { stdout: result.stdout };
  const status = result.exitCode === null ? `signal ${result.signal}` : `exit code ${result.exitCode}`;
  return { failure: `${shown} failed with ${status}:\n${result.outputTail}` };
}
