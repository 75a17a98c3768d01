#!/usr/bin/env bash
# The Debian packages `npm test` and `npm run demo` need, installed when run as root
# (otherwise the one apt-get line to run is printed):
#   chromium                 the browser the end-to-end tests and screenshots drive
#   fonts-noto-color-emoji   so those screenshots show ✓ ⚠ ✅ instead of empty boxes
#   kubernetes-client        kubectl: the kubectl live source and its built-in kustomize (tests run the real one)
#   libkrb5-dev ripgrep      code-server's native module build and its search
#   git
set -euo pipefail
source "$(dirname "$0")/progress.sh"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]] || missing+=(fonts-noto-color-emoji)
command -v kubectl >/dev/null || missing+=(kubernetes-client)
[[ -e /usr/include/gssapi/gssapi.h ]] || missing+=(libkrb5-dev)
command -v rg >/dev/null || missing+=(ripgrep)
command -v git >/dev/null || missing+=(git)
((${#missing[@]})) || exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "youops: please install these Debian packages first, then run the command again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi
log="${TMPDIR:-/tmp}/youops-apt.log"
export DEBIAN_FRONTEND=noninteractive
run_step "updating the Debian package lists" "about 20 s" "$log" apt-get update -q
run_step "installing Debian packages: ${missing[*]}" "1–3 minutes" "$log" apt-get install -y -q "${missing[@]}"
