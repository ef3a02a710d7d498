import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'apps/dashboard/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '../../libs/**'],
              message: 'Import libs through their @app/* alias.',
            },
          ],
        },
      ],
    },
  },
  {
    // The persistence door: only libs/persistence and libs/sqlite-import reach the database driver
    // or the ORM; apps (the CLI's demo and bench included) and the other libs go through
    // @app/persistence's functions (or the HTTP API). Tests and migrations may use them.
    files: ['apps/**/*.ts', 'libs/{batch,market-data,common}/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.tsdb-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/libs/*/src/**', '../../libs/**'],
              message: 'Import libs through their @app/* alias.',
            },
            {
              group: ['typeorm', 'typeorm/*', '@nestjs/typeorm', 'pg', 'pg/*', 'pg-copy-streams'],
              message:
                'Only libs/persistence and libs/sqlite-import talk to the database driver: use @app/persistence (transaction handle, repositories) or the HTTP API.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard (Preact, in the browser): hooks rules apply to Preact's hooks as well.
    files: ['apps/dashboard/**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': 'off',
      // Migrations are frozen history: what they ran is written in them (or in migrations/sql/),
      // so editing a lib never changes what an applied migration did.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@app/*', '**/libs/**', '**/apps/**'],
              message:
                'A migration never imports live code: write its SQL in it or in a never-edited file under migrations/sql/.',
            },
          ],
        },
      ],
    },
  },
);
