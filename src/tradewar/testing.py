"""Assertions for users' own tests, in the spirit of ``pandas.testing`` and ``linopy.testing``.

Examples
--------
>>> import pandas as pd
>>> a = pd.DataFrame({"scenario": ["s"], "iso3": ["USA"], "variable": ["welfare"], "value": [1.0]})
>>> assert_scenario_close(a, a.assign(value=[1.00001]), atol=1e-4)
>>> assert_scenario_close(a, a.assign(value=[1.5]), atol=1e-4)
Traceback (most recent call last):
...
AssertionError: 1 of 1 values differ by more than atol=0.0001 + rtol=0.0: s/USA/welfare 1.0 != 1.5
"""

from __future__ import annotations

import math
from typing import Any

KEY_COLUMNS = ("scenario", "iso3", "variable")


def assert_scenario_close(
    actual: Any, expected: Any, *, atol: float = 1e-6, rtol: float = 0.0, max_shown: int = 10
) -> None:
    """Assert that two tidy scenario tables hold the same rows and close values.

    Parameters
    ----------
    actual, expected : pandas.DataFrame
        Tidy tables with columns ``scenario, iso3, variable, value`` (as
        ``ScenarioRun.tidy()`` and ``ScenarioService.compare()`` return them); an
        ``is_group`` column, when present, tells the group USA from the country USA.
    atol, rtol : float
        Absolute tolerance (in the values' unit, e.g. percentage points) and relative one.
    """
    left = _by_key(actual, "actual")
    right = _by_key(expected, "expected")
    missing = sorted(set(right) - set(left))
    extra = sorted(set(left) - set(right))
    if missing or extra:
        raise AssertionError(
            f"rows differ: missing {[_name(k) for k in missing[:max_shown]]}, "
            f"unexpected {[_name(k) for k in extra[:max_shown]]}"
        )
    bad = [key for key, value in right.items() if not _close(left[key], value, atol, rtol)]
    if bad:
        shown = "; ".join(f"{_name(k)} {left[k]} != {right[k]}" for k in bad[:max_shown])
        raise AssertionError(
            f"{len(bad)} of {len(right)} values differ by more than "
            f"atol={atol} + rtol={rtol}: {shown}"
        )


def _by_key(frame: Any, label: str) -> dict[tuple[str, ...], float]:
    columns = set(frame.columns)
    if not set(KEY_COLUMNS) | {"value"} <= columns:
        raise AssertionError(
            f"{label} lacks columns {sorted(set(KEY_COLUMNS) | {'value'} - columns)}"
        )
    key_columns = [*KEY_COLUMNS, "is_group"] if "is_group" in columns else list(KEY_COLUMNS)
    keys = [tuple(str(v) for v in row) for row in frame[key_columns].itertuples(index=False)]
    if len(set(keys)) != len(keys):
        raise AssertionError(f"{label} has duplicate (scenario, iso3, variable) rows")
    return dict(zip(keys, (float(v) for v in frame["value"]), strict=True))


def _close(a: float, b: float, atol: float, rtol: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= atol + rtol * abs(b)


def _name(key: tuple[str, ...]) -> str:
    return "/".join(key)
