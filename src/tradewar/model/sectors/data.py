"""The data of Lashkaripour & Lugovskyy (2023): 44 regions × 16 industries, WIOD 2014.

Reads ``<data_dir>/ll2023/`` (the authors' replication package; see its README): the
calibrated Table 4 cubes (``input/temp/Tab4_Data_RE.mat``, ``Tab4_Data_FE.mat``), the
aggregated WIOD cube before balancing (``input/temp/Step_1.mat``), the applied tariffs
(``input/AGG_T.csv``) and the region and industry names.  This module is the only place
that touches those files; everything else is pure.

Array layout (stated once): cubes are ``[industry k, exporter j, importer i]``, so
``flows[k, j, i]`` is the paper's ``X_{ji,k}``; money is millions of current USD; tariffs
and taxes are decimals (0.25 = 25%).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd  # type: ignore[import-untyped]
import scipy.io

from tradewar.errors import DataUnavailable, InvalidData, InvalidInput
from tradewar.types import FloatArray

LL2023_FOLDER = "ll2023"
CITATION = (
    "Lashkaripour & Lugovskyy (2023), 'Profits, Scale Economies, and the Gains from Trade"
    " and Industrial Policy', AER 113(10); data: WIOD 2014 (Timmer et al. 2015, 2016"
    " release) as aggregated by the authors; replication package MIT-licensed."
)
HOW_TO_GET = (
    "These files ship with the replication package of Lashkaripour & Lugovskyy (2023, AER"
    " 113(10)) (folder Trade_and_Industrial_Policy/Original_materials): point"
    " TRADEWAR_DATA_DIR at a directory holding ll2023/ with input/ and reference/."
)
REST_OF_WORLD = "RoW"

#: Short names of the authors' 16 industries, by the aggregate code of ``Industry_List.xlsx``
#: (its 56 WIOD sectors map to these; see ``docs/models/ll2023.md``).
INDUSTRY_NAMES: tuple[str, ...] = (
    "Agriculture, forestry & fishing",
    "Mining & quarrying",
    "Food, beverages & tobacco",
    "Textiles, apparel & leather",
    "Wood products",
    "Paper & printing",
    "Coke & refined petroleum",
    "Chemicals & pharmaceuticals",
    "Rubber & plastics",
    "Other non-metallic minerals",
    "Basic & fabricated metals",
    "Electronics & electrical equipment",
    "Machinery n.e.c.",
    "Transport equipment",
    "Furniture & other manufacturing",
    "Services, utilities & construction",
)


class Entry(StrEnum):
    """Market structure: restricted entry (fixed firms, profits) or free entry (scale)."""

    restricted = "restricted"
    free = "free"


@dataclass(frozen=True)
class SectoralWorld:
    """A calibrated multi-industry world in its factual (possibly tariff-ridden) state.

    Attributes
    ----------
    regions : tuple of str
        Region codes (ISO3; the last is usually ``RoW``), length N.
    industries : tuple of str
        Industry names, length S.
    flows : ndarray (S, N, N)
        Expenditure ``X[k, j, i]`` of importer i on industry-k goods from j, at consumer
        prices (gross of tariffs), millions of USD.
    tariffs : ndarray (S, N, N)
        Applied import tariffs ``t̄[k, j, i]`` of importer i on exporter j, decimal; zero
        diagonal.
    trade_elasticity : ndarray (S,)
        ``σ_k − 1`` (the paper's ε_k); σ_k is the CES parameter.
    scale_elasticity : ndarray (S,)
        ``μ_k``: the markup over marginal cost (restricted entry) and the scale elasticity
        (free entry).
    entry : Entry
        Restricted or free entry; decides how factor income ``R`` is measured.
    label : str
        Where the world came from (shown in outputs).
    """

    regions: tuple[str, ...]
    industries: tuple[str, ...]
    flows: FloatArray
    tariffs: FloatArray
    trade_elasticity: FloatArray
    scale_elasticity: FloatArray
    entry: Entry
    label: str = "LL2023 Table 4"
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        size, count = len(self.regions), len(self.industries)
        expected = (count, size, size)
        for name in ("flows", "tariffs"):
            shape = getattr(self, name).shape
            if shape != expected:
                raise InvalidData(f"{name} has shape {shape}; expected {expected} (k, j, i).")
        for name in ("trade_elasticity", "scale_elasticity"):
            if getattr(self, name).shape != (count,):
                raise InvalidData(
                    f"{name} has shape {getattr(self, name).shape}; expected ({count},)."
                )
        if np.any(self.flows.sum(axis=1) <= 0):
            raise InvalidData("flows: every importer needs positive spending in every industry.")
        if np.any(self.trade_elasticity <= 0):
            raise InvalidData("trade_elasticity: expected σ_k − 1 > 0 in every industry.")

    @property
    def size(self) -> int:
        """N, the number of regions."""
        return len(self.regions)

    @property
    def sigma(self) -> FloatArray:
        """σ_k = trade elasticity + 1, shape (S,)."""
        return self.trade_elasticity + 1.0

    @cached_property
    def expenditure(self) -> FloatArray:
        """``Y_i = Σ_{j,k} X[k,j,i]``: national expenditure = income (balanced), (N,)."""
        return np.asarray(self.flows.sum(axis=(0, 1)), dtype=np.float64)

    @cached_property
    def industry_shares(self) -> FloatArray:
        """``e[k,i]``: Cobb–Douglas share of industry k in i's spending, (S, N)."""
        return np.asarray(self.flows.sum(axis=1) / self.expenditure[None, :], dtype=np.float64)

    @cached_property
    def shares(self) -> FloatArray:
        """``λ[k,j,i]``: j's share of i's spending on industry k, (S, N, N)."""
        return np.asarray(self.flows / self.flows.sum(axis=1, keepdims=True), dtype=np.float64)

    @cached_property
    def producer_sales(self) -> FloatArray:
        """``X[k,j,i]/(1+t̄)``: sales at producer prices, (S, N, N)."""
        return self.flows / (1.0 + self.tariffs)

    @cached_property
    def factor_income(self) -> FloatArray:
        """``R_j``: wage income, (N,): sales net of tariffs (and of profits, μ/(1+μ), when
        entry is restricted)."""
        sales = self.producer_sales
        if self.entry is Entry.restricted:
            sales = sales / (1.0 + self.scale_elasticity[:, None, None])
        return np.asarray(sales.sum(axis=(0, 2)), dtype=np.float64)

    @cached_property
    def labour_shares(self) -> FloatArray:
        """``r[k,j]``: share of industry k in j's factor income (free entry), (S, N)."""
        sales = self.producer_sales
        return np.asarray(sales.sum(axis=2) / sales.sum(axis=(0, 2))[None, :], dtype=np.float64)

    def index_of(self, region: str) -> int:
        """Position of a region code (case-insensitive)."""
        wanted = region.strip().upper()
        for position, code in enumerate(self.regions):
            if code.upper() == wanted:
                return position
        raise InvalidInput(
            f"region {region!r} is not in the {self.label} data; expected one of"
            f" {', '.join(self.regions)}."
        )

    def with_entry(self, entry: Entry) -> SectoralWorld:
        """The same flows read under another market structure."""
        return replace(self, entry=entry)


@dataclass(frozen=True)
class RawCube:
    """The authors' aggregated WIOD cube before trade balancing (``Step_1.mat``)."""

    regions: tuple[str, ...]
    industries: tuple[str, ...]
    flows: FloatArray  # (S, N, N), millions of USD, with trade imbalances
    tariffs: FloatArray  # (S, N, N), decimal, zero diagonal
    trade_elasticity: FloatArray
    scale_elasticity: FloatArray


def ll2023_folder(data_dir: Path) -> Path:
    """``<data_dir>/ll2023``, or a clear error if it is missing."""
    folder = Path(data_dir) / LL2023_FOLDER
    if not (folder / "input").is_dir():
        raise DataUnavailable(f"The LL2023 data is not at {folder}/input. {HOW_TO_GET}")
    return folder


def _require(path: Path) -> Path:
    if not path.is_file():
        raise DataUnavailable(f"{path} is missing. {HOW_TO_GET}")
    return path


def _cube(matrix: FloatArray, size: int, count: int, name: str, path: Path) -> FloatArray:
    """A MATLAB ``(j, i, k)`` cube as ``(k, j, i)``."""
    if matrix.shape != (size, size, count):
        raise InvalidData(
            f"{path}: {name} has shape {matrix.shape}; expected ({size}, {size}, {count})."
        )
    return np.ascontiguousarray(np.transpose(np.asarray(matrix, dtype=np.float64), (2, 0, 1)))


def read_names(folder: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Region codes and industry names from ``Country_List.xlsx`` / ``Industry_List.xlsx``."""
    countries = pd.read_excel(_require(folder / "input" / "Country_List.xlsx"), header=None)
    industries = pd.read_excel(_require(folder / "input" / "Industry_List.xlsx"), header=None)
    codes = tuple(str(v).strip() for v in countries.iloc[:, 0].tolist())
    groups = sorted({int(v) for v in industries.iloc[:, 1].tolist()})
    if groups != list(range(1, len(INDUSTRY_NAMES) + 1)):
        raise InvalidData(
            f"{folder}/input/Industry_List.xlsx: aggregate codes {groups}; expected 1 to"
            f" {len(INDUSTRY_NAMES)}."
        )
    names = INDUSTRY_NAMES
    regions = tuple(
        REST_OF_WORLD if code.upper() in {"ROW", "REST OF WORLD"} else code for code in codes
    )
    return regions, names


def _parameters(matrix: FloatArray, count: int) -> FloatArray:
    """The industry vector of a cube that is constant over (j, i)."""
    vector = np.asarray(matrix[0, 0, :count], dtype=np.float64)
    return vector


def load_table4_world(data_dir: Path, entry: Entry) -> SectoralWorld:
    """The calibrated, trade-balanced data of Table 4 (``Tab4_Data_RE.mat`` / ``_FE``)."""
    folder = ll2023_folder(data_dir)
    suffix = "RE" if entry is Entry.restricted else "FE"
    path = _require(folder / "input" / "temp" / f"Tab4_Data_{suffix}.mat")
    data = scipy.io.loadmat(path)
    size, count = int(data["N"].item()), int(data["S"].item())
    regions, industries = read_names(folder)
    regions, industries = _fit_names(regions, industries, size, count, folder)
    sigma = _parameters(data["sigma_k3D"], count)
    return SectoralWorld(
        regions=regions,
        industries=industries,
        flows=_cube(data["Xjik_3D"], size, count, "Xjik_3D", path),
        tariffs=_cube(data["tjik_3D"], size, count, "tjik_3D", path),
        trade_elasticity=sigma - 1.0,
        scale_elasticity=_parameters(data["mu_k3D"], count),
        entry=entry,
        label=f"LL2023 Table 4 data ({entry.value} entry)",
    )


def _fit_names(
    regions: tuple[str, ...], industries: tuple[str, ...], size: int, count: int, folder: Path
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if len(regions) < size or len(industries) < count:
        raise InvalidData(
            f"{folder}/input: {len(regions)} region and {len(industries)} industry names;"
            f" expected at least {size} and {count}."
        )
    return regions[:size], industries[:count]


def load_raw_cube(data_dir: Path) -> RawCube:
    """The unbalanced WIOD cube (``Step_1.mat``) and applied tariffs (``AGG_T.csv``)."""
    folder = ll2023_folder(data_dir)
    path = _require(folder / "input" / "temp" / "Step_1.mat")
    data = scipy.io.loadmat(path)
    size, count = int(data["N"].item()), int(data["S"].item())
    rates = pd.read_csv(_require(folder / "input" / "AGG_T.csv"), header=None).iloc[:, 3]
    if len(rates) != size * size * count:
        raise InvalidData(f"AGG_T.csv has {len(rates)} rows; expected {size * size * count}.")
    # AGG_T rows run industry fastest, then importer, then exporter (the authors' reshape).
    tariffs = rates.to_numpy(dtype=np.float64).reshape(size, size, count).transpose(2, 0, 1) / 100
    tariffs = tariffs.copy()
    tariffs[:, np.arange(size), np.arange(size)] = 0.0
    regions, industries = _fit_names(*read_names(folder), size, count, folder)
    sigma = _parameters(data["sigma_s3D"], count)
    return RawCube(
        regions=regions,
        industries=industries,
        flows=_cube(data["Xijs3D"], size, count, "Xijs3D", path),
        tariffs=np.ascontiguousarray(tariffs),
        trade_elasticity=sigma - 1.0,
        scale_elasticity=_parameters(data["mu_s3D"], count),
    )


def load_reference_table4(data_dir: Path) -> pd.DataFrame:
    """The published restricted-entry columns of Table 4 (percent), indexed by country."""
    path = _require(ll2023_folder(data_dir) / "reference" / "table4_restricted_entry.csv")
    return pd.read_csv(path).set_index("country")
