"""The ``--tariffs FILE`` of ``tradewar simulate``: a CSV read into typed tariffs.

The model service takes :class:`~tradewar.services.model.BilateralTariff` values (ISO3
codes, decimal rates); reading the user's file, and naming its line and column at fault,
happens here, at the interface.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tradewar.codes.countries import to_iso3
from tradewar.codes.rates import parse_rate
from tradewar.errors import InvalidInput, UnknownCode
from tradewar.services.model import BilateralTariff


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
