"""The datasets tradewar reads from its data directory: where they live, checks, loading.

The general-equilibrium model reads the inputs of Ignatenko, Lashkaripour, Macedoni &
Simonovska (2025) from ``<data_dir>/ge/`` (``Settings.data_dir``, env ``TRADEWAR_DATA_DIR``).
This module is the only place that touches those files; the model itself is pure.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from tradewar.errors import DataUnavailable, InvalidData
from tradewar.types import FloatArray

GE_FOLDER = "ge"
HOW_TO_GET = (
    "These files ship with the replication package of Ignatenko, Lashkaripour, Macedoni &"
    " Simonovska (2025), 'Making America Great Again? The Economic Impacts of Liberation Day"
    " Tariffs', J. Int. Econ. 157, 104138 (folder data/base_data/). Put them in a folder and"
    " run `tradewar data import FOLDER`, or point TRADEWAR_DATA_DIR at a directory holding"
    " ge/."
)


@dataclass(frozen=True)
class DatasetFile:
    """One file of a dataset and what it must look like."""

    name: str
    description: str
    units: str


GE_FILES: tuple[DatasetFile, ...] = (
    DatasetFile("country_labels.csv", "countries (iso3, iso_code, CountryName)", "codes"),
    DatasetFile(
        "trade_cepii.csv",
        "BACI 2023 goods trade, row = exporter, column = importer",
        "thousands of current USD",
    ),
    DatasetFile("gdp.csv", "WDI GDP, latest year available", "current USD"),
    DatasetFile("tariffs.csv", "USTR 'Liberation Day' reciprocal rates", "decimal (0.54 = 54%)"),
)
ITPD_FILE = DatasetFile(
    "ITPDS/trade_ITPD.csv",
    "ITPD-S R1.1 2019, 4 broad sectors (multi-sector model)",
    "millions of USD",
)
REFERENCE_FILES: tuple[DatasetFile, ...] = (
    DatasetFile("reference/ignatenko2025_tables_1_2.json", "published Tables 1 and 2", "percent"),
    DatasetFile(
        "reference/ignatenko2025_per_country_ustr.csv",
        "published per-country results, Table 1 case 1",
        "percent",
    ),
)

#: The Budget Lab tariff-line files (MIT) that ``tradewar data hts`` loads; see tradewar.hts.
HTS_FILES: tuple[DatasetFile, ...] = (
    DatasetFile("resources/hs10_gtap_crosswalk.csv", "HTS-10 lines and their descriptions",
                "codes"),
    DatasetFile("data/us_notes/chapter99_2026_rev_6.txt", "HTSUS Chapter 99 text (2026 rev 6)",
                "text"),
    DatasetFile("resources/s301_product_lists.csv", "Section 301 lists by HTS-8, with headings",
                "codes"),
    DatasetFile("resources/ieepa_exempt_products.csv", "IEEPA reciprocal exemptions (Annex II)",
                "codes"),
    DatasetFile("resources/s122_exempt_products.csv", "Section 122 exemptions", "codes"),
)  # fmt: skip


@dataclass(frozen=True)
class GeData:
    """The raw inputs of the GE model, as read from ``<data_dir>/ge``.

    Attributes
    ----------
    countries : tuple of str
        ISO3 codes, alphabetical, in file order.
    names : tuple of str
        Country names.
    raw_flows : ndarray (N, N)
        ``X⁰[exporter, importer]``, thousands of USD, NaN → 0, zero diagonal.
    gdp : ndarray (N,)
        GDP in thousands of USD (file value / 1000).
    ustr_rates : ndarray (N,)
        USTR reciprocal rates, decimal, as in the file (USA and RUS are 0 placeholders).
    folder : Path
        Where the files were read.
    """

    countries: tuple[str, ...]
    names: tuple[str, ...]
    raw_flows: FloatArray
    gdp: FloatArray
    ustr_rates: FloatArray
    folder: Path


@dataclass(frozen=True)
class FileStatus:
    """Presence of one dataset file."""

    dataset: str
    file: str
    path: Path
    present: bool
    description: str
    units: str


def ge_folder(data_dir: Path) -> Path:
    """``<data_dir>/ge``: where the GE model's files live."""
    return Path(data_dir) / GE_FOLDER


