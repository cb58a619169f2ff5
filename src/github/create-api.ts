/** The real GitHub API factory for the entry points: GITHUB_API_URL, real waits, retries told to the log. */
import type { Logger } from '../system/ports.js';
import { createGitHubApi, type PullRequestApi } from './github-api.js';

export function createRunnerGitHubApi(
  env: NodeJS.ProcessEnv,
  logger: Logger,
): (token: string, repository: string) => PullRequestApi {
  return (token, repository) =>
    createGitHubApi({
      token,
      repository,
      baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      nowMs: () => Date.now(),
      onRetry: (message) => logger.info(message),
    });
}
