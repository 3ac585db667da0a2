#!/usr/bin/env bash
# Renders REPORT_DIR/index.html in headless Chromium (Debian package `chromium`) and saves a screenshot,
# to prove that the report renders. Offline: no network, sync, updates or first-run dialogs.
# Usage: scripts/report-screenshot.sh REPORT_DIR OUT.png [WIDTHxHEIGHT, default 1280x2000]
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT_DIR OUT.png [WIDTH,HEIGHT]" >&2
  exit 2
fi
index="$(cd "$1" && pwd)/index.html"
[ -f "$index" ] || { echo "$0: no index.html in $1" >&2; exit 1; }
out="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
size="${3:-1280,2000}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --screenshot="$out" --window-size="$size" \
  "file://$index" 2>/dev/null
[ -s "$out" ] || { echo "$0: chromium wrote no screenshot to $out" >&2; exit 1; }
echo "$out"
