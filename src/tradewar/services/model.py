"""The model service: what ``tradewar simulate`` and ``tradewar replicate`` call.

Reads the data through :mod:`tradewar.datasets` (the settings' data directory), parses user
input (countries, rates, tariff CSVs) and hands arrays to the pure :mod:`tradewar.model`.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]

from tradewar.codes.countries import to_iso3
from tradewar.config import Settings
from tradewar.datasets import GeData, load_ge_data
from tradewar.errors import InvalidInput
from tradewar.model.calibration import World, calibrate_world
from tradewar.model.parameters import UNITED_STATES
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.model.replication import TABLE_NUMBERS, PaperInputs, Replication, Table
from tradewar.model.results import Equilibrium
from tradewar.model.scenarios import (
    optimal_retaliation_tariff,
    ustr_policy,
    with_reciprocal_retaliation,
)
from tradewar.model.solve import solve

PAPERS = ("ignatenko2025", "ll2023")


class Retaliation(StrEnum):
    """How the rest of the world answers US tariffs."""

    none = "none"
    #: Each country taxes US goods at the rate the US taxes it (ge-model §5, c6).
    reciprocal = "reciprocal"
    #: Every non-US country sets the coalition's optimal rate t^R (ge-model §6, c5).
    optimal = "optimal"


@dataclass(frozen=True)
class SimulationRequest:
    """What to simulate.

    Attributes
    ----------
    ustr : bool
        Start from the USTR "Liberation Day" schedule on US imports.
    tariff_file : Path, optional
        CSV with columns ``importer,exporter,rate`` (decimal rates; ISO3 or names).
    us_tariffs : mapping ISO3 -> decimal
        US tariffs on given partners (``{"CHN": 0.54}``); override the above.
    us_others : float, optional
        US tariff on every partner left at zero ("everyone else 10%").
    revenue : RevenueTreatment
        Income-tax relief (default) or lump-sum rebate.
    retaliation : Retaliation
        none, reciprocal or optimal.
    """

    ustr: bool = False
    tariff_file: Path | None = None
    us_tariffs: Mapping[str, float] = field(default_factory=dict)
    us_others: float | None = None
    revenue: RevenueTreatment = RevenueTreatment.income_tax_relief
    retaliation: Retaliation = Retaliation.none


@dataclass(frozen=True)
class SimulationResult:
    """A solved simulation: the scenario, per-country rows and group aggregates."""

    request: SimulationRequest
    equilibrium: Equilibrium
    countries: pd.DataFrame
    groups: pd.DataFrame

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (percent changes; revenue share a fraction; revenue in 000 USD)."""
        request = self.request
        return {
            "scenario": {
                "ustr": request.ustr,
                "tariff_file": str(request.tariff_file) if request.tariff_file else None,
                "us_tariffs": dict(request.us_tariffs),
                "us_others": request.us_others,
                "revenue": request.revenue.value,
                "retaliation": request.retaliation.value,
            },
            "solver": {
                "iterations": self.equilibrium.iterations,
                "max_residual": self.equilibrium.max_residual,
            },
            "groups": _records(self.groups),
            "countries": _records(self.countries),
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, with undefined outcomes (NaN) as None so the JSON stays valid."""
    return [
        {key: (None if isinstance(value, float) and math.isnan(value) else value)
         for key, value in row.items()}
        for row in frame.to_dict(orient="records")
    ]  # fmt: skip


class ModelService:
    """Loads the GE data once (from ``settings.data_dir``) and runs the model on it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._data: GeData | None = None
        self._world: World | None = None

    @property
    def data(self) -> GeData:
        """The raw inputs (raises DataUnavailable naming the missing file)."""
        if self._data is None:
            self._data = load_ge_data(self.settings.data_dir)
        return self._data

    @property
    def world(self) -> World:
        """The calibrated baseline world."""
        if self._world is None:
            data = self.data
            self._world = calibrate_world(data.countries, data.raw_flows, data.gdp)
        return self._world

    # ------------------------------------------------------------------ simulate
    def build_policy(self, request: SimulationRequest) -> Policy:
        """The tariff policy a request describes (see :class:`SimulationRequest`)."""
        world = self.world
        if not (request.ustr or request.tariff_file or request.us_tariffs or request.us_others):
            raise InvalidInput(
                "No tariffs given: pass --ustr (the Liberation Day schedule), --tariffs FILE"
                " (importer,exporter,rate), --us-tariff ISO=RATE or --us-others RATE."
            )
        policy = (
            ustr_policy(world, self.data.ustr_rates, request.revenue)
            if request.ustr
            else Policy.free_trade(world.countries, request.revenue)
        )
        if request.tariff_file is not None:
            for importer, exporter, rate in read_tariff_file(request.tariff_file):
                policy = policy.with_tariff(importer, exporter, rate)
        us_tariffs = {to_iso3(code): rate for code, rate in request.us_tariffs.items()}
        policy = policy.with_tariffs(UNITED_STATES, us_tariffs)
        if request.us_others is not None:
            policy = policy.with_uniform_tariff(UNITED_STATES, request.us_others)
        if request.retaliation is Retaliation.reciprocal:
            policy = with_reciprocal_retaliation(world, policy)
        elif request.retaliation is Retaliation.optimal:
            policy = policy.with_retaliation_rate(UNITED_STATES, optimal_retaliation_tariff(world))
        return policy

    def simulate(self, request: SimulationRequest) -> SimulationResult:
        """Solve a simulation request on the 194-country baseline world."""
        policy = self.build_policy(request)
        equilibrium = solve(self.world, policy)
        names = dict(zip(self.data.countries, self.data.names, strict=True))
        countries = equilibrium.to_frame()
        countries.insert(1, "name", countries["iso3"].map(names))
        groups = equilibrium.groups()
        return SimulationResult(request, equilibrium, countries, groups)

    # ------------------------------------------------------------------ replicate
    def replicate(
        self,
        paper: str,
        tables: Sequence[int] | None = None,
        countries: Sequence[str] | None = None,
    ) -> list[Table]:
        """Regenerate the paper's tables (all of :data:`TABLE_NUMBERS` by default).

        ``ll2023`` (Lashkaripour & Lugovskyy 2023) has Table 4 only; ``countries`` limits
        its rows (all 43 by default).
        """
        if paper not in PAPERS:
            raise InvalidInput(f"Unknown paper {paper!r}; expected one of {', '.join(PAPERS)}.")
        if paper == "ll2023":
            return [self._replicate_ll2023(tables, countries)]
        if countries:
            raise InvalidInput("--countries applies to ll2023 only.")
        numbers = tuple(tables) if tables else TABLE_NUMBERS
        for number in numbers:
            if number not in TABLE_NUMBERS:
                raise InvalidInput(
                    f"--table {number} is not available; expected one of"
                    f" {', '.join(map(str, TABLE_NUMBERS))}."
                )
        data = self.data
        replication = Replication(
            PaperInputs(data.countries, data.raw_flows, data.gdp, data.ustr_rates)
        )
        return replication.tables(numbers)

    def _replicate_ll2023(
        self, tables: Sequence[int] | None, countries: Sequence[str] | None
    ) -> Table:
        from tradewar.model.sectors.replication import table4

        if tables and tuple(tables) != (4,):
            raise InvalidInput(f"--table {tables[0]} is not available for ll2023; expected 4.")
        codes = [code.strip().upper() for code in countries] if countries else None
        return table4(self.settings.data_dir, codes).to_table()


def parse_rate(text: str, what: str, *, bare_below_one: bool = False) -> float:
    """A decimal rate from ``0.54``, ``54%`` or ``54 %``.

    With ``bare_below_one`` (command-line flags, where ``54`` is a likely slip), a bare
    number must be a decimal below 1: ``54`` is refused with "did you mean 54%?" rather
    than read as 5,400% (rates of 100% or more are then written with a % sign).

    Raises
    ------
    tradewar.errors.InvalidInput
        Naming ``what``, the value, and the expected form.
    """
    cleaned = text.strip()
    try:
        percent = cleaned.endswith("%")
        rate = float(cleaned[:-1].strip()) / 100.0 if percent else float(cleaned)
    except ValueError as err:
        raise InvalidInput(
            f"{what} is {text!r}; expected a decimal (0.54) or a percentage (54%)."
        ) from err
    if not rate >= 0 or rate == float("inf"):
        raise InvalidInput(f"{what} is {text!r}; expected a rate >= 0.")
    if bare_below_one and not percent and rate >= 1:
        raise InvalidInput(
            f"{what} is {text!r}: a bare number is a decimal rate (0.54 = 54%), so this would "
            f"be {rate * 100:g}%; did you mean {cleaned}%? Write rates with a % sign "
            "(54%, or 125% for rates of 100% or more) or as a decimal below 1 (0.54)."
        )
    return rate


def parse_us_tariffs(items: Sequence[str]) -> dict[str, float]:
    """Parse ``--us-tariff CHN=0.54`` items into ``{"CHN": 0.54}`` (ISO3 or country names)."""
    parsed: dict[str, float] = {}
    for item in items:
        if "=" not in item:
            raise InvalidInput(
                f"--us-tariff {item!r}; expected COUNTRY=RATE, e.g. CHN=0.54 or China=54%."
            )
        country, rate = item.split("=", 1)
        parsed[to_iso3(country.strip())] = parse_rate(
            rate, f"--us-tariff rate for {country}", bare_below_one=True
        )
    return parsed


def read_tariff_file(path: Path) -> list[tuple[str, str, float]]:
    """Read a tariff CSV: header ``importer,exporter,rate``; rates decimal or ``NN%``.

    Raises
    ------
    tradewar.errors.InvalidInput
        On a missing file, a wrong header, or a bad row (names the row and field).
    """
    if not path.is_file():
        raise InvalidInput(
            f"--tariffs {path}: no such file; expected a CSV importer,exporter,rate."
        )
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip().lower() for name in reader.fieldnames or []]
        if not {"importer", "exporter", "rate"} <= set(header):
            raise InvalidInput(
                f"{path}: header is {reader.fieldnames}; expected columns importer, exporter,"
                " rate (decimal, 0.54 = 54%)."
            )
        rows = []
        for line, raw in enumerate(reader, start=2):
            row = {key.strip().lower(): (value or "").strip() for key, value in raw.items() if key}
            rows.append(
                (
                    to_iso3(row["importer"]),
                    to_iso3(row["exporter"]),
                    parse_rate(row["rate"], f"{path} line {line}, field rate"),
                )
            )
    return rows
