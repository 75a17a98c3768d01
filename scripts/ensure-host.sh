#!/usr/bin/env bash
# Installs the real VS Code host (code-server 4.100.3 = VS Code 1.100.3) into
# tools/code-server once, offline-safe: native modules build against the system
# Node headers and ripgrep comes from Debian instead of a GitHub download.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
host="$root/tools/code-server"
bin="$host/node_modules/code-server/out/node/entry.js"
stamp="$host/node_modules/.youops-host-ok"

if [[ -f "$stamp" && -f "$bin" ]]; then exit 0; fi

# The Debian packages it builds with (libkrb5-dev, ripgrep) come first.
bash "$root/scripts/system-packages.sh"
source "$root/scripts/progress.sh"

# @vscode/ripgrep looks in this cache before downloading from GitHub.
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$tarball" ]]; then
  mkdir -p "$cache" "$tmp/youops-rg"
  cp "$(command -v rg)" "$tmp/youops-rg/rg"
  tar -czf "$tarball" -C "$tmp/youops-rg" rg
fi

cd "$host"
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr
run_step "installing code-server 4.100.3 into tools/code-server (one time)" "about 2 minutes" "$host/install.log" \
  npm ci --no-audit --no-fund --dangerously-allow-all-scripts --loglevel=error
touch "$stamp"
echo "youops: code-server ready" >&2
