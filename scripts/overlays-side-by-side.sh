#!/usr/bin/env bash
# Real radiographs and CT projections segmented by two models side by side (issue 22): the old default
# (the built-in model xnet-synth-ct, or OLD_MODEL) against an ensemble (an `xnet crossval` output folder
# holding ensemble.json). Inputs: the NEMA radiographs RG1 (chest) and RG3 (lower leg) and VIEWS
# projections of the shared CT DICOM series made by `xnet synth` (seed 22, SIZE px; their synth labels
# are shown as a fourth panel, and each model's pixel accuracy against them is in its caption).
# Both models predict with the same options: tiled (--tile-scale 2, the default: the image's longer
# side becomes two model input sizes, so 400 px for the 200 px built-in model, 256 px for 128 px
# fold models), no TTA, no threshold, FP32 and NCHW pinned so that the result does not depend on the
# kernel check's choice. Then scripts/overlays-side-by-side.py (Debian's /usr/bin/python3 with
# python3-pil, python3-numpy, python3-pydicom; a documentation helper only) writes one PNG per input:
# radiograph | old overlay | ensemble overlay [| synth label], each panel PANEL_PX wide, a caption row
# with the model and the class fractions of its manifest line.
#
# Usage (from anywhere; runs offline, deterministic: same models and data, same PNGs):
#   scripts/overlays-side-by-side.sh ENSEMBLE_DIR [OLD_MODEL] [OUT_DIR]
#     ENSEMBLE_DIR  folder with ensemble.json (xnet crossval --out)
#     OLD_MODEL     model file or builtin[:NAME]; default builtin (the old default)
#     OUT_DIR       work and output folder; default build/overlays-side-by-side; the pictures are
#                   OUT_DIR/side-by-side/NAME-side-by-side.png
#   Environment: VIEWS (3), SIZE (512), PANEL_PX (400: five PNGs of about 420 KB in all), XNET_SHARED_DATA
#   (../shared/data).
# Example, the pictures of docs/BENCHMARKS.md ("Real radiographs: old default against the ensemble"):
#   scripts/overlays-side-by-side.sh /tmp/xnet-cv/cv128 builtin build/overlays
#   PANEL_PX=600 scripts/overlays-side-by-side.sh /tmp/xnet-cv/cv128 builtin build/overlays  # larger
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ensemble="${1:?usage: scripts/overlays-side-by-side.sh ENSEMBLE_DIR [OLD_MODEL] [OUT_DIR]}"
old_model="${2:-builtin}"
out="${3:-$here/build/overlays-side-by-side}"
views="${VIEWS:-3}"
size="${SIZE:-512}"
panel_px="${PANEL_PX:-400}"
data="${XNET_SHARED_DATA:-$here/../shared/data}"
[[ -f "$ensemble/ensemble.json" ]] || { echo "$ensemble: expected an xnet crossval folder with ensemble.json" >&2; exit 1; }
[[ -d "$data/radiographs" ]] || { echo "$data: expected the shared data folder (radiographs/, ct-dicom/)" >&2; exit 1; }
xnet() { nice -n 10 "$here/xnet" "$@"; }
mkdir -p "$out"

xnet synth --ct "$data/ct-dicom/totalseg_dicom20" --out "$out/synth" --views "$views" --size "$size" \
    --seed 22 --overwrite > "$out/synth.log" 2>&1
inputs=("$data/radiographs/RG1_J2KI.dcm" "$data/radiographs/RG3_J2KR.dcm" "$out/synth/Images")
options=(--overlay --tiled --tile-scale 2 --precision fp32 --layout nchw --no-progress)
rm -rf "$out/old" "$out/ensemble" "$out/side-by-side"
xnet predict --model "$old_model" "${inputs[@]}" --out "$out/old" "${options[@]}" 2>&1 | grep -v NNPACK
xnet predict --model "$ensemble" "${inputs[@]}" --out "$out/ensemble" "${options[@]}" 2>&1 | grep -v NNPACK
/usr/bin/python3 "$here/scripts/overlays-side-by-side.py" "$out/old" "$out/ensemble" "$out/synth/Labels" \
    "$out/side-by-side" "$panel_px"
