#!/usr/bin/env bash
# Scale check (issue 6 item 4): generates the seeded 10,000-client CVRP instance, then, one after
# another on one thread each,
#   1. first_feasible: read, search set-up, solve until the first feasible solution (limit 10 s);
#   2. gongpei solve for SECONDS (default 300), solution verified by the independent checker;
#   3. PyVRP for SECONDS (if benches/.venv has it), its solution verified by `gongpei check`;
# each under /usr/bin/time -v for peak memory. Raw outputs go to benches/scale/results/.
#
#   benches/scale/run.sh [SECONDS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
LIMIT=${1:-300}
CLIENTS=${2:-10000}
OUT=benches/scale/results
WORK=target/scale
mkdir -p "$OUT" "$WORK"
INST="$WORK/U-n$((CLIENTS + 1))-s1.vrp"
python3 benches/scale/generate.py --clients "$CLIENTS" --seed 1 --out "$INST"
if [ -z "${NO_BUILD:-}" ]; then  # NO_BUILD=1 reuses the binaries already in target/release
    cargo build --release --quiet -p gongpei --example first_feasible
    cargo build --release --quiet -p gongpei-cli
fi

echo "== first feasible (limit 10 s)"
/usr/bin/time -v target/release/examples/first_feasible "$INST" --limit 10 \
    > "$OUT/first_feasible.txt" 2> "$OUT/first_feasible.time" || true
cat "$OUT/first_feasible.txt"
grep -E "Maximum resident|Elapsed|User time" "$OUT/first_feasible.time"

echo "== gongpei ${LIMIT} s"
/usr/bin/time -v target/release/gongpei solve "$INST" --time-limit "$LIMIT" --seed 1 --json \
    --out "$WORK/gongpei.sol" > "$OUT/gongpei.json" 2> "$OUT/gongpei.time" || true
cat "$OUT/gongpei.json"
grep -E "Maximum resident|Elapsed|User time" "$OUT/gongpei.time"

PY=benches/.venv/bin/python
if "$PY" -c "import pyvrp" 2>/dev/null; then
    echo "== PyVRP ${LIMIT} s"
    /usr/bin/time -v "$PY" benches/scale/pyvrp_solve.py "$INST" --time-limit "$LIMIT" --seed 1 \
        --out "$WORK/pyvrp.sol" > "$OUT/pyvrp.json" 2> "$OUT/pyvrp.time" || true
    cat "$OUT/pyvrp.json"
    grep -E "Maximum resident|Elapsed|User time" "$OUT/pyvrp.time"
    target/release/gongpei check "$INST" "$WORK/pyvrp.sol" | tee "$OUT/pyvrp_check.txt" || true
else
    echo "PyVRP not installed in benches/.venv (python3 -m venv benches/.venv && benches/.venv/bin/pip install pyvrp); skipped"
fi
