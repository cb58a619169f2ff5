/** What the workflow run is: event, ref and the repository's default branch, from the runner's environment. */
import { readFileSync } from 'node:fs';
import type { RunFacts } from '../baseline/save-policy.js';

/** The default branch from the event payload (`repository.default_branch`); null when it cannot be read. */
function defaultBranchOf(eventPath: string | undefined): string | null {
  if (!eventPath) return null;
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      repository?: { default_branch?: unknown };
    };
    const branch = payload.repository?.default_branch;
    return typeof branch === 'string' && branch !== '' ? branch : null;
  } catch {
    return null;
  }
}

export function readRunFacts(env: NodeJS.ProcessEnv): RunFacts {
  return {
    eventName: env.GITHUB_EVENT_NAME || null,
    ref: env.GITHUB_REF || null,
    defaultBranch: defaultBranchOf(env.GITHUB_EVENT_PATH),
  };
}
