/**
 * The Action's process ends when the step is done, though a request given up on at its time limit still holds a
 * socket: a real child process with a request to a server that never answers.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listenLocally, type LocalServer } from '../support/local-server.js';
import { REPO_ROOT } from '../support/fixture-project.js';

let temp = '';
let silent: LocalServer;

beforeEach(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), 'exit-process-'));
  const source = await readFile(path.join(REPO_ROOT, 'src/system/exit-process.ts'), 'utf8');
  const compilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
  await writeFile(
    path.join(temp, 'exit-process.mjs'),
    ts.transpileModule(source, { compilerOptions }).outputText,
  );
  silent = await listenLocally(() => undefined); // takes requests and never answers
});

afterEach(async () => {
  await silent.close();
  await rm(temp, { recursive: true, force: true });
});

/** Runs a child that starts a request to the silent server and writes 1 MiB; `finish` is its last statement. */
function runChild(
  finish: string,
): Promise<{ code: number | null; stdout: string; tookMs: number; killed: boolean }> {
  const script = [
    "import http from 'node:http';",
    "import { exitWhenWritten } from './exit-process.mjs';",
    `http.get('${silent.origin}/hang').on('error', () => undefined);`,
    "process.stdout.write('x'.repeat(1024 * 1024) + '\\nlast line\\n');",
    'process.exitCode = 3;',
    finish,
  ].join('\n');
  return writeFile(path.join(temp, 'main.mjs'), script).then(
    () =>
      new Promise((resolve) => {
        const startedMs = performance.now();
        const child = spawn(process.execPath, [path.join(temp, 'main.mjs')], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let stdout = '';
        let killed = false;
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        const timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, 2000);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, tookMs: performance.now() - startedMs, killed });
        });
      }),
  );
}

describe('exitWhenWritten', () => {
  it('ends the process with its exit code once stdout is written, though a request hangs', async () => {
    const { code, stdout, tookMs, killed } = await runChild('await exitWhenWritten();');
    expect(killed).toBe(false);
    expect(code).toBe(3);
    expect(stdout).toHaveLength(1024 * 1024 + '\nlast line\n'.length);
    expect(stdout.endsWith('\nlast line\n')).toBe(true);
    expect(tookMs).toBeLessThan(2000);
  });

  it('is needed: without it the hanging request keeps the process alive', async () => {
    const { killed } = await runChild('');
    expect(killed).toBe(true);
  });
});
