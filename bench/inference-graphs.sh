#!/usr/bin/env bash
# Default XNet inference (one 200x200 image, 2 threads), interleaved: this project's folded inference
# program and its layer-by-layer graph against Debian's PyTorch 1.13 (OMP_NUM_THREADS=2), ROUNDS
# times in turn, one process per cell, each cell the median of REPEAT passes after 3 warm-up.
#
#   bench/inference-graphs.sh [--isa avx2] [ROUNDS] [REPEAT]   (defaults 3 20; from the repository root)
#
# Without --isa: bf16 and FP32 channels-last, folded and layers, against PyTorch bf16 autocast +
# channels-last and PyTorch FP32. With --isa avx2: an AVX2-only CPU emulated on both sides by capping
# the instruction set (oneDNN: ONEDNN_MAX_CPU_ISA for libtorch 2.7's oneDNN 3, DNNL_MAX_CPU_ISA for
# torch 1.13's oneDNN 2; ATen: ATEN_CPU_CAPABILITY), FP32 only: ours folded in both layouts and layers
# (NCHW, what the project chooses without AVX-512) against PyTorch FP32 NCHW and channels-last. The
# cap is checked first: one pass of each side under ONEDNN_VERBOSE must run only avx2 convolutions.
set -euo pipefail
cd "$(dirname "$0")/.."
isa=""
if [[ ${1:-} == --isa ]]; then
  isa="${2:?--isa needs a value: avx2}"
  [[ $isa == avx2 ]] || { echo "inference-graphs.sh: --isa $isa: only avx2 is supported" >&2; exit 2; }
  shift 2
fi
rounds="${1:-3}"
repeat="${2:-20}"
export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184
median() { sed -n 's/.*median \([0-9.]*\) ms.*/\1/p' | head -1; }
xnet_cell() { # precision layout graph
  ./xnet model bench --arch xnet --size 200 --warmup 3 --repeat "$repeat" --precision "$1" --layout "$2" --graph "$3" 2>/dev/null | head -1
}
torch_cell() { # extra options of reference_models.py
  (cd bench && OMP_NUM_THREADS=2 /usr/bin/python3 reference_models.py --time --arch xnet --size 200 --warmup 3 --repeat "$repeat" "$@")
}
# the convolution implementations one forward pass runs, counted (ONEDNN_VERBOSE / DNNL_VERBOSE)
conv_kernels() { grep -h '^onednn_verbose.*,exec,cpu,convolution\|^dnnl_verbose,exec,cpu,convolution' | tr ',' '\n' | grep -E '^(jit|brg|gemm|ref)' | sort | uniq -c | xargs; }
echo "# $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $isa == avx2 ]]; then
  export ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2
  echo "# emulated AVX2-only CPU: ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2"
  ours=$(ONEDNN_VERBOSE=1 ./xnet model bench --arch xnet --size 200 --warmup 0 --repeat 1 --precision fp32 --layout nchw --graph folded 2>/dev/null | conv_kernels)
  theirs=$(cd bench && OMP_NUM_THREADS=2 DNNL_VERBOSE=1 ONEDNN_VERBOSE=1 /usr/bin/python3 reference_models.py --time --arch xnet --size 200 --warmup 0 --repeat 1 2>/dev/null | conv_kernels)
  echo "# convolution kernels, xnet (kernel check + 1 pass): $ours"
  echo "# convolution kernels, PyTorch (1 pass): $theirs"
  if [[ -z $ours || -z $theirs ]] || grep -q avx512 <<< "$ours $theirs"; then
    echo "inference-graphs.sh: the AVX2 cap did not take effect on both sides" >&2
    exit 1
  fi
  ./xnet info 2>/dev/null | grep -E '^(cpu|bfloat16|inference) '
  names=("xnet fp32 folded channels-last" "xnet fp32 folded nchw" "xnet fp32 layers nchw" "PyTorch fp32" "PyTorch fp32 channels-last")
else
  names=("xnet bf16 folded channels-last" "xnet bf16 layers channels-last" "PyTorch bf16 autocast" "xnet fp32 folded channels-last" "xnet fp32 layers channels-last" "PyTorch fp32")
fi
rows=()
for r in $(seq "$rounds"); do
  echo "## round $r, load $(cut -d' ' -f1-3 /proc/loadavg)"
  row="| $r"
  for n in "${names[@]}"; do
    set -- $n
    if [[ $1 == xnet ]]; then
      out=$(xnet_cell "$2" "$4" "$3")
    elif [[ $2 == bf16 ]]; then
      out=$(torch_cell --bf16)
    elif [[ ${3:-} == channels-last ]]; then
      out=$(torch_cell --channels-last)
    else
      out=$(torch_cell)
    fi
    echo "$out"
    row="$row | $(median <<< "$out")"
  done
  rows+=("$row |")
done
echo
header="| round"
rule="|---"
for n in "${names[@]}"; do header="$header | $n"; rule="$rule|---:"; done
echo "$header |"
echo "$rule|"
printf '%s\n' "${rows[@]}"
echo "# medians in ms per forward pass; load after $(cut -d' ' -f1-3 /proc/loadavg)"
