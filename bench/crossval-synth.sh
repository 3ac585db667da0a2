#!/usr/bin/env bash
# The cross-validation of docs/BENCHMARKS.md ("Cross-validation and ensembles"): synth views of the six
# shared CT scans (five NIfTI volumes and the DICOM series), the chest volume (itkelastix_chest) kept as
# the test split for the ensemble, leave-one-volume-out folds over the five others, a compact XNet
# (8,16,32,64, shared weights, the built-in model's recipe) trained EPOCHS epochs per fold on one
# engine thread, on views synthesised at 200x200 and prepared at SIZE. Usage (from the repository root):
#   bench/crossval-synth.sh OUT_DIR [VIEWS] [EPOCHS] [SIZE] > docs/logs/DATE-crossval.log 2>&1
# Defaults: 30 views per volume, 10 epochs, 128x128 (what fitted a shared, loaded machine). Run it again
# with the same OUT_DIR to continue after a stop.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:?usage: bench/crossval-synth.sh OUT_DIR [VIEWS] [EPOCHS]}"
views="${2:-30}"
epochs="${3:-10}"
size="${4:-128}"
data="${XNET_SHARED_DATA:-$here/../shared/data}"
mkdir -p "$out"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796428800}"   # 2026-12-05T00:00:00Z

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD)"
set -x
[[ -f "$out/data.h5" ]] || {
  nice -n 10 ./xnet synth --ct "$data/ct" "$data/ct-dicom/totalseg_dicom20" --out "$out/synth" \
      --views "$views" --size 200 --seed 1 --overwrite
  nice -n 10 ./xnet prepare --images "$out/synth/Images" --labels "$out/synth/Labels" --out "$out/data.h5" \
      --size "$size" --seed 7 --test-match '*itkelastix*'
}
nice -n 10 ./xnet crossval --data "$out/data.h5" --out "$out/cv" --group-by volume --fold-seed 1 --target-fp 0.01 \
    --name xnet-cv --arch xnet --share-weights --filters 8,16,32,64 --kernel 3 --epochs "$epochs" --patience 0 \
    --batch 5 --lr 1e-3 --optimizer rmsprop --loss ce --augment on-the-fly --seed 1 --threads 1 \
    --precision bf16 --layout channels-last --no-progress
set +x
cat "$out/cv/crossval.md"
echo "# done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
