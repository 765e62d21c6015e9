"""Uncertainty bands from a sweep: quantiles (5/50/95% by default) per row and variable.

A sweep's Parquet file holds one row per (draw, group or country, variable); its manifest
is stored in the file's schema metadata (key ``tradewar.manifest``) as well as beside it.
:func:`quantile_bands` turns the rows of converged draws into one row per (scenario, group or
country, variable) with the chosen quantiles, the mean, the number of draws behind them,
and the number of draws of that scenario whose solve failed (never silently dropped).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from tradewar.errors import InvalidInput
from tradewar.sweeps.worker import STATUS_FAILED, STATUS_OK

#: Quantiles of the default band: 5%, median, 95%.
DEFAULT_QUANTILES: tuple[float, ...] = (0.05, 0.5, 0.95)
#: Key of the manifest in the Parquet schema metadata.
MANIFEST_KEY = b"tradewar.manifest"
#: Columns a sweep's rows must have.
REQUIRED_COLUMNS: tuple[str, ...] = (
    "scenario", "draw", "status", "iso3", "is_group", "variable", "value",
)  # fmt: skip
#: Keys of a band row, before the quantile columns.
BAND_KEYS: tuple[str, ...] = ("scenario", "iso3", "is_group", "variable")


def quantile_column(quantile: float) -> str:
    """Column name of a quantile: 0.05 -> ``q05``, 0.5 -> ``q50``, 0.975 -> ``q97.5``.

    Examples
    --------
    >>> [quantile_column(q) for q in (0.05, 0.5, 0.975)]
    ['q05', 'q50', 'q97.5']
    """
    percent = round(quantile * 100.0, 6)
    return f"q{int(percent):02d}" if percent == int(percent) else f"q{percent:g}"


def read_sweep(path: Path) -> tuple[pd.DataFrame, dict[str, Any] | None]:
    """A sweep's rows and the manifest stored in the file (None if it has none).

    Raises
    ------
    tradewar.errors.InvalidInput
        If the file is missing, not Parquet, or lacks the sweep columns.
    """
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file; expected a sweep's .parquet output.")
    try:
        table = pq.read_table(path)
    except Exception as err:  # pyarrow raises several unrelated types for a bad file
        raise InvalidInput(f"{path}: not a Parquet file ({err}).") from err
    missing = [name for name in REQUIRED_COLUMNS if name not in table.column_names]
    if missing:
        raise InvalidInput(
            f"{path}: has no column(s) {', '.join(missing)}; expected the output of"
            " 'tradewar sweep run'."
        )
    metadata = table.schema.metadata or {}
    manifest = json.loads(metadata[MANIFEST_KEY]) if MANIFEST_KEY in metadata else None
    return table.to_pandas(), manifest


def quantile_bands(
    rows: pd.DataFrame, quantiles: Sequence[float] = DEFAULT_QUANTILES
) -> pd.DataFrame:
    """One row per (scenario, iso3, is_group, variable): quantiles, mean, draws, failed.

    Parameters
    ----------
    rows : pandas.DataFrame
        A sweep's rows (see :func:`tradewar.sweeps.worker.solve_chunk`).
    quantiles : sequence of float
        Increasing, in [0, 1]; columns are named by :func:`quantile_column`.

    Returns
    -------
    pandas.DataFrame
        ``scenario, iso3, is_group, variable, q05, q50, q95, mean, draws, failed``:
        quantiles and mean in the variable's unit, over converged draws with a defined
        value; ``draws`` counts those, ``failed`` the scenario's failed draws.

    Raises
    ------
    tradewar.errors.InvalidInput
        If the quantiles are not increasing numbers in [0, 1].

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"scenario": "s", "draw": range(5), "status": "ok",
    ...                      "iso3": "USA", "is_group": True, "variable": "welfare",
    ...                      "value": [1.0, 2.0, 3.0, 4.0, 5.0]})
    >>> quantile_bands(rows)[["q05", "q50", "q95", "draws"]].to_dict("records")
    [{'q05': 1.2, 'q50': 3.0, 'q95': 4.8, 'draws': 5}]
    """
    levels = list(quantiles)
    if not levels or any(not 0.0 <= q <= 1.0 for q in levels) or levels != sorted(set(levels)):
        raise InvalidInput(
            f"quantiles {levels}: expected increasing numbers in [0, 1], e.g. 0.05, 0.5, 0.95."
        )
    converged = rows[rows["status"] == STATUS_OK]
    grouped = converged.groupby(list(BAND_KEYS), sort=False, dropna=False)["value"]
    bands = pd.concat(
        {quantile_column(q): grouped.quantile(q) for q in levels}
        | {"mean": grouped.mean(), "draws": grouped.count()},
        axis=1,
    ).reset_index()
    failed = rows[rows["status"] == STATUS_FAILED].groupby("scenario")["draw"].nunique()
    bands["failed"] = bands["scenario"].map(failed).fillna(0).astype("int64")
    bands["draws"] = bands["draws"].astype("int64")
    return bands


def bands_from_files(
    paths: Sequence[Path], quantiles: Sequence[float] = DEFAULT_QUANTILES
) -> pd.DataFrame:
    """Bands of one or more sweep files (e.g. one per scenario), in the files' order."""
    if not paths:
        raise InvalidInput("Name at least one sweep .parquet file.")
    return pd.concat(
        [quantile_bands(read_sweep(Path(path))[0], quantiles) for path in paths],
        ignore_index=True,
    )


def with_bands(tidy: pd.DataFrame, bands: pd.DataFrame) -> pd.DataFrame:
    """A scenario comparison's tidy table with the sweep's bands beside each value.

    ``tidy`` has the columns of :meth:`tradewar.services.scenarios.ScenarioService.compare`
    (``scenario, iso3, is_group, variable, value, unit``); rows with no sweep of their
    scenario get NaN bands.  Row order is kept.

    Examples
    --------
    >>> import pandas as pd
    >>> tidy = pd.DataFrame({"scenario": ["s"], "iso3": ["USA"], "is_group": [True],
    ...                      "variable": ["welfare"], "value": [0.9], "unit": ["percent change"]})
    >>> bands = pd.DataFrame({"scenario": ["s"], "iso3": ["USA"], "is_group": [True],
    ...                       "variable": ["welfare"], "q05": [0.2], "q50": [0.7], "q95": [2.5],
    ...                       "mean": [1.0], "draws": [100], "failed": [0]})
    >>> with_bands(tidy, bands)[["value", "q05", "q95"]].to_dict("records")
    [{'value': 0.9, 'q05': 0.2, 'q95': 2.5}]
    """
    extra = [c for c in bands.columns if c not in BAND_KEYS and c not in tidy.columns]
    merged = tidy.merge(bands[[*BAND_KEYS, *extra]], on=list(BAND_KEYS), how="left", sort=False)
    return merged.set_axis(tidy.index)
