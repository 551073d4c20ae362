"""gongpei.design: the network design questions from Python give the CLI's answer, their
DataFrames agree with the raw results, every plan passes the checker, a seed fixes the answer,
bad input names what is wrong and a stop raises StoppedError."""

from __future__ import annotations

import json
import pathlib
import subprocess
from typing import Any, Callable, Dict, List

import pytest

import gongpei
from conftest import REPO
from gongpei import design

pd = pytest.importorskip("pandas")

SMALL = REPO / "examples" / "scenarios" / "small_seed1.json"
QUICK: Dict[str, Any] = {"modes": ["postal_express"], "iterations": 0}


@pytest.fixture(scope="module")
def small() -> gongpei.Scenario:
    return gongpei.Scenario.from_json(SMALL)


def cli_json(cli: pathlib.Path, *args: str) -> Dict[str, Any]:
    done = subprocess.run(
        [str(cli), "design", *args, str(SMALL), "--json", "--quiet"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    result: Dict[str, Any] = json.loads(done.stdout)
    return result


CASES: List[Any] = [
    (
        ["site", "--shortlist", "2", "--hubs", "2", "--modes", "postal_express,combined", "--iterations", "50"],
        lambda s: design.site(s, shortlist=2, hubs=[2], modes=["postal_express", "combined"], iterations=50).raw,
    ),
    (
        ["cover", "--radius-km", "2,3", "--max-stations", "2", "--modes", "postal_express", "--iterations", "50"],
        lambda s: design.cover(s, radius_km=[2, 3], max_stations=[2], modes=["postal_express"], iterations=50).raw,
    ),
    (
        ["cold", "--max-hours", "2,1", "--modes", "postal_express", "--iterations", "50"],
        lambda s: design.cold(s, max_hours=[2, 1], modes=["postal_express"], iterations=50).raw,
    ),
    (
        ["frequency", "--max-wait-days", "1,2", "--modes", "postal_express", "--max-moves", "3"],
        lambda s: design.frequency(s, max_wait_days=[1, 2], modes=["postal_express"], max_moves=3).raw,
    ),
]  # fmt: skip


@pytest.mark.parametrize(("args", "from_python"), CASES, ids=["site", "cover", "cold", "frequency"])
def test_same_result_as_cli(
    cli: pathlib.Path,
    small: gongpei.Scenario,
    args: List[str],
    from_python: Callable[[gongpei.Scenario], Dict[str, Any]],
) -> None:
    command, options = args[0], args[1:]
    assert from_python(small) == cli_json(cli, command, *options)


def test_siting_frames(small: gongpei.Scenario) -> None:
    r = design.site(small, shortlist=2, hubs=[2], **QUICK)
    candidates = r.candidates()
    assert list(candidates["rank"]) == sorted(candidates["rank"])
    assert r.model_choice == candidates.index[0]
    parts = candidates[["transport_cost", "handling_cost", "fixed_cost"]].sum(axis=1)
    assert (parts - candidates["daily_cost"]).abs().max() < 1e-6
    assert candidates["lon"].notna().all() and candidates["lat"].notna().all()
    routed = r.routed()
    assert list(routed["site"]) == list(candidates.index[:2])
    assert routed["feasible"].all() and (routed["violations"] == "").all()
    assert (routed["cost"] > 0).all()
    hubs = r.hubs()
    assert list(hubs["hubs"]) == [2] and hubs.loc[0, "status"] == "optimal"
    points = [f for f in r.geojson()["features"] if f["properties"]["kind"] == "candidate"]
    assert {f["properties"]["site"] for f in points} == set(candidates.index)
    assert r.assumptions and all(isinstance(a, str) for a in r.assumptions)


def test_cover_frames(small: gongpei.Scenario) -> None:
    c = design.cover(small, radius_km=[2, 5], max_stations=[1], **QUICK)
    assert c.labels == ["D=2km", "D=5km", "D=2km,K=1"]
    designs = c.designs()
    assert list(designs["design"]) == c.labels
    assert designs["feasible"].all()
    assert ((designs["total_per_day"] - designs["cost"] - designs["station_cost_per_day"]).abs() < 1e-9).all()
    # A larger radius never needs more stations; set covering serves every village.
    by = designs.set_index("design")
    assert by.loc["D=5km", "stations"] <= by.loc["D=2km", "stations"]
    assert by.loc["D=2km", "covered_share"] == pytest.approx(1.0)
    assert by.loc["D=2km,K=1", "stations"] == 1
    stations = c.stations("D=2km")
    assignment = c.assignment("D=2km")
    served = assignment["station"].value_counts()
    assert set(served.index) == set(stations.index)
    assert (served.reindex(stations.index) == stations["villages"]).all()
    assert len(c.baseline()) == 1
    labels = {f["properties"]["design"] for f in c.geojson()["features"]}
    assert labels == set(c.labels)
    with pytest.raises(gongpei.InvalidInputError, match="unknown design 'D=4km'; available: D=2km"):
        c.stations("D=4km")


def test_cover_model_only_has_no_routing(small: gongpei.Scenario) -> None:
    designs = design.cover(small, radius_km=[3], model_only=True).designs()
    assert len(designs) == 1 and pd.isna(designs.loc[0, "mode"])


def test_cold_frames(small: gongpei.Scenario) -> None:
    c = design.cold(small, max_hours=[2, 0.5], **QUICK)
    designs = c.designs()
    assert list(designs["limit_h"]) == [2.0, 0.5]
    assert designs["feasible"].all()
    assert set(designs["recommendation"]) <= {"stores", "status_quo"}
    stores = c.stores()
    assert (stores["farthest_drive_s"] <= stores["limit_h"] * 3600).all()
    # A tighter limit never needs fewer stores.
    assert designs.loc[1, "stores"] >= designs.loc[0, "stores"]
    with pytest.raises(gongpei.InvalidInputError, match="no design for limit_h=3"):
        c.stores(3)


def test_frequency_frames(small: gongpei.Scenario) -> None:
    f = design.frequency(small, max_wait_days=[1, 3], modes=["postal_express"], max_moves=3)
    curve = f.curve()
    assert list(curve["max_wait_days"]) == [1, 3] and curve["feasible"].all()
    assert curve.loc[1, "cost_per_day"] <= curve.loc[0, "cost_per_day"]
    patterns = f.patterns(3, "postal_express")
    assert (patterns["longest_gap_days"] <= 3).all()
    assert (patterns["visits_per_week"] == patterns["days"].str.count("1")).all()
    days = f.days(3, "postal_express")
    assert list(days.index) == list(range(7))
    week = f.raw["targets"][1]["modes"][0]
    assert days["cost"].sum() == pytest.approx(week["weekly_cost"])
    with pytest.raises(gongpei.InvalidInputError, match="no week planned for max_wait_days=2"):
        f.patterns(2, "postal_express")


def test_frequency_township_slice(small: gongpei.Scenario) -> None:
    township = next(s["township"] for s in small.sites if s.get("township"))
    sliced = design.frequency(small, max_wait_days=[1], modes=["postal_express"], max_moves=0, townships=[township])
    assert sliced.raw["villages"] == 34
    with pytest.raises(gongpei.InvalidInputError, match='townships: "nowhere" is not the township'):
        design.frequency(small, max_wait_days=[1], townships=["nowhere"])


def test_a_seed_fixes_the_answer(small: gongpei.Scenario) -> None:
    first = design.site(small, shortlist=1, hubs=[], modes=["postal_express"], iterations=100, seed=3).raw
    again = design.site(small, shortlist=1, hubs=[], modes=["postal_express"], iterations=100, seed=3).raw
    assert first == again


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: design.site(s, fixed_per_day=-1, **QUICK), "fixed_per_day"),
        (lambda s: design.site(s, shortlist=0, **QUICK), "shortlist: must be at least 1"),
        (lambda s: design.site(s, modes=["lorry"], iterations=0), "modes: "),
        (lambda s: design.site(s, modes="postal_express", iterations=0), "expected a list of mode names"),
        (lambda s: design.site(s, mip_threads=0, **QUICK), "mip_threads must be at least 1"),
        (lambda s: design.site(s, mip_time_limit=-2, **QUICK), "mip_time_limit = -2"),
        (lambda s: design.cover(s, build_capital=float("nan"), **QUICK), "build_capital"),
        (lambda s: design.cover(s, radius_km=[-1], **QUICK), "radius_km"),
        (lambda s: design.cold(s, max_hours=[], **QUICK), "max_hours: no limit given"),
        (lambda s: design.cold(s, store_life_years=-3, **QUICK), "life"),
        (lambda s: design.frequency(s, max_wait_days=[-2]), "max_wait_days"),
        (lambda s: design.site(s, time_limit=-1, **QUICK), "time_limit = -1"),
    ],
)
def test_bad_input_names_the_field(small: gongpei.Scenario, call: Callable[[Any], Any], message: str) -> None:
    with pytest.raises(gongpei.InvalidInputError, match=message):
        call(small)


