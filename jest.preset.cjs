// Shared Jest settings. Each project's jest.config.cjs spreads this and sets its own roots.
// ts-jest transpiles only (isolatedModules in tsconfig.base.json): type errors are caught by the `typecheck` target,
// which keeps test runs fast on a 2-core machine.
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const workspaceRoot = __dirname;
// Each run writes its JSON results here (see nx.json); tools/test.mjs sums them up.
require('node:fs').mkdirSync(path.join(workspaceRoot, 'tmp/test-results'), { recursive: true });

/** @param {{ projectRoot: string, tier?: 'unit' | 'medium' }} options */
function jestConfig({ projectRoot, tier = 'unit' }) {
  const displayName = path.relative(workspaceRoot, projectRoot);
  return {
    displayName: tier === 'unit' ? displayName : `${displayName} (${tier})`,
    rootDir: projectRoot,
    testEnvironment: 'node',
    testMatch: tier === 'unit' ? ['<rootDir>/src/**/*.spec.ts'] : ['<rootDir>/src/**/*.medium-spec.ts'],
    transform: {
      '^.+\\.tsx?$': [
        'ts-jest',
        {
          tsconfig: path.join(projectRoot, 'tsconfig.json'),
          diagnostics: false,
        },
      ],
    },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: `${workspaceRoot}/` }),
    ...(tier === 'medium'
      ? {
          globalSetup: path.join(workspaceRoot, 'libs/shared/testing/jest/global-setup.cjs'),
          globalTeardown: path.join(workspaceRoot, 'libs/shared/testing/jest/global-teardown.cjs'),
          testTimeout: 60_000,
        }
      : {}),
  };
}

module.exports = { jestConfig };
