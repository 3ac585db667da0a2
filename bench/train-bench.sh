#!/usr/bin/env bash
# Training-step benchmark of XNet, UNet and SegNet (batch 5, 200x200 by default): DJL through
# `./xnet train-bench` and the PyTorch 1.13 reference (bench/reference_train_step.py, 2 threads),
# one after the other in the same run. Usage: bench/train-bench.sh [BATCH] [STEPS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
batch="${1:-5}"
steps="${2:-10}"
echo "# $(date -u +%FT%TZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for arch in xnet unet segnet; do
  "$here/xnet" train-bench --arch "$arch" --batch "$batch" --steps "$steps"
  (cd "$here/bench" && OMP_NUM_THREADS=2 /usr/bin/python3 reference_train_step.py --arch "$arch" \
      --batch "$batch" --steps "$steps")
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
