#!/usr/bin/env bash
# The Fiji command's result as a person sees it: ImageJ's GUI under Xvfb (Debian package xvfb) with the
# plugin jar (xnet-fiji/target/xnet-fiji-plugin.jar, built if missing) and ImageJ 1 + SciJava from the
# local Maven repository, as in Fiji: opens RADIOGRAPH, runs Plugins > Segmentation > XNet (built-in
# model, tiled, probabilities and overlay) and saves the screen as OUT.png.
#
# Usage: scripts/fiji-screenshot.sh [RADIOGRAPH [OUT.png]]
#   defaults: ../shared/data/radiographs/RG3_J2KR_raw_16bit.tif, docs/images/fiji-xnet-rg3.png
set -euo pipefail
cd "$(dirname "$0")/.."
radiograph="${1:-../shared/data/radiographs/RG3_J2KR_raw_16bit.tif}"
out="${2:-docs/images/fiji-xnet-rg3.png}"
[ -f "$radiograph" ] || { echo "$0: $radiograph: not found" >&2; exit 1; }
command -v Xvfb >/dev/null || { echo "$0: Xvfb not found (apt-get install -y xvfb)" >&2; exit 1; }
jar=xnet-fiji/target/xnet-fiji-plugin.jar
[ -f "$jar" ] || mvn -B -q -pl xnet-fiji -am package -DskipTests
m2="${HOME}/.m2/repository"
cp="$m2/net/imagej/ij/1.54p/ij-1.54p.jar:$m2/org/scijava/scijava-common/2.100.1/scijava-common-2.100.1.jar"
cp="$cp:$m2/org/scijava/parsington/3.1.0/parsington-3.1.0.jar:$m2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar:$jar"
for f in ${cp//:/ }; do
  [ -f "$f" ] || { echo "$0: $f missing (run mvn -B -pl xnet-fiji -am package once)" >&2; exit 1; }
done

display=:77
Xvfb "$display" -screen 0 1200x1100x24 -nolisten tcp &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
sleep 2
DISPLAY="$display" GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184 \
  java -Xmx3g -Dai.djl.offline=true -cp "$cp" scripts/FijiScreenshot.java "$radiograph" "$out"
echo "wrote $out"
