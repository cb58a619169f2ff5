/** Whether this run writes the baseline: by default only the default branch's push, schedule and manual runs. */
import type { SaveBaseline } from '../config/config.js';

export interface RunFacts {
  readonly eventName: string | null;
  readonly ref: string | null;
  /** From the event payload; null when the payload does not say. */
  readonly defaultBranch: string | null;
}

export interface SaveDecision {
  readonly save: boolean;
  readonly reason: string;
}

const BASELINE_EVENTS = ['push', 'schedule', 'workflow_dispatch'];

export function decideBaselineSave(setting: SaveBaseline, facts: RunFacts): SaveDecision {
  if (setting === 'true') return { save: true, reason: "input 'save-baseline' is true" };
  if (setting === 'false') return { save: false, reason: "input 'save-baseline' is false" };
  if (facts.eventName === null) return { save: false, reason: 'not running in GitHub Actions' };
  if (!BASELINE_EVENTS.includes(facts.eventName)) {
    return { save: false, reason: `a ${facts.eventName} run only reads the baseline` };
  }
  if (facts.eventName === 'schedule' && facts.ref?.startsWith('refs/heads/')) {
    // Scheduled runs start on the default branch, and their payload does not name it.
    return {
      save: true,
      reason: `a schedule run on the default branch ${facts.ref.slice('refs/heads/'.length)}`,
    };
  }
  if (facts.defaultBranch === null) {
    return { save: false, reason: 'the event does not name the default branch' };
  }
  if (facts.ref !== `refs/heads/${facts.defaultBranch}`) {
    return {
      save: false,
      reason: `${facts.ref ?? 'this ref'} is not the default branch ${facts.defaultBranch}`,
    };
  }
  return { save: true, reason: `a ${facts.eventName} run on the default branch ${facts.defaultBranch}` };
}
