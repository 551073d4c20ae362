"""Network design of a district: where the sorting centre goes (:func:`site`), which villages
host a service station (:func:`cover`), which field markets get a pre-cooling store
(:func:`cold`) and how often each village is served (:func:`frequency`).

Each question is answered as ``gongpei design ...`` answers it: a location model solved
exactly (HiGHS; proven optimal, or the gap is reported), then the best designs planned by
routing with the cooperation modes and every plan checked by the independent plan checker.
Results keep the engine's whole answer in ``raw`` (the JSON of ``gongpei design ... --json``)
and give pandas DataFrames of it; money is CNY (yuan) per day, distances km, times hours.

>>> import gongpei
>>> from gongpei import design
>>> s = gongpei.Scenario.generate("small", seed=1)
>>> sites = design.site(s, shortlist=1, hubs=[], modes=["postal_express"], iterations=0)
>>> sites.model_choice in set(sites.candidates().index)
True
>>> bool(sites.routed()["feasible"].all())
True

What none of these decide, and what drives their numbers, is in each result's
``assumptions`` list (the same text the CLI prints), e.g. that demand is one average day, that
residents collect at a station within the radius, that capital is amortised without interest
unless the scenario's finance section says otherwise.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Union

from . import _core
from ._keywords import suggest_keywords
from ._numbers import as_int, as_seed
from .errors import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .scenario import Scenario

__all__ = ["ColdStudy", "CoverStudy", "FrequencyStudy", "Siting", "cold", "cover", "frequency", "site"]

#: Default modes of siting, coverage and cold-store designs (as ``gongpei design``).
DEFAULT_MODES = ("postal_express", "combined")
#: Engine iterations per sub-problem of each routed design unless given.
DEFAULT_ITERATIONS = 2000

_KPI_COLUMNS = [
    "cost", "vehicle_km", "vehicles", "driver_hours", "parcels", "villages_served",
    "avg_lead_time_h", "worst_lead_time_h", "co2_kg",
]  # fmt: skip


def _frame(rows: List[Dict[str, Any]], columns: Sequence[str], index: Optional[str] = None) -> "pd.DataFrame":
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(columns))
    return frame.set_index(index) if index is not None else frame


def _mode_row(figures: Dict[str, Any]) -> Dict[str, Any]:
    """One planned mode's figures flattened: KPIs, feasibility and the checker's findings."""
    row = {"mode": figures["mode"]}
    row.update({k: figures["kpis"][k] for k in _KPI_COLUMNS})
    row["feasible"] = figures["feasible"]
    row["violations"] = "; ".join(figures["violations"])
    return row


def _status(status: Dict[str, Any]) -> str:
    return "optimal" if status["status"] == "optimal" else f"gap {100 * status.get('gap', 0):.3f} %"


def _modes_list(modes: Optional[Sequence[str]], default: Sequence[str]) -> List[str]:
    if isinstance(modes, str):
        raise InvalidInputError(f"modes: expected a list of mode names, got the string {modes!r}")
    return list(default if modes is None else modes)


def _run_options(
    modes: Optional[Sequence[str]],
    default_modes: Sequence[str],
    seed: Any,
    iterations: Any,
    time_limit: Optional[float],
    callback: Optional[Callable[[float, int], Any]],
    mip_time_limit: Optional[float] = None,
    mip_threads: Optional[int] = None,
) -> "_core._RunOptions":
    """The options every design shares, checked, as the one dict the compiled functions take."""
    if callback is not None and not callable(callback):
        raise InvalidInputError(
            f"callback must be callable (elapsed, subproblems_solved), got {type(callback).__name__}"
        )
    return {
        "modes": _modes_list(modes, default_modes),
        "seed": as_seed(seed),
        "iterations": as_int(iterations, "iterations", minimum=0),
        "mip_time_limit": mip_time_limit,
        "mip_threads": None if mip_threads is None else as_int(mip_threads, "mip_threads", minimum=0),
        "time_limit": time_limit,
        "callback": callback,
        "callback_interval": 0.2,
    }


def _site_positions(scenario: "Scenario") -> Dict[str, Dict[str, Any]]:
    return {s["id"]: s for s in scenario.sites}


class _DesignResult:
    """What every design result holds: ``raw`` (the CLI's ``--json`` object), its HTML page and
    the modelling assumptions behind its figures."""

    def __init__(self, raw: Dict[str, Any], page: str = "") -> None:
        self.raw = raw
        self._page = page

    @property
    def assumptions(self) -> List[str]:
        """The modelling assumptions behind the figures (as the CLI prints them)."""
        return list(self.raw.get("assumptions", []))

    def to_html(self, path: Union[str, "os.PathLike[str]", None] = None) -> str:
        """The result's self-contained HTML page (the tables, the assumptions and a Leaflet map
        with a layer per run; no network needed), as ``gongpei design <question> --html`` writes
        it; also written to ``path`` when given.

        >>> import gongpei
        >>> page = cold(gongpei.Scenario.generate("small", seed=1), max_hours=[1], modes=["postal_express"], iterations=0).to_html()
        >>> page.startswith("<!DOCTYPE html>"), "leaflet" in page.lower()
        (True, True)
        """
        if path is not None:
            with open(path, "w", encoding="utf-8") as out:
                out.write(self._page)
        return self._page


class Siting(_DesignResult):
    """Where the sorting centre goes: every candidate's model cost as the single hub, the
    shortlist planned by routing with the hub moved there, and the model's several-hub choices.

    >>> import gongpei
    >>> r = site(gongpei.Scenario.generate("small", seed=1), shortlist=1, hubs=[2], modes=["postal_express"], iterations=0)
    >>> list(r.hubs()["hubs"]), r.raw["costs"]["fixed_per_day"]
    ([2], 3000.0)
    """

    def __init__(
        self, raw: Dict[str, Any], geojson: Dict[str, Any], positions: Dict[str, Dict[str, Any]], page: str = ""
    ) -> None:
        super().__init__(raw, page)
        self._geojson = geojson
        self._positions = positions

    @property
    def model_choice(self) -> str:
        """The site the location model (p-median, one hub) chooses.

        >>> import gongpei
        >>> site(gongpei.Scenario.generate("small", seed=1), shortlist=1, hubs=[], modes=["postal_express"], iterations=0).model_choice
        'hub'
        """
        return str(self.raw["model_choice"])

    def candidates(self) -> "pd.DataFrame":
        """One row per candidate site, by model rank: trunk and feeder trips and km, transport,
        handling and fixed cost and the model's daily cost (CNY/day), parcels sorted, whether
        within capacity, lon/lat.

        >>> import gongpei
        >>> c = site(gongpei.Scenario.generate("small", seed=1), shortlist=1, hubs=[], modes=["postal_express"], iterations=0).candidates()
        >>> list(c["rank"])[:2], bool(c["daily_cost"].is_monotonic_increasing)
        ([1, 2], True)
        """
        columns = [
            "site", "name", "rank", "trunk_trips", "trunk_km", "feeder_trips", "feeder_km",
            "transport_cost", "handling_cost", "fixed_cost", "daily_cost", "sorted_parcels",
            "within_capacity", "lon", "lat",
        ]  # fmt: skip
        rows = []
        for c in self.raw["candidates"]:
            row = dict(c)
            position = self._positions.get(c["site"], {})
            row["lon"], row["lat"] = position.get("lon"), position.get("lat")
            rows.append(row)
        return _frame(rows, columns, index="site")

    def routed(self) -> "pd.DataFrame":
        """One row per shortlisted candidate and mode planned with the hub moved there: the
        model's daily cost beside the routed daily cost (CNY/day), vehicle-km, vehicles, lead
        times (h), whether the plan passed the checker and what it found; a candidate the
        planner could not route has one row with ``routing_error``.

        >>> import gongpei
        >>> r = site(gongpei.Scenario.generate("small", seed=1), shortlist=2, hubs=[], modes=["postal_express"], iterations=0).routed()
        >>> len(r), set(r["mode"])
        (2, {'postal_express'})
        """
        rows = []
        for e in self.raw["evaluated"]:
            head = {"site": e["model"]["site"], "name": e["model"]["name"], "model_daily_cost": e["model"]["daily_cost"]}
            if e.get("routing_error"):
                rows.append({**head, "routing_error": e["routing_error"], "feasible": False})
            for m in e["modes"]:
                rows.append({**head, **_mode_row(m), "routing_error": None})
        columns = ["site", "name", "model_daily_cost", "mode", *_KPI_COLUMNS, "feasible", "violations", "routing_error"]
        return _frame(rows, columns)

    def hubs(self) -> "pd.DataFrame":
        """The location model's choice for each several-hub count: the sites, daily cost
        (CNY/day), feeder km, solver status and any capacity violation.

        >>> import gongpei
        >>> h = site(gongpei.Scenario.generate("small", seed=1), shortlist=1, hubs=[2], modes=["postal_express"], iterations=0).hubs()
        >>> [sorted(s) for s in h["sites"]]
        [['120119102', 'hub']]
        """
        rows = [
            {
                "hubs": h["hubs"],
                "sites": list(h["sites"]),
                "daily_cost": h["daily_cost"],
                "km": h["km"],
                "status": _status(h["status"]),
                "capacity_violations": "; ".join(h["capacity_violations"]),
            }
            for h in self.raw["multi_hub"]
        ]
        return _frame(rows, ["hubs", "sites", "daily_cost", "km", "status", "capacity_violations"])

    def geojson(self) -> Dict[str, Any]:
        """The candidates (model and routed costs) as points and the several-hub assignments
        as lines, a GeoJSON FeatureCollection (WGS84); the CLI's ``--geojson`` map.

        >>> import gongpei
        >>> g = site(gongpei.Scenario.generate("small", seed=1), shortlist=1, hubs=[2], modes=["postal_express"], iterations=0).geojson()
        >>> sorted({f["properties"]["kind"] for f in g["features"]})
        ['candidate', 'hubs_2']
        """
        return json.loads(json.dumps(self._geojson))

    def __repr__(self) -> str:
        return f"Siting(candidates={len(self.raw['candidates'])}, routed={len(self.raw['evaluated'])}, model_choice={self.model_choice!r})"


@suggest_keywords
def site(
    scenario: "Scenario",
    *,
    candidates: Optional[Sequence[str]] = None,
    shortlist: int = 5,
    hubs: Sequence[int] = (2, 3),
    fixed_per_day: Optional[float] = None,
    capacity: Optional[float] = None,
    handling_per_parcel: Optional[float] = None,
    modes: Optional[Sequence[str]] = None,
    seed: int = 1,
    iterations: int = DEFAULT_ITERATIONS,
    mip_time_limit: Optional[float] = None,
    mip_threads: Optional[int] = None,
    time_limit: Optional[float] = None,
    callback: Optional[Callable[[float, int], Any]] = None,
) -> Siting:
    """Sorting-centre siting (``gongpei design site``). ``candidates``: site ids (default: every
    township centre and the current hub); ``shortlist``: how many of the model's cheapest
    single-hub candidates are planned by routing with the hub moved there; ``hubs``: hub counts
    solved by the model only; ``fixed_per_day`` (CNY/day), ``capacity`` (parcels/day) and
    ``handling_per_parcel`` (CNY) default to the design crate's documented values and the
    scenario's handling cost. ``modes`` (default postal_express and combined), ``seed`` and
    ``iterations`` (per sub-problem) set the routing; ``mip_time_limit`` / ``mip_threads`` the
    HiGHS runs (default: to proven optimum). ``time_limit`` (s), ``callback(elapsed,
    subproblems_solved)`` returning true, or Ctrl-C stop the work (:class:`gongpei.StoppedError`
    / ``KeyboardInterrupt``).

    >>> import gongpei
    >>> s = gongpei.Scenario.generate("small", seed=1)
    >>> site(s, candidates=["nowhere"], iterations=0)
    Traceback (most recent call last):
    ...
    gongpei.errors.InvalidInputError: candidates: unknown site "nowhere"
    """
    text, geojson, page = _core.design_site(
        scenario._core,
        _run_options(modes, DEFAULT_MODES, seed, iterations, time_limit, callback, mip_time_limit, mip_threads),
        candidates=None if candidates is None else list(candidates),
        shortlist=as_int(shortlist, "shortlist", minimum=0),
        hubs=[as_int(h, "hubs", minimum=0) for h in hubs],
        fixed_per_day=fixed_per_day,
        capacity=capacity,
        handling_per_parcel=handling_per_parcel,
    )
    return Siting(json.loads(text), json.loads(geojson), _site_positions(scenario), page)


class CoverStudy(_DesignResult):
    """Which villages host a service station: one design per radius D (set covering, every
    village within D km by road) and per station count K (maximal covering), each routed with
    the demand of the villages it serves merged at their station, beside today's routing.

    >>> import gongpei
    >>> c = cover(gongpei.Scenario.generate("small", seed=1), radius_km=[3], modes=["postal_express"], iterations=0)
    >>> c.labels
    ['D=3km']
    """

    def __init__(self, raw: Dict[str, Any], geojson: Dict[str, Any], page: str = "") -> None:
        super().__init__(raw, page)
        self._geojson = geojson
        self._designs = {_cover_label(e["design"]): e for e in raw["by_radius"] + raw["by_stations"]}

    @property
    def labels(self) -> List[str]:
        """The designs' names (``D=3km``, ``D=3km,K=60``), in the order solved."""
        return list(self._designs)

    def designs(self) -> "pd.DataFrame":
        """One row per design and mode: D (km), K, stations, upgraded existing sites, villages
        left at home for capacity, stations' daily cost (amortised capital + operating,
        CNY/day), capital (CNY), share of parcels served at a station, residents' average and
        worst distance to their station (km), the routed cost, routed + stations total
        (CNY/day), vehicle-km, vehicles, feasibility, vans added to the shared fleet and the
        solver status. A design the planner could not route (or ``model_only``) has one row
        without a mode.

        >>> import gongpei
        >>> d = cover(gongpei.Scenario.generate("small", seed=1), radius_km=[2, 5], modes=["postal_express"], iterations=0).designs()
        >>> bool(d.loc[0, "stations"] >= d.loc[1, "stations"]), bool((d["total_per_day"] == d["cost"] + d["station_cost_per_day"]).all())
        (True, True)
        """
        rows = []
        for label, e in self._designs.items():
            d = e["design"]
            head = {
                "design": label,
                "radius_km": d["radius_km"],
                "max_stations": d["max_stations"],
                "stations": len(d["stations"]),
                "upgrades": sum(1 for s in d["stations"] if s["upgrades"] is not None),
                "left_at_home": len(d["over_capacity"]),
                "station_cost_per_day": d["station_cost_per_day"],
                "capital": d["capital"],
                "covered_share": d["covered_parcels"] / max(d["total_parcels"], 1),
                "avg_resident_km": d["avg_resident_km"],
                "worst_resident_km": d["worst_resident_km"],
                "status": _status(d["status"]),
                "fleet_added": "; ".join(e["fleet_added"]),
                "routing_error": e.get("routing_error"),
            }
            if not e["modes"]:
                rows.append(head)
            for m in e["modes"]:
                row = {**head, **_mode_row(m)}
                row["total_per_day"] = row["cost"] + d["station_cost_per_day"]
                rows.append(row)
        columns = [
            "design", "radius_km", "max_stations", "stations", "upgrades", "left_at_home",
            "station_cost_per_day", "capital", "covered_share", "avg_resident_km",
            "worst_resident_km", "mode", "cost", "total_per_day", "vehicle_km", "vehicles",
            "feasible", "violations", "fleet_added", "routing_error", "status",
        ]  # fmt: skip
        return _frame(rows, columns)

    def baseline(self) -> "pd.DataFrame":
        """Today's routing (a stop at every village), one row per mode, for comparison.

        >>> import gongpei
        >>> b = cover(gongpei.Scenario.generate("small", seed=1), radius_km=[3], modes=["postal_express"], iterations=0).baseline()
        >>> list(b["mode"])
        ['postal_express']
        """
        return _frame([_mode_row(m) for m in self.raw["baseline"]], ["mode", *_KPI_COLUMNS, "feasible", "violations"])

    def stations(self, design: str) -> "pd.DataFrame":
        """The stations of one design (a name from :attr:`labels`): site, name, the existing
        facility it upgrades (or none), daily cost (CNY/day) and villages served there. An
        unknown name raises :class:`gongpei.InvalidInputError` listing the designs.

        >>> import gongpei
        >>> c = cover(gongpei.Scenario.generate("small", seed=1), radius_km=[3], modes=["postal_express"], iterations=0)
        >>> int(c.stations("D=3km")["villages"].sum())
        34
        """
        rows = self._design(design)["design"]["stations"]
        return _frame(rows, ["site", "name", "upgrades", "cost_per_day", "villages"], index="site")

    def assignment(self, design: str) -> "pd.DataFrame":
        """Every village and the station it is served at in one design (``None``: served at
        home, outside every radius or too big to merge).

        >>> import gongpei
        >>> c = cover(gongpei.Scenario.generate("small", seed=1), radius_km=[3], modes=["postal_express"], iterations=0)
        >>> a = c.assignment("D=3km")
        >>> len(a), bool(a["station"].notna().all())
        (34, True)
        """
        rows = [{"village": v, "station": s} for v, s in self._design(design)["design"]["assignment"]]
        return _frame(rows, ["village", "station"], index="village")

    def _design(self, label: str) -> Dict[str, Any]:
        if label not in self._designs:
            raise InvalidInputError(f"unknown design {label!r}; available: {', '.join(self._designs)}")
        return self._designs[label]

    def geojson(self) -> Dict[str, Any]:
        """Every design's stations as points and each village's line to its station, a GeoJSON
        FeatureCollection (WGS84), each feature's ``design`` naming its design.

        >>> import gongpei
        >>> g = cover(gongpei.Scenario.generate("small", seed=1), radius_km=[3], modes=["postal_express"], iterations=0).geojson()
        >>> {f["properties"]["design"] for f in g["features"]}
        {'D=3km'}
        """
        return json.loads(json.dumps(self._geojson))

    def __repr__(self) -> str:
        return f"CoverStudy(designs={self.labels})"


