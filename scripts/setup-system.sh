#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Hearth needs, only those missing. Idempotent.
#   scripts/setup-system.sh run    build and run the app
#   scripts/setup-system.sh test   everything `run` needs, plus the test tools
set -euo pipefail

run_packages=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  build-essential file pkg-config dbus)
test_packages=(xvfb xauth xdotool imagemagick webkit2gtk-driver dbus-x11 chromium gnome-keyring dunst
  python3-dateutil python3-icalendar desktop-file-utils syncthing)

wanted=("${run_packages[@]}")
if [[ "${1:-run}" == "test" ]]; then
  wanted+=("${test_packages[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup: not a Debian/Ubuntu system; install the equivalents of: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "setup: please install as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
