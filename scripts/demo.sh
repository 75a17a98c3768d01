#!/usr/bin/env bash
# `npm run demo`: build, package, install the .vsix into a local code-server and open the demo repo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx tsc -p . >/dev/null
node scripts/package.mjs >/dev/null
exec node out/test/host/demo.js "$@"