def dataset_status(data_dir: Path) -> list[FileStatus]:
    """Which files of each dataset are present under ``data_dir``, and where."""
    folder = ge_folder(data_dir)
    rows = [
        FileStatus("ge", spec.name, folder / spec.name, (folder / spec.name).is_file(),
                   spec.description, spec.units)
        for spec in GE_FILES
    ]  # fmt: skip
    rows += [
        FileStatus("ge-reference", spec.name, folder / spec.name,
                   (folder / spec.name).is_file(), spec.description, spec.units)
        for spec in REFERENCE_FILES
    ]  # fmt: skip
    hts = Path(data_dir) / "hts" / "budgetlab"
    rows += [
        FileStatus("hts", spec.name, hts / spec.name, (hts / spec.name).is_file(),
                   spec.description, spec.units)
        for spec in HTS_FILES
    ]  # fmt: skip
    itpd = Path(data_dir) / ITPD_FILE.name
    rows.append(
        FileStatus("itpd", ITPD_FILE.name, itpd, itpd.is_file(), ITPD_FILE.description,
                   ITPD_FILE.units)
    )  # fmt: skip
    rows += _wiod_status(Path(data_dir))
    return rows


def _wiod_status(data_dir: Path) -> list[FileStatus]:
    """WIOD 2011, the supply module's sector table (``tradewar.supply.wiod``)."""
    from tradewar.supply.wiod import WIOD_YEAR, available_years, wiod_files, wiod_folder

    folder = wiod_folder(data_dir)
    files = dict.fromkeys(
        row for year in available_years(data_dir) or [WIOD_YEAR] for row in wiod_files(year)
    )
    return [
        FileStatus("wiod", name, folder / name, (folder / name).is_file(), description, units)
        for name, description, units in files
    ]


def _require(path: Path, data_dir: Path | None = None) -> Path:
    if not path.is_file():
        where = f" (data directory {data_dir})" if data_dir is not None else ""
        raise DataUnavailable(
            f"Missing dataset file {path.name}: looked for {path}{where}. {HOW_TO_GET}"
        )
    return path


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, header=0)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise InvalidData(f"{path}: cannot be read as CSV with a one-line header ({err}).") from err


def _check_header(path: Path, frame: pd.DataFrame, expected: list[str]) -> None:
    found = [str(column) for column in frame.columns]
    if found != expected:
        shown = expected if len(expected) <= 4 else [*expected[:2], "...", expected[-1]]
        got = found if len(found) <= 4 else [*found[:2], "...", found[-1]]
        raise InvalidData(f"{path}: header is {got}; expected {shown}.")


def _check_rows(path: Path, frame: pd.DataFrame, expected: int) -> None:
    if len(frame) != expected:
        raise InvalidData(
            f"{path}: has {len(frame)} data rows; expected {expected}, one per country of"
            " country_labels.csv."
        )


def _numeric(path: Path, frame: pd.DataFrame) -> FloatArray:
    values = frame.apply(pd.to_numeric, errors="coerce")
    bad = values.isna() & frame.notna()
    if bad.to_numpy().any():
        row, column = np.argwhere(bad.to_numpy())[0]
        raise InvalidData(
            f"{path}: row {row + 1}, column {frame.columns[column]!s} holds"
            f" {frame.iat[row, column]!r}; expected a number or an empty cell."
        )
    numbers: FloatArray = values.to_numpy(dtype=np.float64)
    return numbers


