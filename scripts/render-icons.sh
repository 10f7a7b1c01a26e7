#!/usr/bin/env bash
# Renders every icon Hearth ships from the two drawings in src-tauri/icons/ (hearth.svg for the
# app, tray.svg for the tray) with the Tauri CLI's `icon` command. Run it after changing a drawing
# (`make icons`); the rendered files are committed so a build needs no renderer.
set -euo pipefail
cd "$(dirname "$0")/.."
tauri=ui/node_modules/.bin/tauri
icons=src-tauri/icons
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The desktop set: the .ico (Windows), the .icns (macOS) and the PNGs the Linux packages install.
"$tauri" icon "$icons/hearth.svg" --output "$work/app" >/dev/null 2>&1
cp "$work/app/icon.ico" "$work/app/icon.icns" "$work/app/icon.png" "$work/app/32x32.png" \
  "$work/app/64x64.png" "$work/app/128x128.png" "$icons/"
"$tauri" icon "$icons/hearth.svg" --output "$work/large" --png 256,512 >/dev/null 2>&1
cp "$work/large/256x256.png" "$work/large/512x512.png" "$icons/"

# The tray: 32 px for ordinary panels, 64 px for scaled ones.
"$tauri" icon "$icons/tray.svg" --output "$work/tray" --png 32,64 >/dev/null 2>&1
cp "$work/tray/32x32.png" "$icons/tray-32x32.png"
cp "$work/tray/64x64.png" "$icons/tray-64x64.png"
echo "icons rendered into $icons"