def _cover_label(design: Dict[str, Any]) -> str:
    """The Rust ``CoverDesign::label`` (``D=3km``, ``D=2.5km,K=60``), from the JSON form."""
    radius = design["radius_km"]
    text = f"D={int(radius) if float(radius).is_integer() else radius}km"
    return text if design["max_stations"] is None else f"{text},K={design['max_stations']}"


@suggest_keywords
def cover(
    scenario: "Scenario",
    *,
    radius_km: Sequence[float] = (2.0, 3.0, 5.0),
    max_stations: Sequence[int] = (),
    k_radius_km: Optional[float] = None,
    candidates: Optional[Sequence[str]] = None,
    build_capital: Optional[float] = None,
    upgrade_capital: Optional[float] = None,
    build_operating_per_day: Optional[float] = None,
    upgrade_operating_per_day: Optional[float] = None,
    amortisation_years: Optional[float] = None,
    model_only: bool = False,
    modes: Optional[Sequence[str]] = None,
    seed: int = 1,
    iterations: int = DEFAULT_ITERATIONS,
    mip_time_limit: Optional[float] = None,
    mip_threads: Optional[int] = None,
    time_limit: Optional[float] = None,
    callback: Optional[Callable[[float, int], Any]] = None,
) -> CoverStudy:
    """Station coverage (``gongpei design cover``): set covering for each radius in
    ``radius_km`` (km by road) and maximal covering for each K in ``max_stations`` at
    ``k_radius_km`` (default: the first radius); ``candidates`` (village ids; default every
    village station); station costs in CNY (capital) and CNY/day (operating), new or upgraded
    existing site (default: the design crate's documented values); ``model_only`` skips the
    routing. Routing, solver and stop keywords as in :func:`site`.

    >>> import gongpei
    >>> s = gongpei.Scenario.generate("small", seed=1)
    >>> cover(s, radius_km=[1], candidates=["120119102201"], model_only=True)
    Traceback (most recent call last):
    ...
    gongpei.errors.InvalidInputError: radius_km: 1 km leaves village 120119102202 (梁后庄村委会) uncovered: its nearest candidate 120119102201 (沟河北村委会) is 2.89 km away by road
    """
    text, geojson, page = _core.design_cover(
        scenario._core,
        _run_options(modes, DEFAULT_MODES, seed, iterations, time_limit, callback, mip_time_limit, mip_threads),
        radius_km=[float(r) for r in radius_km],
        max_stations=[as_int(k, "max_stations", minimum=0) for k in max_stations],
        k_radius_km=k_radius_km,
        candidates=None if candidates is None else list(candidates),
        build_capital=build_capital,
        upgrade_capital=upgrade_capital,
        build_operating_per_day=build_operating_per_day,
        upgrade_operating_per_day=upgrade_operating_per_day,
        amortisation_years=amortisation_years,
        model_only=bool(model_only),
    )
    return CoverStudy(json.loads(text), json.loads(geojson), page)


