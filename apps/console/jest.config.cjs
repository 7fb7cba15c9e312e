const { jestConfig } = require('../../jest.preset.cjs');
const base = jestConfig({ projectRoot: __dirname });
module.exports = { ...base, testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'] };
