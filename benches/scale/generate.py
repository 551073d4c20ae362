#!/usr/bin/env python3
"""Writes a seeded random CVRP instance in VRPLIB (CVRPLIB X-style) format for the scale check.

Clients are uniformly random integer points in [0, 1000] x [0, 1000] with the depot at the
centre (500, 500); demands are uniform integers in [1, 100]; EUC_2D distances (rounded to the
nearest integer, the X convention). The capacity is chosen so that a route holds about
`--per-route` clients on average. Python's `random.Random(seed)` makes the file reproducible.

    python3 benches/scale/generate.py --clients 10000 --seed 1 --out benches/scale/U-n10001-s1.vrp
"""

import argparse
import random
import sys


def generate(clients: int, seed: int, per_route: int) -> str:
    rng = random.Random(seed)
    points = [(500, 500)] + [(rng.randint(0, 1000), rng.randint(0, 1000)) for _ in range(clients)]
    demands = [0] + [rng.randint(1, 100) for _ in range(clients)]
    capacity = per_route * 50  # mean demand is 50.5
    name = f"U-n{clients + 1}-s{seed}"
    lines = [
        f"NAME : {name}",
        f"COMMENT : uniform random CVRP for the gongpei scale check (seed {seed}, "
        f"about {per_route} clients per route)",
        "TYPE : CVRP",
        f"DIMENSION : {clients + 1}",
        "EDGE_WEIGHT_TYPE : EUC_2D",
        f"CAPACITY : {capacity}",
        "NODE_COORD_SECTION",
    ]
    lines += [f"{i + 1}\t{x}\t{y}" for i, (x, y) in enumerate(points)]
    lines.append("DEMAND_SECTION")
    lines += [f"{i + 1}\t{q}" for i, q in enumerate(demands)]
    lines += ["DEPOT_SECTION", "\t1", "\t-1", "EOF", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-route", type=int, default=20)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if args.clients < 1 or args.per_route < 1:
        print("--clients and --per-route must be at least 1", file=sys.stderr)
        return 2
    with open(args.out, "w", encoding="ascii") as f:
        f.write(generate(args.clients, args.seed, args.per_route))
    return 0


if __name__ == "__main__":
    sys.exit(main())
