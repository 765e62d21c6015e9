"""Counterfactual trade policies: tariff matrices and how tariff revenue is used.

``tariffs[j, i]`` is the ad-valorem tariff imposed by importer ``i`` on goods from exporter
``j``, as a decimal (0.54 = 54%).  The factual world has zero tariffs (ge-model §0), so the
matrix is both the new level and the change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np

from tradewar.errors import InvalidInput, UnknownCode
from tradewar.types import FloatArray


class RevenueTreatment(StrEnum):
    """What the government does with tariff revenue (ge-model §4.2)."""

    #: Revenue replaces an income tax of equal yield: after-tax wages rise by 1/(1−τ).
    income_tax_relief = "income-tax-relief"
    #: Revenue is rebated lump sum: no labour-supply effect (τ = 0).
    lump_sum = "lump-sum"


@dataclass(frozen=True)
class Policy:
    """A counterfactual tariff policy.

    Attributes
    ----------
    countries : tuple of str
        ISO3 codes, in the order of the tariff matrix axes.
    tariffs : ndarray, shape (N, N)
        ``tariffs[exporter, importer]``, decimal, >= 0, zero diagonal.
    revenue : RevenueTreatment
        Income-tax relief (the paper's default) or lump-sum rebate.
    """

    countries: tuple[str, ...]
    tariffs: FloatArray
    revenue: RevenueTreatment = RevenueTreatment.income_tax_relief

    def __post_init__(self) -> None:
        size = len(self.countries)
        tariffs = np.asarray(self.tariffs, dtype=np.float64)
        if tariffs.shape != (size, size):
            raise InvalidInput(
                f"tariffs has shape {tariffs.shape}; expected ({size}, {size}), one row and"
                " one column per country."
            )
        if not np.all(np.isfinite(tariffs)) or np.any(tariffs < 0):
            exporter, importer = np.argwhere(~(np.isfinite(tariffs) & (tariffs >= 0)))[0]
            raise InvalidInput(
                f"tariff of {self.countries[importer]} on {self.countries[exporter]} is"
                f" {tariffs[exporter, importer]!r}; expected a finite decimal >= 0"
                " (0.25 = 25%)."
            )
        if np.any(np.diag(tariffs) != 0):
            raise InvalidInput("a country cannot tariff itself: the diagonal must be zero.")
        object.__setattr__(self, "tariffs", tariffs)

    # ------------------------------------------------------------------ construction
    @classmethod
    def free_trade(
        cls,
        countries: Iterable[str],
        revenue: RevenueTreatment = RevenueTreatment.income_tax_relief,
    ) -> Policy:
        """Zero tariffs everywhere (the factual equilibrium)."""
        codes = tuple(code.upper() for code in countries)
        return cls(codes, np.zeros((len(codes), len(codes))), revenue)

    def _index(self, iso3: str) -> int:
        try:
            return self.countries.index(iso3.upper())
        except ValueError as err:
            raise UnknownCode(
                f"Unknown country {iso3!r} in the policy: expected one of the"
                f" {len(self.countries)} ISO3 codes of the world (e.g. 'USA', 'CHN')."
            ) from err

    @staticmethod
    def _check_rate(rate: float, what: str) -> float:
        if not np.isfinite(rate) or rate < 0:
            raise InvalidInput(f"{what} is {rate!r}; expected a finite decimal >= 0 (0.54 = 54%).")
        return float(rate)

    def with_tariff(self, importer: str, exporter: str, rate: float) -> Policy:
        """Set the tariff of ``importer`` on goods from ``exporter`` (e.g. USA on CHN, 0.54).

        Examples
        --------
        >>> policy = Policy.free_trade(["USA", "CHN", "DEU"]).with_tariff("USA", "CHN", 0.54)
        >>> policy.tariff("USA", "CHN")
        0.54
        >>> policy.with_tariff("USA", "CHN", -0.1)
        Traceback (most recent call last):
        ...
        tradewar.errors.InvalidInput: tariff of USA on CHN is -0.1; expected a finite decimal...
        """
        i, j = self._index(importer), self._index(exporter)
        if i == j:
            raise InvalidInput(f"{importer} cannot tariff itself.")
        tariffs = self.tariffs.copy()
        tariffs[j, i] = self._check_rate(rate, f"tariff of {importer} on {exporter}")
        return replace(self, tariffs=tariffs)

    def with_tariffs(self, importer: str, rates: Mapping[str, float]) -> Policy:
        """Set several tariffs of one importer at once: ``{"CHN": 0.54, "MEX": 0.17}``."""
        policy = self
        for exporter, rate in rates.items():
            policy = policy.with_tariff(importer, exporter, rate)
        return policy

    def with_uniform_tariff(self, importer: str, rate: float, *, only_unset: bool = True) -> Policy:
        """Tariff every partner of ``importer`` at ``rate`` ("everyone else 10%").

        With ``only_unset`` (default) partners that already have a non-zero rate keep it.
        """
        i = self._index(importer)
        rate = self._check_rate(rate, f"uniform tariff of {importer}")
        tariffs = self.tariffs.copy()
        column = tariffs[:, i]
        target = column == 0 if only_unset else np.ones_like(column, dtype=bool)
        target[i] = False
        column[target] = rate
        return replace(self, tariffs=tariffs)

    def with_reciprocal_retaliation(self, against: str, by: Iterable[str] | None = None) -> Policy:
        """Each retaliator taxes goods from ``against`` at the rate ``against`` taxes it.

        ``by`` defaults to every country that ``against`` tariffs (ge-model §5, case c6).
        """
        target = self._index(against)
        tariffs = self.tariffs.copy()
        retaliators = (
            [self._index(code) for code in by]
            if by is not None
            else [int(k) for k in np.flatnonzero(tariffs[:, target] > 0)]
        )
        for k in retaliators:
            if k != target:
                tariffs[target, k] = tariffs[k, target]
        return replace(self, tariffs=tariffs)

    def with_retaliation_rate(
        self, against: str, rate: float, by: Iterable[str] | None = None
    ) -> Policy:
        """Every retaliator (default: all others) taxes goods from ``against`` at ``rate``."""
        target = self._index(against)
        rate = self._check_rate(rate, f"retaliatory tariff on {against}")
        tariffs = self.tariffs.copy()
        retaliators = (
            [self._index(code) for code in by]
            if by is not None
            else [k for k in range(len(self.countries)) if k != target]
        )
        for k in retaliators:
            if k != target:
                tariffs[target, k] = rate
        return replace(self, tariffs=tariffs)

    def with_revenue(self, revenue: RevenueTreatment) -> Policy:
        """The same tariffs with a different revenue treatment."""
        return replace(self, revenue=RevenueTreatment(revenue))

    def tariff(self, importer: str, exporter: str) -> float:
        """The tariff of ``importer`` on goods from ``exporter`` (decimal)."""
        return float(self.tariffs[self._index(exporter), self._index(importer)])
