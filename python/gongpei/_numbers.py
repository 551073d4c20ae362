"""Numbers at the boundary: Python ints, integral floats and numpy scalars turned into the
engine's 64-bit integers, optionally scaled (``Model(cost_scale=100)`` turns 0.9 CNY into 90),
with errors naming the field instead of numpy's or pyo3's generic ones.

>>> as_int(60.0, "client 0: service_duration")
60
>>> as_int(0.9, "vehicle type 0: unit_distance_cost", scale=100)
90
>>> as_int(0.0009, "vehicle type 0: unit_distance_cost", scale=100)
Traceback (most recent call last):
...
gongpei.errors.InvalidInputError: vehicle type 0: unit_distance_cost: 0.0009 times the scale 100 is 0.09, which rounds to 0 (more than 1 % off); raise the model's cost_scale or load_scale
"""

from __future__ import annotations

import math
import numbers
from typing import Any, List, Sequence

import numpy as np

from .errors import InvalidInputError

__all__ = ["I64_MAX", "as_int", "as_int_list", "as_seed"]

#: Largest value the engine stores (``int64``).
I64_MAX = 2**63 - 1


def as_int(value: Any, what: str, *, scale: float = 1.0, minimum: int = -I64_MAX) -> int:
    """``value * scale`` as a Python ``int``.

    Without scaling (``scale == 1``) the value must be integral: ``60``, ``60.0`` or a numpy
    integer; a fractional value is an error that names ``what`` and the scale option to use.
    With a scale the product is rounded to the nearest integer (halves away from zero); a
    rounding that moves it by more than 1 % (0.0009 yuan/m at ``cost_scale=100`` becoming 0) is
    an error asking for a larger scale.
    """
    if isinstance(value, (bool, np.bool_)):
        raise InvalidInputError(f"{what}: expected a number, got {value!r}")
    if isinstance(value, (numbers.Integral, np.integer)) and scale == 1:
        number: Any = int(value)
    elif isinstance(value, (numbers.Real, np.floating, np.integer)):
        real = float(value) * scale if scale != 1 else value
        if isinstance(real, (numbers.Integral, np.integer)):
            number = int(real)
        else:
            real = float(real)
            if not math.isfinite(real):
                raise InvalidInputError(f"{what}: {value!r} is not a finite number")
            if abs(real) > I64_MAX:
                raise InvalidInputError(
                    f"{what}: {value!r} is too large (the engine's limit is {I64_MAX})"
                )
            if scale == 1 and not real.is_integer():
                raise InvalidInputError(
                    f"{what}: {value!r} is not a whole number; the engine works in integers "
                    "(give Model(cost_scale=...) or Model(load_scale=...) to enter fractions, "
                    "e.g. cost_scale=100 for cents)"
                )
            number = int(math.copysign(math.floor(abs(real) + 0.5), real))
            if scale != 1 and real != 0 and abs(number - real) > 0.01 * abs(real):
                raise InvalidInputError(
                    f"{what}: {value!r} times the scale {scale:g} is {real:g}, which rounds to "
                    f"{number} (more than 1 % off); raise the model's cost_scale or load_scale"
                )
    else:
        raise InvalidInputError(f"{what}: expected a number, got {type(value).__name__} {value!r}")
    if number > I64_MAX:
        raise InvalidInputError(f"{what}: {value!r} is too large (the engine's limit is {I64_MAX})")
    if number < minimum:
        limit = "non-negative" if minimum == 0 else f"at least {minimum}"
        raise InvalidInputError(f"{what}: {value!r} must be {limit}")
    return number


def as_int_list(values: Sequence[Any], what: str, *, scale: float = 1.0) -> List[int]:
    """Each entry through :func:`as_int`, named ``what[k]`` in errors."""
    return [as_int(v, f"{what}[{k}]", scale=scale) for k, v in enumerate(values)]


def as_seed(seed: Any) -> int:
    """A random seed: an integer in ``[0, 2**64)``.

    >>> as_seed(-1)
    Traceback (most recent call last):
    ...
    gongpei.errors.InvalidInputError: seed: -1 must be non-negative
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(
        seed, (numbers.Integral, np.integer, numbers.Real, np.floating)
    ):
        raise InvalidInputError(f"seed: expected an integer, got {type(seed).__name__} {seed!r}")
    if isinstance(seed, (numbers.Integral, np.integer)):
        number = int(seed)
    else:
        real = float(seed)
        if not (math.isfinite(real) and real.is_integer()):
            raise InvalidInputError(f"seed: {seed!r} is not a whole number")
        number = int(real)
    if number < 0:
        raise InvalidInputError(f"seed: {seed!r} must be non-negative")
    if number >= 2**64:
        raise InvalidInputError(f"seed: {seed!r} is too large (seeds are below 2**64)")
    return number
