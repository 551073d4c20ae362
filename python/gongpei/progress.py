"""A tqdm progress bar fed by the solver's progress callback."""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional

__all__ = ["ProgressBar"]

Callback = Callable[[float, int, Optional[int], bool], Any]


class ProgressBar:
    """Shows elapsed seconds against ``time_limit`` (or iterations against ``max_iterations``)
    and the best cost so far. Needs tqdm (``pip install gongpei[progress]``)."""

    def __init__(self, time_limit: Optional[float], max_iterations: Optional[int]) -> None:
        tqdm = _tqdm_class()
        self._by_time = time_limit is not None
        if self._by_time:
            self._bar = tqdm(total=float(time_limit or 0), unit="s", desc="solving",
                             bar_format="{l_bar}{bar}| {n:.1f}/{total:.1f}s{postfix}")  # fmt: skip
        else:
            self._bar = tqdm(total=max_iterations, unit="it", desc="solving")

    def update(self, elapsed: float, iterations: int, best_cost: Optional[int], feasible: bool) -> None:
        """Moves the bar to the given state."""
        position = elapsed if self._by_time else iterations
        if self._bar.total is not None:
            position = min(position, self._bar.total)
        self._bar.n = position
        if best_cost is not None:
            self._bar.set_postfix(cost=best_cost, feasible=feasible, refresh=False)
        self._bar.refresh()

    def chained(self, callback: Optional[Callback]) -> Callback:
        """A callback that updates the bar, then calls ``callback`` (whose answer it returns)."""

        def observe(elapsed: float, iterations: int, best_cost: Optional[int], feasible: bool) -> Any:
            self.update(elapsed, iterations, best_cost, feasible)
            return callback(elapsed, iterations, best_cost, feasible) if callback else None

        return observe

    def close(self, final: Optional[Dict[str, Any]] = None) -> None:
        """Shows the final state of a finished solve (the engine's result dict), then closes."""
        if final is not None:
            if self._bar.total is not None and not final.get("stopped_by_callback"):
                self._bar.total = max(self._bar.total, final["runtime"] if self._by_time
                                      else final["iterations"])  # fmt: skip
            self.update(final["runtime"], final["iterations"], final["cost"], final["feasible"])
        self._bar.close()


def _tqdm_class() -> Any:
    """The notebook widget bar when running in Jupyter with ipywidgets, else the text bar (so no
    warning is printed where widgets cannot be shown)."""
    try:
        from tqdm import tqdm
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("progress=True needs tqdm: pip install tqdm") from err
    try:
        import ipywidgets  # noqa: F401
        from IPython import get_ipython

        if get_ipython() is not None and "IPKernelApp" in get_ipython().config:
            from tqdm.notebook import tqdm as notebook_tqdm

            return notebook_tqdm
    except ImportError:
        pass
    return tqdm
