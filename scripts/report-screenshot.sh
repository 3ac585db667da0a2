#!/usr/bin/env bash
# Loads REPORT_DIR/index.html in headless Chromium (Debian package `chromium`), checks that every image
# rendered, and (given OUT.png) saves a screenshot of the whole page. Offline: no network, sync, updates or
# first-run dialogs.
#
# The check runs on a temporary copy of index.html (the report is not touched) with a script appended that,
# after the page's load event, counts document.images that are not complete or have naturalWidth 0 and
# measures the page height; Chromium dumps the DOM and this script reads the counts back. Exit 1, listing
# the broken images' alt texts, when an image is broken or the page has no image at all. (A PNG cut short
# after its header still renders, partly; ReportTest decodes every embedded PNG in full.)
# The screenshot is taken at the page's full height (at least 600 px), so every figure is in it.
#
# Usage: scripts/report-screenshot.sh REPORT_DIR [OUT.png [WIDTH, default 1280]]
#        (without OUT.png: only the check)
set -euo pipefail
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
  echo "usage: $0 REPORT_DIR [OUT.png [WIDTH]]" >&2
  exit 2
fi
[ -d "$1" ] || { echo "$0: $1: not found (expected a report folder)" >&2; exit 1; }
dir="$(cd "$1" && pwd)"
[ -f "$dir/index.html" ] || { echo "$0: $dir: no index.html" >&2; exit 1; }
width="${3:-1280}"
[[ "$width" =~ ^[0-9]+$ ]] && [ "$width" -ge 200 ] || { echo "$0: WIDTH $width: expected a number >= 200" >&2; exit 2; }
command -v chromium >/dev/null || { echo "$0: chromium not found on PATH (Debian package chromium)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
browse() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile" --hide-scrollbars "$@" 2>/dev/null
}

# The copy sees the report's other files (relative image paths) through symbolic links.
mkdir "$tmp/page"
for f in "$dir"/*; do
  [ "$(basename "$f")" = index.html ] || ln -s "$f" "$tmp/page/"
done
cp "$dir/index.html" "$tmp/page/index.html"
cat >> "$tmp/page/index.html" <<'JS'
<script>
window.addEventListener('load', () => {
  const images = [...document.images];
  const broken = images.filter(i => !i.complete || i.naturalWidth === 0);
  const b = document.body;
  b.setAttribute('data-xnet-images', images.length);
  b.setAttribute('data-xnet-broken', broken.length);
  b.setAttribute('data-xnet-height', Math.ceil(document.documentElement.scrollHeight));
  b.setAttribute('data-xnet-broken-alt', broken.map(i => i.alt || i.src.slice(0, 60)).join(' | '));
});
</script>
JS
dom="$(browse --window-size="$width,800" --virtual-time-budget=10000 --dump-dom "file://$tmp/page/index.html" || true)"
attr() { grep -o "data-xnet-$1=\"[^\"]*\"" <<<"$dom" | head -1 | sed -e 's/^[^"]*"//' -e 's/"$//' \
  -e 's/&quot;/"/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'; }
images="$(attr images)"
if [ -z "$images" ]; then
  echo "$0: $dir/index.html: the page did not finish loading in Chromium" >&2
  exit 1
fi
broken="$(attr broken)"
if [ "$images" -eq 0 ]; then
  echo "$0: $dir/index.html: the page shows no images" >&2
  exit 1
fi
if [ "$broken" -ne 0 ]; then
  echo "$0: $dir/index.html: $broken of $images images are broken: $(attr broken-alt)" >&2
  exit 1
fi
height="$(attr height)"
echo "$dir/index.html: $images images, none broken; page ${width}x${height}"
[ $# -ge 2 ] || exit 0

out="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
[ "$height" -ge 600 ] || height=600
rm -f "$out"
browse --screenshot="$out" --window-size="$width,$height" --virtual-time-budget=10000 "file://$dir/index.html" \
  >/dev/null || true
[ -s "$out" ] || { echo "$0: chromium wrote no screenshot to $out" >&2; exit 1; }
echo "$out"
