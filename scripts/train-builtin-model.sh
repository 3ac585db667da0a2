#!/usr/bin/env bash
# Reproduces the built-in model (xnet-core/src/main/resources/org/xnet/models/xnet-synth-ct.xnet, docs/MODELS.md)
# with the project's own CLI: synth views of every CT volume in ../shared/data (the five NIfTI
# volumes and the DICOM series), prepare, train. Every step has a fixed seed and the arithmetic is
# pinned (bf16 convolutions, channels-last, one engine thread), so two runs on one machine give the
# same model file bit for bit; another CPU or libtorch build may differ in the last bits.
#
# Usage: scripts/train-builtin-model.sh OUT [HOLD_OUT]
#   OUT       work folder (created; synth/, data.h5, train/ go into it)
#   HOLD_OUT  optional volume name (a glob on file names, e.g. 'itkelastix-chest' or 'totalseg-dicom20'):
#             its views go to the test split only, so the model never sees that body (leave one
#             volume out); then `xnet evaluate --split test` measures it on that volume alone.
# Environment: XNET (launcher, default ./xnet of this checkout), DATA (default ../shared/data),
#              EPOCHS (default 60, what the shipped model had: see docs/MODELS.md),
#              PATIENCE (default 10).
# The budget is a number of epochs, not minutes: a time budget would make the result depend on the
# machine's load. SOURCE_DATE_EPOCH fixes the creation time recorded in the model file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: scripts/train-builtin-model.sh OUT [HOLD_OUT]}"
hold_out="${2:-}"
xnet="$(realpath "${XNET:-$here/xnet}")"
data="$(realpath "${DATA:-$here/../shared/data}")"
epochs="${EPOCHS:-60}"
patience="${PATIENCE:-10}"
mkdir -p "$out"
# The training config inside the model file records the absolute paths of data.h5 and train/: the
# weights do not depend on OUT, the file's bytes do (rerun in the same OUT to compare hashes).
cd "$out"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1796428800}"   # 2026-12-05T00:00:00Z

"$xnet" synth --ct "$data"/ct "$data"/ct-dicom/totalseg_dicom20 --out synth \
  --views 40 --size 200 --seed 1 --overwrite

split=()
if [[ -n "$hold_out" ]]; then
  split=(--test-match "*${hold_out}*")
fi
"$xnet" prepare --images synth/Images --labels synth/Labels --out data.h5 \
  --size 200 --seed 7 "${split[@]}"

"$xnet" train --data data.h5 --out train --overwrite --name xnet-synth-ct \
  --arch xnet --share-weights --filters 8,16,32,64 --kernel 3 \
  --epochs "$epochs" --patience "$patience" --batch 5 --lr 1e-3 --optimizer rmsprop --loss ce \
  --augment on-the-fly --seed 1 --threads 1 --precision bf16 --layout channels-last --no-progress

sha256sum train/xnet-synth-ct.xnet
