/** What this machine offers the linker variants: whether the driver knows `-fuse-ld=mold`, and a system ld.lld. */
import { mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { findOnPath } from '../../install/io/mold-on-path.js';
import type { ProcessRunner } from '../../system/ports.js';
import type { LinkerTools } from '../linker-plan.js';
import { usesLinker } from '../variant-spec.js';

const PROBE_TIMEOUT_MS = 30_000;

export interface MoldBinary {
  readonly binDir: string;
  readonly binary: string;
}

/** Whether `driver -fuse-ld=mold` links with mold: GCC before 12.1 rejects the flag. */
async function driverKnowsMold(
  driver: string,
  mold: MoldBinary,
  runner: ProcessRunner,
  env: NodeJS.ProcessEnv,
): Promise<boolean> {
  const result = await runner
    .run(driver, ['-fuse-ld=mold', '-Wl,--version'], {
      env: { ...env, PATH: `${mold.binDir}${path.delimiter}${env.PATH ?? ''}` },
      timeoutMs: PROBE_TIMEOUT_MS,
      tailLines: 5,
    })
    .catch(() => null);
  return result?.exitCode === 0 && /\bmold\b/.test(`${result.stdout}\n${result.outputTail}`);
}

/** `<folder>/ld` → mold: the directory mold's documentation has an old GCC take with `-B`. */
function makeMoldLdFolder(folder: string, mold: MoldBinary): string {
  mkdirSync(folder, { recursive: true });
  for (const name of ['ld']) {
    const link = path.join(folder, name);
    let current: string | null = null;
    try {
      current = readlinkSync(link);
    } catch {
      // not there yet
    }
    if (current === mold.binary) continue;
    rmSync(link, { force: true });
    symlinkSync(mold.binary, link);
  }
  return folder;
}

export interface ProbedTools {
  readonly tools: LinkerTools;
  /** What the report and the log should say about how variants link here. */
  readonly notes: string[];
}

/** Probes once per run; `shimsDirectory` holds the `-B` folder for mold when the driver needs it. */
export async function probeLinkerTools(
  realLinker: string,
  mold: MoldBinary | null,
  shimsDirectory: string,
  runner: ProcessRunner,
  env: NodeJS.ProcessEnv,
  variants: readonly string[],
): Promise<ProbedTools> {
  const notes: string[] = [];
  let moldTools: LinkerTools['mold'] = null;
  if (mold !== null && usesLinker(variants, 'mold')) {
    const knows = await driverKnowsMold(realLinker, mold, runner, env);
    moldTools = {
      binDir: mold.binDir,
      fallbackDir: knows ? null : makeMoldLdFolder(path.join(shimsDirectory, 'mold-ld'), mold),
    };
    if (!knows) {
      notes.push(
        `The linker driver ${realLinker} does not know -fuse-ld=mold (GCC before 12.1): the mold variant passes mold with -B, mold's documented fallback.`,
      );
    }
  }
  const systemLld = (await findOnPath('ld.lld', env)) !== null;
  if (usesLinker(variants, 'lld') && !systemLld) {
    notes.push("No ld.lld is on PATH: the lld variant links with rustc's bundled rust-lld.");
  }
  return { tools: { realLinker, mold: moldTools, systemLld }, notes };
}
