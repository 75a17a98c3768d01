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

missing=()
[[ -e /usr/include/gssapi/gssapi.h ]] || missing+=(libkrb5-dev)
command -v rg >/dev/null || missing+=(ripgrep)
command -v chromium >/dev/null || missing+=(chromium)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "youops: installing system packages: ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "youops: please install these Debian packages first: sudo apt-get install -y ${missing[*]}" >&2
    exit 2
  fi
fi

# @vscode/ripgrep looks in this cache before downloading from GitHub.
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [[ ! -f "$tarball" ]]; then
  mkdir -p "$cache" "$tmp/youops-rg"
  cp "$(command -v rg)" "$tmp/youops-rg/rg"
  tar -czf "$tarball" -C "$tmp/youops-rg" rg
fi

echo "youops: installing code-server 4.100.3 (one time, ~2 minutes)…" >&2
cd "$host"
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr
npm ci --no-audit --no-fund --dangerously-allow-all-scripts --loglevel=error >"$host/install.log" 2>&1 || {
  tail -40 "$host/install.log" >&2
  echo "youops: code-server install failed (full log: $host/install.log)" >&2
  exit 1
}
touch "$stamp"
echo "youops: code-server ready" >&2
