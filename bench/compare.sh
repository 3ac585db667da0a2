#!/usr/bin/env bash
# Java (DJL) against the PyTorch reference, in one run on the same shapes and threads: for each of
# XNet, UNet and SegNet, the forward pass (batch 1) and the training step (batch BATCH: forward,
# cross-entropy + L2, backward, RMSProp), then a table of the medians and the DJL/PyTorch ratios;
# last, XNet's bf16 forward pass (the folded inference program) against PyTorch's bf16 autocast.
# Usage: bench/compare.sh [SIZE] [BATCH] [STEPS] [REPEAT]   (defaults 200 5 5 10)
# Needs Debian's python3-torch (/usr/bin/python3); PyTorch runs with OMP_NUM_THREADS=2, DJL with
# the engine default (2 threads on 2 cores) and the allocator settings of ./xnet.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
size="${1:-200}"
batch="${2:-5}"
steps="${3:-5}"
repeat="${4:-10}"
export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184
median() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' | head -1; }
rss() { sed -n 's/.*peak RSS \([0-9]*\) MiB.*/\1/p' | head -1; }
py() { (cd "$here/bench" && OMP_NUM_THREADS=2 /usr/bin/python3 "$@"); }

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); size $size, batch $batch, $steps steps, $repeat passes"
rows=()
for arch in xnet unet segnet; do
  out=$("$here/xnet" model bench --arch "$arch" --size "$size" --warmup 2 --repeat "$repeat" --precision fp32); echo "$out"
  djl_fwd=$(median <<< "$out")
  out=$(py reference_models.py --time --arch "$arch" --size "$size" --warmup 2 --repeat "$repeat"); echo "$out"
  pt_fwd=$(median <<< "$out")
  out=$("$here/xnet" train-bench --arch "$arch" --batch "$batch" --size "$size" --steps "$steps" --warmup 2 --precision fp32); echo "$out"
  djl_step=$(median <<< "$out"); djl_rss=$(rss <<< "$out")
  out=$(py reference_train_step.py --arch "$arch" --batch "$batch" --size "$size" --steps "$steps" --warmup 2); echo "$out"
  pt_step=$(median <<< "$out"); pt_rss=$(rss <<< "$out")
  rows+=("$arch $djl_fwd $pt_fwd $djl_step $pt_step $djl_rss $pt_rss")
done
echo
echo "| network | DJL forward ms | PyTorch forward ms | ratio | DJL step ms | PyTorch step ms | ratio | DJL peak RSS MiB | PyTorch peak RSS MiB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in "${rows[@]}"; do
  awk '{ printf "| %s | %.1f | %.1f | %.2f | %.0f | %.0f | %.2f | %d | %d |\n", $1, $2, $3, $2 / $3, $4, $5, $4 / $5, $6, $7 }' <<< "$r"
done
echo
echo "# bf16 inference, XNet, batch 1: DJL's folded program against PyTorch's bf16 autocast + channels-last"
out=$("$here/xnet" model bench --arch xnet --size "$size" --warmup 3 --repeat "$repeat" --precision bf16 --layout channels-last --graph folded); echo "$out"
djl_bf16=$(median <<< "$out")
out=$(py reference_models.py --time --bf16 --arch xnet --size "$size" --warmup 3 --repeat "$repeat"); echo "$out"
pt_bf16=$(median <<< "$out")
echo "| network | DJL bf16 folded forward ms | PyTorch bf16 autocast channels-last ms | ratio |"
echo "|---|---:|---:|---:|"
awk -v a="$djl_bf16" -v b="$pt_bf16" 'BEGIN { printf "| xnet | %.1f | %.1f | %.2f |\n", a, b, a / b }'
echo "# ratio = DJL / PyTorch (below 1: Java faster); load after $(cut -d' ' -f1-3 /proc/loadavg)"
