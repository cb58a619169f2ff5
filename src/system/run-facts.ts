/** What the workflow run is, from the runner's environment and the event payload: event, ref, PR, run link. */
import { readFileSync } from 'node:fs';
import type { RunFacts } from '../baseline/save-policy.js';
import type { PullRequestRef } from '../results/results.js';

/** The run that triggered a `workflow_run` event, as GitHub describes it (trusted, unlike results it uploaded). */
export interface TriggeringRun {
  readonly event: string | null;
  readonly headSha: string | null;
  readonly headBranch: string | null;
  /** `owner/name` of the repository the head commit is in: a fork's for fork pull requests. */
  readonly headRepository: string | null;
}

export interface RunContext {
  readonly facts: RunFacts;
  /** `owner/name` from GITHUB_REPOSITORY. */
  readonly repository: string | null;
  /** Link to this workflow run's page; null outside GitHub Actions. */
  readonly runUrl: string | null;
  /** The pull request of a `pull_request` or `pull_request_target` event. */
  readonly pullRequest: PullRequestRef | null;
  /** The run behind a `workflow_run` event. */
  readonly triggeringRun: TriggeringRun | null;
  /** The base branch and its commit of a pull request event, as the event saw them. */
  readonly pullRequestBase: { readonly sha: string; readonly ref: string } | null;
}

type Payload = Record<string, unknown>;

function readPayload(eventPath: string | undefined): Payload {
  if (!eventPath) return {};
  try {
    const payload: unknown = JSON.parse(readFileSync(eventPath, 'utf8'));
    return typeof payload === 'object' && payload !== null ? (payload as Payload) : {};
  } catch {
    return {};
  }
}

/** The value at `payload.a.b.c`, or null when a step of the path is missing. */
function field(payload: unknown, ...keys: string[]): unknown {
  let value = payload;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null) return null;
    value = (value as Payload)[key];
  }
  return value ?? null;
}

function text(payload: unknown, ...keys: string[]): string | null {
  const value = field(payload, ...keys);
  return typeof value === 'string' && value !== '' ? value : null;
}

function pullRequestOf(eventName: string | null, payload: Payload): PullRequestRef | null {
  if (eventName !== 'pull_request' && eventName !== 'pull_request_target') return null;
  const number = field(payload, 'pull_request', 'number');
  const headSha = text(payload, 'pull_request', 'head', 'sha');
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0 || headSha === null) return null;
  return { number, headSha };
}

function pullRequestBaseOf(eventName: string | null, payload: Payload): RunContext['pullRequestBase'] {
  if (pullRequestOf(eventName, payload) === null) return null;
  const sha = text(payload, 'pull_request', 'base', 'sha');
  const ref = text(payload, 'pull_request', 'base', 'ref');
  return sha === null || ref === null ? null : { sha, ref };
}

function triggeringRunOf(eventName: string | null, payload: Payload): TriggeringRun | null {
  if (eventName !== 'workflow_run') return null;
  return {
    event: text(payload, 'workflow_run', 'event'),
    headSha: text(payload, 'workflow_run', 'head_sha'),
    headBranch: text(payload, 'workflow_run', 'head_branch'),
    headRepository: text(payload, 'workflow_run', 'head_repository', 'full_name'),
  };
}

function runUrlOf(env: NodeJS.ProcessEnv): string | null {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId } = env;
  if (!server || !repository || !runId) return null;
  const attempt =
    env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}${attempt}`;
}

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const eventName = env.GITHUB_EVENT_NAME || null;
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  return {
    facts: {
      eventName,
      ref: env.GITHUB_REF || null,
      defaultBranch: text(payload, 'repository', 'default_branch'),
    },
    repository: env.GITHUB_REPOSITORY || null,
    runUrl: runUrlOf(env),
    pullRequest: pullRequestOf(eventName, payload),
    triggeringRun: triggeringRunOf(eventName, payload),
    pullRequestBase: pullRequestBaseOf(eventName, payload),
  };
}
