import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Pure by folder: every file of src/ takes plain data and returns plain data (no Actions toolkit, file system or
 * processes) unless it lives in a room that talks to the system: an `io/` folder of a room, `system/` (the
 * adapters), `edits/` (the user's files), `bench/` (runs the builds), `pipeline/` (the steps) and the composition
 * roots at the top. A file that needs the system moves into one of those.
 */
const pureFiles = ['src/**/*.ts'];
const systemRooms = [
  'src/*.ts',
  'src/**/io/**',
  'src/system/**',
  'src/edits/**',
  'src/bench/**',
  'src/pipeline/**',
];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'examples/**/target/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: pureFiles,
    ignores: systemRooms,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@actions/*'], message: 'Pure stages never talk to the Actions toolkit.' },
            {
              group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'],
              message: 'Pure stages never touch the file system.',
            },
            { group: ['child_process', 'node:child_process'], message: 'Pure stages never run processes.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', module: 'writable' },
    },
  },
);
