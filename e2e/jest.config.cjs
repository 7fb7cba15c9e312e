// End-to-end tier: built processes (dist/), real HTTP, real socket.io clients, real chromium.
const { jestConfig } = require('../jest.preset.cjs');
const base = jestConfig({ projectRoot: __dirname });
module.exports = {
  ...base,
  displayName: 'e2e',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  testTimeout: 90_000,
  maxWorkers: 1,
};
