#!/usr/bin/env bash
# Scaffold a library so every lib starts alike: tools/new-lib.sh <path under libs/> <nx name> <tags comma-separated> [medium]
# Example: tools/new-lib.sh sla/core sla-core type:core,scope:sla
set -euo pipefail
dir="libs/$1"; name="$2"; tags="$3"; medium="${4:-}"
mkdir -p "$dir/src"
depth=$(echo "$dir" | awk -F/ '{print NF}'); up=$(printf '../%.0s' $(seq 1 "$depth"))
tag_json=$(echo "$tags" | awk -F, '{for(i=1;i<=NF;i++){printf "%s\"%s\"", (i>1?", ":""), $i}}')
targets='"lint": {}, "typecheck": {}, "test": {}'
[ -n "$medium" ] && targets="$targets, \"medium\": {}"
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": [$tag_json],
  "targets": { $targets }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$dir/jest.config.cjs" <<JS
const { jestConfig } = require('${up}jest.preset.cjs');
module.exports = jestConfig({ projectRoot: __dirname });
JS
if [ -n "$medium" ]; then
cat > "$dir/jest.medium.config.cjs" <<JS
const { jestConfig } = require('${up}jest.preset.cjs');
module.exports = jestConfig({ projectRoot: __dirname, tier: 'medium' });
JS
fi
[ -f "$dir/src/index.ts" ] || echo "export {};" > "$dir/src/index.ts"
echo "created $dir ($name)"
