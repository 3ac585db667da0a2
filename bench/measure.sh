#!/usr/bin/env bash
# Every speed and memory figure of docs/BENCHMARKS.md, one after the other on this machine, with the
# machine's state. Usage: bench/measure.sh > docs/logs/DATE-measure.log 2>&1
# Needs Debian's python3-torch for the PyTorch reference rows and ../shared/data for the CT and
# radiograph rows. DJL offline and the allocator settings come from ./xnet (and are exported here
# for the test-scope tools).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
data="${XNET_SHARED_DATA:-$here/../shared/data}"
[[ -d "$data/ct" ]] || { echo "measure.sh: no shared data at $data (set XNET_SHARED_DATA to the folder with ct/)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
export DJL_OFFLINE=true
export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184
section() { echo; echo "## $* (load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%T))"; }

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# $(java -version 2>&1 | head -1); $(git rev-parse --short HEAD)"
mvn -q -B -o -pl xnet-core -am -DskipTests package test-compile >/dev/null && \
  mvn -q -B -o -pl xnet-core dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="xnet-core/target/classes:xnet-core/target/test-classes:$(cat "$tmp/cp.txt")"
tool() { java -Dai.djl.offline=true -Djava.awt.headless=true -Xmx6g -cp "$cp" "$@"; }

section "trainable parameters: DJL (xnet model summary) and the PyTorch reference (bench/reference_models.py)"
for arch in xnet unet segnet; do ./xnet model summary --arch "$arch" | grep -i "trainable"; done
./xnet model summary --arch xnet --share-weights | grep -i "trainable"
(cd bench && /usr/bin/python3 reference_models.py)

section "networks: forward pass (batch 1) and training step (batch 5), 200x200, FP32, DJL and PyTorch 1.13 in one run"
bench/compare.sh 200 5 5 10

section "predict: default XNet (untrained weights), resize and tiled modes"
./xnet model init --arch xnet --seed 1 --out "$tmp/xnet.xnet" >/dev/null
./xnet predict bench --model "$tmp/xnet.xnet" --size 200 --repeat 10 --large 1760 --large-repeat 2

section "augmentation, full pipeline, 200x200 pairs, JMH 2 threads"
tool org.xnet.augment.AugmentBenchmark 2>&1 | grep -E "Benchmark|AugmentBenchmark\."

section "evaluation metrics for 1,000 images of 200x200 (inference excluded)"
tool org.xnet.eval.EvaluationBenchmark 1000 3

section "synth: vhm_pelvis (512x512x140) to 20 views of 200x200"
/usr/bin/time -o "$tmp/time" -f "wall %e s, user %U s, peak RSS %M kB" ./xnet synth \
  --ct "$data/ct/vhm_pelvis.nii.gz" --views 20 --size 200 --out "$tmp/synth" 2>/dev/null | tail -2
cat "$tmp/time"

section "prepare: 150 synthetic 1500x1500 16-bit TIFFs to 200x200"
tool org.xnet.io.SyntheticRadiographs "$tmp/prep150" 150 1500 1 >/dev/null
/usr/bin/time -o "$tmp/time" -f "wall %e s, user %U s, peak RSS %M kB" ./xnet prepare \
  --images "$tmp/prep150/Images" --labels "$tmp/prep150/Labels" --out "$tmp/prep150.h5" --seed 1 2>/dev/null | tail -3
cat "$tmp/time"

section "done"
