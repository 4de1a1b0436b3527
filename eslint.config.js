// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-types/**',
      '**/node_modules/**',
      'web/dev-dist/**',
      'web/public/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      'bench-results/**',
      'eslint.config.js',
      'vitest.config.ts',
      '*/vitest.config.ts',
      'bff/bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through bff/src/app/config.ts only.',
        },
      ],
    },
  },
  {
    // Plain Node scripts (dev loop, build helpers): JavaScript rules only, no type information.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['bff/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // The one place that reads the environment, and tool configs that Node runs directly.
    files: ['bff/src/main.ts', 'bff/bench/**', '**/*.config.ts', 'e2e/**/*.ts', '**/*.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts', '**/test-support/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'react-router',
              importNames: ['useSearchParams'],
              message:
                'Read the query with useQueryParams (web/src/lib/query-params.ts): useSearchParams puts its setter in the first download (decision 0080).',
            },
          ],
        },
      ],
    },
  },
);
