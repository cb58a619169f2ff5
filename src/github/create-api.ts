/** The real GitHub API factory for the entry points: GITHUB_API_URL, real waits, retries told to the log. */
import type { Logger } from '../system/ports.js';
import { createGitHubApi, type ApiLimits, type PullRequestApi } from './io/github-api.js';

/** Each API it creates waits for GitHub at most as API_LIMITS says (or `limits`, for tests). */
export function createRunnerGitHubApi(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  limits?: Partial<ApiLimits>,
): (token: string, repository: string) => PullRequestApi {
  return (token, repository) =>
    createGitHubApi({
      token,
      repository,
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      nowMs: () => Date.now(),
      onRetry: (message) => logger.info(message),
      limits,
    });
}
