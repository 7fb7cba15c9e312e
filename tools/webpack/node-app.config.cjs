// Bundles a Node app into one file: workspace libs (@vigie/*) are inlined, node_modules stay
// external. ts-loader keeps TypeScript's decorator metadata, which NestJS and TypeORM need.
const { join } = require('node:path');
const { compilerOptions } = require('../../tsconfig.base.json');

const workspaceRoot = join(__dirname, '../..');
// tsconfig paths ("@vigie/x" -> "./libs/.../index.ts") as exact webpack aliases.
const alias = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([name, [target]]) => [`${name}$`, join(workspaceRoot, target)]),
);

/** @param {{ appDir: string, name: string }} options */
function nodeAppConfig({ appDir, name }) {
  const configFile = join(appDir, 'tsconfig.app.json');
  return (_env, argv) => ({
    target: 'node20',
    mode: argv.mode ?? 'production',
    entry: join(appDir, 'src/main.ts'),
    output: { path: join(workspaceRoot, 'dist/apps', name), filename: 'main.js', clean: true },
    devtool: 'source-map',
    stats: 'errors-warnings',
    resolve: { extensions: ['.ts', '.js'], alias },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { configFile, transpileOnly: true } }] },
    // Everything that is not relative or a workspace lib comes from node_modules at run time.
    externals: [
      ({ request }, callback) =>
        /^[./]/.test(request) || request.startsWith('@vigie/')
          ? callback()
          : callback(null, `commonjs ${request}`),
    ],
    externalsPresets: { node: true },
    optimization: { minimize: false, nodeEnv: false },
    node: { __dirname: false, __filename: false },
  });
}

module.exports = { nodeAppConfig };
