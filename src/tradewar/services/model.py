"""The model service: what ``tradewar simulate`` and ``tradewar replicate`` call.

Reads the data through :mod:`tradewar.datasets` (the settings' data directory), checks the
typed request (ISO3 codes, decimal rates) and hands arrays to the pure :mod:`tradewar.model`.
Parsing what a user typed (``CHN=54%``, a tariff CSV) is the interfaces' job
(:mod:`tradewar.codes.rates`, :mod:`tradewar.cli.tariff_file`, the API's request body).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

import pandas as pd  # type: ignore[import-untyped]

from tradewar.codes.countries import require_iso3
from tradewar.config import Settings
from tradewar.datasets import GeData, load_ge_data
from tradewar.errors import InvalidInput, UnknownCode
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
from tradewar.strategy.nash import Progress

#: The papers ``replicate`` regenerates.
Paper = Literal["ignatenko2025", "ll2023"]
PAPERS: tuple[Paper, ...] = ("ignatenko2025", "ll2023")


class Retaliation(StrEnum):
    """How the rest of the world answers US tariffs."""

    none = "none"
    #: Each country taxes US goods at the rate the US taxes it (ge-model §5, c6).
    reciprocal = "reciprocal"
    #: Every non-US country sets the coalition's optimal rate t^R (ge-model §6, c5).
    optimal = "optimal"


@dataclass(frozen=True)
class BilateralTariff:
    """One tariff override: ``importer`` taxes goods from ``exporter`` at ``rate``.

    Countries are ISO3 codes; ``rate`` is a decimal fraction (0.54 = 54%).
    """

    importer: str
    exporter: str
    rate: float


@dataclass(frozen=True)
class SimulationRequest:
    """What to simulate.

    Attributes
    ----------
    ustr : bool
        Start from the USTR "Liberation Day" schedule on US imports.
    tariffs : sequence of BilateralTariff
        Bilateral tariffs (ISO3 codes, decimal rates), applied in order.
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
    tariffs: Sequence[BilateralTariff] = ()
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
                "tariffs": [asdict(tariff) for tariff in request.tariffs],
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


