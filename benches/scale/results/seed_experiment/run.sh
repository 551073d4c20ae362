#!/usr/bin/env bash
# Side by side, one after the other, pinned to CPU 1: the ILS started from nearest neighbour (as
# committed) vs from the savings construction (SEED_SAVINGS set), 300 s each, seed 1.
set -u
BIN=/tmp/seedexp/target/release/gongpei
INST=/work/main/target/scale/U-n10001-s1.vrp
OUT=/tmp/scale
for variant in nearest savings; do
    echo "load before $variant: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$variant" = savings ]; then export SEED_SAVINGS=1; else unset SEED_SAVINGS; fi
    /usr/bin/time -v taskset -c 1 "$BIN" solve "$INST" --time-limit 300 --seed 1 --json \
        --out "$OUT/seed_$variant.sol" > "$OUT/seed_$variant.json" 2> "$OUT/seed_$variant.time"
    cat "$OUT/seed_$variant.json"
    "$BIN" check "$INST" "$OUT/seed_$variant.sol"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
