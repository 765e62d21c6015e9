r"""A scenario: a named, diff-able policy overlay on the model's factual world.

The factual world is the model's 2023 data with no 2025 measures (every tariff zero).
A scenario says which tariffs to lay over it, in one of two ways, or both:

* **from the ledger** (``on: DATE``): the additional all-goods duties in force on that
  date relative to 1 January 2025, for every pair of countries the ledger covers
  (:mod:`tradewar.scenarios.from_ledger` says exactly how);
* **explicitly** (``overrides``): bilateral rates in percent that replace what the
  ledger gives, for hypotheticals such as free trade or full decoupling.

``others`` says what the United States charges the countries the ledger does not
cover.  Every assumption is recorded and printed with the result.

Examples
--------
>>> s = Scenario(name="geneva", title="Geneva truce", date="2025-05-14")
>>> Scenario.from_yaml(s.to_yaml()) == s
True
>>> Scenario.from_dict({"name": "geneva", "title": "x", "date": "14 May"})
Traceback (most recent call last):
...
tradewar.errors.InvalidInput: scenario: field 'date': value '14 May': Input should be a valid date or datetime, input is too short
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from tradewar.codes.countries import to_iso3
from tradewar.errors import InvalidInput, UnknownCode
from tradewar.ledger.schema import Source
from tradewar.model.policy import RevenueTreatment


class OthersRule(StrEnum):
    """The US tariff on countries the ledger does not cover."""

    #: universal-10 on dates from 5 April 2025 up to 24 February 2026, zero otherwise.
    auto = "auto"
    #: No tariff on countries the ledger does not cover.
    zero = "zero"
    #: The 10% baseline of EO 14257 on every other country (and its product exemptions).
    universal_10 = "universal-10"
    #: The published Liberation Day rates (USTR), at least 10%, as the model's data gives them.
    liberation_day = "liberation-day"


def _iso3_or_star(value: str) -> str:
    if value.strip() == "*":
        return "*"
    try:
        return to_iso3(value)
    except UnknownCode as err:
        raise ValueError(str(err)) from err


CountryOrStar = Annotated[str, AfterValidator(_iso3_or_star)]


class RateOverride(BaseModel):
    """A bilateral rate set by the scenario: ``importer`` charges ``exporter`` ``rate_pct``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    importer: CountryOrStar
    exporter: CountryOrStar = Field(description="ISO3, or '*' for every other country.")
    rate_pct: float = Field(ge=0, description="Additional ad valorem duty, percent.")
    note: str | None = None


class Scenario(BaseModel):
    """A named policy overlay on the factual world (see the module docstring)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, populate_by_name=True
    )

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: str = Field(min_length=1)
    description: str | None = None
    on: date | None = Field(
        default=None,
        alias="date",
        description="Ledger date (YAML key 'date'); none for explicit rates only.",
    )
    others: OthersRule = OthersRule.auto
    drop_measures: list[str] = Field(
        default_factory=list, description="Ledger measures left out (hypotheticals)."
    )
    overrides: list[RateOverride] = Field(default_factory=list)
    revenue: RevenueTreatment = RevenueTreatment.income_tax_relief
    assumptions: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    hypothetical: bool = False

    # ------------------------------------------------------------------ YAML
    def to_yaml(self) -> str:
        """The scenario as YAML (round-trips through :meth:`from_yaml`)."""
        data = self.model_dump(mode="json", exclude_defaults=True, by_alias=True)
        data = {"name": self.name, "title": self.title, **data}
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)

    @classmethod
    def from_yaml(cls, text: str, origin: str = "scenario") -> Scenario:
        """Parse and validate YAML; errors name the origin, the field and the value."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as err:
            raise InvalidInput(f"{origin}: not valid YAML: {err}") from err
        if not isinstance(data, dict):
            raise InvalidInput(f"{origin}: expected a mapping with name, title, on, ...")
        return cls.from_dict(data, origin)

    @classmethod
    def from_dict(cls, data: dict[str, Any], origin: str = "scenario") -> Scenario:
        """Validate a mapping, turning pydantic's errors into one readable message."""
        try:
            return cls.model_validate(data)
        except ValidationError as err:
            problems = [
                f"field {'.'.join(str(p) for p in e['loc'])!r}"
                + ("" if isinstance(e.get("input"), dict | list) else f": value {e.get('input')!r}")
                + f": {str(e['msg']).removeprefix('Value error, ')}"
                for e in err.errors()
            ]
            raise InvalidInput(f"{origin}: " + "; ".join(problems)) from err

    @classmethod
    def from_file(cls, path: Path) -> Scenario:
        """Read a scenario YAML file."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as err:
            raise InvalidInput(f"{path}: no such scenario file.") from err
        return cls.from_yaml(text, origin=str(path))
