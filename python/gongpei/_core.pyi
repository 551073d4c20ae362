"""Type stubs of the compiled extension module ``gongpei._core`` (checked by mypy.stubtest)."""

import os
from typing import (
    Any,
    Callable,
    Dict,
    List,
    Literal,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
    final,
    overload,
)

import numpy as np
import numpy.typing as npt

__all__ = [
    "ProblemData",
    "Scenario",
    "Instance",
    "solve",
    "engine_threads",
    "sweep_allocate_table",
    "sweep_coalition_costs",
    "sweep_expand",
    "sweep_failed_line",
    "sweep_game_line",
    "sweep_game_progress",
    "sweep_game_setup",
    "sweep_game_write",
    "sweep_run",
    "sweep_spec_game",
    "sweep_table_row",
    "sweep_variant_hash",
    "sweep_variant_json",
    "MAX_MATRIX_LOCATIONS",
    "write_tables_xlsx",
    "design_site",
    "design_cover",
    "design_cold",
    "design_frequency",
    "_panic_in_worker",
    "_sleep_in_worker",
    "__version__",
]

__version__: str
MAX_MATRIX_LOCATIONS: int

@final
class ProblemData:
    """A validated routing problem built from field dicts and square numpy matrices.

    The dicts use the engine's field names. Compatibility keys are optional: a vehicle type's
    ``features`` and a client's ``required_features`` are 64-bit sets (ints; every required bit
    must be on the vehicle type), a client's ``forbidden_vehicle_types`` a list of type indices;
    :class:`gongpei.Model` maps feature names to bits.
    """

    def __new__(
        cls,
        depots: Sequence[Dict[str, Any]],
        clients: Sequence[Dict[str, Any]],
        vehicle_types: Sequence[Dict[str, Any]],
        distance_matrices: Sequence[npt.NDArray[Any]],
        duration_matrices: Sequence[npt.NDArray[Any]],
    ) -> ProblemData: ...
    @property
    def num_depots(self) -> int: ...
    @property
    def num_clients(self) -> int: ...
    @property
    def num_locations(self) -> int: ...
    @property
    def num_vehicle_types(self) -> int: ...
    @property
    def num_vehicles(self) -> int: ...
    @property
    def num_load_dims(self) -> int: ...
    @property
    def num_profiles(self) -> int: ...
    def depots(self) -> List[Dict[str, Any]]: ...
    def clients(self) -> List[Dict[str, Any]]: ...
    def vehicle_types(self) -> List[Dict[str, Any]]: ...
    def distance_matrix(self, profile: int = 0) -> npt.NDArray[np.int64]: ...
    def duration_matrix(self, profile: int = 0) -> npt.NDArray[np.int64]: ...
    def evaluate(self, routes: Sequence[Tuple[int, Sequence[int]]]) -> Dict[str, Any]: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...
    def __eq__(self, value: object, /) -> bool: ...

def solve(
    data: ProblemData,
    *,
    seed: int = 0,
    threads: int = 1,
    time_limit: Optional[float] = None,
    max_iterations: Optional[int] = None,
    max_no_improvement: Optional[int] = None,
    strategy: str = "auto",
    callback: Optional[Callable[[float, int, Optional[int], bool], Any]] = None,
    callback_interval: float = 0.1,
    initial_routes: Optional[Sequence[Tuple[int, Sequence[int]]]] = None,
    fixed_routes: Sequence[int] = ...,
    pinned_clients: Sequence[int] = ...,
) -> Dict[str, Any]: ...
def engine_threads() -> int:
    """The number of threads of the process's engine pool (searches computing at once)."""

def write_tables_xlsx(tables_json: str, path: str) -> None:
    """Writes report tables (JSON list of name/columns/rows) as one .xlsx workbook."""

def _panic_in_worker(message: str, payload: str = "formatted") -> None: ...
def _sleep_in_worker(
    seconds: float, callback: Optional[Callable[[float, int, Optional[int], bool], Any]] = None
) -> float: ...

