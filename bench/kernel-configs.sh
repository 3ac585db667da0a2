#!/usr/bin/env bash
# Inference and training-step times of default XNet (200x200) in every configuration the kernel check
# can choose (docs/KERNELS.md), with the oneDNN repair and, for the fallback, without it.
# Usage: bench/kernel-configs.sh [ROUNDS]   (run from the repository root; builds nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
run() {  # opts precision layout
  local opts="$1" p="$2" l="$3"
  XNET_JAVA_OPTS="$opts" ./xnet model bench --arch xnet --size 200 --warmup 3 --repeat 10 --precision "$p" --layout "$l" 2>/dev/null | head -1
  XNET_JAVA_OPTS="$opts" ./xnet train-bench --arch xnet --batch 5 --size 200 --warmup 1 --steps 5 --precision "$p" --layout "$l" 2>/dev/null | head -1
}
for r in $(seq "$rounds"); do
  echo "## round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  for p in fp32 bf16; do
    for l in nchw channels-last; do
      echo "# repaired: $p $l"
      run "" "$p" "$l"
    done
  done
  echo "# without the repair (-Dxnet.oneDnnRepair=off): fp32 channels-last, what the check chooses there"
  run "-Dxnet.oneDnnRepair=off" fp32 channels-last
done