class ColdStudy(_DesignResult):
    """Pre-cooling stores at field markets, one design per limit: the stores chosen so that
    chilled produce reaches one within the limit, each store's collection planned, the status
    quo (one cold store) beside it and which of the two to choose.

    >>> import gongpei
    >>> c = cold(gongpei.Scenario.generate("small", seed=1), max_hours=[2, 1], modes=["postal_express"], iterations=0)
    >>> list(c.designs()["limit_h"])
    [2.0, 1.0]
    """

    @property
    def assumptions(self) -> List[str]:
        """The modelling assumptions behind the figures (as the CLI prints them)."""
        return list(self.raw["designs"][0]["assumptions"]) if self.raw["designs"] else []

    def designs(self) -> "pd.DataFrame":
        """One row per limit: limit (h), villages with chilled pickups, stores, the stores'
        daily cost (amortised capital + running, CNY/day), the collection's routed cost, their
        total, feasibility, solver status, the status quo's site and cost (NaN when it cannot meet
        the limit: see ``villages_beyond_round_trip``) and which to choose (``recommendation``).

        >>> import gongpei
        >>> d = cold(gongpei.Scenario.generate("small", seed=1), max_hours=[1], modes=["postal_express"], iterations=0).designs()
        >>> bool((d["total_per_day"] == d["stores_cost_per_day"] + d["collection_cost_per_day"]).all())
        True
        """
        rows = []
        for d in self.raw["designs"]:
            b = d["baseline"]
            rows.append(
                {
                    "limit_h": d["max_precooling_s"] / 3600,
                    "villages": d["villages"],
                    "stores": len(d["stores"]),
                    "stores_cost_per_day": d["stores_cost_per_day"],
                    "collection_cost_per_day": d["collection_cost_per_day"],
                    "total_per_day": d["stores_cost_per_day"] + d["collection_cost_per_day"],
                    "feasible": d["feasible"],
                    "status": _status(d["status"]),
                    "status_quo_site": b["site"],
                    # A plan that breaks the limit has no cost to compare: NaN, not its partial cost.
                    "status_quo_cost_per_day": b["collection"]["kpis"]["cost"] if b["collection"]["feasible"] else float("nan"),
                    "status_quo_feasible": b["collection"]["feasible"],
                    "villages_beyond_round_trip": len(b["villages_beyond_round_trip"]),
                    "recommendation": d["recommendation"],
                }
            )
        columns = [
            "limit_h", "villages", "stores", "stores_cost_per_day", "collection_cost_per_day",
            "total_per_day", "feasible", "status", "status_quo_site", "status_quo_cost_per_day",
            "status_quo_feasible", "villages_beyond_round_trip", "recommendation",
        ]  # fmt: skip
        return _frame(rows, columns)

    def stores(self, limit_h: Optional[float] = None) -> "pd.DataFrame":
        """The stores of every design (or of the design for ``limit_h`` hours): site, name,
        villages assigned, parcels a day, the farthest drive to it (s), the collection's cost
        (CNY/day) and vehicle-km and whether it passed the checker.

        >>> import gongpei
        >>> c = cold(gongpei.Scenario.generate("small", seed=1), max_hours=[1], modes=["postal_express"], iterations=0)
        >>> bool((c.stores(1.0)["farthest_drive_s"] <= 3600).all())
        True
        """
        rows = []
        for d in self.raw["designs"]:
            hours = d["max_precooling_s"] / 3600
            if limit_h is not None and abs(hours - limit_h) > 1e-9:
                continue
            for s in d["stores"]:
                c = s["collection"]
                rows.append(
                    {
                        "limit_h": hours, "site": s["site"], "name": s["name"],
                        "villages": len(s["villages"]), "parcels_per_day": s["parcels_per_day"],
                        "farthest_drive_s": s["farthest_drive_s"], "collection_cost": c["kpis"]["cost"],
                        "vehicle_km": c["kpis"]["vehicle_km"], "feasible": c["feasible"],
                        "violations": "; ".join(c["violations"]),
                    }
                )  # fmt: skip
        if limit_h is not None and not rows and not any(
            abs(d["max_precooling_s"] / 3600 - limit_h) <= 1e-9 for d in self.raw["designs"]
        ):
            limits = ", ".join(f"{d['max_precooling_s'] / 3600:g}" for d in self.raw["designs"])
            raise InvalidInputError(f"no design for limit_h={limit_h}; designed: {limits}")
        columns = [
            "limit_h", "site", "name", "villages", "parcels_per_day", "farthest_drive_s",
            "collection_cost", "vehicle_km", "feasible", "violations",
        ]  # fmt: skip
        return _frame(rows, columns)

    def __repr__(self) -> str:
        return f"ColdStudy(limits_h={[d['max_precooling_s'] / 3600 for d in self.raw['designs']]})"