def _read_labels(folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    path = _require(folder / "country_labels.csv")
    frame = _read_csv(path)
    _check_header(path, frame, ["iso3", "iso_code", "CountryName"])
    codes = frame["iso3"].astype(str).tolist()
    bad = [code for code in codes if not re.fullmatch(r"[A-Z]{3}", code)]
    if bad:
        raise InvalidData(f"{path}: iso3 {bad[0]!r} is not three upper-case letters.")
    if len(set(codes)) != len(codes):
        raise InvalidData(f"{path}: iso3 codes repeat; expected one row per country.")
    positions = pd.to_numeric(frame["iso_code"], errors="coerce").to_numpy()
    if not np.array_equal(positions, np.arange(1, len(codes) + 1)):
        raise InvalidData(
            f"{path}: iso_code must run 1..{len(codes)} in file order (it is the row and"
            " column position in every other file)."
        )
    return tuple(codes), tuple(frame["CountryName"].astype(str).tolist())


def _read_trade(folder: Path, size: int) -> FloatArray:
    path = _require(folder / "trade_cepii.csv")
    frame = _read_csv(path)
    _check_header(path, frame, [f"export_ij{k}" for k in range(1, size + 1)])
    _check_rows(path, frame, size)
    flows = _numeric(path, frame)
    if np.nanmin(flows) < 0:
        raise InvalidData(f"{path}: negative trade values; expected flows >= 0.")
    flows = np.nan_to_num(flows, nan=0.0)  # empty = no recorded trade (ge-model §1)
    diagonal = np.diag(flows)
    if np.any(diagonal != 0):
        raise InvalidData(
            f"{path}: the diagonal (domestic trade) must be empty; the model builds it."
        )
    total = flows.sum()
    if not 1e8 <= total <= 1e12:
        raise InvalidData(
            f"{path}: world trade sums to {total:.3g}; expected thousands of USD (about"
            " 2.2e10 for 2023). Is the file in USD or millions instead?"
        )
    return flows


def _read_column(folder: Path, name: str, header: str, size: int) -> FloatArray:
    path = _require(folder / name)
    frame = _read_csv(path)
    _check_header(path, frame, [header])
    _check_rows(path, frame, size)
    values = _numeric(path, frame)[:, 0]
    if np.isnan(values).any():
        row = int(np.flatnonzero(np.isnan(values))[0])
        raise InvalidData(f"{path}: row {row + 1} is empty; expected a value for every country.")
    return values


def _read_gdp(folder: Path, size: int) -> FloatArray:
    gdp = _read_column(folder, "gdp.csv", "gdp", size)
    path = folder / "gdp.csv"
    if np.any(gdp <= 0):
        raise InvalidData(f"{path}: GDP must be positive.")
    if np.median(gdp) < 1e8:
        raise InvalidData(
            f"{path}: median GDP is {np.median(gdp):.3g}; expected current USD (median about"
            " 3e10). Is the file in thousands or millions instead?"
        )
    return gdp / 1000.0


def _read_tariffs(folder: Path, size: int) -> FloatArray:
    rates = _read_column(folder, "tariffs.csv", "applied_tariff", size)
    path = folder / "tariffs.csv"
    if np.any(rates < 0) or np.any(rates > 5):
        raise InvalidData(
            f"{path}: rates range {rates.min():g}..{rates.max():g}; expected decimals in"
            " [0, 5] (0.54 = 54%). Percent values must be divided by 100."
        )
    return rates


def read_ge_folder(folder: Path) -> GeData:
    """Read and check the four GE files in ``folder`` (shapes, headers, units, NaN rules).

    Raises
    ------
    tradewar.errors.DataUnavailable
        If a file is missing (names the file, where it was looked for, how to get it).
    tradewar.errors.InvalidData
        If a file is malformed (names the file, what was found and what was expected).
    """
    folder = Path(folder)
    countries, names = _read_labels(folder)
    size = len(countries)
    return GeData(
        countries=countries,
        names=names,
        raw_flows=_read_trade(folder, size),
        gdp=_read_gdp(folder, size),
        ustr_rates=_read_tariffs(folder, size),
        folder=folder,
    )


def load_ge_data(data_dir: Path) -> GeData:
    """Read the GE inputs from ``<data_dir>/ge`` (see :func:`read_ge_folder`)."""
    folder = ge_folder(data_dir)
    for spec in GE_FILES:
        _require(folder / spec.name, Path(data_dir))
    return read_ge_folder(folder)


def import_ge_folder(source: Path, data_dir: Path) -> list[Path]:
    """Check the GE files in ``source`` (or ``source/ge``) and install them into the data dir.

    Optional ``reference/`` files next to them are copied too.  Returns the installed paths.
    """
    source = Path(source)
    if not source.is_dir():
        raise DataUnavailable(f"{source} is not a folder. {HOW_TO_GET}")
    if not (source / GE_FILES[0].name).is_file() and (source / GE_FOLDER).is_dir():
        source = source / GE_FOLDER
    read_ge_folder(source)
    target = ge_folder(data_dir)
    if target.resolve() == source.resolve():
        return [target / spec.name for spec in GE_FILES]
    target.mkdir(parents=True, exist_ok=True)
    installed = []
    for spec in (*GE_FILES, *REFERENCE_FILES):
        origin = source / spec.name
        if origin.is_file():
            destination = target / spec.name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, destination)
            installed.append(destination)
    return installed
