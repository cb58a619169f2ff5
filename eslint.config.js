import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Pure stages take plain data and return plain data: no Actions toolkit, file system or processes. */
const pureFolders = [
  'src/bench/plan.ts',
  'src/stats/**',
  'src/rounds/**',
  'src/shims/link-log.ts',
  'src/shims/link-shim-env.ts',
  'src/shims/shim-env.ts',
  'src/shims/shim-c-source.ts',
  'src/variants/linker-plan.ts',
  'src/variants/variant-spec.ts',
  'src/variants/profile-keys.ts',
  'src/variants/apply-settings.ts',
  'src/variants/verify-settings.ts',
  'src/variants/recommended-settings.ts',
  'src/report/**',
  'src/results/results.ts',
  'src/results/build-results.ts',
  'src/results/read-results.ts',
  'src/results/merge-results.ts',
  'src/github/comment-policy.ts',
  'src/gate/**',
  'src/baseline/baseline.ts',
  'src/baseline/cache-key.ts',
  'src/baseline/save-policy.ts',
  'src/config/parse*.ts',
  'src/config/check-paths.ts',
  'src/install/mold-release*.ts',
  'src/analysis/analysis.ts',
  'src/analysis/demangle*.ts',
  'src/analysis/count-llvm-lines.ts',
  'src/analysis/command-flags.ts',
  'src/analysis/dependency-graph.ts',
  'src/analysis/build-settings.ts',
  'src/analysis/build-flags.ts',
  'src/analysis/setting-warnings.ts',
  'src/export/export-formats.ts',
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
    files: pureFolders,
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
