#!/usr/bin/env bash
# The installed-app test: installs the .deb that `make package` built, checks what it put on
# the system, starts the installed Hearth under Xvfb with a throwaway home and data folder,
# finds its window, then uninstalls and checks nothing is left behind.
#   tests/install/deb.sh <path to Hearth_*.deb>
# Needs root (or sudo), Xvfb, xdotool, dbus-run-session and desktop-file-validate.
set -euo pipefail

deb=${1:?usage: tests/install/deb.sh <path to the .deb>}
[[ -f "$deb" ]] || { echo "install test: no package at $deb; run make package first" >&2; exit 1; }
if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi

package=$(dpkg-deb -f "$deb" Package)
failures=0
fail() { echo "  FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "  ok: $*"; }

if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  echo "install test: $package is already installed on this machine; remove it first (dpkg -r $package)" >&2
  exit 1
fi

echo "install test: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# 1. What the package declares.
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1; do
  if [[ ",$depends," == *"$needed"* ]]; then pass "depends on $needed"; else fail "Depends lacks $needed: $depends"; fi
done

# 2. Install it the way a person would; apt resolves the declared dependencies.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >/dev/null
installed=$(dpkg -L "$package")
entry=/usr/share/applications/Hearth.desktop
for path in /usr/bin/hearth "$entry" /usr/share/icons/hicolor/{32x32,64x64,128x128,256x256,512x512}/apps/hearth.png; do
  if grep -qx "$path" <<<"$installed" && [[ -e "$path" ]]; then pass "installed $path"; else fail "missing $path"; fi
done
if desktop-file-validate "$entry"; then pass "desktop entry is valid"; else fail "desktop-file-validate rejected $entry"; fi
for line in "Exec=hearth" "Icon=hearth" "Name=Hearth" "Categories=Utility;"; do
  if grep -qx "$line" "$entry"; then pass "desktop entry has $line"; else fail "desktop entry lacks $line"; fi
done
if grep -q "@2" <<<"$installed"; then fail "an icon sits in a scaled (@2) folder: $(grep "@2" <<<"$installed" | head -1)"; fi

# 3. Start the installed binary with a throwaway home and data folder; find its window.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data"
started=$(date +%s%N)
if HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share" \
  HEARTH_DATA_DIR="$scratch/data" xvfb-run -a dbus-run-session -- bash -c '
    /usr/bin/hearth >"$0/hearth.log" 2>&1 &
    pid=$!
    window=$(timeout 30 xdotool search --sync --onlyvisible --name "^Hearth$" | head -1)
    # The window can show before the data folder is opened; give that up to 10 s.
    for _ in $(seq 100); do [[ -f "$0/data/schedule.sqlite3" ]] && break; sleep 0.1; done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [[ -n "$window" ]]' "$scratch" 2>"$scratch/session.log"; then
  pass "the installed Hearth showed its window in $((($(date +%s%N) - started) / 1000000)) ms"
else
  fail "no Hearth window within 30 s; its log:"
  cat "$scratch/hearth.log" >&2 || true
fi
if [[ -f "$scratch/data/schedule.sqlite3" ]]; then pass "it used the throwaway data folder"; else fail "no schedule database in the throwaway data folder"; fi

# 4. Uninstall; nothing of the package stays.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get remove -y -qq "$package" >/dev/null
left=()
while IFS= read -r path; do
  [[ -f "$path" ]] && left+=("$path")
done <<<"$installed"
if ((${#left[@]} == 0)); then pass "uninstalled cleanly"; else fail "left behind: ${left[*]}"; fi

if ((failures > 0)); then
  echo "install test: $failures check(s) failed" >&2
  exit 1
fi
echo "install test: passed"
