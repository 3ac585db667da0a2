#!/usr/bin/env bash
# Default XNet inference (one 200x200 image, 2 threads), interleaved: this project's folded inference
# program and its layer-by-layer graph, each in bf16 and FP32 channels-last, against Debian's
# PyTorch 1.13 (OMP_NUM_THREADS=2) in bf16 autocast + channels-last and in FP32, ROUNDS times in turn.
# Usage: bench/inference-graphs.sh [ROUNDS] [REPEAT]   (defaults 3 20; run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
repeat="${2:-20}"
export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184
median() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' | head -1; }
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A sum
names=("xnet bf16 folded" "xnet bf16 layers" "PyTorch bf16 autocast" "xnet fp32 folded" "xnet fp32 layers" "PyTorch fp32")
for r in $(seq "$rounds"); do
  echo "## round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  row="| $r"
  for n in "${names[@]}"; do
    set -- $n
    if [[ $1 == xnet ]]; then
      out=$(./xnet model bench --arch xnet --size 200 --warmup 3 --repeat "$repeat" --precision "$2" --layout channels-last --graph "$3" 2>/dev/null | head -1)
    else
      extra=$([[ $2 == bf16 ]] && echo --bf16 || true)
      out=$(cd bench && OMP_NUM_THREADS=2 /usr/bin/python3 reference_models.py --time --arch xnet --size 200 --warmup 3 --repeat "$repeat" $extra)
    fi
    echo "$out"
    row="$row | $(median <<< "$out")"
  done
  rows+=("$row |")
done
echo
echo "| round | ${names[0]} | ${names[1]} | ${names[2]} | ${names[3]} | ${names[4]} | ${names[5]} |"
echo "|---|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo "# medians in ms per forward pass; load after $(cut -d' ' -f1-3 /proc/loadavg)"
