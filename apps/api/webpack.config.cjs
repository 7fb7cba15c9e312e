// The API is bundled into one file: workspace libs (@vigie/*) are inlined, node_modules stay
// external. ts-loader keeps TypeScript's decorator metadata, which NestJS and TypeORM need.
const { join } = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

const configFile = join(__dirname, 'tsconfig.app.json');
// tsconfig paths ("@vigie/x" -> "./libs/.../index.ts") as exact webpack aliases.
const alias = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([name, [target]]) => [`${name}$`, join(__dirname, '../..', target)]),
);

module.exports = (_env, argv) => ({
  target: 'node20',
  mode: argv.mode ?? 'production',
  entry: join(__dirname, 'src/main.ts'),
  output: { path: join(__dirname, '../../dist/apps/api'), filename: 'main.js', clean: true },
  devtool: 'source-map',
  stats: 'errors-warnings',
  resolve: { extensions: ['.ts', '.js'], alias },
  module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile, transpileOnly: true } }] },
  // Everything that is not relative or a workspace lib comes from node_modules at run time.
  externals: [({ request }, callback) =>
    /^[./]/.test(request) || request.startsWith('@vigie/') ? callback() : callback(null, `commonjs ${request}`)],
  externalsPresets: { node: true },
  optimization: { minimize: false, nodeEnv: false },
  node: { __dirname: false, __filename: false },
});
