"""The quality benchmark's protocol and tables: size classes, time-limit parsing (seconds and 2.4n),
the named subsets, client counts from file headers, and the Markdown writer on a fixed fake result set.
None of it needs a peer solver installed."""

from __future__ import annotations

import pytest
from protocol import (
    SUBSETS,
    TimeLimit,
    class_labels,
    count_clients,
    parse_time_limits,
    size_class,
)
from report import Row, Run, compare, gap_ratio, solver_stats, write_report


@pytest.mark.parametrize(
    ("clients", "label"),
    [(1, "<=200"), (100, "<=200"), (200, "<=200"), (201, "201-400"), (400, "201-400"),
     (401, "401-700"), (700, "401-700"), (701, ">700"), (1000, ">700"), (None, "unknown")],
)
def test_size_class_boundaries(clients, label):
    assert size_class(clients) == label


def test_class_labels_in_order():
    assert class_labels() == ["<=200", "201-400", "401-700", ">700"]


def test_time_limits_seconds_and_per_client():
    limits = parse_time_limits("10, 30,2.4n ,300")
    assert [t.label for t in limits] == ["10s", "30s", "2.4n", "300s"]
    assert limits[0].for_clients(1000) == 10.0
    assert limits[2] == TimeLimit(per_client=2.4)
    # The X-set papers' limit: 2.4 s per client, so 240 s for X-n101 (100 clients), 2400 s for X-n1001.
    assert limits[2].for_clients(100) == pytest.approx(240.0)
    assert limits[2].for_clients(1000) == pytest.approx(2400.0)
    assert parse_time_limits("2.4xn")[0].label == "2.4n"
    assert parse_time_limits("1N")[0].for_clients(7) == 7.0


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty value"), ("10,", "empty value"), ("ten", "'ten' is neither seconds"),
     ("2.4m", "'2.4m' is neither"), ("0", "must be a positive"), ("-5", "must be a positive"),
     ("0n", "must be a positive"), ("inf", "finite"), ("10,10", "given twice")],
)
def test_time_limit_errors_name_the_value(text, message):
    with pytest.raises(ValueError, match=message):
        parse_time_limits(text)


def test_per_client_limit_needs_clients():
    with pytest.raises(ValueError, match="2.4n needs the number of clients"):
        TimeLimit(per_client=2.4).for_clients(None)


def clients_of(name: str) -> int:
    """X-nN-kK has N locations, the depot included."""
    return int(name.split("-")[1][1:]) - 1


def test_subsets_spread_over_the_size_classes():
    for name, per_class in (("x4", 1), ("x12", 3)):
        classes = [size_class(clients_of(inst)) for inst in SUBSETS[name]]
        assert {c: classes.count(c) for c in class_labels()} == {c: per_class for c in class_labels()}
        assert len(set(SUBSETS[name])) == len(SUBSETS[name])
    assert set(SUBSETS["x4"]) <= set(SUBSETS["x12"])


def test_count_clients_from_headers(tmp_path):
    vrp = tmp_path / "X-n4-k1.vrp"
    vrp.write_text("NAME : X-n4-k1\nTYPE : CVRP\nDIMENSION : 4\nEDGE_WEIGHT_TYPE : EUC_2D\n")
    assert count_clients(vrp) == 3
    solomon = tmp_path / "T1.txt"
    solomon.write_text(
        "T1\n\nVEHICLE\nNUMBER CAPACITY\n 2 10\n\nCUSTOMER\nCUST NO. XCOORD. YCOORD. DEMAND READY DUE SERVICE\n"
        "0 0 0 0 0 100 0\n1 1 0 1 0 50 1\n2 0 1 1 0 50 1\n"
    )
    assert count_clients(solomon) == 2
    other = tmp_path / "p01.vrpspd"
    other.write_text("whatever\n")
    assert count_clients(other) is None
    assert count_clients(tmp_path / "missing.vrp") is None


def fake_rows() -> list[Row]:
    """Four instances, one per size class, with a skipped peer, an infeasible run and a crash."""
    def runs(g, p, h, p_ok=True, h_ok=True):
        return {"gongpei": Run("gongpei", g, 5, True, 10.0, 9.5),
                "pyvrp": Run("pyvrp", p, 5, p_ok, 10.0, 9.0, "" if p_ok else "check: client 7 visited twice"),
                "hgs": Run("hgs", h, 5, h_ok, 10.2, 10.0, "" if h_ok else "failed: exit -11: Segmentation fault")}

    return [
        Row("X-n101-k25", 100, 1000.0, 10.0, runs=runs(1000.0, 1010.0, 1000.0)),
        Row("X-n247-k50", 246, 2000.0, 10.0, runs=runs(2020.0, 2040.0, 2010.0)),
        Row("X-n502-k39", 501, 4000.0, 10.0, runs=runs(4040.0, 4000.0, None, p_ok=False, h_ok=False)),
        Row("X-n801-k40", 800, 8000.0, 10.0,
            runs={"gongpei": Run("gongpei", 8080.0, 9, True, 10.0, 9.9), "pyvrp": Run("pyvrp", 8160.0, 9, True)},
            skipped={"hgs": "hgs does not model this set"}),
    ]