@suggest_keywords
def cold(
    scenario: "Scenario",
    *,
    max_hours: Optional[Sequence[float]] = None,
    candidates: Optional[Sequence[str]] = None,
    store_capital: Optional[float] = None,
    store_life_years: Optional[float] = None,
    store_running_per_day: Optional[float] = None,
    modes: Optional[Sequence[str]] = None,
    seed: int = 1,
    iterations: int = DEFAULT_ITERATIONS,
    mip_time_limit: Optional[float] = None,
    mip_threads: Optional[int] = None,
    time_limit: Optional[float] = None,
    callback: Optional[Callable[[float, int], Any]] = None,
) -> ColdStudy:
    """Pre-cooling stores (``gongpei design cold``) for each limit in ``max_hours`` (hours from
    pickup; default the scenario's ``costs.max_chilled_duration_s``); ``candidates`` (market site
    ids; default every village with chilled pickups, every township centre and the current cold
    store); store investment (CNY), life (years) and running cost (CNY/day) default to the design
    crate's documented values. Routing, solver and stop keywords as in :func:`site`.

    >>> import gongpei
    >>> cold(gongpei.Scenario.generate("small", seed=1), max_hours=[-1])
    Traceback (most recent call last):
    ...
    gongpei.errors.InvalidInputError: max_hours: -1 is not a positive number of hours
    """
    text, page = _core.design_cold(
        scenario._core,
        _run_options(modes, DEFAULT_MODES, seed, iterations, time_limit, callback, mip_time_limit, mip_threads),
        max_hours=None if max_hours is None else [float(h) for h in max_hours],
        candidates=None if candidates is None else list(candidates),
        store_capital=store_capital,
        store_life_years=store_life_years,
        store_running_per_day=store_running_per_day,
    )
    return ColdStudy(json.loads(text), page)


