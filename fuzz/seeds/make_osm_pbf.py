"""Writes the seed `.osm.pbf` extracts of the osm_pbf fuzz target (corpus/osm_pbf/seed-*).

Each is a few hundred bytes: a header blob and one data blob holding a small road network (a
two-way residential ring, a one-way primary road with maxspeed, a footway that the import drops),
with the nodes as plain nodes or as dense nodes, and the data blob stored raw or zlib-compressed.
The protobuf encoding is written out by hand (fileformat.proto and osmformat.proto of the OSM
PBF format), so the seeds need no library.

    python3 fuzz/seeds/make_osm_pbf.py fuzz/corpus/osm_pbf
"""

import struct
import sys
import zlib
from pathlib import Path


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 63)


def field(number: int, wire: int, payload: bytes) -> bytes:
    return varint((number << 3) | wire) + payload


def uint(number: int, value: int) -> bytes:
    return field(number, 0, varint(value))


def sint(number: int, value: int) -> bytes:
    return field(number, 0, varint(zigzag(value)))


def data(number: int, payload: bytes) -> bytes:
    return field(number, 2, varint(len(payload)) + payload)


def packed(number: int, values, signed=False) -> bytes:
    return data(number, b"".join(varint(zigzag(v) if signed else v) for v in values))


def deltas(values):
    prev = 0
    for v in values:
        yield v - prev
        prev = v


STRINGS = ["", "highway", "residential", "primary", "oneway", "yes", "maxspeed", "50", "footway"]
S = {s: i for i, s in enumerate(STRINGS)}
# Node id -> (lon, lat) in units of 1e-7 degrees (granularity 100 nanodegrees).
NODES = {
    1: (15_200_000, 425_000_000),
    2: (15_210_000, 425_000_000),
    3: (15_210_000, 425_010_000),
    4: (15_200_000, 425_010_000),
    5: (15_220_000, 425_020_000),
}
WAYS = [
    (10, [1, 2, 3, 4, 1], [("highway", "residential")]),
    (11, [3, 5, 2], [("highway", "primary"), ("oneway", "yes"), ("maxspeed", "50")]),
    (12, [4, 5], [("highway", "footway")]),
]


def way(way_id, refs, tags):
    return (
        uint(1, way_id)
        + packed(2, [S[k] for k, _ in tags])
        + packed(3, [S[v] for _, v in tags])
        + packed(8, deltas(refs), signed=True)
    )


def primitive_block(dense: bool) -> bytes:
    table = data(1, b"".join(data(1, s.encode()) for s in STRINGS))
    ids = sorted(NODES)
    if dense:
        nodes = data(
            2,
            packed(1, deltas(ids), signed=True)
            + packed(8, deltas([NODES[i][1] for i in ids]), signed=True)
            + packed(9, deltas([NODES[i][0] for i in ids]), signed=True),
        )
    else:
        nodes = b"".join(
            data(1, sint(1, i) + sint(8, NODES[i][1]) + sint(9, NODES[i][0])) for i in ids
        )
    ways = b"".join(data(3, way(*w)) for w in WAYS)
    return table + data(2, nodes) + data(2, ways)


def blob(kind: str, payload: bytes, compress: bool) -> bytes:
    body = (
        uint(2, len(payload)) + data(3, zlib.compress(payload))
        if compress
        else data(1, payload)
    )
    header = data(1, kind.encode()) + uint(3, len(body))
    return struct.pack(">I", len(header)) + header + body


def extract(dense: bool, compress: bool) -> bytes:
    header = data(4, b"OsmSchema-V0.6") + (data(4, b"DenseNodes") if dense else b"")
    return blob("OSMHeader", header, False) + blob("OSMData", primitive_block(dense), compress)


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for dense in (False, True):
        for compress in (False, True):
            name = f"seed-{'dense' if dense else 'nodes'}-{'zlib' if compress else 'raw'}.osm.pbf"
            (out / name).write_bytes(extract(dense, compress))


if __name__ == "__main__":
    main()
