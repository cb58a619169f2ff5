/**
 * The user's files survive any ending: the bundled CLI, touching and patching a project, is sent SIGINT or SIGTERM
 * at seeded random moments (200 runs) and must leave every file as it was; SIGKILL at random moments leaves a
 * journal that the next run puts back byte for byte. The moments are spread over a run's measured length, so a
 * slow machine is probed as thoroughly as a fast one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../src/stats/random.js';
import { REPO_ROOT } from '../support/fixture-project.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
const ORIGINAL = 'line one\nline two\n';
const ORIGINAL_MTIME_NS = 1600000000123456789n;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'build-bench-signals-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A project whose build reads its source; the edit patches `source.txt` and creates `added.txt`. */
function makeProject(name: string): string {
  const directory = path.join(scratch, name);
  mkdirSync(directory);
  spawnSync('git', ['init', '-q'], { cwd: directory });
  writeFileSync(path.join(directory, 'source.txt'), ORIGINAL);
  spawnSync('touch', ['-d', '@1600000000.123456789', path.join(directory, 'source.txt')]);
  writeFileSync(
    path.join(directory, 'edit.patch'),
    [
      'diff --git a/source.txt b/source.txt',
      '--- a/source.txt',
      '+++ b/source.txt',
      '@@ -1,2 +1,2 @@',
      ' line one',
      '-line two',
      '+line 2',
      'diff --git a/added.txt b/added.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/added.txt',
      '@@ -0,0 +1 @@',
      '+added by the edit',
      '',
    ].join('\n'),
  );
  return directory;
}

/** A fast build, so that 200 runs fit the suite; builds that last, so that a kill lands during one. */
const QUICK = 'cat source.txt > /dev/null';
const LASTING = 'cat source.txt > /dev/null; sleep 0.2';

function startRun(directory: string, command: string): ChildProcess {
  const args = [CLI, directory, '--command', command, '--scenarios', 'incremental,edit'];
  args.push('--touch', 'source.txt', '--edit-patch', 'edit.patch', '--linkers', 'default', '--runs', '2');
  return spawn(process.execPath, [...args, '--warmup', '0'], {
    cwd: directory,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

interface Ending {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

async function runUntil(
  directory: string,
  delayMs: number | null,
  signal: NodeJS.Signals,
  command = QUICK,
): Promise<Ending> {
  const child = startRun(directory, command);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<Ending>((resolve) =>
    child.on('exit', (code, killedBy) => resolve({ code, signal: killedBy, stderr })),
  );
  if (delayMs !== null) setTimeout(() => child.kill(signal), delayMs);
  return ended;
}

/** What of the user's project is not as it was: content, an added file, temp files, a journal. */
function damage(directory: string): string[] {
  const found: string[] = [];
  if (readFileSync(path.join(directory, 'source.txt'), 'utf8') !== ORIGINAL) found.push('source.txt changed');
  if (existsSync(path.join(directory, 'added.txt'))) found.push('added.txt left');
  found.push(...readdirSync(directory).filter((name) => name.includes('build-bench-tmp')));
  return found;
}

let calibrations = 0;
async function lengthOfOneRunMs(command = QUICK): Promise<number> {
  const started = performance.now();
  const ending = await runUntil(makeProject(`calibration-${calibrations++}`), null, 'SIGINT', command);
  expect(ending.code, ending.stderr).toBe(0);
  return performance.now() - started;
}

describe('signals at random moments', () => {
  it('leave no user file changed in 200 runs of SIGINT or SIGTERM', async () => {
    const runMs = await lengthOfOneRunMs();
    const random = createRandom(21);
    const trials = Array.from({ length: 200 }, (_, index) => ({
      index,
      signal: SIGNALS[index % 2]!,
      delayMs: random() * runMs * 1.1,
    }));
    const failures: string[] = [];
    let stoppedMidway = 0;
    const parallel = 4;
    for (let start = 0; start < trials.length; start += parallel) {
      await Promise.all(
        trials.slice(start, start + parallel).map(async (trial) => {
          const directory = makeProject(`signal-${trial.index}`);
          const ending = await runUntil(directory, trial.delayMs, trial.signal);
          if (ending.code !== 0) stoppedMidway++;
          const found = damage(directory);
          if (found.length > 0)
            failures.push(`${trial.signal} after ${trial.delayMs.toFixed(0)} ms: ${found.join(', ')}`);
          rmSync(directory, { recursive: true, force: true });
        }),
      );
    }
    expect(failures).toEqual([]);
    // The moments must really fall inside runs, not only after them.
    expect(stoppedMidway).toBeGreaterThan(100);
  }, 600_000);

  it('after SIGKILL at random moments, the next run puts every file back byte for byte with a new time', async () => {
    const runMs = await lengthOfOneRunMs(LASTING);
    const random = createRandom(2121);
    let recovered = 0;
    for (let trial = 0; trial < 12; trial++) {
      const directory = makeProject(`kill-${trial}`);
      await runUntil(directory, random() * runMs, 'SIGKILL', LASTING);
      const source = path.join(directory, 'source.txt');
      const changed =
        readFileSync(source, 'utf8') !== ORIGINAL || existsSync(path.join(directory, 'added.txt'));
      const next = await runUntil(directory, null, 'SIGINT');
      expect(next.code, next.stderr).toBe(0);
      expect(damage(directory), `trial ${trial}`).toEqual([]);
      if (changed) {
        recovered++;
        expect(next.stderr).toMatch(
          /An earlier run was stopped before it could put back \d files?; restored them/,
        );
        expect(statSync(source, { bigint: true }).mtimeNs).toBeGreaterThan(ORIGINAL_MTIME_NS);
      }
    }
    // At least one kill must have caught a file changed, or the test proved nothing.
    expect(recovered).toBeGreaterThan(0);
  }, 600_000);
});
