#!/usr/bin/env bash
# Installs the Debian bookworm packages RecordLock needs to build, run and test.
# Usage: scripts/install-deps.sh [build|run|test]   (default: test, the superset)
set -euo pipefail

what=${1:-test}

build_pkgs=(
  cmake g++ make pkg-config ccache
  clang libclang-rt-14-dev llvm-14
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-httpserver-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6
  libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins qt6-svg-dev libqt6svg6
  qtkeychain-qt6-dev libhiredis-dev libsodium-dev libjwt-dev libssl-dev prometheus-cpp-dev libsqlite3-dev
  qt6-translations-l10n fonts-dejavu-core
)
run_pkgs=(xvfb xauth x11-utils dbus dbus-x11 gnome-keyring libsecret-1-0)
test_pkgs=(xvfb xauth dbus gnome-keyring libsecret-1-0 openssl redis-server postgresql)

case "$what" in
  build) want=("${build_pkgs[@]}") ;;
  run)   want=("${build_pkgs[@]}" "${run_pkgs[@]}") ;;
  test)  want=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 [build|run|test]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
