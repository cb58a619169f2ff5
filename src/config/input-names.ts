/** Every input of action.yml; a test keeps this list and action.yml in step. */
export const INPUT_NAMES = [
  'id',
  'working-directory',
  'command',
  'clean-command',
  'scenarios',
  'touch',
  'linkers',
  'artifacts',
  'runs',
  'clean-runs',
  'warmup',
  'mold-version',
  'mold-sha256',
  'mold-release-url',
  'results-path',
  'build-timeout-minutes',
] as const;
