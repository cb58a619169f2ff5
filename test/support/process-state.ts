/** For tests of code that reads process.env and prints to stdout (the @actions/* clients): each test gets both back. */
import { afterEach, beforeEach, vi } from 'vitest';

/** Saves process.env before each test and restores it after; collects stdout (not printed) into the returned list. */
export function isolateProcessState(): { readonly printed: string[] } {
  const state = { printed: [] as string[] };
  let savedEnv: NodeJS.ProcessEnv = {};
  beforeEach(() => {
    savedEnv = { ...process.env };
    state.printed.length = 0;
    // @actions/core prints commands (`::warning::`, `::debug::`) and info lines straight to stdout.
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      state.printed.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
  });
  return state;
}