def test_class_statistics_on_fake_rows():
    rows = fake_rows()
    g = solver_stats(rows, "gongpei")
    assert (g.feasible, g.ran) == (4, 4)
    assert g.average_gap == pytest.approx((0 + 1 + 1 + 1) / 4)  # 0.75
    p = solver_stats(rows, "pyvrp")
    # X-n502 is infeasible for PyVRP: left out of its average, counted as run.
    assert (p.feasible, p.ran) == (3, 4)
    assert p.average_gap == pytest.approx((1 + 2 + 2) / 3)
    assert solver_stats(rows, "hgs").ran == 3
    # Paired over the three instances where both are feasible: gongpei (0 + 1 + 1) / 3, PyVRP 5 / 3.
    ratio, paired, text = gap_ratio(rows, "pyvrp")
    assert (paired, text) == (3, "0.40") and ratio == pytest.approx(0.4)
    # Only one of the two feasible: it counts for gongpei.
    assert compare(rows, "pyvrp") == (4, 0, 0)
    # HGS: equal on X-n101, better than gongpei on X-n247, crashed on X-n502, skipped on X-n801.
    assert compare(rows, "hgs") == (1, 1, 1)
    assert gap_ratio(rows[:1], "hgs")[2] == "both 0"
    assert gap_ratio(rows[1:2], "hgs")[2] == "2.00"


def test_report_on_fake_rows(tmp_path):
    path = tmp_path / "fake.md"
    text = write_report(path, "Fake table", ["run line"], fake_rows(), ["gongpei", "pyvrp", "hgs"],
                        {"gongpei": "CLI", "pyvrp": "pyvrp 0", "hgs": "hygese 0"})
    assert path.read_text() == text
    lines = text.splitlines()
    assert lines[:3] == ["# Fake table", "", "run line"]
    assert "| hgs | hygese 0 | 10.2 | 10.0 |" in lines
    assert ("| X-n801-k40 | 800 | >700 | 10 | 8000.00 | 8080 | 1.00 | yes | 8160 | 2.00 | yes | n/a | - | - |"
            in lines)
    assert ("| X-n502-k39 | 501 | 401-700 | 10 | 4000.00 | 4040 | 1.00 | yes | 4000 | 0.00 | **no** | - | - "
            "| **no** |") in lines
    # Per size class, then overall.
    assert "| <=200 (1) | 0.000 (1/1) | 1.000 (1/1) | 0.000 (1/1) |" in lines
    assert "| 401-700 (1) | 1.000 (1/1) | - (0/1) | - (0/1) |" in lines
    assert "| >700 (1) | 1.000 (1/1) | 2.000 (1/1) | n/a |" in lines
    assert "| all (4) | 0.750 (4/4) | 1.667 (3/4) | 0.250 (2/3) |" in lines
    assert "| <=200 | 0.00 (1) | both 0 (1) |" in lines
    assert "| 401-700 | n/a | n/a |" in lines
    assert "| all | 0.40 (3) | 2.00 (2) |" in lines
    assert "| 201-400 | 1 / 0 / 0 | 0 / 0 / 1 |" in lines
    assert "| 401-700 | 1 / 0 / 0 | 1 / 0 / 0 |" in lines
    assert "| >700 | 1 / 0 / 0 | n/a |" in lines
    assert "| all | 4 / 0 / 0 | 1 / 1 / 1 |" in lines
    # Nothing is dropped silently: the infeasible run, the crash and the skip are notes.
    assert "- X-n502-k39 pyvrp: check: client 7 visited twice" in lines
    assert "- X-n502-k39 hgs: failed: exit -11: Segmentation fault" in lines
    assert "- hgs: not run on this set (hgs does not model this set)" in lines
    # The class tables list only the classes present, smallest first.
    body = text.split("## Average gap % per size class")[1]
    assert body.index("<=200") < body.index("201-400") < body.index("401-700") < body.index(">700")