@final
class Scenario:
    """A rural delivery scenario (sites, roads, carriers, demand, fleets, bus lines, costs)."""

    @staticmethod
    def from_json_file(path: str) -> Scenario: ...
    @staticmethod
    def from_json_str(text: str, origin: str = "<string>") -> Scenario: ...
    @staticmethod
    def from_tables_path(path: str) -> Scenario: ...
    @staticmethod
    def from_table_texts(tables: Sequence[Tuple[str, str]]) -> Scenario: ...
    def tables_json(self) -> str: ...
    def write_tables(self, path: str, xlsx: bool = False) -> str: ...
    @staticmethod
    def generate(
        preset: Optional[str] = None,
        seed: int = 1,
        *,
        division: Optional[Union[str, os.PathLike[str]]] = None,
        calibration: Optional[str] = None,
        name: Optional[str] = None,
        townships: Optional[Sequence[str]] = None,
    ) -> Scenario: ...
    @staticmethod
    def calibration(
        preset: Optional[str] = None,
        division: Optional[Union[str, os.PathLike[str]]] = None,
    ) -> str: ...
    @property
    def name(self) -> str: ...
    def to_json(self) -> str: ...
    @overload
    def compare(
        self,
        *,
        modes: Optional[Sequence[str]] = None,
        allocate: Optional[str] = None,
        iterations: int = 2000,
        seed: int = 1,
        permutations: int = 2000,
        outputs: Literal[False] = False,
        time_limit: Optional[float] = None,
        callback: Optional[Callable[[float, int], Any]] = None,
        callback_interval: float = 0.2,
        bus_choice: str = "joint",
        fee_range: bool = False,
    ) -> str: ...
    @overload
    def compare(
        self,
        *,
        modes: Optional[Sequence[str]] = None,
        allocate: Optional[str] = None,
        iterations: int = 2000,
        seed: int = 1,
        permutations: int = 2000,
        outputs: Literal[True],
        time_limit: Optional[float] = None,
        callback: Optional[Callable[[float, int], Any]] = None,
        callback_interval: float = 0.2,
        bus_choice: str = "joint",
        fee_range: bool = False,
    ) -> Tuple[str, str]: ...
    def travel_matrices(
        self, sites: Optional[Sequence[str]] = None, profile: str = "van"
    ) -> Tuple[List[str], npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...

@final
class Instance:
    """A benchmark instance read by gongpei-io, with its numbering, cost scale and BKS."""

    @staticmethod
    def read(path: str, solomon_rounding: str = "truncated") -> Instance: ...
    @staticmethod
    def from_text(
        path: str, text: str, solomon_rounding: str = "truncated", bks: Optional[float] = None
    ) -> Instance: ...
    @property
    def data(self) -> ProblemData: ...
    @property
    def name(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def rounding(self) -> str: ...
    @property
    def cost_scale(self) -> int: ...
    @property
    def solution_ids(self) -> List[int]: ...
    @property
    def node_ids(self) -> List[int]: ...
    @property
    def depot_node_ids(self) -> List[int]: ...
    @property
    def bks(self) -> Optional[float]: ...
    def solution_to_string(self, routes: Sequence[Tuple[int, Sequence[int]]], cost: int) -> str: ...
    def read_solution(self, path: str) -> Tuple[List[Tuple[int, List[int]]], Optional[float]]: ...
    def check(self, routes: Sequence[Tuple[int, Sequence[int]]]) -> Dict[str, Any]: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...

class _RunOptions(TypedDict):
    """The options every ``design_*`` function shares (``gongpei.design`` builds them)."""

    modes: List[str]
    seed: int
    iterations: int
    mip_time_limit: Optional[float]
    mip_threads: Optional[int]
    time_limit: Optional[float]
    callback: Optional[Callable[[float, int], Any]]
    callback_interval: float

def design_site(
    scenario: Scenario,
    run: _RunOptions,
    *,
    candidates: Optional[Sequence[str]] = None,
    shortlist: int = 5,
    hubs: Sequence[int] = ...,
    fixed_per_day: Optional[float] = None,
    capacity: Optional[float] = None,
    handling_per_parcel: Optional[float] = None,
) -> Tuple[str, str, str]: ...
def design_cover(
    scenario: Scenario,
    run: _RunOptions,
    *,
    radius_km: Sequence[float] = ...,
    max_stations: Sequence[int] = ...,
    k_radius_km: Optional[float] = None,
    candidates: Optional[Sequence[str]] = None,
    build_capital: Optional[float] = None,
    upgrade_capital: Optional[float] = None,
    build_operating_per_day: Optional[float] = None,
    upgrade_operating_per_day: Optional[float] = None,
    amortisation_years: Optional[float] = None,
    model_only: bool = False,
) -> Tuple[str, str, str]: ...
def design_cold(
    scenario: Scenario,
    run: _RunOptions,
    *,
    max_hours: Optional[Sequence[float]] = None,
    candidates: Optional[Sequence[str]] = None,
    store_capital: Optional[float] = None,
    store_life_years: Optional[float] = None,
    store_running_per_day: Optional[float] = None,
) -> Tuple[str, str]: ...
def design_frequency(
    scenario: Scenario,
    run: _RunOptions,
    *,
    max_wait_days: Sequence[int] = ...,
    max_moves: Optional[int] = None,
    handover_s_per_parcel: Optional[float] = None,
    townships: Sequence[str] = ...,
) -> Tuple[str, str]: ...

# Sweeps (gongpei.sweep): variants, setups and checkpoint lines as JSON text.
def sweep_expand(text: str, origin: str, folder: Union[str, "os.PathLike[str]"]) -> List[str]: ...
def sweep_variant_hash(variant: str) -> str: ...
def sweep_variant_json(variant: str) -> str: ...
def sweep_run(variant: str, threads: int = 1, base_json: Optional[str] = None) -> str: ...
def sweep_failed_line(variant: str, error: str, attempts: int, seconds: float) -> str: ...
def sweep_table_row(line: str) -> str: ...
def sweep_game_setup(variant: str, threads: int = 1, base_json: Optional[str] = None) -> str: ...
def sweep_coalition_costs(
    variant: str, setup: str, masks: Sequence[int], threads: int = 1, base_json: Optional[str] = None
) -> List[Tuple[int, float, float]]: ...
def sweep_allocate_table(setup: str, table: Sequence[Tuple[int, float]]) -> str: ...
def sweep_spec_game(text: str, origin: str, folder: Union[str, "os.PathLike[str]"]) -> Optional[Tuple[str, int]]: ...
def sweep_game_progress(
    path: Union[str, "os.PathLike[str]"], variant: str
) -> Tuple[Optional[Tuple[str, float]], List[Tuple[int, float, float]]]: ...
def sweep_game_line(
    variant: str,
    setup: Optional[str] = None,
    setup_seconds: float = 0.0,
    costs: Optional[Sequence[Tuple[int, float, float]]] = None,
) -> str: ...
def sweep_game_write(
    out: Union[str, "os.PathLike[str]"],
    variant: str,
    setup: str,
    setup_seconds: float,
    costs: Sequence[Tuple[int, float, float]],
) -> str: ...
