#!/usr/bin/env bash
# One-time setup that `npm test` and `npm run demo` run for you: npm dependencies,
# then the real VS Code host (code-server) and Chromium.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "youops: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error
fi
bash scripts/ensure-host.sh
