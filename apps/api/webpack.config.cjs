const { nodeAppConfig } = require('../../tools/webpack/node-app.config.cjs');
module.exports = nodeAppConfig({ appDir: __dirname, name: 'api' });
