// Medium tier: prepare one migrated template database for the whole run (see src/test-database.ts).
// Jest runs this file outside its module registry, so TypeScript is loaded through tsx.
process.env.TSX_TSCONFIG_PATH = require('node:path').join(__dirname, '../../../../tsconfig.base.json');
require('tsx/cjs/api').register();
module.exports = async () => {
  const { prepareTemplate } = require('../src/test-database-template.ts');
  globalThis.__vigieTemplate = await prepareTemplate();
};
