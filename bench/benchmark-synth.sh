#!/usr/bin/env bash
# The network comparison of docs/BENCHMARKS.md on synth data from ../shared/data/ct, with one CT
# volume left out as the test set. Usage (from the repository root):
#   bench/benchmark-synth.sh OUT_DIR [MINUTES_PER_MODEL] [FILTERS] > docs/logs/DATE-benchmark.log 2>&1
# Defaults: 8 minutes per model, filters 16,32,64,128, and bench/benchmark-params.json (learning rate
# 1e-3 instead of the original's 1e-4, so that minutes on a CPU get somewhere; body parts balanced).
# The test volume is totalseg_torso3mm (abdomen, pelvis, lower chest); training and validation come
# from the four others.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:?usage: bench/benchmark-synth.sh OUT_DIR [MINUTES_PER_MODEL] [FILTERS]}"
minutes="${2:-8}"
filters="${3:-16,32,64,128}"
ct="${XNET_SHARED_DATA:-$here/../shared/data}/ct"
mkdir -p "$out"

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD)"
set -x
./xnet synth --ct "$ct" --out "$out/synth" --views 40 --size 200 --seed 11
./xnet prepare --images "$out/synth/Images" --labels "$out/synth/Labels" --out "$out/data.h5" --seed 11 \
    --test-match '*totalseg*'
./xnet benchmark --data "$out/data.h5" --out "$out/benchmark" --minutes "$minutes" --filters "$filters" \
    --config bench/benchmark-params.json --seed 11 --no-progress --overwrite
set +x
cat "$out/benchmark/benchmark.md"
echo "# done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
