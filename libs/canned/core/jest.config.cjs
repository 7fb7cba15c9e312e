const { jestConfig } = require('../../../jest.preset.cjs');
module.exports = jestConfig({ projectRoot: __dirname });