def _checked_rate(rate: float, field: str) -> float:
    """``rate`` when it is a finite decimal >= 0 (0.54 = 54%)."""
    if not (isinstance(rate, int | float) and math.isfinite(rate) and rate >= 0):
        raise InvalidInput(f"got {rate!r}; expected a finite decimal rate >= 0 (0.54 = 54%).",
                           field=field)  # fmt: skip
    return float(rate)


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
        self._loading = threading.RLock()  # the web's first requests at once load it once

    @property
    def data(self) -> GeData:
        """The raw inputs (raises DataUnavailable naming the missing file)."""
        with self._loading:
            if self._data is None:
                self._data = load_ge_data(self.settings.data_dir)
            return self._data

    @property
    def world(self) -> World:
        """The calibrated baseline world, calibrated once."""
        with self._loading:
            if self._world is None:
                data = self.data
                self._world = calibrate_world(data.countries, data.raw_flows, data.gdp)
            return self._world

    # ------------------------------------------------------------------ simulate
    def build_policy(self, request: SimulationRequest) -> Policy:
        """The tariff policy a request describes (see :class:`SimulationRequest`).

        Raises
        ------
        tradewar.errors.InvalidInput, tradewar.errors.UnknownCode
            Naming the request field at fault (``tariffs.3.rate``, ``us_tariffs``).
        """
        world = self.world
        if not (request.ustr or request.tariffs or request.us_tariffs or request.us_others):
            raise InvalidInput(
                "No tariffs given: start from the USTR schedule (ustr), or give bilateral"
                " tariffs (importer, exporter, rate), US tariffs by partner or a US tariff on"
                " every other partner (us_others)."
            )
        policy = (
            ustr_policy(world, self.data.ustr_rates, request.revenue)
            if request.ustr
            else Policy.free_trade(world.countries, request.revenue)
        )
        for k, tariff in enumerate(request.tariffs):
            policy = policy.with_tariff(*self._checked_tariff(tariff, f"tariffs.{k}"))
        policy = policy.with_tariffs(UNITED_STATES, self._checked_us_tariffs(request.us_tariffs))
        if request.us_others is not None:
            us_others = _checked_rate(request.us_others, "us_others")
            policy = policy.with_uniform_tariff(UNITED_STATES, us_others)
        if request.retaliation is Retaliation.reciprocal:
            policy = with_reciprocal_retaliation(world, policy)
        elif request.retaliation is Retaliation.optimal:
            policy = policy.with_retaliation_rate(UNITED_STATES, optimal_retaliation_tariff(world))
        return policy

    def _checked_tariff(self, tariff: BilateralTariff, field: str) -> tuple[str, str, float]:
        """(importer, exporter, rate) of a bilateral tariff, each checked (``field.rate``)."""
        importer = self._model_country(tariff.importer, f"{field}.importer")
        exporter = self._model_country(tariff.exporter, f"{field}.exporter")
        if importer == exporter:
            raise InvalidInput(
                f"importer and exporter are both {importer}; expected two different countries.",
                field=f"{field}.exporter",
            )
        return importer, exporter, _checked_rate(tariff.rate, f"{field}.rate")

    def _checked_us_tariffs(self, us_tariffs: Mapping[str, float]) -> dict[str, float]:
        """US tariffs by partner, each partner a model country other than the US."""
        checked = {
            self._model_country(code, "us_tariffs"): _checked_rate(rate, f"us_tariffs.{code}")
            for code, rate in us_tariffs.items()
        }
        if UNITED_STATES in checked:
            raise InvalidInput(
                "the United States cannot tariff itself; expected its partners.",
                field="us_tariffs",
            )
        return checked

    def _model_country(self, code: str, field: str) -> str:
        """``code`` when it is an ISO3 code of a country in the model's world."""
        iso3 = require_iso3(code, field)
        if iso3 not in self.world.countries:
            raise UnknownCode(
                f"{iso3} is not one of the model's {len(self.world.countries)} countries.",
                field=field,
            )
        return iso3

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
        paper: Paper,
        tables: Sequence[int] | None = None,
        countries: Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> list[Table]:
        """Regenerate the paper's tables (all of :data:`TABLE_NUMBERS` by default).

        ``ll2023`` (Lashkaripour & Lugovskyy 2023) has Table 4 only; ``countries`` (ISO3
        codes) limits its rows (all 43 by default).  Its 25-40 s are reported to the optional
        ``progress(done, total)`` callback one country at a time (both entry modes of its
        row); ``ignatenko2025`` takes about a second and reports nothing.  The callback
        changes no result.
        """
        if paper not in PAPERS:
            raise InvalidInput(
                f"unknown paper {paper!r}; expected one of {', '.join(PAPERS)}.", field="paper"
            )
        if paper == "ll2023":
            return [self._replicate_ll2023(tables, countries, progress)]
        if countries:
            raise InvalidInput("country rows apply to ll2023 only.", field="countries")
        numbers = tuple(tables) if tables else TABLE_NUMBERS
        for number in numbers:
            if number not in TABLE_NUMBERS:
                raise InvalidInput(
                    f"Table {number} is not available; expected one of"
                    f" {', '.join(map(str, TABLE_NUMBERS))}.",
                    field="tables",
                )
        data = self.data
        replication = Replication(
            PaperInputs(data.countries, data.raw_flows, data.gdp, data.ustr_rates)
        )
        return replication.tables(numbers)

    def _replicate_ll2023(
        self,
        tables: Sequence[int] | None,
        countries: Sequence[str] | None,
        progress: Progress | None,
    ) -> Table:
        from tradewar.model.sectors.replication import table4

        for number in tables or ():
            if number != 4:
                raise InvalidInput(
                    f"Table {number} is not available for ll2023; expected 4.", field="tables"
                )
        codes = [require_iso3(code, "countries") for code in countries] if countries else None
        return table4(self.settings.data_dir, codes, progress).to_table()
