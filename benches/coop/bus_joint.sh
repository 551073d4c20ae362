#!/usr/bin/env bash
# Greedy against joint 交邮合作 rider choice: transport_postal cost and wall time per preset and
# engine seed. Usage: benches/coop/bus_joint.sh [presets...] (default: small pinggu jizhou).
# Needs target/ci/gongpei (cargo build -p gongpei-cli --profile ci). Prints markdown rows.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
g="$root/target/ci/gongpei"
work=$(mktemp -d)
echo "| preset | seed | greedy CNY | joint CNY | joint - greedy | greedy s | joint s |"
echo "|---|---|---|---|---|---|---|"
for preset in "${@:-small pinggu jizhou}"; do
  for p in $preset; do
    case $p in
      pinggu) "$g" scenario generate --division "$root/data/districts/pinggu" --out "$work/$p.json" >/dev/null 2>&1 ;;
      *) "$g" scenario generate --preset "$p" --out "$work/$p.json" >/dev/null 2>&1 ;;
    esac
    for seed in 1 2 3; do
      declare -A cost secs
      for ch in greedy joint; do
        t0=$(date +%s.%N)
        "$g" scenario compare "$work/$p.json" --modes transport_postal --allocate none \
          --seed "$seed" --bus-choice "$ch" --out "$work/out_$ch" >/dev/null 2>&1
        secs[$ch]=$(echo "$(date +%s.%N) - $t0" | bc)
        cost[$ch]=$(python3 -c "import json,sys;c=json.load(open(sys.argv[1]));print(next(m['kpis']['cost'] for m in c['modes'] if m['mode']=='transport_postal'))" "$work/out_$ch/compare.json")
      done
      python3 -c "import sys;p,s,g,j,gs,js=sys.argv[1:];print(f'| {p} | {s} | {float(g):.2f} | {float(j):.2f} | {float(j)-float(g):+.2f} | {float(gs):.1f} | {float(js):.1f} |')" \
        "$p" "$seed" "${cost[greedy]}" "${cost[joint]}" "${secs[greedy]}" "${secs[joint]}"
    done
  done
done
rm -rf "$work"
