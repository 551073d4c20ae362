"""Where sweep tasks run: local processes (``concurrent.futures`` with the spawn start method, so
it is safe from notebooks and threads, at most ``jobs`` tasks in flight) or Ray tasks on a
running cluster or a local one. Both yield each task's outcome as it ends, after retrying a task
whose worker died (``max_retries`` times); an exception raised by the task itself is its outcome,
not retried (the same input fails the same way)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple


class Outcome(NamedTuple):
    """One task's end: its position in the arguments, whether it returned, its value or the error
    text, attempts."""

    position: int
    ok: bool
    value: Any
    attempts: int


def _describe(err: BaseException) -> str:
    return f"{type(err).__name__}: {err}"


def run_local(
    task: Callable[..., Any], args: Sequence[Tuple[Any, ...]], jobs: int, max_retries: int
) -> Iterator[Outcome]:
    """Runs ``task(*args[i])`` in ``jobs`` spawned processes. A worker that dies breaks the
    pool: every task in flight then counts an attempt (the one at fault cannot be told apart),
    the pool is restarted and those with attempts left are submitted again."""
    context = multiprocessing.get_context("spawn")
    attempts = [0] * len(args)
    queue: List[int] = list(range(len(args)))
    queue.reverse()
    while queue:
        broken = False
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            running: Dict[Future[Any], int] = {}
            while queue or running:
                while queue and len(running) < jobs and not broken:
                    index = queue.pop()
                    attempts[index] += 1
                    running[pool.submit(task, *args[index])] = index
                if not running:
                    break
                finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in finished:
                    index = running.pop(future)
                    err = future.exception()
                    if err is None:
                        yield Outcome(index, True, future.result(), attempts[index])
                    elif isinstance(err, BrokenProcessPool):
                        broken = True
                        if attempts[index] <= max_retries:
                            queue.append(index)
                        else:
                            yield Outcome(index, False, f"the worker process died on each of "
                                          f"{attempts[index]} attempts ({_describe(err)})", attempts[index])  # fmt: skip
                    else:
                        yield Outcome(index, False, _describe(err), attempts[index])
                if broken and not running:
                    break
        if not broken:
            break


def ensure_ray(address: Optional[str], jobs: Optional[int]) -> Any:
    """Imports ray and connects: to ``address`` when given, to a running cluster named by
    ``RAY_ADDRESS``, else to a new local cluster (of ``jobs`` CPUs when given). A session
    that already called ``ray.init`` is used as it is."""
    try:
        import ray
    except ImportError as err:
        raise ImportError("backend='ray' needs ray: pip install 'gongpei[ray]'") from err
    if not ray.is_initialized():
        options: Dict[str, Any] = {"log_to_driver": False}
        if address is not None:
            options["address"] = address
        elif jobs is not None:
            options["num_cpus"] = jobs
        ray.init(**options)
    return ray


def run_ray(
    task: Callable[..., Any],
    args: Sequence[Tuple[Any, ...]],
    threads: int,
    max_retries: int,
    address: Optional[str] = None,
    jobs: Optional[int] = None,
    shared: Optional[str] = None,
) -> Iterator[Outcome]:
    """Runs ``task(*args[i])`` as Ray tasks of ``threads`` CPUs each; Ray retries a task whose
    worker died ``max_retries`` times, then its error is the outcome. ``shared`` (e.g. a base
    scenario's JSON text) is put in the object store once and appended to every task's
    arguments."""
    ray = ensure_ray(address, jobs)
    remote = ray.remote(task).options(num_cpus=threads, max_retries=max_retries, retry_exceptions=False)
    extra: Tuple[Any, ...] = (ray.put(shared),) if shared is not None else ()
    pending = {remote.remote(*args[i], *extra): i for i in range(len(args))}
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        for ref in ready:
            index = pending.pop(ref)
            try:
                yield Outcome(index, True, ray.get(ref), 1)
            except ray.exceptions.RayTaskError as err:
                # The task raised: report the task's own exception, not Ray's wrapper.
                cause = err.cause if getattr(err, "cause", None) is not None else err
                yield Outcome(index, False, _describe(cause), 1)
            except ray.exceptions.RayError as err:
                yield Outcome(index, False, f"the Ray worker died on each of {max_retries + 1} "
                              f"attempts ({_describe(err)})", max_retries + 1)  # fmt: skip
