#!/usr/bin/env bash
# Kills `xnet train` with SIGKILL at points spread over a short run, resumes it each time, and checks
# that every .xnet file in the run folder always loads, that the run finally completes, that no
# temporary file of an atomic write is left, and that its log.csv equals (time column aside) the
# log of the same training run without interruptions. Tiny synthetic data (16x16, 48 training
# images), a tiny XNet (filters 4,8,8,16), on-the-fly augmentation, one engine thread.
# Kill points rotate over three kinds:
#   start   0-8 s after the JVM starts (engine start-up, dataset reading, the first writes)
#   train   a random time up to 6 s after the progress bar shows a trained step
#   write   at the first sign of a write: a new .*.tmp file in the run folder (an atomic write under
#           way) or a new row in log.csv (the end-of-epoch writes of model, checkpoint and log just
#           happened), polled every 5 ms; the writes of a tiny model take a few ms, so most of
#           these kills land just after them
# Usage: scripts/kill-resume-test.sh [KILLS] [SEED]      (builds xnet-core/target/ with mvn if needed)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-4}"
seed="${2:-1}"
RANDOM="$seed"
cd "$here"
t=xnet-core/target
if [[ ! -f $t/xnet.jar || ! -d $t/test-classes/org/xnet/train ]]; then
  mvn -q -B -pl xnet-core -am -DskipTests package >&2
fi
cp="$t/test-classes:$t/xnet.jar:$t/lib/*"
tools() { java -Dai.djl.offline=true -cp "$cp" org.xnet.train.ScriptTools "$@"; }
work="$(mktemp -d /tmp/xnet-kill-resume.XXXXXX)"
trap 'rm -rf "$work"' EXIT
tools dataset "$work/tiny.h5"
train_args=(--data "$work/tiny.h5" --overwrite --name tiny --arch xnet --filters 4,8,8,16 --batch 4 --epochs 5
  --lr 0.02 --optimizer adam --augment on-the-fly --seed "$seed" --threads 1 --precision fp32)
started=$SECONDS
echo "seed $seed: uninterrupted reference run"
./xnet train "${train_args[@]}" --out "$work/reference" --no-progress | sed 's/^/    /'
out="$work/run"
killed=0
check_models() {
  shopt -s nullglob
  local models=("$out"/*.xnet)
  shopt -u nullglob
  if ((${#models[@]})); then tools load "${models[@]}" | sed 's/^/    /'; else echo "    (no model file yet)"; fi
}
log_rows() { if [[ -f "$out/log.csv" ]]; then wc -l < "$out/log.csv"; else echo 0; fi; }
temp_names() { if [[ -d "$out" ]]; then find "$out" -maxdepth 1 -name '.*.tmp' | sort; fi; }
temp_files() { temp_names | grep -c . || true; }
# Waits as the kind says; returns 1 if the process ended first.
wait_for_point() {
  local kind="$1" pid="$2" err="$3"
  case "$kind" in
    start)
      local ms=$((RANDOM % 8000))
      what="${ms} ms after start"
      sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
      ;;
    train)
      until grep -q ' loss ' "$err" 2> /dev/null; do
        kill -0 "$pid" 2> /dev/null || return 1
        sleep 0.05
      done
      local ms=$((RANDOM % 6000))
      what="${ms} ms after the first trained step"
      sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
      ;;
    write)
      # temporary files left by an earlier kill do not count: the resumed run deletes them
      local before new
      before="$(log_rows)"
      new=""
      until [[ -n "$new" || "$(log_rows)" != "$before" ]]; do
        kill -0 "$pid" 2> /dev/null || return 1
        sleep 0.005
        new="$(comm -13 <(echo "$stale") <(temp_names))"
      done
      if [[ -n "$new" ]]; then what="during an atomic write"; else what="right after an epoch's writes"; fi
      ;;
  esac
  kill -0 "$pid" 2> /dev/null
}
kinds=(train write start)
for ((k = 1; k <= kills; k++)); do
  if [[ -f "$out/result.json" ]]; then
    echo "run finished before kill $k"
    break
  fi
  err="$work/err.$k"
  stale="$(temp_names)"
  if [[ -f "$out/config.json" ]]; then
    ./xnet train --resume "$out" > /dev/null 2> "$err" &
  else
    ./xnet train "${train_args[@]}" --out "$out" > /dev/null 2> "$err" &
  fi
  pid=$!
  kind="${kinds[$(((k - 1) % 3))]}"
  what=""
  if wait_for_point "$kind" "$pid" "$err" && kill -9 "$pid" 2> /dev/null; then
    wait "$pid" 2> /dev/null || true
    killed=$((killed + 1))
    rows=0
    [[ -f "$out/log.csv" ]] && rows=$(($(wc -l < "$out/log.csv") - 1))
    echo "kill $k ($kind, $what): $rows epochs in log.csv, $(temp_files) temporary files left"
  else
    wait "$pid" || { echo "run $k failed:"; tr '\r' '\n' < "$err" | tail -5; exit 1; }
    echo "run $k ended by itself before the $kind kill"
  fi
  check_models
done
echo "final resume:"
if [[ -f "$out/result.json" ]]; then
  echo "    already finished"
else
  ./xnet train --resume "$out" --no-progress | sed 's/^/    /' || { echo "final resume failed"; exit 1; }
fi
check_models
rows=$(($(wc -l < "$out/log.csv") - 1))
[[ -f "$out/result.json" && $rows -ge 1 ]] || { echo "FAIL: no result.json or empty log"; exit 1; }
left="$(temp_files)"
((left == 0)) || { echo "FAIL: $left temporary files left in the run folder"; ls -la "$out"; exit 1; }
if ! diff <(cut -d, -f1-5 "$work/reference/log.csv") <(cut -d, -f1-5 "$out/log.csv"); then
  echo "FAIL: log.csv differs from the uninterrupted run's (time column aside)"
  exit 1
fi
echo "log.csv equals the uninterrupted run's (epoch,loss,acc,val_loss,val_acc; $rows epochs)"
echo "PASS: seed $seed, $killed SIGKILLs, finished with $rows epochs in $((SECONDS - started)) s: $(tr -d '\n ' < "$out/result.json")"
