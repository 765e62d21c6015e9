"""Multi-regional input–output tables as edge lists: a synthetic generator and loaders.

An :class:`MRIO` holds the intermediate flows ``Z`` as a COO edge list (seller ``i``,
buyer ``j``, value ``z_ij``) over industries ``i = region × P + sector`` (pymrio's
region-major order), and final demand ``y`` summed over categories and regions; values
are flows per year in the table's unit (USD million for EXIOBASE and OECD ICIO).

Real tables load from a user path in pymrio's formats (``docs/specs/supply-chain.md``
§3.4; no real MRIO ships with tradewar):

* with pymrio installed (``pip install 'tradewar[supply]'``) anything ``pymrio.load_all``
  reads (a folder or zip saved by ``IOSystem.save_all``), or the raw EXIOBASE 3 and OECD
  ICIO downloads through ``parse_exiobase3`` / ``parse_oecd``;
* without pymrio, a folder saved by ``IOSystem.save_all`` in its text format
  (``file_parameters.json`` plus tab-separated ``Z.txt`` and ``Y.txt`` with two index
  columns and two header rows), read with pandas.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from tradewar.errors import DataUnavailable, InvalidData, InvalidInput
from tradewar.types import FloatArray, IntArray

if TYPE_CHECKING:  # pandas is needed only to read files
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

MrioFormat = Literal["auto", "pymrio", "exiobase3", "oecd"]


@dataclass(frozen=True)
class MRIO:
    """A multi-regional input–output table as an edge list.

    Attributes
    ----------
    regions, sectors : labels; industry ``i`` is region ``i // P``, sector ``i % P``.
    seller, buyer : (nnz,) industry indices of each intermediate flow.
    flow : (nnz,) intermediate flows z_ij, per year.
    final_demand : (N,) final demand for each industry's output, per year.
    """

    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    seller: IntArray
    buyer: IntArray
    flow: FloatArray
    final_demand: FloatArray

    def __post_init__(self) -> None:
        n = len(self.regions) * len(self.sectors)
        if self.final_demand.shape != (n,):
            raise InvalidData(
                f"final_demand has shape {self.final_demand.shape}; expected ({n},) "
                f"for {len(self.regions)} regions x {len(self.sectors)} sectors"
            )
        if self.seller.shape != self.flow.shape or self.buyer.shape != self.flow.shape:
            raise InvalidData("seller, buyer and flow must have the same length")
        if self.flow.size and (self.seller.max() >= n or self.buyer.max() >= n):
            raise InvalidData(f"an industry index is >= {n}, the number of industries")
        if np.any(self.flow < 0) or np.any(self.final_demand < 0):
            raise InvalidData("negative flows or final demand; expected non-negative values")

    @property
    def n_industries(self) -> int:
        """N = regions × sectors."""
        return len(self.regions) * len(self.sectors)

    @property
    def output(self) -> FloatArray:
        """Gross output x = Z·1 + y, per year."""
        sold = np.bincount(self.seller, weights=self.flow, minlength=self.n_industries)
        return np.asarray(sold + self.final_demand, dtype=np.float64)

    def industry(self, region: str, sector: str) -> int:
        """Index of one (region, sector) industry."""
        try:
            return self.regions.index(region) * len(self.sectors) + self.sectors.index(sector)
        except ValueError as err:
            raise InvalidInput(
                f"unknown industry ({region!r}, {sector!r}); expected a region of "
                f"{list(self.regions)[:8]}... and a sector of {list(self.sectors)[:8]}..."
            ) from err


def synthetic_mrio(
    regions: int, sectors: int, density: float = 0.065, seed: int = 0, home_bias: float = 5.0
) -> MRIO:
    """A random MRIO with positive value added, for tests and benchmarks.

    Parameters
    ----------
    regions, sectors : R and P.
    density : share of the N² possible flows that are non-zero (6.5% ≈ EXIOBASE in the
        benchmarks of supply-chain.md §1.3); the diagonal is always present.
    seed : seed of ``numpy.random.default_rng``.
    home_bias : multiplier on flows within a region.

    Examples
    --------
    >>> table = synthetic_mrio(3, 4, density=0.3, seed=1)
    >>> table.n_industries, bool(np.all(table.output > 0))
    (12, True)
    >>> synthetic_mrio(0, 4)
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: regions 0 and sectors 4; expected at least 1 of each
    """
    if regions < 1 or sectors < 1:
        raise InvalidInput(f"regions {regions} and sectors {sectors}; expected at least 1 of each")
    if not 0 < density <= 1:
        raise InvalidInput(f"density {density}; expected a share in (0, 1]")
    rng = np.random.default_rng(seed)
    n = regions * sectors
    draws = int(density * n * n * 1.05) + n
    flat = np.unique(np.concatenate([rng.integers(0, n * n, size=draws), np.arange(n) * (n + 1)]))
    seller, buyer = flat // n, flat % n
    flow = rng.lognormal(0.0, 1.0, size=flat.size)
    flow = np.where(seller // sectors == buyer // sectors, flow * home_bias, flow)
    sold = np.bincount(seller, weights=flow, minlength=n)
    bought = np.bincount(buyer, weights=flow, minlength=n)
    margin = rng.uniform(1.3, 2.0, size=n)
    final = np.maximum(bought * margin - sold, 0.0) + 0.2 * sold + 1.0
    return MRIO(
        regions=tuple(f"R{r:02d}" for r in range(regions)),
        sectors=tuple(f"S{p:03d}" for p in range(sectors)),
        seller=seller.astype(np.int64),
        buyer=buyer.astype(np.int64),
        flow=flow,
        final_demand=final,
    )


def mrio_from_frames(z: pd.DataFrame, y: pd.DataFrame) -> MRIO:
    """Build an :class:`MRIO` from pymrio-shaped frames.

    ``z`` is indexed and columned by (region, sector) in the same order; ``y`` is indexed
    by (region, sector) with one column per (region, final-demand category).
    """
    if not z.index.equals(z.columns):
        raise InvalidData("Z: rows and columns must list the same (region, sector) pairs")
    if not y.index.equals(z.index):
        raise InvalidData("Y: rows must list the same (region, sector) pairs as Z")
    regions = tuple(dict.fromkeys(str(r) for r in z.index.get_level_values(0)))
    sectors = tuple(dict.fromkeys(str(s) for s in z.index.get_level_values(1)))
    if len(regions) * len(sectors) != len(z.index):
        raise InvalidData(
            f"Z has {len(z.index)} rows; expected regions x sectors = "
            f"{len(regions)} x {len(sectors)} in region-major order"
        )
    values = z.to_numpy(dtype=np.float64)
    if np.any(~np.isfinite(values)):
        raise InvalidData("Z contains NaN or infinite values")
    seller, buyer = np.nonzero(values > 0)
    return MRIO(
        regions=regions,
        sectors=sectors,
        seller=seller.astype(np.int64),
        buyer=buyer.astype(np.int64),
        flow=values[seller, buyer],
        final_demand=np.clip(y.to_numpy(dtype=np.float64).sum(axis=1), 0.0, None),
    )


def load_mrio(path: Path, fmt: MrioFormat = "auto", year: int | None = None) -> MRIO:
    """Load a table from a user path.

    Parameters
    ----------
    path : a folder or zip saved by pymrio, or a raw EXIOBASE 3 / OECD ICIO download.
    fmt : ``auto`` (pymrio if installed, else the text reader), ``pymrio``,
        ``exiobase3`` or ``oecd`` (the last three need pymrio).
    year : the year, for OECD ICIO files that hold several.

    Raises
    ------
    DataUnavailable
        If the path does not exist, or pymrio is needed and missing (says how to install).
    InvalidData
        If the table is malformed.
    """
    if not path.exists():
        raise DataUnavailable(
            f"no MRIO at {path}; expected a folder saved by pymrio's IOSystem.save_all, or "
            "an EXIOBASE 3 / OECD ICIO download (place the file there)"
        )
    if fmt == "auto" and path.is_dir() and not (path / "file_parameters.json").exists():
        raise InvalidData(
            f"{path}: no file_parameters.json; expected a folder written by pymrio's "
            "IOSystem.save_all (for raw downloads pass the format: exiobase3 or oecd)"
        )
    pymrio = _optional_pymrio(required=fmt != "auto")
    if pymrio is None:
        return _load_text_folder(path)
    try:
        io = _pymrio_system(pymrio, path, fmt, year)
        if io.Z is None:
            io.calc_system()
    except Exception as err:  # pymrio raises many kinds; report one clean error
        raise InvalidData(f"pymrio could not read {path} as {fmt}: {err}") from err
    return mrio_from_frames(io.Z, io.Y)


def _optional_pymrio(required: bool) -> Any:
    try:
        import pymrio  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError as err:
        if required:
            raise DataUnavailable(
                "reading this MRIO format needs pymrio, which is not installed; "
                "install it with: pip install 'tradewar[supply]'"
            ) from err
        return None
    return pymrio


def _pymrio_system(pymrio: Any, path: Path, fmt: MrioFormat, year: int | None) -> Any:
    if fmt == "exiobase3":
        return pymrio.parse_exiobase3(path=str(path))
    if fmt == "oecd":
        return pymrio.parse_oecd(path=str(path), year=year)
    return pymrio.load_all(str(path))


def _load_text_folder(path: Path) -> MRIO:
    """Read the Z and Y tables of a folder saved by pymrio's ``save_all`` (text format)."""
    folder = path if path.is_dir() else None
    if folder is None:
        raise DataUnavailable(
            f"{path} is not a folder; reading zips or raw downloads needs pymrio: "
            "pip install 'tradewar[supply]'"
        )
    params_file = folder / "file_parameters.json"
    if not params_file.exists():
        raise InvalidData(
            f"{folder}: no file_parameters.json; expected a folder written by pymrio's "
            "IOSystem.save_all"
        )
    files = json.loads(params_file.read_text(encoding="utf-8")).get("files", {})
    frames = {name: _read_table(folder, files, name) for name in ("Z", "Y")}
    return mrio_from_frames(frames["Z"], frames["Y"])


def _read_table(folder: Path, files: dict[str, Any], name: str) -> pd.DataFrame:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    entry = files.get(name)
    if entry is None:
        raise InvalidData(f"{folder}/file_parameters.json lists no {name!r} table")
    return pd.read_csv(
        folder / entry["name"],
        sep="\t",
        index_col=list(range(int(entry.get("nr_index_col", 2)))),
        header=list(range(int(entry.get("nr_header", 2)))),
        keep_default_na=False,
        na_values=[""],
    )
