#!/usr/bin/env bash
# Scale check (issue 6 item 4): generates the seeded 10,000-client CVRP instance, then, one after
# another on one thread each,
#   1. first_feasible: read, search set-up, savings construction, one local-search education of
#      it, then the solver until its first feasible report (limit 10 s);
#   2. gongpei solve with --time-limit 10 (must return a feasible solution), checked;
#   3. gongpei solve for SECONDS (default 300), solution verified by the independent checker;
#   4. PyVRP for SECONDS (if benches/.venv has it), its solution verified by `gongpei check`;
# each under /usr/bin/time -v for peak memory. Raw outputs go to benches/scale/results/, with the
# date, commit and load average in results/run_info.txt.
#
#   benches/scale/run.sh [SECONDS] [CLIENTS]
#   CORE=1 benches/scale/run.sh      # pin every step to CPU 1 (taskset), e.g. beside another job
#   NO_BUILD=1 benches/scale/run.sh  # reuse the binaries already in target/release
set -euo pipefail
cd "$(dirname "$0")/../.."
LIMIT=${1:-300}
CLIENTS=${2:-10000}
OUT=benches/scale/results
WORK=target/scale
mkdir -p "$OUT" "$WORK"
INST="$WORK/U-n$((CLIENTS + 1))-s1.vrp"
python3 benches/scale/generate.py --clients "$CLIENTS" --seed 1 --out "$INST"
if [ -z "${NO_BUILD:-}" ]; then
    cargo build --release --quiet -p gongpei --example first_feasible
    cargo build --release --quiet -p gongpei-cli
fi
PIN=()
if [ -n "${CORE:-}" ]; then
    PIN=(taskset -c "$CORE")
fi
timed() {  # timed NAME COMMAND...: stdout to NAME.txt/json, /usr/bin/time -v to NAME.time
    local name=$1
    shift
    /usr/bin/time -v "${PIN[@]}" "$@" > "$OUT/$name" 2> "$OUT/${name%.*}.time" || true
    cat "$OUT/$name"
    grep -E "Maximum resident|Elapsed|User time|Percent of CPU" "$OUT/${name%.*}.time"
}
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- crates || echo ' (plus uncommitted edits under crates/)')"
    echo "pinned to CPU: ${CORE:-no}"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/run_info.txt"

echo "== first feasible (limit 10 s)"
timed first_feasible.txt target/release/examples/first_feasible "$INST" --limit 10

echo "== gongpei 10 s"
timed gongpei_10s.json target/release/gongpei solve "$INST" --time-limit 10 --seed 1 --json \
    --out "$WORK/gongpei_10s.sol"
target/release/gongpei check "$INST" "$WORK/gongpei_10s.sol" | tee "$OUT/gongpei_10s_check.txt" || true

echo "== gongpei ${LIMIT} s"
timed gongpei.json target/release/gongpei solve "$INST" --time-limit "$LIMIT" --seed 1 --json \
    --out "$WORK/gongpei.sol"
target/release/gongpei check "$INST" "$WORK/gongpei.sol" | tee "$OUT/gongpei_check.txt" || true

PY=benches/.venv/bin/python
if "$PY" -c "import pyvrp" 2>/dev/null; then
    echo "== PyVRP ${LIMIT} s"
    timed pyvrp.json "$PY" benches/scale/pyvrp_solve.py "$INST" --time-limit "$LIMIT" --seed 1 \
        --out "$WORK/pyvrp.sol"
    target/release/gongpei check "$INST" "$WORK/pyvrp.sol" | tee "$OUT/pyvrp_check.txt" || true
else
    echo "PyVRP not installed in benches/.venv (python3 -m venv benches/.venv && benches/.venv/bin/pip install pyvrp); skipped"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/run_info.txt"
cat "$OUT/run_info.txt"
