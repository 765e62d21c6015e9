"""The World Input-Output Table 2011 (WIOD, 2013 release): the sector layer's real table.

WIOD 2013 release, year 2011: 41 regions (40 economies in ISO3, Romania written ``ROM``,
plus ``RoW``) × 35 industries (``c1`` … ``c35``, ISIC rev. 3) = 1,435 country-industries,
USD million at basic prices (Timmer, Dietzenbacher, Los, Stehrer & de Vries 2015, "An
Illustrated User Guide to the World Input–Output Database: the Case of Global Automotive
Production", *Review of International Economics* 23: 575–605).  The Parquet files under
``<data_dir>/wiod/`` (``TRADEWAR_DATA_DIR``; listed by ``tradewar data status``) were
converted from the R package bquast/wiod without changing a value.

:func:`load_wiod` reads them into an :class:`IOTable` (the full table: Z sparse, final
demand by destination and category, gross output as published); :meth:`IOTable.mrio` gives
the edge list the ARIO model runs on.  Every result drawn from it must say "WIOD 2011":
:data:`WIOD_LABEL` is the label to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd  # type: ignore[import-untyped,unused-ignore]
import scipy.sparse as sp

from tradewar.errors import DataUnavailable, InvalidData
from tradewar.supply.mrio import MRIO
from tradewar.types import FloatArray, IntArray

WIOD_FOLDER = "wiod"
WIOD_YEAR = 2011  # the year shipped in ../shared/data/wiod; others load the same way
FINAL_CATEGORIES = ("CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN")
INDUSTRIES_FILE = "industries.csv"
_YEAR_FILE = re.compile(r"^wiot(\d{4})_intermediate\.parquet$")


def wiod_label(year: int) -> str:
    """What to show next to every result drawn from the table of ``year``."""
    return f"WIOD {year} (2013 release; USD million at basic prices)"


def wiod_citation(year: int) -> str:
    """The citation of the table of ``year``."""
    return (
        f"World Input-Output Database, 2013 release, table for {year}: Timmer, Dietzenbacher, "
        "Los, Stehrer & de Vries (2015), 'An Illustrated User Guide to the World Input-Output "
        "Database: the Case of Global Automotive Production', Review of International "
        "Economics 23: 575-605. Converted from the R package bquast/wiod (GPL-3); the tables "
        "are WIOD's."
    )


def wiod_files(year: int = WIOD_YEAR) -> tuple[tuple[str, str, str], ...]:
    """(file, description, units) of the four files of one year, for ``tradewar data status``."""
    return (
        (f"wiot{year}_intermediate.parquet", f"WIOD {year} intermediate use Z, long format",
         "USD million"),
        (f"wiot{year}_final.parquet", f"WIOD {year} final demand by destination and category",
         "USD million"),
        (f"wiot{year}_output.parquet", f"WIOD {year} gross output by country-industry",
         "USD million"),
        (INDUSTRIES_FILE, "WIOD industries c1..c35 (ISIC rev. 3)", "codes"),
    )  # fmt: skip


WIOD_FILES = wiod_files(WIOD_YEAR)
INTERMEDIATE_FILE, FINAL_FILE, OUTPUT_FILE = (name for name, _, _ in WIOD_FILES[:3])
WIOD_LABEL = wiod_label(WIOD_YEAR)
WIOD_CITATION = wiod_citation(WIOD_YEAR)
HOW_TO_GET_WIOD = (
    "World Input-Output Tables (WIOD 2013 release) are read from <data_dir>/wiod/ "
    "(TRADEWAR_DATA_DIR): wiotYYYY_intermediate.parquet, wiotYYYY_final.parquet, "
    "wiotYYYY_output.parquet and industries.csv (converted from the R package bquast/wiod; "
    "../shared/data/wiod holds 2011)."
)
#: The largest gap allowed between published output and Z·1 + Y (the files are rounded
#: to whole USD million; the README of the data reports 108 of 3.4 million at most).
OUTPUT_GAP_TOLERANCE = 1e-3


@dataclass(frozen=True)
class IOTable:
    """A full multi-regional input–output table (one year).

    Attributes
    ----------
    regions, sectors : labels; industry ``i`` is region ``i // P``, sector ``i % P``.
    sector_names : long names of the sectors.
    z : (N, N) sparse intermediate use, USD million per year.
    final : (N, R·C) final demand by (destination region, category), USD million; the
        inventory-change column may be negative.
    final_columns : the (region, category) label of each column of ``final``.
    output : (N,) gross output as published, USD million.
    year, label, citation : what to show next to every result.
    """

    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    sector_names: tuple[str, ...]
    z: sp.csr_matrix
    final: FloatArray
    final_columns: tuple[tuple[str, str], ...]
    output: FloatArray
    year: int
    label: str
    citation: str

    @property
    def n_industries(self) -> int:
        """N = regions × sectors."""
        return len(self.regions) * len(self.sectors)

    def industry_labels(self) -> list[tuple[str, str]]:
        """(region, sector) of every industry, in index order."""
        return [(r, s) for r in self.regions for s in self.sectors]

    def final_by_region(self) -> FloatArray:
        """(N, R) final demand summed over categories for each destination region."""
        categories = len(self.final_columns) // len(self.regions)
        total = self.final.reshape(self.n_industries, len(self.regions), categories).sum(axis=2)
        return np.asarray(total, dtype=np.float64)

    def value_added(self) -> FloatArray:
        """(N,) value added = output − intermediate inputs bought, USD million."""
        bought = np.asarray(self.z.sum(axis=0)).ravel()
        return np.asarray(self.output - bought, dtype=np.float64)

    def mrio(self) -> MRIO:
        """The edge list the ARIO model runs on.

        Final demand is summed over destinations and categories.  In 10 of WIOD 2011's
        1,435 industries inventory decumulation makes that sum negative (at most
        −7,154 USD million, Japanese mining); ARIO needs non-negative demand, so those
        sums are set to 0 and gross output there is Z·1 (see :meth:`clipped_final`).
        """
        coo = self.z.tocoo()
        return MRIO(
            regions=self.regions,
            sectors=self.sectors,
            seller=coo.row.astype(np.int64),
            buyer=coo.col.astype(np.int64),
            flow=coo.data.astype(np.float64),
            final_demand=np.clip(self.final.sum(axis=1), 0.0, None),
        )

    def clipped_final(self) -> dict[tuple[str, str], float]:
        """Industries whose total final demand is negative, and by how much (USD million)."""
        total = self.final.sum(axis=1)
        labels = self.industry_labels()
        return {labels[i]: float(total[i]) for i in np.flatnonzero(total < 0)}


def wiod_folder(data_dir: Path) -> Path:
    """``<data_dir>/wiod``."""
    return Path(data_dir) / WIOD_FOLDER


def available_years(data_dir: Path) -> list[int]:
    """Years with an intermediate-use file under ``<data_dir>/wiod``, ascending."""
    folder = wiod_folder(data_dir)
    if not folder.is_dir():
        return []
    found = (_YEAR_FILE.match(path.name) for path in folder.iterdir())
    return sorted(int(match.group(1)) for match in found if match)


def _choose_year(data_dir: Path, year: int | None) -> int:
    years = available_years(data_dir)
    if year is None:
        return years[-1] if years else WIOD_YEAR
    if years and year not in years:
        raise DataUnavailable(
            f"no WIOD table for {year} under {wiod_folder(data_dir)}; "
            f"expected one of {', '.join(map(str, years))}",
            field="year",
        )
    return year


def _require(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.is_file():
        raise DataUnavailable(f"Missing WIOD file {name}: looked for {path}. {HOW_TO_GET_WIOD}")
    return path


def _read_parquet(path: Path, columns: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several kinds for a broken file
        raise InvalidData(f"{path}: cannot be read as Parquet ({err}).") from err
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InvalidData(f"{path}: columns {missing} missing; expected {columns}.")
    return frame


def _codes(frame: pd.DataFrame, column: str, known: dict[str, int], path: Path) -> IntArray:
    codes = frame[column].astype(str).map(known)
    if codes.isna().any():
        bad = frame.loc[codes.isna(), column].iloc[0]
        raise InvalidData(f"{path}: {column} {bad!r} is not in the output file's labels.")
    return np.asarray(codes.to_numpy(dtype=np.int64), dtype=np.int64)


def load_wiod(data_dir: Path, year: int | None = None) -> IOTable:
    """Read a WIOD table (default: the latest year present, 2011 in the shared data) from
    ``<data_dir>/wiod`` and check that it balances.

    Raises
    ------
    DataUnavailable
        If a file is missing (names it and where it was looked for).
    InvalidData
        If a file is malformed, or output differs from Z·1 + Y by more than the rounding.
    """
    folder = wiod_folder(data_dir)
    year = _choose_year(data_dir, year)
    files = wiod_files(year)
    paths = {name: _require(folder, name) for name, _, _ in files}
    intermediate_file, final_file, output_file = (name for name, _, _ in files[:3])
    industries = pd.read_csv(paths[INDUSTRIES_FILE])
    sectors = tuple(industries["industry"].astype(str))
    names = tuple(industries["name"].astype(str))
    out = _read_parquet(paths[output_file], ["country", "industry", "output"])
    regions = tuple(dict.fromkeys(out["country"].astype(str)))
    expected = [(r, s) for r in regions for s in sectors]
    found = list(zip(out["country"].astype(str), out["industry"].astype(str), strict=True))
    if found != expected:
        raise InvalidData(
            f"{paths[output_file]}: rows must list every (country, industry) in region-major "
            f"order with the industries of {INDUSTRIES_FILE}; expected {len(expected)} rows."
        )
    index = {f"{r}|{s}": k for k, (r, s) in enumerate(expected)}
    n, r_count = len(expected), len(regions)
    z_frame = _read_parquet(
        paths[intermediate_file], ["from_country", "from_industry", "to_country", "to_industry"]
    )
    z_frame = z_frame.assign(
        seller=z_frame["from_country"] + "|" + z_frame["from_industry"],
        buyer=z_frame["to_country"] + "|" + z_frame["to_industry"],
    )
    seller = _codes(z_frame, "seller", index, paths[intermediate_file])
    buyer = _codes(z_frame, "buyer", index, paths[intermediate_file])
    flows = z_frame["value"].to_numpy(dtype=np.float64)
    if np.any(flows < 0):
        raise InvalidData(f"{paths[intermediate_file]}: negative intermediate flows.")
    z = sp.csr_matrix((flows, (seller, buyer)), shape=(n, n))
    final = _final_matrix(paths[final_file], index, regions)
    output = out["output"].to_numpy(dtype=np.float64)
    _check_balance(paths[output_file], z, final, output)
    columns = tuple((r, c) for r in regions for c in FINAL_CATEGORIES)
    assert final.shape == (n, r_count * len(FINAL_CATEGORIES))
    return IOTable(
        regions=regions,
        sectors=sectors,
        sector_names=names,
        z=z,
        final=final,
        final_columns=columns,
        output=output,
        year=year,
        label=wiod_label(year),
        citation=wiod_citation(year),
    )


def _final_matrix(path: Path, index: dict[str, int], regions: tuple[str, ...]) -> FloatArray:
    frame = _read_parquet(path, ["from_country", "from_industry", "to_country", "category"])
    frame = frame.assign(seller=frame["from_country"] + "|" + frame["from_industry"])
    rows = _codes(frame, "seller", index, path)
    region_of = {r: k for k, r in enumerate(regions)}
    category_of = {c: k for k, c in enumerate(FINAL_CATEGORIES)}
    dest = _codes(frame, "to_country", region_of, path)
    category = frame["category"].astype(str).map(category_of)
    if category.isna().any():
        bad = frame.loc[category.isna(), "category"].iloc[0]
        raise InvalidData(f"{path}: category {bad!r}; expected one of {FINAL_CATEGORIES}.")
    column = dest * len(FINAL_CATEGORIES) + category.to_numpy(dtype=np.int64)
    final = np.zeros((len(index), len(regions) * len(FINAL_CATEGORIES)))
    np.add.at(final, (rows, column), frame["value"].to_numpy(dtype=np.float64))
    return final


def _check_balance(path: Path, z: sp.csr_matrix, final: FloatArray, output: FloatArray) -> None:
    """Output must equal Z·1 + Y up to rounding (relative to the largest output)."""
    implied = np.asarray(z.sum(axis=1)).ravel() + final.sum(axis=1)
    gap = np.abs(implied - output)
    worst = int(np.argmax(gap))
    if gap[worst] > OUTPUT_GAP_TOLERANCE * float(output.max()):
        raise InvalidData(
            f"{path}: output of row {worst + 1} is {output[worst]:.0f} but Z·1 + Y gives "
            f"{implied[worst]:.0f}; expected them equal up to rounding."
        )
