#!/usr/bin/env bash
# Everything, in the order a failure is cheapest to find: types, lint, unit tests,
# then the extension-host suites (trusted, then untrusted) and the end-to-end UI tests in a real VS Code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
step "build (esbuild) and type-check (tsc)"
rm -rf out
npx tsc -p .
node scripts/build.mjs
step "lint: the architecture's rules (ESLint) and formatting (Prettier)"
npm run --silent lint
step "unit tests (mocha)"
npx mocha --config .mocharc.unit.json
step "package the .vsix (vsce)"
node scripts/package.mjs >/dev/null
step "extension-host tests (mocha inside code-server's real extension host)"
node out/test/host/runExtensionTests.js
step "extension-host tests in an untrusted workspace (Workspace Trust on, Restricted Mode)"
node out/test/host/runExtensionTests.js --suite untrusted
step "end-to-end UI tests (packaged .vsix in code-server, driven in Chromium)"
npx mocha --config .mocharc.e2e.json
step "all test layers passed; screenshots in .test-artifacts/e2e/"
