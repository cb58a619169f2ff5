/**
 * The pull request's base, checked out into a git worktree of its own next to the runner's temp files: the
 * user's checkout is never touched, and the worktree and its target directories go at the end, whatever happens.
 */
import { describeError } from '../system/errors.js';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config/config.js';
import type { ProcessRunner } from '../system/ports.js';
import { registerCleanup } from '../system/cleanup.js';
import type { BaseCheckout } from './base-side.js';

export interface BaseRequest {
  readonly config: Config;
  /** The pull request's base branch and its commit, from the event; null outside a pull request. */
  readonly pullRequestBase: { readonly sha: string; readonly ref: string } | null;
  /** Where the worktree and the base's target directories go (RUNNER_TEMP on a runner). */
  readonly tempDirectory: string;
}

export type BaseResolution =
  | {
      readonly kind: 'checkout';
      readonly checkout: BaseCheckout;
      readonly ref: string | null;
      /** The clone lacked the base commit, and it was fetched one commit deep. */
      readonly fetched?: boolean;
    }
  /** Nothing to build (not a pull request, or the base lacks the project): the report says why, the gate passes. */
  | { readonly kind: 'none'; readonly reason: string; readonly commit: string | null };

/** git's output, or null when git says no; git that cannot start is an error naming the input that needs it. */
async function git(runner: ProcessRunner, cwd: string, args: string[]): Promise<string | null> {
  const result = await runner.run('git', args, { cwd, tailLines: 5 }).catch((error: unknown) => {
    throw new ConfigError(
      'compare-to',
      'base',
      `git could not be started (${describeError(error)}); install git`,
    );
  });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

const FETCH_HINT = 'check out with `fetch-depth: 0` (actions/checkout), or fetch the base before this step';

/** What `compare-to` said: `auto` (the default, read as `base` on a pull request) or `base`. */
const given = (config: Config): string => (config.compareToAuto ? 'auto' : 'base');

/** How long fetching the base commit may take before it is given up on (a hung remote is an error, not a hang). */
const FETCH_TIMEOUT_MS = 120_000;

/**
 * The base commit in a clone that lacks it (the default checkout is one commit deep): fetched one commit deep
 * through the checkout's remote. True when the commit is there now.
 */
async function fetchBaseCommit(runner: ProcessRunner, repoRoot: string, sha: string): Promise<boolean> {
  const there = async () => (await git(runner, repoRoot, ['cat-file', '-e', `${sha}^{commit}`])) !== null;
  if (await there()) return true;
  const fetched = await runner
    .run('git', ['fetch', '--depth=1', '--no-tags', 'origin', sha], {
      cwd: repoRoot,
      tailLines: 5,
      timeoutMs: FETCH_TIMEOUT_MS,
    })
    .catch(() => null);
  return fetched?.exitCode === 0 && (await there());
}

/** The commit to build as the base: input `base-ref`, else the merge base of the pull request's base and HEAD. */
async function resolveBaseCommit(
  request: BaseRequest,
  repoRoot: string,
  runner: ProcessRunner,
): Promise<{ commit: string; ref: string | null; fetched?: boolean } | { none: string }> {
  const givenRef = request.config.base.ref;
  if (givenRef !== null) {
    const commit = await git(runner, repoRoot, ['rev-parse', '--verify', '--quiet', `${givenRef}^{commit}`]);
    if (commit === null) {
      throw new ConfigError(
        'base-ref',
        givenRef,
        `no such commit in the clone at ${repoRoot}; ${FETCH_HINT}`,
      );
    }
    return { commit, ref: givenRef };
  }
  const base = request.pullRequestBase;
  if (base === null) {
    return {
      none: "this run is not for a pull request and input 'base-ref' is empty: there is no base to build",
    };
  }
  const mergeBase = await git(runner, repoRoot, ['merge-base', base.sha, 'HEAD']);
  if (mergeBase !== null) return { commit: mergeBase, ref: base.ref };
  // A shallow clone: fetch the base commit itself, one deep. With the default checkout (the merge commit) it is
  // the merge base; without the history between them, it is the closest the clone can tell.
  if (await fetchBaseCommit(runner, repoRoot, base.sha)) {
    const found = await git(runner, repoRoot, ['merge-base', base.sha, 'HEAD']);
    return { commit: found ?? base.sha, ref: base.ref, fetched: true };
  }
  throw new ConfigError(
    'compare-to',
    given(request.config),
    `the base ${base.ref} (${base.sha.slice(0, 12)}) is not in the clone, and fetching it from the remote ` +
      `\`origin\` failed; ${FETCH_HINT}${request.config.compareToAuto ? ', or set `compare-to: cache`' : ''}`,
  );
}

/** Checks the base out; the worktree is removed by the cleanups (end of run, failure, SIGINT/SIGTERM). */
export async function checkOutBase(request: BaseRequest, runner: ProcessRunner): Promise<BaseResolution> {
  const { config } = request;
  const repoRoot = await git(runner, config.workingDirectory, ['rev-parse', '--show-toplevel']);
  if (repoRoot === null) {
    const why = `${config.workingDirectory} is not inside a git repository`;
    // `auto` is the default: a checkout without git compares with the cache, as before there was a base.
    if (config.compareToAuto) return { kind: 'none', reason: why, commit: null };
    throw new ConfigError('compare-to', 'base', why);
  }
  const resolved = await resolveBaseCommit(request, repoRoot, runner);
  if ('none' in resolved) return { kind: 'none', reason: resolved.none, commit: null };
  if (resolved.commit === (await git(runner, repoRoot, ['rev-parse', 'HEAD']))) {
    // `pull_request_target` checks out the base branch itself: building it twice would compare it with itself.
    return {
      kind: 'none',
      reason: `the checkout is the base commit ${resolved.commit.slice(0, 12)} itself; check out the pull request's head`,
      commit: resolved.commit,
    };
  }
  mkdirSync(request.tempDirectory, { recursive: true });
  const folder = mkdtempSync(path.join(request.tempDirectory, `build-bench-base-${config.id}-`));
  const worktree = path.join(folder, 'worktree');
  const remove = async (): Promise<void> => {
    await git(runner, repoRoot, ['worktree', 'remove', '--force', worktree]);
    rmSync(folder, { recursive: true, force: true });
    await git(runner, repoRoot, ['worktree', 'prune']);
  };
  const unregister = registerCleanup(remove);
  const added = await runner.run('git', ['worktree', 'add', '--detach', worktree, resolved.commit], {
    cwd: repoRoot,
    tailLines: 10,
  });
  if (added.exitCode !== 0) {
    await unregister();
    throw new Error(`git worktree add failed for the base ${resolved.commit}:\n${added.outputTail}`);
  }
  // Through a symbolic link the working directory would lie outside the real top level git names.
  const relative = path.relative(repoRoot, realpathSync(config.workingDirectory));
  const workingDirectory = path.join(worktree, relative);
  const manifest =
    config.buildSystem === 'cargo' ? path.join(workingDirectory, 'Cargo.toml') : workingDirectory;
  if (!existsSync(manifest)) {
    await unregister();
    const what = config.buildSystem === 'cargo' ? path.join(relative, 'Cargo.toml') : relative || '.';
    return {
      kind: 'none',
      reason: `the base commit ${resolved.commit.slice(0, 12)} has no ${what}: there is no base to build`,
      commit: resolved.commit,
    };
  }
  return {
    kind: 'checkout',
    ref: resolved.ref,
    fetched: resolved.fetched ?? false,
    checkout: {
      commit: resolved.commit,
      workingDirectory,
      targetRoot: path.join(folder, 'target'),
      scenarios: config.base.scenarios,
    },
  };
}
