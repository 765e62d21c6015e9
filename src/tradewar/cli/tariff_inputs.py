"""Tariffs as a user types them: ``54%``, ``CHN=54%`` and CSV files, read into typed values.

The command line's side of :class:`tradewar.services.model.SimulationRequest`: the model
service takes ISO3 codes and decimal rates; parsing what a user wrote (and naming the
option, file, line or column at fault) happens here, at the interface.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from tradewar.codes.countries import to_iso3
from tradewar.errors import InvalidInput, UnknownCode
from tradewar.services.model import BilateralTariff


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


def read_tariff_file(path: Path, field: str = "tariffs") -> list[BilateralTariff]:
    """Read a tariff CSV: header ``importer,exporter,rate``; rates decimal or ``NN%``.

    Countries may be ISO3 codes or names.

    Raises
    ------
    tradewar.errors.InvalidInput
        Carrying ``field`` and naming the file, and the line and column of a bad row.
    """
    if not path.is_file():
        raise InvalidInput(
            f"{path}: no such file; expected a CSV importer,exporter,rate.", field=field
        )
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip().lower() for name in reader.fieldnames or []]
        if not {"importer", "exporter", "rate"} <= set(header):
            raise InvalidInput(
                f"{path}: header is {reader.fieldnames}; expected columns importer, exporter,"
                " rate (decimal, 0.54 = 54%).",
                field=field,
            )
        return [_tariff_row(path, line, raw, field) for line, raw in enumerate(reader, start=2)]


def _tariff_row(
    path: Path, line: int, raw: dict[str | None, str | None], field: str
) -> BilateralTariff:
    row = {key.strip().lower(): (value or "").strip() for key, value in raw.items() if key}
    where = f"{path} line {line}"
    countries = {}
    for column in ("importer", "exporter"):
        try:
            countries[column] = to_iso3(row[column])
        except UnknownCode as err:
            raise UnknownCode(f"{where}, field {column}: {err.reason}", field=field) from err
    if countries["importer"] == countries["exporter"]:
        raise InvalidInput(
            f"{where}: importer and exporter are both {countries['importer']}; expected two"
            " different countries.",
            field=field,
        )
    rate = parse_rate(row["rate"], field, what=f"{where}, field rate")
    return BilateralTariff(countries["importer"], countries["exporter"], rate)
