process.env.TSX_TSCONFIG_PATH = require('node:path').join(__dirname, '../../../../tsconfig.base.json');
require('tsx/cjs/api').register();
module.exports = async () => {
  const { dropTemplate } = require('../src/test-database-template.ts');
  if (globalThis.__vigieTemplate) await dropTemplate(globalThis.__vigieTemplate);
};
