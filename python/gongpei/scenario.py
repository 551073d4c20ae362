"""Rural district scenarios: delivery modes compared, joint costs allocated, plans on a map.

A :class:`Scenario` describes one day of parcel flows in a district (sites with WGS84 coordinates,
roads, carriers, demand, fleets, bus lines, costs). :meth:`Scenario.compare_modes` plans every
delivery mode — ``separate`` (each carrier alone), ``postal_express`` (邮快合作),
``transport_postal`` (交邮合作, parcels on buses), ``combined``, ``express_pool`` (快快合作: the
express carriers pool without China Post, one lead carrier per township chosen by a search priced
by routing), ``express_pool_single`` (快快合作 with the best single lead) and ``commerce``
(快商合作: 邮快合作 whose shared vans also carry the commerce partners' B2B replenishment of village
shops, and leave parcels at pick-up point shops) — and
:meth:`Scenario.allocate` splits the cooperative cost among carriers (Shapley value and others).

>>> import gongpei
>>> s = gongpei.Scenario.generate("small", seed=1)
>>> s.name, sum(site["tier"] == "village_station" for site in s.sites)
('small', 34)
>>> table = s.compare_modes(iterations=0)  # effort 0: the quickest plans, for a first look
>>> list(table.index)
['separate', 'postal_express', 'transport_postal', 'combined', 'express_pool', 'express_pool_single', 'commerce']
>>> shares = s.allocate("shapley", iterations=0)  # CNY per day, one row per carrier
>>> shares.attrs["mode"], list(shares.index) == s.compare(iterations=0).carriers
('combined', True)
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from ._keywords import check_keywords, keyword_names, suggest_keywords
from ._numbers import as_int, as_seed
from .errors import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["Scenario", "Comparison"]

_TIER_STYLE = {
    "district_hub": ("s", 90, "red"),
    "township_centre": ("^", 45, "tab:blue"),
    "village_station": ("o", 12, "0.35"),
    "bus_stop": ("x", 20, "tab:green"),
    "junction": (".", 4, "0.7"),
}


def _require(module: str, what: str) -> None:
    """Fails before any work when an optional dependency is missing."""
    import importlib

    try:
        importlib.import_module(module)
    except ImportError as err:
        raise ImportError(
            f"{what} needs {module}: pip install {module} (or pip install 'gongpei[all]')"
        ) from err


class _SubproblemBar:
    """A tqdm bar counting the comparison's solved sub-problems (their total is not known in
    advance: cached and re-solved sub-problems depend on the plans)."""

    def __init__(self) -> None:
        from .progress import _tqdm_class

        self._bar = _tqdm_class()(total=None, unit="sub-problem", desc="comparing")

    def chained(
        self, callback: Optional[Callable[[float, int], Any]]
    ) -> Callable[[float, int], Any]:
        def observe(elapsed: float, solved: int) -> Any:
            self._bar.n = solved
            self._bar.set_postfix(elapsed=f"{elapsed:.0f}s", refresh=False)
            self._bar.refresh()
            return callback(elapsed, solved) if callback is not None else None

        return observe

    def close(self) -> None:
        self._bar.close()


class Comparison:
    """The outcome of :meth:`Scenario.compare`: one plan per mode, KPIs and the cost allocation.

    ``raw`` holds everything the engine returned (plans with routes and stops, bus loads,
    township release times, independent check results, coalition costs). The report outputs
    of ``gongpei scenario compare`` are here too: :meth:`routes_geojson`, :meth:`tables` (pandas
    DataFrames) and :meth:`to_excel`. Units: costs in CNY (yuan) per day, distances in km,
    times of day as HH:MM, durations in hours, loads in parcels and kg, CO2 in kg.

    >>> import gongpei
    >>> c = gongpei.Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
    >>> [entry["mode"] for entry in c.raw["modes"]], c.effort["iterations_per_subproblem"]
    (['separate', 'postal_express'], 0)
    """

    def __init__(self, raw: Dict[str, Any], outputs: Optional[Dict[str, Any]] = None) -> None:
        self.raw = raw
        self._outputs = outputs

    def _require_outputs(self) -> Dict[str, Any]:
        if self._outputs is None:
            from .errors import InvalidInputError

            raise InvalidInputError(
                "this comparison has no report outputs (it was built from raw JSON only); "
                "use Scenario.compare to get routes, tables and the workbook"
            )
        return self._outputs

    def routes_geojson(self) -> Dict[str, Any]:
        """Every mode's planned routes as a GeoJSON FeatureCollection (WGS84 lon/lat), drawn
        along the roads (``"geometry": "straight_lines_no_roads"`` when the scenario has no road
        graph): one LineString per route with ``mode``, ``fleet``, ``operator``,
        ``vehicle_type``, ``carriers``, ``distance_km``, ``cost_cny``, ``stops``, loads and
        ``load_pct``; bus loads as straight LineStrings; sites as Points. The same as
        ``routes.geojson`` of ``gongpei scenario compare``.

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> geo = c.routes_geojson()
        >>> geo["type"], {f["geometry"]["type"] for f in geo["features"]} >= {"LineString", "Point"}
        ('FeatureCollection', True)
        """
        return json.loads(json.dumps(self._require_outputs()["routes_geojson"]))

    @property
    def table_names(self) -> List[str]:
        """Names of the report tables: ``modes``, ``carriers``, ``townships``, ``routes``,
        ``stops``, ``bus_loads`` and, with an allocation, ``allocation``.

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> c.table_names[:3]
        ['modes', 'carriers', 'townships']
        """
        return [table["name"] for table in self._require_outputs()["tables"]]

    def table(self, name: str) -> "pd.DataFrame":
        """One report table as a DataFrame; column names carry their units (``cost_cny``,
        ``distance_km``, ``arrival_hhmm``), empty cells are missing values. The same as
        ``tables/<name>.csv`` of ``gongpei scenario compare``. An unknown ``name`` raises
        :class:`gongpei.InvalidInputError` listing the available tables.

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> "cost_cny" in c.table("modes").columns
        True
        """
        import pandas as pd

        for table in self._require_outputs()["tables"]:
            if table["name"] == name:
                return pd.DataFrame(table["rows"], columns=table["columns"])
        from .errors import InvalidInputError

        raise InvalidInputError(
            f"unknown table {name!r}; available: {', '.join(self.table_names)}"
        )

    def routes(self, mode: Optional[str] = None) -> "pd.DataFrame":
        """One row per planned route (all modes, or ``mode``'s): the ``routes`` table, with
        costs in CNY, distances in km, times as HH:MM. An unplanned ``mode`` raises
        :class:`gongpei.InvalidInputError` naming the planned ones.

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> routes = c.routes("postal_express")
        >>> set(routes["mode"]), len(routes) > 0
        ({'postal_express'}, True)
        """
        return self._mode_rows("routes", mode)

    def stops(self, mode: Optional[str] = None) -> "pd.DataFrame":
        """One row per stop of every route (all modes, or ``mode``'s): the ``stops`` table
        (arrival times as HH:MM, loads in parcels and kg).

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> stops = c.stops("separate")
        >>> set(stops["mode"]), len(stops) >= len(c.routes("separate"))
        ({'separate'}, True)
        """
        return self._mode_rows("stops", mode)

    def _mode_rows(self, name: str, mode: Optional[str]) -> "pd.DataFrame":
        frame = self.table(name)
        if mode is None:
            return frame
        planned = [entry["mode"] for entry in self.raw["modes"]]
        if mode not in planned:
            raise InvalidInputError(f"mode {mode!r} was not planned; available: {', '.join(planned)}")
        return frame[frame["mode"] == mode].reset_index(drop=True)

    def tables(self) -> Dict[str, "pd.DataFrame"]:
        """Every report table as a DataFrame, by name (see :meth:`table`).

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> sorted(c.tables()) == sorted(c.table_names)
        True
        """
        return {name: self.table(name) for name in self.table_names}

    def to_excel(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes every report table as one sheet of an ``.xlsx`` workbook at ``path`` (the
        same writer as ``tables.xlsx`` of the CLI; no Excel library needed in Python).

        >>> import pathlib, tempfile
        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "tables.xlsx"
        >>> c.to_excel(path)
        >>> path.stat().st_size > 0
        True
        """
        _core.write_tables_xlsx(json.dumps(self._require_outputs()["tables"]), os.fspath(path))

    @property
    def effort(self) -> Dict[str, Any]:
        """The effort the plans come from: ``iterations_per_subproblem`` (mode plans),
        ``coalition_iterations_per_subproblem`` (the allocation game), ``seed``,
        ``subproblems_solved`` (counts; ``iterations`` are per 100 stops of a sub-problem) and
        ``bus_choice`` (how the bus riders of 交邮合作 and ``combined`` were chosen).

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> c.effort["iterations_per_subproblem"], c.effort["seed"]
        (0, 1)
        """
        keys = ("iterations_per_subproblem", "coalition_iterations_per_subproblem", "seed",
                "subproblems_solved", "bus_choice")  # fmt: skip
        return {key: self.raw.get(key) for key in keys}

    @property
    def carriers(self) -> List[str]:
        """Carrier ids, in player order (the order of allocation shares).

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> len(c.carriers) > 1
        True
        """
        return list(self.raw["carriers"])

    def modes(self) -> "pd.DataFrame":
        """One row per mode: cost (yuan), saving against ``separate`` (None when the mode's or
        ``separate``'s plan is infeasible), the feeder cost (carrier depots to the hub), fleet and
        service KPIs, and ``feasible`` (the independent plan check found nothing wrong).
        Units: ``cost``, ``saving``, ``feeder_cost`` in CNY per day, ``saving_pct`` in percent,
        ``vehicle_km`` in km, ``driver_hours`` in hours, ``bus_parcels`` in parcels, ``co2_kg``
        in kg, ``avg_lead_time_h`` in hours, ``b2b_cases`` (the commerce partners' B2B cases a
        day, the same in every mode) in cases, ``commerce_own_cost`` (the partners' own vans, part
        of ``cost``) in CNY per day. Money beyond the plan (the scenario's ``finance``
        section: facilities and the county's subsidies), CNY per day: ``capital`` (facilities'
        capital recovered over their life), ``facilities_running``, ``total_cost``,
        ``county_subsidy``, ``operators_cost``; per parcel: ``cost_per_parcel``,
        ``operators_cost_per_parcel``. ``note`` explains a mode that costs the same as
        ``separate``; ``attrs`` hold the :attr:`effort`.

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> frame = c.modes()
        >>> list(frame.index), frame.attrs["iterations_per_subproblem"]
        (['separate', 'postal_express'], 0)
        """
        import pandas as pd

        rows = []
        for mode in self.raw["modes"]:
            kpis = mode["kpis"]
            rows.append(
                {
                    "mode": mode["mode"],
                    "cost": kpis["cost"],
                    "saving": mode["saving"],
                    "saving_pct": mode["saving_pct"],
                    "feeder_cost": kpis["feeder_cost"],
                    "vehicles": kpis["vehicles"],
                    "vehicle_km": kpis["vehicle_km"],
                    "driver_hours": kpis["driver_hours"],
                    "bus_parcels": kpis["bus_parcels"],
                    "b2b_cases": kpis["b2b_cases"],
                    "commerce_own_cost": kpis["commerce_own_cost"],
                    "co2_kg": kpis["co2_kg"],
                    "avg_lead_time_h": kpis["avg_lead_time_h"],
                    "capital": mode["finance"]["capital_per_day"],
                    "facilities_running": mode["finance"]["facilities_per_day"],
                    "total_cost": mode["finance"]["total_cost"],
                    "county_subsidy": mode["finance"]["county_subsidy"],
                    "operators_cost": mode["finance"]["operators_cost"],
                    "cost_per_parcel": mode["finance"]["cost_per_parcel"],
                    "operators_cost_per_parcel": mode["finance"]["operators_cost_per_parcel"],
                    "feasible": mode["feasible"],
                }
            )
        frame = pd.DataFrame(rows).set_index("mode")
        if "separate" in frame.index:
            base = frame.loc["separate", "cost"]
            frame["note"] = [
                "same cost as separate: no pooled route or bus run was cheaper than the "
                "carriers' own plans" if mode != "separate" and abs(cost - base) < 1e-6 else ""
                for mode, cost in frame["cost"].items()
            ]
        frame.attrs.update(self.effort)
        return frame

    def stakeholders(self, mode: Optional[str] = None) -> "pd.DataFrame":
        """One row per mode and stakeholder (CNY per day): every carrier, every bus operator,
        the village station keepers together, the commerce partners together (when the scenario
        has B2B replenishment; ``parcels`` are their cases) and the county, with ``kind``
        (``carrier``, ``bus_operator``, ``station_keepers``, ``commerce_partners``, ``county``),
        ``parcels``, ``cost`` (what it spends: a carrier's share of the plan, facilities and
        station commission; an operator's marginal cost of carrying parcels; the commerce
        partners' own vans, or in ``commerce`` their cases' share of the shared vans and
        handling; the county's subsidies), ``income`` (a carrier's subsidy, an
        operator's fees, the keepers' commission) and ``net_cost = cost - income`` (negative: a
        gain). Fees, commissions and subsidies are transfers, so per mode the net costs add up to
        the ``system_cost`` column (routes, handling, facilities, the operators' marginal cost).
        ``mode`` keeps one mode's rows; an unknown one is an :class:`gongpei.InvalidInputError`.

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["transport_postal"], allocate=None)
        >>> frame = c.stakeholders("transport_postal")
        >>> bool(abs(frame["net_cost"].sum() - frame["system_cost"].iloc[0]) < 1e-6)
        True
        """
        import pandas as pd

        names = [m["mode"] for m in self.raw["modes"]]
        if mode is not None and mode not in names:
            from .errors import InvalidInputError

            raise InvalidInputError(f"no mode {mode!r} in this comparison; it has {', '.join(names)}")
        rows = []
        for m in self.raw["modes"]:
            if mode is not None and m["mode"] != mode:
                continue
            s = m["stakeholders"]

            # The mode and its system cost bound now, not looked up when called.
            def row(
                kind: str,
                name: str,
                parcels: Any,
                cost: float,
                income: float,
                mode_name: str = m["mode"],
                system_cost: float = s["system_cost"],
            ) -> None:
                rows.append(
                    {
                        "mode": mode_name,
                        "kind": kind,
                        "stakeholder": name,
                        "parcels": parcels,
                        "cost": cost,
                        "income": income,
                        "net_cost": cost - income,
                        "system_cost": system_cost,
                    }
                )

            for c in s["carriers"]:
                row(
                    "carrier",
                    c["carrier"],
                    c["parcels"],
                    c["plan_cost"] + c["facilities"] + c["commission_paid"],
                    c["subsidy_received"],
                )
            for o in s["bus_operators"]:
                row("bus_operator", o["operator"], o["parcels"], o["marginal_cost"], o["fee_revenue"])
            k = s["station_keepers"]
            row("station_keepers", "village stations", k["parcels"], 0.0, k["commission_income"])
            if s.get("commerce"):
                row("commerce_partners", "commerce partners", s["commerce"]["cases"], s["commerce"]["plan_cost"], 0.0)
            row("county", "county", None, s["county"]["subsidy_outlay"], 0.0)
        frame = pd.DataFrame(rows)
        frame.attrs.update(self.effort)
        return frame

    def fee_ranges(self) -> "pd.DataFrame":
        """One row per bus line (交邮合作's fee range, CNY per parcel), indexed by ``line``: its
        ``operator``, today's ``fee_per_parcel`` and ``fee_per_kg``, the ``parcels`` and ``kg``
        it carries today, ``min_fee_per_parcel`` (the lowest fee covering the operator's marginal
        cost of carrying them; NaN when nothing rides even free), ``max_fee_per_parcel`` (the
        highest at which the carriers still put parcels on it, found by re-planning; with
        ``max_bounded`` False the line still carried parcels at that fee, the largest tried),
        ``today_inside`` (today's fee within the range), ``carrier_saving`` (what the line saves
        the carriers at today's fee, CNY/day) and ``plans`` (re-plans made). Only for a
        comparison made with ``fee_range=True``; otherwise an :class:`gongpei.InvalidInputError`.

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["transport_postal"], allocate=None, fee_range=True)
        >>> ranges = c.fee_ranges()
        >>> bool((ranges["min_fee_per_parcel"].dropna() >= 0).all())
        True
        """
        import pandas as pd

        ranges = self.raw.get("fee_ranges")
        if ranges is None:
            from .errors import InvalidInputError

            raise InvalidInputError(
                "this comparison has no fee ranges: make it with compare(..., fee_range=True)"
            )
        frame = pd.DataFrame(ranges)
        if not frame.empty:
            frame = frame.set_index("line")
        frame.attrs.update(self.effort)
        return frame

    def allocation(self, method: str = "shapley") -> "pd.DataFrame":
        """One row per carrier: its ``share`` of the joint cost under ``method`` (``shapley``,
        ``proportional_volume``, ``proportional_standalone``, ``equal_profit``, ``nucleolus`` or
        ``least_core``), its stand-alone cost, its ``saving`` (all CNY per day) and whether it pays no more than
        alone (``individually_rational``). ``attrs`` name the rule, the mode, the joint cost
        (CNY: what the carriers pay together), ``county_subsidy`` (CNY/day the county pays beside
        them, from the scenario's ``finance`` section), whether the shares are in the core,
        ``least_core_epsilon`` (CNY: the least core's epsilon*, the most some coalition must pay
        beyond its stand-alone cost under the most stable split; ``None`` above 12 carriers) and
        ``core_empty`` (epsilon* > 0: no split keeps every coalition at or below its stand-alone
        cost), and the effort. A comparison run with
        ``allocate=None`` has no allocation (an :class:`gongpei.InvalidInputError`).

        >>> import gongpei
        >>> s = gongpei.Scenario.generate("small", seed=1)
        >>> c = s.compare(iterations=0, modes=["postal_express"], allocate="postal_express")
        >>> shares = c.allocation("shapley")
        >>> list(shares.index) == c.carriers, shares.attrs["mode"]
        (True, 'postal_express')
        """
        import pandas as pd

        allocation = self.raw.get("allocation")
        if allocation is None:
            from .errors import InvalidInputError

            raise InvalidInputError("this comparison was run without an allocation (allocate=None)")
        rules = {rule["rule"]: (rule, core) for rule, core in allocation["rules"]}
        match = [name for name in rules if name == method or name.startswith(method + "_")]
        if not match:
            from .errors import InvalidInputError

            raise InvalidInputError(
                f"unknown allocation method {method!r}; available: {', '.join(rules)}"
            )
        rule, core = rules[match[0]]
        shares = rule["shares"]
        standalone = allocation["standalone"]
        frame = pd.DataFrame(
            {
                "share": shares,
                "standalone": standalone,
                "saving": [alone - share for share, alone in zip(shares, standalone)],
                "individually_rational": [
                    k not in core["irrational_players"] for k in range(len(shares))
                ],
            },
            index=pd.Index(allocation["carriers"], name="carrier"),
        )
        if rule.get("ci95"):
            frame["ci95"] = rule["ci95"]
        frame.attrs.update(
            rule=rule["rule"],
            mode=allocation["mode"],
            joint_cost=allocation["joint_cost"],
            county_subsidy=allocation["county_subsidy"],
            in_core=not core["blocking"] and abs(core["efficiency_gap"]) <= 1e-6,
            least_core_epsilon=allocation.get("least_core_epsilon"),
            core_empty=allocation.get("core_empty"),
            note=rule.get("note"),
            **self.effort,
        )
        return frame

    def plan(self, mode: str) -> Dict[str, Any]:
        """The plan of one mode as a dict: ``routes`` (each with its ``stops``, sites by index
        into :attr:`Scenario.sites`), bus loads and township release times (seconds after
        midnight in the raw form).

        >>> c = Scenario.generate("small", seed=1).compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> plan = c.plan("postal_express")
        >>> len(plan["routes"]) > 0
        True
        """
        for entry in self.raw["modes"]:
            if entry["mode"] == mode:
                return dict(entry["plan"])
        from .errors import InvalidInputError

        available = ", ".join(entry["mode"] for entry in self.raw["modes"])
        raise InvalidInputError(f"mode {mode!r} was not planned; available: {available}")


class Scenario:
    """A rural delivery scenario (see the module docs). Scenarios pickle (as their JSON).

    Units throughout: site positions in WGS84 degrees (``lon``, ``lat``), road lengths in
    metres, costs in CNY (yuan), demand in parcels (and kg), times of day as seconds after
    midnight in the JSON form. Build one with :meth:`generate`, :meth:`from_json` or
    :meth:`from_tables`.

    >>> import pickle
    >>> s = Scenario.generate("small", seed=1)
    >>> pickle.loads(pickle.dumps(s)).to_json() == s.to_json()
    True
    """

    def __init__(self, core: _core.Scenario) -> None:
        self._core = core
        self._dict: Optional[Dict[str, Any]] = None
        self._comparisons: Dict[Tuple[Any, ...], Comparison] = {}

    @classmethod
    def from_json(cls, path: Union[str, "os.PathLike[str]"]) -> "Scenario":
        """Reads the scenario JSON file at ``path``; errors name the file, JSON path, line
        and column.

        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "small.json"
        >>> _ = Scenario.generate("small", seed=1).to_json(path)
        >>> Scenario.from_json(path).name
        'small'
        """
        return cls(_core.Scenario.from_json_file(os.fspath(path)))

    @classmethod
    def from_json_str(cls, text: str, origin: str = "<string>") -> "Scenario":
        """Parses scenario JSON ``text`` (``origin`` names it in error messages).

        >>> text = Scenario.generate("small", seed=1).to_json()
        >>> Scenario.from_json_str(text).name
        'small'
        >>> Scenario.from_json_str("{", origin="typed.json")
        Traceback (most recent call last):
        ...
        gongpei.errors.InvalidInputError: typed.json...
        """
        return cls(_core.Scenario.from_json_str(text, origin))

    @classmethod
    @suggest_keywords
    def generate(
        cls,
        preset: Optional[str] = None,
        seed: int = 1,
        *,
        division: Union[str, "os.PathLike[str]", None] = None,
        calibration: Union[Dict[str, Any], str, "os.PathLike[str]", None] = None,
        name: Optional[str] = None,
        townships: Optional[Sequence[str]] = None,
    ) -> "Scenario":
        """A generated scenario; the same inputs and seed give the same scenario.

        Without ``division``: a bundled Jizhou preset, ``"small"`` (one township, the default)
        or ``"jizhou"`` (the district). With ``division``: any district folder laid out like
        ``data/districts/pinggu/`` (``townships.csv``, ``villages.csv``, ``district.csv``,
        optional ``boundary_gcj02.geojson``), named after its district; ``townships`` keeps
        only those township codes and ``name`` overrides the scenario name.

        ``calibration`` (a dict, or a path to a JSON file) replaces fields of the folder's or
        preset's calibration, e.g. ``{"parcels_per_day": 1500, "bus_lines": 3}``; see
        :meth:`default_calibration` for every field.

        ``seed``: integer in ``[0, 2**64)``. A mistyped keyword names the closest one.

        >>> s = Scenario.generate("small", seed=1, calibration={"bus_lines": 1})
        >>> s.name, s.to_dict() == Scenario.generate("small", seed=1, calibration={"bus_lines": 1}).to_dict()
        ('small', True)
        """
        text: Optional[str]
        if calibration is None:
            text = None
        elif isinstance(calibration, dict):
            text = json.dumps(calibration)
        else:
            with open(calibration, encoding="utf-8") as handle:
                text = handle.read()
        return cls(
            _core.Scenario.generate(
                preset,
                seed,
                division=None if division is None else os.fspath(division),
                calibration=text,
                name=name,
                townships=None if townships is None else list(townships),
            )
        )

    @staticmethod
    def default_calibration(
        preset: Optional[str] = None, division: Union[str, "os.PathLike[str]", None] = None
    ) -> Dict[str, Any]:
        """The generator's calibration as a dict: the defaults, a preset's, or a division
        folder's (its ``calibration.json`` over the defaults). Each field's unit is in its
        name or the crate README (parcels per day, CNY, km/h, ...).

        >>> calibration = Scenario.default_calibration("small")
        >>> "parcels_per_day" in calibration and "bus_lines" in calibration
        True
        """
        return dict(
            json.loads(
                _core.Scenario.calibration(
                    preset, None if division is None else os.fspath(division)
                )
            )
        )

    @classmethod
    def from_tables(
        cls, source: Union[str, "os.PathLike[str]", Mapping[str, Any]]
    ) -> "Scenario":
        """Builds and validates a scenario from tables (see the crate README, "Tables").

        ``source`` is a folder of CSV files (one ``TABLE.csv`` per table), an ``.xlsx`` workbook
        (one sheet per table), or a dict of table name to pandas DataFrame (or anything
        ``pandas.DataFrame`` accepts). Every problem is reported at once in one
        :class:`~gongpei.errors.InvalidInputError`, each naming its file or sheet (for
        DataFrames: ``table NAME``), row and column; a DataFrame's row at position ``k`` is
        ``line k + 2`` (the header is line 1), as in its CSV form.

        >>> s = Scenario.generate("small", seed=1)
        >>> Scenario.from_tables(s.tables()).to_dict() == s.to_dict()
        True
        """
        if isinstance(source, (str, os.PathLike)):
            return cls(_core.Scenario.from_tables_path(os.fspath(source)))
        import pandas as pd

        texts = []
        for name, frame in source.items():
            if not isinstance(frame, pd.DataFrame):
                frame = pd.DataFrame(frame)
            texts.append((str(name), frame.to_csv(index=False)))
        return cls(_core.Scenario.from_table_texts(texts))

    def tables(self) -> Dict[str, "pd.DataFrame"]:
        """Every table of the scenario as a pandas DataFrame (empty tables included), in the
        layout :meth:`from_tables` reads: ``Scenario.from_tables(s.tables())`` equals ``s``.

        >>> s = Scenario.generate("small", seed=1)
        >>> "sites" in s.tables()
        True
        """
        import pandas as pd

        raw = json.loads(self._core.tables_json())
        return {
            name: pd.DataFrame(table["rows"], columns=table["columns"], dtype=object)
            for name, table in raw.items()
        }

    def to_tables(self, path: Union[str, "os.PathLike[str]"], xlsx: bool = False) -> str:
        """Writes the scenario as CSV tables into the folder ``path``, or with ``xlsx`` as one
        workbook (``path`` itself if it ends in ``.xlsx``, else ``path/NAME.xlsx``); returns
        the path written.

        >>> import pathlib, tempfile
        >>> s = Scenario.generate("small", seed=1)
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> written = s.to_tables(folder / "book.xlsx", xlsx=True)
        >>> pathlib.Path(written).name, Scenario.from_tables(written).to_dict() == s.to_dict()
        ('book.xlsx', True)
        """
        return self._core.write_tables(os.fspath(path), xlsx)

    @property
    def name(self) -> str:
        """The scenario name (a preset's name, or the district's).

        >>> Scenario.generate("small", seed=1).name
        'small'
        """
        return self._core.name

    def to_json(self, path: Union[str, "os.PathLike[str]", None] = None) -> str:
        """The scenario in its JSON file format; also written to ``path`` when given.

        >>> s = Scenario.generate("small", seed=1)
        >>> Scenario.from_json_str(s.to_json()).to_dict() == s.to_dict()
        True
        """
        text = self._core.to_json()
        if path is not None:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        return text

    def to_dict(self) -> Dict[str, Any]:
        """The scenario as nested dicts and lists (the JSON format, parsed).

        >>> s = Scenario.generate("small", seed=1)
        >>> "sites" in s.to_dict()
        True
        """
        if self._dict is None:
            self._dict = json.loads(self._core.to_json())
        return self._dict

    @property
    def sites(self) -> List[Dict[str, Any]]:
        """The sites (``id``, ``name``, ``tier``, ``lon``/``lat`` in WGS84 degrees, ...), in
        index order.

        >>> s = Scenario.generate("small", seed=1)
        >>> hub = s.sites[0]
        >>> hub["tier"], 100 < hub["lon"] < 135
        ('district_hub', True)
        """
        return list(self.to_dict()["sites"])

    @suggest_keywords
    def travel_matrices(
        self, sites: Optional[Sequence[str]] = None, profile: str = "van"
    ) -> "Tuple[List[str], np.ndarray, np.ndarray]":
        """Road travel between sites, as the planner sees it: ``(site ids, distance, duration)``
        with int64 ``(n, n)`` arrays of **metres** and **seconds** for vehicle ``profile``
        (``"van"``, ``"truck"``, ``"bus"`` or ``"cold_van"``, one the scenario's fleets use),
        along the scenario's road graph (or its external matrices). ``sites`` lists site ids
        (every site but road junctions when ``None``). Feed them to
        :meth:`gongpei.Model.set_distance_matrix` to plan your own problem on the same roads.

        >>> s = Scenario.generate("small", seed=1)
        >>> ids, metres, seconds = s.travel_matrices(profile="van")
        >>> metres.shape == (len(ids), len(ids)), int(metres[0, 0])
        (True, 0)
        """
        return self._core.travel_matrices(None if sites is None else list(sites), profile)

    @suggest_keywords
    def compare(
        self,
        iterations: int = 2000,
        seed: int = 1,
        modes: Optional[Sequence[str]] = None,
        allocate: Optional[str] = "combined",
        permutations: int = 2000,
        *,
        progress: bool = False,
        time_limit: Optional[float] = None,
        callback: Optional[Callable[[float, int], Any]] = None,
        bus_choice: str = "joint",
        fee_range: bool = False,
    ) -> Comparison:
        """Plans the modes (``separate`` always included) and allocates the joint cost of
        ``allocate`` among carriers; the result says which effort it was planned with
        (:attr:`Comparison.effort`). Results are cached per set of arguments.

        ``iterations``: engine iterations per 100 stops of each sub-problem (the CLI's effort);
        ``seed``: integer in ``[0, 2**64)``; ``permutations``: sampled Shapley permutations (more
        than 10 carriers). Like :func:`gongpei.solve`, the work runs with the GIL released and
        Ctrl-C raises ``KeyboardInterrupt`` within a fraction of a second; ``progress=True``
        shows a tqdm bar counting solved sub-problems (tqdm is checked before any work);
        ``callback(elapsed_seconds, subproblems_solved)`` is called about five times a second
        and a true return value stops the work; ``time_limit`` (seconds) stops it too. A stopped
        comparison raises :class:`gongpei.StoppedError` (a comparison has no partial answer).
        ``bus_choice``: how 交邮合作 and ``combined`` pick the parcels that ride the bus, ``"joint"``
        (a search over rider sets priced by routing, never worse than greedy) or ``"greedy"`` (best estimated
        saving first), as the CLI's ``--bus-choice``. ``fee_range=True`` also finds each bus
        line's fee range (:meth:`Comparison.fee_ranges`; it re-plans 交邮合作 a dozen times per
        line, as the CLI's ``--fee-range``).

        >>> s = Scenario.generate("small", seed=1)
        >>> c = s.compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> c.effort["iterations_per_subproblem"]
        0
        >>> s.compare(iterations=0, time_limt=5)
        Traceback (most recent call last):
        ...
        TypeError: Scenario.compare() got an unexpected keyword argument 'time_limt'; did you mean 'time_limit'?
        """
        seed = as_seed(seed)
        if progress:
            _require("tqdm", "progress=True")
        iterations = as_int(iterations, "iterations", minimum=0)
        permutations = as_int(permutations, "permutations", minimum=1)
        if callback is not None and not callable(callback):
            raise InvalidInputError(
                f"callback must be callable (elapsed, subproblems_solved), got {type(callback).__name__}"
            )
        if not isinstance(fee_range, bool):
            raise InvalidInputError(f"fee_range must be True or False, got {fee_range!r}")
        key = (iterations, seed, tuple(modes) if modes else None, allocate, permutations, bus_choice, fee_range)
        if key not in self._comparisons:
            bar = _SubproblemBar() if progress else None
            observer = callback if bar is None else bar.chained(callback)
            try:
                text, outputs = self._core.compare(
                    modes=list(modes) if modes else None,
                    allocate=allocate,
                    iterations=iterations,
                    seed=seed,
                    permutations=permutations,
                    outputs=True,
                    time_limit=time_limit,
                    callback=observer,
                    bus_choice=bus_choice,
                    fee_range=fee_range,
                )
            finally:
                if bar is not None:
                    bar.close()
            self._comparisons[key] = Comparison(json.loads(text), json.loads(outputs))
        return self._comparisons[key]

    def compare_modes(
        self, iterations: int = 2000, seed: int = 1, **kwargs: Any
    ) -> "pd.DataFrame":
        """A table of every mode's cost and saving (CNY), fleet and service KPIs (see
        :meth:`Comparison.modes`); takes the keywords of :meth:`compare` (``iterations`` per
        100 stops, ``seed``, ...; a mistyped one names the closest). Needs pandas, checked
        before any work starts.

        >>> s = Scenario.generate("small", seed=1)
        >>> table = s.compare_modes(iterations=0, modes=["postal_express"], allocate=None)
        >>> list(table.index), bool(table.loc["separate", "cost"] > 0)
        (['separate', 'postal_express'], True)
        >>> s.compare_modes(iterations=0, mode=["combined"])
        Traceback (most recent call last):
        ...
        TypeError: Scenario.compare_modes() got an unexpected keyword argument 'mode'; did you mean 'modes'?
        """
        check_keywords(kwargs, _COMPARE_KEYWORDS, "Scenario.compare_modes")
        _require("pandas", "compare_modes")
        return self.compare(iterations=iterations, seed=seed, **kwargs).modes()

    def allocate(
        self,
        method: str = "shapley",
        mode: str = "combined",
        iterations: int = 2000,
        seed: int = 1,
        **kwargs: Any,
    ) -> "pd.DataFrame":
        """Each carrier's share of ``mode``'s joint cost in CNY per day (see
        :meth:`Comparison.allocation`) under ``method`` (``shapley``, ``proportional_volume``,
        ``proportional_standalone``, ``equal_profit``, ``nucleolus`` or ``least_core``); takes
        the other keywords of :meth:`compare` (a mistyped one names the closest). Needs pandas, checked before any
        work starts; the frame's ``attrs`` name the mode, rule, joint cost (CNY) and effort.

        >>> s = Scenario.generate("small", seed=1)
        >>> shares = s.allocate("shapley", mode="postal_express", iterations=0)
        >>> shares.attrs["mode"], bool(abs(shares["share"].sum() - shares.attrs["joint_cost"]) < 1e-6)
        ('postal_express', True)
        """
        check_keywords(kwargs, _ALLOCATE_KEYWORDS, "Scenario.allocate")
        _require("pandas", "allocate")
        comparison = self.compare(iterations=iterations, seed=seed, allocate=mode, **kwargs)
        return comparison.allocation(method)

    @suggest_keywords
    def plot(
        self,
        ax: Optional["Axes"] = None,
        mode: Optional[str] = None,
        comparison: Optional[Comparison] = None,
    ) -> "Axes":
        """Draws the sites by tier (WGS84 lon/lat) and, with ``mode``, that mode's routes as
        straight legs between stops (from ``comparison``, or a default comparison, which
        plans at the full default effort); returns the axes. Needs matplotlib.

        >>> import matplotlib
        >>> matplotlib.use("Agg")
        >>> s = Scenario.generate("small", seed=1)
        >>> c = s.compare(iterations=0, modes=["postal_express"], allocate=None)
        >>> s.plot(mode="postal_express", comparison=c).get_xlabel()
        'longitude'
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(8, 8))
        sites = self.sites
        for tier, (marker, size, colour) in _TIER_STYLE.items():
            points = [(s["lon"], s["lat"]) for s in sites if s["tier"] == tier]
            if points:
                xs, ys = zip(*points)
                ax.scatter(xs, ys, marker=marker, s=size, c=colour, label=tier, zorder=3)
        if mode is not None:
            plan = (comparison or self.compare()).plan(mode)
            for route in plan["routes"]:
                path = [route["start_site"], *(stop["site"] for stop in route["stops"]),
                        route["end_site"]]  # fmt: skip
                ax.plot([sites[k]["lon"] for k in path], [sites[k]["lat"] for k in path],
                        lw=1, alpha=0.8, zorder=2)  # fmt: skip
            ax.set_title(f"{self.name}: {mode} ({len(plan['routes'])} routes)")
        else:
            ax.set_title(self.name)
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        ax.legend(loc="best", fontsize=8)
        return ax

    def __reduce__(self) -> Any:
        return (Scenario.from_json_str, (self._core.to_json(), self.name))

    def __repr__(self) -> str:
        return repr(self._core)


#: Keywords :meth:`Scenario.compare_modes` and :meth:`Scenario.allocate` pass on to
#: :meth:`Scenario.compare` (checked up front, so a typo names the closest keyword).
_COMPARE_KEYWORDS = [k for k in keyword_names(Scenario.compare) if k not in ("iterations", "seed")]
_ALLOCATE_KEYWORDS = [k for k in _COMPARE_KEYWORDS if k != "allocate"]
