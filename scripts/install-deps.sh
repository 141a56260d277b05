#!/usr/bin/env bash
# Installs the Debian 12 packages dyad needs to build and test, if missing.
# Idempotent and quiet when everything is present; needs root (or sudo) otherwise.
set -euo pipefail

PKGS=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libicu-dev libre2-dev libsqlite3-dev libsimdjson-dev libgumbo-dev
  libcli11-dev libfmt-dev libspdlog-dev zlib1g-dev libzstd-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  iso-codes wordnet-base bsdextrautils
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "install-deps: need root to install: ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