class FrequencyStudy(_DesignResult):
    """A weekly plan per lead-time target and mode: each village's visit pattern (daily, every
    other day, three days a week, ...), the week's routed figures and the cost against
    service-level curve.

    >>> import gongpei
    >>> f = frequency(gongpei.Scenario.generate("small", seed=1), max_wait_days=[1, 2], modes=["postal_express"], max_moves=2)
    >>> list(f.curve()["max_wait_days"])
    [1, 2]
    """

    def curve(self) -> "pd.DataFrame":
        """The cost against service-level curve: one row per mode and lead-time target (the
        longest a parcel waits for a visit, days): weekly cost and cost per day (CNY), saving
        against daily visits (%), average lead time (h), visits a week, feasibility.

        >>> import gongpei
        >>> c = frequency(gongpei.Scenario.generate("small", seed=1), max_wait_days=[1, 2], modes=["postal_express"], max_moves=2).curve()
        >>> bool(c["cost_per_day"].iloc[1] <= c["cost_per_day"].iloc[0])
        True
        """
        columns = [
            "mode", "max_wait_days", "weekly_cost", "cost_per_day", "saving_pct",
            "avg_lead_time_h", "visits_per_week", "feasible",
        ]  # fmt: skip
        return _frame(self.raw["curve"], columns)

    def _week(self, max_wait_days: int, mode: str) -> Dict[str, Any]:
        for target in self.raw["targets"]:
            for week in target["modes"]:
                if target["max_wait_days"] == max_wait_days and week["mode"] == mode:
                    return dict(week)
        planned = sorted({(t["max_wait_days"], w["mode"]) for t in self.raw["targets"] for w in t["modes"]})
        raise InvalidInputError(f"no week planned for max_wait_days={max_wait_days}, mode={mode!r}; planned: {planned}")

    def patterns(self, max_wait_days: int, mode: str) -> "pd.DataFrame":
        """Each village's visit pattern in the week for one target and mode: the pattern, its
        offset, the days (``1111111`` = every day, Monday first), visits a week and the longest
        gap (days).

        >>> import gongpei
        >>> p = frequency(gongpei.Scenario.generate("small", seed=1), max_wait_days=[1], modes=["postal_express"], max_moves=0).patterns(1, "postal_express")
        >>> set(p["days"])
        {'1111111'}
        """
        rows = self._week(max_wait_days, mode)["villages"]
        columns = ["village", "name", "pattern", "offset", "days", "visits_per_week", "longest_gap_days"]
        return _frame(rows, columns, index="village")

    def days(self, max_wait_days: int, mode: str) -> "pd.DataFrame":
        """The seven days of one target and mode: routed cost (CNY), vehicle-km, vehicles,
        parcels, villages visited and whether the day's plan passed the checker.

        >>> import gongpei
        >>> d = frequency(gongpei.Scenario.generate("small", seed=1), max_wait_days=[1], modes=["postal_express"], max_moves=0).days(1, "postal_express")
        >>> len(d), bool(d["feasible"].all())
        (7, True)
        """
        columns = ["day", "cost", "vehicle_km", "vehicles", "parcels", "villages_visited", "feasible"]
        return _frame(self._week(max_wait_days, mode)["days"], columns, index="day")

    def __repr__(self) -> str:
        return f"FrequencyStudy(targets={[t['max_wait_days'] for t in self.raw['targets']]})"


