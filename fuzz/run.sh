#!/usr/bin/env bash
# Builds and runs gongpei's fuzz targets without cargo-fuzz (same flags as `cargo fuzz build -s none
# --release`: SanitizerCoverage for libFuzzer, debug assertions and overflow checks on, no
# AddressSanitizer, which safe Rust does not need). Works on stable Rust, so CI needs neither
# nightly nor a cargo-fuzz install; `cargo +nightly fuzz run TARGET` works on the same project.
#
#   fuzz/run.sh build                      build every target
#   fuzz/run.sh smoke SECONDS [TARGET...]  run each target SECONDS on a scratch copy of its corpus,
#                                          two at a time; fails on any crash (make test-fuzz)
#   fuzz/run.sh long RUNS TARGET           run TARGET until RUNS executions; prints the figures
#   fuzz/run.sh cmin TARGET [DIR...]       minimise corpus/TARGET (plus DIRs) in place
#
# Environment: FUZZ_TARGET_DIR (default fuzz/target), CARGO (default cargo), FUZZ_JOBS (parallel
# targets of `smoke`, default 2), FUZZ_TOOLCHAIN (e.g. +nightly; default: cargo's default).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET_DIR="${FUZZ_TARGET_DIR:-$HERE/target}"
CARGO="${CARGO:-cargo}"
JOBS="${FUZZ_JOBS:-2}"
TRIPLE="$(rustc -vV | sed -n 's/^host: //p')"
BIN="$TARGET_DIR/$TRIPLE/release"
ALL_TARGETS=(vrplib solomon vrpspd cordeau sol pmedian scenario_json scenario_tables osm_pbf model_eval)
# libFuzzer options of every run: inputs up to 8 KiB (the seeds are at most ~5 KiB), 10 s per
# input, the default 2 GiB memory limit (a reader must refuse a size it cannot back, not try it).
FUZZ_OPTS=(-max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1)

build() {
  local flags="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4"
  flags+=" -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table"
  flags+=" -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
  # shellcheck disable=SC2086
  RUSTFLAGS="$flags" $CARGO ${FUZZ_TOOLCHAIN:-} build --manifest-path "$HERE/Cargo.toml" --release \
    --target "$TRIPLE" --target-dir "$TARGET_DIR" --bins --locked --quiet
}

# One target for $1 seconds on a scratch corpus seeded with the committed one; crash inputs go to
# $TARGET_DIR/artifacts/TARGET/. Prints `TARGET: N runs in S s, corpus C, crashes K`.
smoke_one() {
  local seconds="$1" target="$2"
  local scratch="$TARGET_DIR/scratch/$target" artifacts="$TARGET_DIR/artifacts/$target"
  rm -rf "$scratch" && mkdir -p "$scratch" "$artifacts"
  local log="$TARGET_DIR/logs/$target.log"
  mkdir -p "$(dirname "$log")"
  local status=0
  "$BIN/$target" "$scratch" "$HERE/corpus/$target" "${FUZZ_OPTS[@]}" -max_total_time="$seconds" \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  local runs corpus
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  corpus="$(find "$scratch" "$HERE/corpus/$target" -type f | wc -l)"
  if [ "$status" -ne 0 ]; then
    echo "$target: FAILED after ${runs:-?} runs (exit $status); input in $artifacts, log $log"
    grep -E "panicked|ERROR|SUMMARY" "$log" | head -5
    return 1
  fi
  echo "$target: ${runs:-?} runs in $seconds s, corpus $corpus inputs, crashes 0"
}

smoke() {
  local seconds="$1"
  shift
  local targets=("$@")
  [ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
  local failed=0 running=0 pids=()
  for t in "${targets[@]}"; do
    smoke_one "$seconds" "$t" &
    pids+=($!)
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
      wait "${pids[0]}" || failed=1
      pids=("${pids[@]:1}")
      running=$((running - 1))
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  [ "$failed" -eq 0 ] || { echo "fuzz: a target failed (see above)"; return 1; }
  echo "fuzz: ${#targets[@]} targets, $seconds s each, 0 crashes"
}

long() {
  local runs="$1" target="$2"
  local scratch="$TARGET_DIR/long/$target" artifacts="$TARGET_DIR/artifacts/$target"
  mkdir -p "$scratch" "$artifacts"
  local start end
  start="$(date +%s)"
  "$BIN/$target" "$scratch" "$HERE/corpus/$target" "${FUZZ_OPTS[@]}" -runs="$runs" \
    -artifact_prefix="$artifacts/" 2>&1 | tee "$TARGET_DIR/long-$target.log" | grep -E "^#[0-9]+ +(DONE|pulse)|stat::|panicked|SUMMARY" || true
  end="$(date +%s)"
  echo "$target: wall $((end - start)) s, corpus $(find "$scratch" -type f | wc -l) inputs"
}

cmin() {
  local target="$1"
  shift
  local merged="$TARGET_DIR/cmin/$target"
  rm -rf "$merged" && mkdir -p "$merged"
  "$BIN/$target" -merge=1 "${FUZZ_OPTS[@]}" "$merged" "$HERE/corpus/$target" "$@" >/dev/null 2>&1
  rm -rf "${HERE:?}/corpus/$target" && mkdir -p "$HERE/corpus/$target"
  for f in "$merged"/*; do cp "$f" "$HERE/corpus/$target/"; done
  echo "$target: corpus minimised to $(find "$HERE/corpus/$target" -type f | wc -l) inputs, $(du -sk "$HERE/corpus/$target" | cut -f1) KiB"
}

command="${1:-}"
shift || true
case "$command" in
  build) build ;;
  smoke) build && smoke "$@" ;;
  long) long "$@" ;;
  cmin) cmin "$@" ;;
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
