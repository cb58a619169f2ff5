/** src/action.ts is what `@github/local-action` imports: an exported run(), and nothing started by the import. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INPUT_NAMES } from '../src/config/input-names.js';
import { REPO_ROOT } from './support/fixture-project.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

type Listener = (...args: unknown[]) => void;

function listeners(): Map<string, Listener[]> {
  return new Map(SIGNALS.map((signal) => [signal, [...(process.listeners(signal) as Listener[])]]));
}

describe('the Action entry module', () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    vi.restoreAllMocks();
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    process.exitCode = undefined;
  });

  it('exports run() and starts nothing when imported', async () => {
    const before = listeners();
    const write = vi.spyOn(process.stdout, 'write');
    const entry = await import('../src/action.js');
    expect(Object.keys(entry)).toEqual(['run']);
    expect(typeof entry.run).toBe('function');
    expect(entry.run.length).toBe(0);
    expect(listeners()).toEqual(before);
    expect(write).not.toHaveBeenCalled();
    expect(process.exitCode).toBeUndefined();
  });

  it('reports a failure once through setFailed, and resolves', async () => {
    const before = listeners();
    for (const name of Object.keys(process.env)) if (/^(INPUT|GITHUB)_/.test(name)) delete process.env[name];
    process.env['INPUT_MODE'] = 'bogus';
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { run } = await import('../src/action.js');
    try {
      await expect(run()).resolves.toBeUndefined();
    } finally {
      for (const signal of SIGNALS) {
        for (const listener of process.listeners(signal)) {
          if (!before.get(signal)!.includes(listener as Listener)) process.off(signal, listener);
        }
      }
    }
    const errors = lines.filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("Input 'mode'");
    expect(process.exitCode).toBe(1);
  });

  it('is what index.ts, the bundle entry, runs; index.ts wires nothing itself', () => {
    const index = readFileSync(path.join(REPO_ROOT, 'src', 'index.ts'), 'utf8');
    expect(index).toContain("import { run } from './action.js';");
    expect(index).toMatch(/^await run\(\);$/m);
    expect(index).not.toMatch(/main\.js|createActionDeps|installSignalHandlers|setFailed/);
  });
});

describe('.env.example', () => {
  it('sets only inputs that action.yml declares', () => {
    const text = readFileSync(path.join(REPO_ROOT, '.env.example'), 'utf8');
    const inputs = [...text.matchAll(/^INPUT_([A-Z0-9-]+)=/gm)].map((match) => match[1]!.toLowerCase());
    expect(inputs).toContain('working-directory');
    for (const input of inputs) expect(INPUT_NAMES, input).toContain(input);
  });
});
