#!/usr/bin/env bash
# The second cross-validation of docs/BENCHMARKS.md (issue 22, "with the leg volume"): synth views of the
# six shared CT scans and the Visible Human Female's lower legs (scripts/fetch-extra-ct.sh), the chest
# (itkelastix_chest) kept as the test split, leave-one-volume-out folds over the other five groups. The
# shared DICOM series is a 20-slice slab of the TotalSegmentator example patient that totalseg_torso3mm
# also shows, so its views are named as that volume's (v1NNN) and stay in its fold: no patient on both
# sides. A compact XNet (8,16,32,64, shared weights) trained up to EPOCHS epochs per fold (patience 10)
# on one engine thread, on views synthesised at 200x200 and prepared at 128x128.
# Usage (from the repository root):
#   scripts/fetch-extra-ct.sh EXTRA_CT_DIR
#   bench/crossval-with-leg.sh OUT_DIR EXTRA_CT_DIR [none|all (domain randomisation)] [VIEWS] [EPOCHS]
# Run it again with the same arguments to continue after a stop.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
out="${1:?usage: bench/crossval-with-leg.sh OUT_DIR EXTRA_CT_DIR [none|all] [VIEWS] [EPOCHS]}"
extra="${2:?usage: bench/crossval-with-leg.sh OUT_DIR EXTRA_CT_DIR [none|all] [VIEWS] [EPOCHS]}"
dr="${3:-none}"
views="${4:-40}"
epochs="${5:-40}"
data="${XNET_SHARED_DATA:-$here/../shared/data}"
[[ -d "$extra/vhf_leg" ]] || { echo "$extra/vhf_leg: missing; run scripts/fetch-extra-ct.sh $extra first" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796428800}"   # 2026-12-05T00:00:00Z
xnet() { nice -n 5 ./xnet "$@"; }

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(java -version 2>&1 | head -1); commit $(git rev-parse --short HEAD)"
set -x
if [[ ! -f "$out/data128.h5" ]]; then
  xnet synth --ct "$data/ct" "$extra/vhf_leg" --out "$out/synth" --views "$views" --size 200 --seed 1 --overwrite
  xnet synth --ct "$data/ct-dicom/totalseg_dicom20" --body-part torso --out "$out/synth-dicom" --views "$views" \
      --size 200 --seed 2 --overwrite
  for f in "$out"/synth-dicom/Images/torso/*.tif; do
    b=$(basename "$f" .tif); cp "$f" "$out/synth/Images/torso/torso_totalseg-torso3mm_v1${b##*_v}.tif"
  done
  for f in "$out"/synth-dicom/Labels/torso/*onehot.png; do
    b=$(basename "$f" onehot.png); cp "$f" "$out/synth/Labels/torso/torso_totalseg-torso3mm_v1${b##*_v}onehot.png"
  done
  xnet prepare --images "$out/synth/Images" --labels "$out/synth/Labels" --out "$out/data128.h5" --size 128 \
      --seed 7 --test-match '*itkelastix*'
fi
xnet crossval --data "$out/data128.h5" --out "$out/cv-$dr" --group-by volume --fold-seed 1 --target-fp 0.01 \
    --name xnet-cv --arch xnet --share-weights --filters 8,16,32,64 --kernel 3 --epochs "$epochs" --patience 10 \
    --batch 5 --lr 1e-3 --optimizer rmsprop --loss ce --augment on-the-fly --domain-randomisation "$dr" --seed 1 \
    --threads 1 --precision bf16 --layout channels-last --no-progress
set +x
cat "$out/cv-$dr/crossval.md"
echo "# done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
