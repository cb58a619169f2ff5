/**
 * A link captured in a real cargo build and replayed after the build that made it is gone (its target directory
 * removed, rustc's temp files deleted long before): with each linker, through the replay shim, each output
 * verified by its `.comment` section and run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Linker } from '../../src/config/config.js';
import { finalLinks, readCapturedLinks } from '../../src/bench/link-captures.js';
import { compileShims, installShim } from '../../src/shims/io/compile-shims.js';
import { parseLinkLog } from '../../src/shims/link-log.js';
import { linkShimEnv } from '../../src/shims/link-shim-env.js';
import { LINK_REPLAY_NAME, LINK_SHIM_NAME, SHIM_ENV } from '../../src/shims/shim-env.js';
import { createProcessRunner } from '../../src/system/process-runner.js';
import { identifyLinker, readElfCommentsOfFile } from '../../src/variants/io/elf-comment.js';
import { planLinkShim, type LinkerTools } from '../../src/variants/linker-plan.js';
import { REPO_ROOT } from '../support/fixture-project.js';

let scratch: string;
let shim: string;
let replay: string;
const TOOLS: LinkerTools = {
  realLinker: 'cc',
  mold: {
    binDir: path.dirname(execFileSync('which', ['mold'], { encoding: 'utf8' }).trim()),
    fallbackDir: null,
  },
  systemLld: true,
};

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'link-replay-test-'));
  const binary = (await compileShims(path.join(scratch, 'bin'), createProcessRunner(), process.env)).binary;
  shim = installShim(binary, path.join(scratch, 'shims', LINK_SHIM_NAME));
  replay = installShim(binary, path.join(scratch, 'shims', LINK_REPLAY_NAME));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function hostTriple(): string {
  return /^host: (\S+)$/m.exec(execFileSync('rustc', ['-vV'], { encoding: 'utf8' }))![1]!;
}

describe('a captured link, replayed', () => {
  it('links again after its build is gone, with each linker, and each output is what that linker wrote', () => {
    const project = path.join(scratch, 'tiny');
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tiny'), project, { recursive: true });
    const targetDir = path.join(scratch, 'target');
    const captureDir = path.join(scratch, 'links');
    const linkerEnv = `CARGO_TARGET_${hostTriple().toUpperCase().replace(/[-.]/g, '_')}_LINKER`;
    execFileSync('cargo', ['build', '--offline', '-q'], {
      cwd: project,
      stdio: 'pipe',
      env: {
        ...process.env,
        CARGO_TARGET_DIR: targetDir,
        [linkerEnv]: shim,
        ...linkShimEnv(planLinkShim('default', TOOLS)),
        [SHIM_ENV.linkCapture]: captureDir,
      },
    });
    const captured = readCapturedLinks(captureDir, new Set());
    const final = finalLinks(captureDir, new Set());
    expect(final.map((link) => path.basename(link.output))).toEqual([
      expect.stringMatching(/^tiny_cli-[0-9a-f]{16}$/) as string,
    ]);
    expect(captured.length).toBeGreaterThanOrEqual(final.length);
    // The build is gone: its target directory (with the crate's codegen units), and rustc's temp files were
    // deleted when the link ended.
    rmSync(targetDir, { recursive: true, force: true });
    const folder = final[0]!.folder;
    const args = readFileSync(path.join(folder, 'args'), 'utf8').split('\0');
    expect(args.some((arg) => arg.startsWith(folder))).toBe(true);

    const expected: Record<Exclude<Linker, 'toolchain'>, string> = {
      default: 'lld',
      mold: 'mold',
      lld: 'lld',
      bfd: 'bfd',
    };
    for (const linker of ['default', 'mold', 'lld', 'bfd'] as const) {
      const linkLog = path.join(scratch, `replay-${linker}.log`);
      execFileSync(replay, [folder], {
        stdio: 'pipe',
        env: { ...process.env, ...linkShimEnv(planLinkShim(linker, TOOLS)), [SHIM_ENV.linkLog]: linkLog },
      });
      const [logged] = parseLinkLog(readFileSync(linkLog, 'utf8'));
      expect(logged).toMatchObject({ exitCode: 0 });
      const output = path.join(folder, 'out', path.basename(final[0]!.output));
      expect(path.resolve(folder, logged!.output)).toBe(output);
      expect(identifyLinker(readElfCommentsOfFile(output)).family).toBe(expected[linker]);
      expect(execFileSync(output, { encoding: 'utf8' }).trim()).toBe('5');
    }
    expect(existsSync(targetDir)).toBe(false);
    expect(readdirSync(path.join(folder, 'out'))).toHaveLength(1);
  });
});