@suggest_keywords
def frequency(
    scenario: "Scenario",
    *,
    max_wait_days: Sequence[int] = (1, 2, 3, 4),
    modes: Optional[Sequence[str]] = None,
    max_moves: Optional[int] = None,
    handover_s_per_parcel: Optional[float] = None,
    townships: Sequence[str] = (),
    seed: int = 1,
    iterations: int = 0,
    time_limit: Optional[float] = None,
    callback: Optional[Callable[[float, int], Any]] = None,
) -> FrequencyStudy:
    """Weekly service frequency (``gongpei design frequency``): one curve point per lead-time
    target in ``max_wait_days`` (1 = daily) and mode (default postal_express and separate);
    ``max_moves`` pattern moves per target and mode; ``handover_s_per_parcel`` the extra hand-over
    time of the parcels a visit carries beyond one day's; ``townships`` (township centre ids)
    keeps only their demand, a slice of a large district; ``iterations`` per sub-problem of each
    day's plan (default 0, the quickest). Stop keywords as in :func:`site`.

    >>> import gongpei
    >>> frequency(gongpei.Scenario.generate("small", seed=1), max_wait_days=[0])
    Traceback (most recent call last):
    ...
    gongpei.errors.InvalidInputError: max_wait_days[0]: 0 days: a target must be at least 1 day (1 = daily visits)
    """
    text, page = _core.design_frequency(
        scenario._core,
        _run_options(modes, ("postal_express", "separate"), seed, iterations, time_limit, callback),
        max_wait_days=[as_int(d, "max_wait_days") for d in max_wait_days],
        max_moves=None if max_moves is None else as_int(max_moves, "max_moves", minimum=0),
        handover_s_per_parcel=handover_s_per_parcel,
        townships=list(townships),
    )
    return FrequencyStudy(json.loads(text), page)
