/** The bundled CLI: help, bad flags, and SIGTERM in the middle of a build restores the touched files. */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INPUT_NAMES } from '../src/config/input-names.js';
import { heavierMainSource, REPO_ROOT } from './support/fixture-project.js';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
let directory: string | undefined;
afterEach(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

function tempEntries(): string[] {
  return readdirSync(os.tmpdir()).filter((name) => /^build-bench-[A-Za-z0-9]{6}$/.test(name));
}

describe('dist/cli.js', () => {
  it('describes every flag with --help, with the CLI’s real defaults', () => {
    const result = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const name of INPUT_NAMES.filter(
      (input) => !['github-token', 'comment', 'save-baseline', 'mode', 'results'].includes(input),
    )) {
      expect(result.stdout, name).toMatch(new RegExp(`\\n  --${name}\\n    \\S`));
    }
    expect(result.stdout).toContain('(default: any)');
    expect(result.stdout).not.toContain('(default: 2.42.1)');
    expect(result.stdout).toContain('--compare-to before.json');
  });

  it("benchmarks the example project with no project given (the README's run command)", () => {
    const result = spawnSync(process.execPath, [CLI, '--runs', '1', '--scenarios', 'incremental'], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(result.stderr).not.toContain('warning');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/incremental +default +.*LLD \d+\.\d+\.\d+ \(verified\)/);
    expect(result.stdout).toMatch(/incremental +mold +.*mold \d+\.\d+\.\d+ \(verified\)/);
    expect(result.stdout).toContain(path.join(REPO_ROOT, 'examples/demo/target/build-bench/results.json'));
  });

  it('rejects an unknown flag, suggesting the nearest, and a bad value naming the flag, with exit code 2', () => {
    const unknown = spawnSync(process.execPath, [CLI, '--frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
    const typo = spawnSync(process.execPath, [CLI, '--run', '3'], { encoding: 'utf8' });
    expect(typo.stderr).toContain('Did you mean --runs?');
    const bad = spawnSync(process.execPath, [CLI, '--linkers', 'default, gold'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      `--linkers has the value "default, gold": 'gold' is not one of default, mold, lld, bfd`,
    );
    expect(bad.stderr).not.toContain("Input '");
  });

  it('speaks in flags, not inputs: every error names the flag, all missing flags at once, exit status 2', () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-words-'));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, directory!, ...args], { encoding: 'utf8', timeout: 120_000 });
    const cases: { args: string[]; says: string[] }[] = [
      {
        args: [],
        says: [
          `--working-directory has the value "${directory}": ${directory} has no Cargo.toml`,
          '--command',
        ],
      },
      {
        args: ['--command', 'make', '--scenarios', 'clean, incremental, edit'],
        says: ['--clean-command has the value ""', '--artifacts (', '--touch (', '--edit-patch ('],
      },
      {
        args: ['--command', 'make', '--linkers', 'default, lld', '--touch', 'a.c'],
        says: ['--linkers has the value'],
      },
    ];
    const quick = [
      '--command',
      'true',
      '--touch',
      'a.c',
      '--linkers',
      'default',
      '--scenarios',
      'incremental',
    ];
    for (const [flag, value] of [
      ['--max-runs', '0'],
      ['--time-budget', 'soon'],
      ['--compare-to', 'missing.json'],
      ['--threshold', 'lots'],
      ['--settings', 'debug=1'],
    ] as const)
      cases.push({ args: [...quick, flag, value], says: [`${flag} has the value`] });
    for (const { args, says } of cases) {
      const result = run(...args);
      for (const phrase of says) expect(result.stderr, args.join(' ')).toContain(phrase);
      expect(result.stderr, args.join(' ')).not.toMatch(/input ['`]/i);
      expect(result.status, args.join(' ')).toBe(2);
    }
  });

  it('exits 3 when a build fails, and its terminal and report.md say flags, not inputs', () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-failed-'));
    const markdown = path.join(directory, 'report.md');
    const common = ['--touch', 'a.txt', '--linkers', 'default', '--markdown', markdown, '--warmup', '0'];
    writeFileSync(path.join(directory, 'a.txt'), 'a\n');
    const failed = spawnSync(
      process.execPath,
      [CLI, directory, '--command', 'false', '--scenarios', 'incremental', ...common],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(failed.status, failed.stderr).toBe(3);
    expect(`${failed.stdout}${failed.stderr}${readFileSync(markdown, 'utf8')}`).not.toMatch(/input ['`]/i);
    const measured = spawnSync(
      process.execPath,
      [
        CLI,
        directory,
        '--command',
        'cat a.txt',
        '--scenarios',
        'incremental, noop',
        '--runs',
        '2',
        '--max-runs',
        '2',
        ...common,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(measured.status, measured.stderr).toBe(0);
    const report = readFileSync(markdown, 'utf8');
    expect(`${measured.stdout}${measured.stderr}${report}`).not.toMatch(/input ['`]|The step/i);
  });

  it('compares two local runs: a heavier crate fails with a regression, the same build is no regression', () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-local-'));
    const project = path.join(directory, 'tiny');
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tiny'), project, { recursive: true });
    const before = path.join(directory, 'before.json');
    const common = [CLI, project, '--scenarios', 'incremental', '--linkers', 'default', '--runs', '8'];
    const first = spawnSync(process.execPath, [...common, '--results-path', before], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    expect(first.status, first.stderr).toBe(0);
    // What the terminal shows once: no Action-only steps, no verdict when nothing was compared.
    expect(first.stdout.match(/^scenario +variant/gm)).toHaveLength(1);
    expect(first.stderr).not.toMatch(/baseline|pull request|Verdict/i);
    expect(first.stdout).not.toContain('Verdict');
    // The same build again: two runs may drift apart by more than 5 %, so it is no regression, and not a pass
    // either unless the interval earns it.
    const same = spawnSync(
      process.execPath,
      [...common, '--compare-to', before, '--results-path', path.join(directory, 'same.json')],
      { encoding: 'utf8', timeout: 300_000 },
    );
    expect(same.stdout).toMatch(/Verdict: (pass|inconclusive)/);
    expect(same.status, same.stdout).toBe(0);
    // Thousands more functions in the touched crate: a slowdown that grows with the machine's load, as the
    // builds do, so it is as clear on a loaded machine as on an idle one.
    writeFileSync(path.join(project, 'crates', 'cli', 'src', 'main.rs'), heavierMainSource());
    const slower = spawnSync(
      process.execPath,
      [...common, '--compare-to', before, '--results-path', path.join(directory, 'after.json')],
      { encoding: 'utf8', timeout: 300_000 },
    );
    expect(slower.stdout).toMatch(/Verdict: regression/);
    expect(slower.stdout).toMatch(/incremental: .*regression \(regressed\)/);
    expect(slower.status).toBe(1);
  });

  it('moves the results of an earlier run aside, so an interrupted run is never taken for the new one', () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-aside-'));
    const project = path.join(directory, 'tiny');
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'tiny'), project, { recursive: true });
    const results = path.join(directory, 'results.json');
    writeFileSync(results, '{"old": true}');
    const result = spawnSync(
      process.execPath,
      [CLI, project, '--scenarios', 'noop', '--linkers', 'default', '--runs', '1', '--results-path', results],
      { encoding: 'utf8', timeout: 300_000 },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(path.join(directory, 'results.previous.json'), 'utf8')).toBe('{"old": true}');
    expect(result.stderr).toContain('Moved the results of an earlier run to');
  });

  it('on SIGTERM stops the build, restores the touched file and removes its temporary files', async () => {
    directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-signal-'));
    const touched = path.join(directory, 'source.txt');
    writeFileSync(touched, 'unchanged\n');
    spawnSync('touch', ['-d', '@1600000000.123456789', touched]);
    const before = statSync(touched, { bigint: true }).mtimeNs;
    const marker = path.join(directory, 'prepared');
    const tempBefore = tempEntries();
    // The prepare build only leaves a marker; the sampled build then hangs until the signal. The sleep's
    // length is this test's own, so no other process on the machine is taken for a leftover of it.
    const sleep = `sleep 77.${process.pid}`;
    const command = `if [ -e ${marker} ]; then ${sleep}; else : > ${marker}; fi`;
    const child = spawn(
      process.execPath,
      [
        CLI,
        directory,
        '--command',
        command,
        '--scenarios',
        'incremental',
        '--touch',
        'source.txt',
        '--linkers',
        'default',
        '--runs',
        '1',
        '--warmup',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (statSync(touched, { bigint: true }).mtimeNs === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(statSync(touched, { bigint: true }).mtimeNs).not.toBe(before);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;

    expect(code).toBe(143);
    expect(stderr).toContain('Received SIGTERM');
    expect(statSync(touched, { bigint: true }).mtimeNs).toBe(before);
    expect(tempEntries().filter((name) => !tempBefore.includes(name))).toEqual([]);
    const sleepers = spawnSync('pgrep', ['-f', sleep], { encoding: 'utf8' }).stdout.trim();
    expect(sleepers).toBe('');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'on %s in the middle of the edit scenario puts the edited file back byte for byte',
    async (signal) => {
      directory = mkdtempSync(path.join(os.tmpdir(), 'build-bench-edit-signal-'));
      spawnSync('git', ['init', '-q'], { cwd: directory });
      const source = path.join(directory, 'source.txt');
      const original = 'line one\nline two\n';
      writeFileSync(source, original);
      spawnSync('touch', ['-d', '@1600000000.123456789', source]);
      const patch = path.join(directory, 'edit.patch');
      writeFileSync(
        patch,
        [
          '--- a/source.txt',
          '+++ b/source.txt',
          '@@ -1,2 +1,2 @@',
          ' line one',
          '-line two',
          '+line 2',
          '',
        ].join('\n'),
      );
      const marker = path.join(directory, 'prepared');
      const sleep = `sleep 78.${process.pid}`;
      const command = `if [ -e ${marker} ]; then ${sleep}; else : > ${marker}; fi`;
      const child = spawn(
        process.execPath,
        [
          CLI,
          directory,
          '--command',
          command,
          '--scenarios',
          'edit',
          '--edit-patch',
          patch,
          '--linkers',
          'default',
          '--runs',
          '1',
          '--warmup',
          '0',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], cwd: directory },
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Waits for the whole edit: a read while it is being written may see the file half written.
      const edited = 'line one\nline 2\n';
      const deadline = Date.now() + 20_000;
      while (readFileSync(source, 'utf8') !== edited && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const seen = readFileSync(source, 'utf8');
      child.kill(signal);
      const code = await exited;
      expect(seen).toBe(edited);

      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(readFileSync(source, 'utf8')).toBe(original);
      // The last build saw the edit: a new time makes the next build compile the file again.
      expect(statSync(source, { bigint: true }).mtimeNs).toBeGreaterThan(1600000000123456789n);
      expect(spawnSync('pgrep', ['-f', sleep], { encoding: 'utf8' }).stdout.trim()).toBe('');
    },
  );
});
