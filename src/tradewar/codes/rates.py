"""Tariffs, players and comparison rows as a user writes them, read into typed values.

``54%`` or ``0.54`` for a rate, ``CHN=54%`` for a US tariff, ``usa, China, EU`` for the
players of a war, ``Japan`` or ``non-US`` for a comparison's rows: the interfaces (CLI,
dashboard) parse these here and hand the services ISO3 codes and decimal rates. Each
error carries the field it was given for (``err.field``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from tradewar.codes.countries import to_iso3
from tradewar.errors import InvalidInput
from tradewar.model.results import GROUP_NAMES


def row_keys(codes: Sequence[str], field: str) -> list[str]:
    """Comparison rows: group names (USA, CHN, EU, RoW, non-US, world) or ISO3 codes.

    >>> row_keys(["EU", "Japan", "deu"], "countries")
    ['EU', 'JPN', 'DEU']
    """
    return [code if code in GROUP_NAMES else to_iso3(code, field=field) for code in codes]


def reported_countries(codes: Sequence[str], field: str) -> tuple[str, ...] | Literal["all"]:
    """Countries to report as ISO3 codes, or ``"all"`` when any of them is ``all``.

    >>> reported_countries(["Japan", "deu"], "countries"), reported_countries(["ALL"], "c")
    (('JPN', 'DEU'), 'all')
    """
    if any(code.strip().lower() == "all" for code in codes):
        return "all"
    return tuple(dict.fromkeys(to_iso3(code, field=field) for code in codes))


def players(codes: Sequence[str], field: str = "players") -> tuple[str, ...]:
    """War players: ISO3 codes (any spelling) or ``EU``, the 25-member coalition.

    >>> players(["usa", "China", "eu"])
    ('USA', 'CHN', 'EU')
    """
    return tuple("EU" if c.strip().upper() == "EU" else to_iso3(c, field=field) for c in codes)


def parse_rate(
    text: str, field: str | None = None, *, what: str = "", bare_below_one: bool = False
) -> float:
    """A decimal rate from ``0.54``, ``54%`` or ``54 %``.

    With ``bare_below_one`` (command-line flags, where ``54`` is a likely slip), a bare
    number must be a decimal below 1: ``54`` is refused with "did you mean 54%?" rather
    than read as 5,400% (rates of 100% or more are then written with a % sign).

    Raises
    ------
    tradewar.errors.InvalidInput
        Carrying ``field`` (the parameter at fault); ``what`` prefixes the message (a
        file's line, a country), then the value and the expected form.
    """
    cleaned = text.strip()
    got = f"{what} is {text!r}" if what else f"got {text!r}"
    try:
        percent = cleaned.endswith("%")
        rate = float(cleaned[:-1].strip()) / 100.0 if percent else float(cleaned)
    except ValueError as err:
        raise InvalidInput(
            f"{got}; expected a decimal (0.54) or a percentage (54%).", field=field
        ) from err
    if not rate >= 0 or rate == float("inf"):
        raise InvalidInput(f"{got}; expected a rate >= 0.", field=field)
    if bare_below_one and not percent and rate >= 1:
        raise InvalidInput(
            f"{got}: a bare number is a decimal rate (0.54 = 54%), so this would be "
            f"{rate * 100:g}%; did you mean {cleaned}%? Write rates with a % sign "
            "(54%, or 125% for rates of 100% or more) or as a decimal below 1 (0.54).",
            field=field,
        )
    return rate


def parse_us_tariffs(items: Sequence[str], field: str = "us_tariff") -> dict[str, float]:
    """``CHN=0.54`` items (ISO3 codes or country names) as ``{"CHN": 0.54}``."""
    parsed: dict[str, float] = {}
    for item in items:
        if "=" not in item:
            raise InvalidInput(
                f"got {item!r}; expected COUNTRY=RATE, e.g. CHN=0.54 or China=54%.", field=field
            )
        country, rate = item.split("=", 1)
        parsed[to_iso3(country.strip(), field=field)] = parse_rate(
            rate, field, what=f"the rate for {country.strip()}", bare_below_one=True
        )
    return parsed
