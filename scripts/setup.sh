#!/usr/bin/env bash
# One-time setup that `npm test` and `npm run demo` run for you, each step skipped once done:
# the Debian packages (scripts/system-packages.sh), npm dependencies, then the real VS Code
# host (code-server) in tools/code-server. A first run takes about 5 minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/progress.sh
bash scripts/system-packages.sh
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  run_step "installing npm dependencies (npm ci)" "about 1 minute" "${TMPDIR:-/tmp}/youops-npm-ci.log" npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/ensure-host.sh
