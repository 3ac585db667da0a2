#!/usr/bin/env bash
# Kills `xnet train` with SIGKILL at random times, resumes it each time, and checks that every
# .xnet file in the run folder always loads and that the run finally completes. Tiny synthetic
# data (16x16, 48 training images) and a tiny XNet (filters 4,8,8,16), on-the-fly augmentation.
# Usage: scripts/kill-resume-test.sh [ROUNDS] [SEED]      (builds target/ with mvn if needed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-4}"
RANDOM="${2:-1}"
cd "$here"
if [[ ! -f target/xnet.jar || ! -d target/test-classes/org/xnet/train ]]; then
  mvn -q -B -DskipTests package >&2
fi
cp="target/test-classes:target/xnet.jar:target/lib/*"
tools() { java -Dai.djl.offline=true -cp "$cp" org.xnet.train.ScriptTools "$@"; }
work="$(mktemp -d /tmp/xnet-kill-resume.XXXXXX)"
trap 'rm -rf "$work"' EXIT
tools dataset "$work/tiny.h5"
out="$work/run"
killed=0
args=(--no-progress --threads 1)
check_models() {
  shopt -s nullglob
  local models=("$out"/*.xnet)
  shopt -u nullglob
  if ((${#models[@]})); then tools load "${models[@]}" | sed 's/^/    /'; else echo "    (no model file yet)"; fi
}
for ((k = 1; k <= kills; k++)); do
  if [[ -f "$out/result.json" ]]; then
    echo "run finished before kill $k"
    break
  fi
  if [[ -f "$out/config.json" ]]; then
    ./xnet train --resume "$out" "${args[@]}" > "$work/log.$k" 2>&1 &
  else
    ./xnet train --data "$work/tiny.h5" --out "$out" --overwrite --name tiny --arch xnet --filters 4,8,8,16 \
      --batch 2 --epochs 60 --lr 0.02 --optimizer adam --augment on-the-fly --seed 5 "${args[@]}" \
      > "$work/log.$k" 2>&1 &
  fi
  pid=$!
  delay=$((3 + RANDOM % 12))
  sleep "$delay"
  if kill -9 "$pid" 2> /dev/null; then
    wait "$pid" 2> /dev/null || true
    killed=$((killed + 1))
    rows=0
    [[ -f "$out/log.csv" ]] && rows=$(($(wc -l < "$out/log.csv") - 1))
    echo "kill $k after ${delay}s: $rows epochs in log.csv"
  else
    wait "$pid" || { echo "run $k failed:"; cat "$work/log.$k"; exit 1; }
    echo "run $k ended by itself before the kill at ${delay}s"
  fi
  check_models
done
echo "final resume:"
if [[ -f "$out/result.json" ]]; then
  echo "    already finished"
else
  ./xnet train --resume "$out" "${args[@]}" || { echo "final resume failed"; exit 1; }
fi
check_models
rows=$(($(wc -l < "$out/log.csv") - 1))
[[ -f "$out/result.json" && $rows -ge 1 ]] || { echo "FAIL: no result.json or empty log"; exit 1; }
echo "PASS: $killed SIGKILLs, finished with $rows epochs: $(tr -d '\n ' < "$out/result.json")"