def test_mistyped_keyword_names_the_closest(small: gongpei.Scenario) -> None:
    with pytest.raises(TypeError, match="did you mean 'radius_km'"):
        design.cover(small, radius=[3])  # type: ignore[call-arg]


def test_callback_stops_with_stopped_error(small: gongpei.Scenario) -> None:
    calls: List[float] = []

    def stop(elapsed: float, solved: int) -> bool:
        calls.append(elapsed)
        return True

    with pytest.raises(gongpei.StoppedError, match="design cover stopped .* the callback asked to stop"):
        design.cover(small, radius_km=[2, 3, 5], modes=["postal_express", "combined"], iterations=5000, callback=stop)
    assert calls


def test_time_limit_stops_with_stopped_error(small: gongpei.Scenario) -> None:
    with pytest.raises(gongpei.StoppedError, match="time_limit of 0.0 s reached"):
        design.site(small, hubs=[], modes=["postal_express", "combined"], iterations=5000, time_limit=0)


def test_callback_error_is_raised(small: gongpei.Scenario) -> None:
    def broken(elapsed: float, solved: int) -> bool:
        raise ValueError("from the callback")

    with pytest.raises(ValueError, match="from the callback"):
        design.cover(small, modes=["postal_express", "combined"], iterations=5000, callback=broken)


def test_page_is_the_cli_page(cli: pathlib.Path, small: gongpei.Scenario, tmp_path: pathlib.Path) -> None:
    cli_page = tmp_path / "cli.html"
    done = subprocess.run(
        [str(cli), "design", "cover", str(SMALL), "--radius-km", "2,3", "--modes", "postal_express",
         "--iterations", "0", "--quiet", "--html", str(cli_page)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    study = design.cover(small, radius_km=[2, 3], **QUICK)
    written = tmp_path / "python.html"
    page = study.to_html(written)
    assert page == cli_page.read_text(encoding="utf-8") == written.read_text(encoding="utf-8")
    assert all(label in page for label in study.labels)
