// Flat ESLint config. Module boundaries are errors: see docs/ARCHITECTURE.md for the tag rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';


/** Tag rules (docs/ARCHITECTURE.md). Test files may also use the testing lib. */
function boundaries({ isTest }) {
  const testing = isTest ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: true,
    // Tests drive the in-process fake X (an app) through its testing entry point only.
    allow: isTest ? ['@vigie/fake-x-testing'] : [],
    depConstraints: [
      { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core'] },
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts', 'type:core'] },
      { sourceTag: 'type:db', onlyDependOnLibsWithTags: ['type:db', 'type:core'] },
      { sourceTag: 'type:server', onlyDependOnLibsWithTags: ['type:server', 'type:core', 'type:contracts', 'type:db', ...testing] },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:server', 'type:core', 'type:contracts', 'type:db'] },
      { sourceTag: 'type:api', onlyDependOnLibsWithTags: ['type:server', 'type:core', 'type:contracts', 'type:db', ...testing] },
      { sourceTag: 'type:console', onlyDependOnLibsWithTags: ['type:contracts', 'type:core'] },
      { sourceTag: 'type:fake-x', onlyDependOnLibsWithTags: ['type:core'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:core', 'type:testing'] },
      // The domain graph is one-way: ingestion → inbox → crm → shared.
      { sourceTag: 'scope:inbox', notDependOnLibsWithTags: ['scope:ingestion'] },
      { sourceTag: 'scope:crm', notDependOnLibsWithTags: ['scope:ingestion', 'scope:inbox'] },
      {
        sourceTag: 'scope:realtime',
        notDependOnLibsWithTags: ['scope:identity', 'scope:ingestion', 'scope:inbox', 'scope:crm', 'scope:routing', 'scope:sla', 'scope:spikes'],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/coverage', '**/*.cjs', '**/vite.config.*', '**/webpack.config.*', '**/.vigie'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of an enum.' },
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'No .only in tests.' },
      ],
      '@nx/enforce-module-boundaries': ['error', boundaries({ isTest: false })],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.medium-spec.ts', '**/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries({ isTest: true })] },
  },
  {
    // Not on Nest code: decorator metadata needs constructor-injected classes imported as values.
    files: ['apps/console/**/*.{ts,tsx}', 'libs/*/core/**/*.ts', 'libs/shared/kernel/**/*.ts', 'libs/shared/contracts/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // Core libraries are pure: no Nest, no TypeORM, no I/O.
    files: ['libs/*/core/**/*.ts', 'libs/shared/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'pg', 'socket.io', 'node:fs', 'node:http', 'fs', 'http'], message: 'Core libraries are pure: no framework or I/O imports.' }] },
      ],
    },
  },
  {
    // Contracts are shared with the browser: no server frameworks.
    files: ['libs/shared/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'typeorm', 'socket.io', 'class-validator', 'class-transformer'], message: 'Contracts never import server frameworks.' }] },
      ],
    },
  },
  {
    // process.env is read only by the config loader.
    files: ['libs/**/*.ts', 'apps/api/**/*.ts'],
    ignores: ['libs/shared/server/src/config/**', 'apps/api/src/main.ts', 'libs/shared/testing/**', '**/*.spec.ts', '**/*.medium-spec.ts', '**/bench/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through AppConfig.' }],
    },
  },
  {
    files: ['apps/console/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  prettier,
);
