"""Errors carry the input at fault (``err.field``); each interface names it its own way."""

from __future__ import annotations

import pickle
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import app, option_label
from tradewar.codes.countries import require_iso3
from tradewar.codes.dates import parse_date
from tradewar.errors import ConvergenceError, DataUnavailable, InvalidInput, UnknownCode


def test_the_message_names_the_field_once() -> None:
    err = InvalidInput("'x' is not a date; expected YYYY-MM-DD.", field="start")
    assert str(err) == "start: 'x' is not a date; expected YYYY-MM-DD."
    assert err.named("--from") == "--from: 'x' is not a date; expected YYYY-MM-DD."
    assert InvalidInput("no field here").named("--from") == "no field here"


def test_fields_and_details_survive_pickling() -> None:
    err = pickle.loads(pickle.dumps(InvalidInput("bad", field="on")))
    assert (type(err), err.field, str(err)) == (InvalidInput, "on", "on: bad")
    conv = pickle.loads(pickle.dumps(ConvergenceError("no", {"iterations": 7})))
    assert conv.diagnostics == {"iterations": 7}
    assert str(pickle.loads(pickle.dumps(DataUnavailable("missing ge/trade.csv")))) == (
        "missing ge/trade.csv"
    )


def test_parsers_carry_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date("14/05/2025", "on")
    assert caught.value.field == "on"
    with pytest.raises(UnknownCode) as unknown:
        require_iso3("China", "importer")
    assert unknown.value.field == "importer"
    assert "Did you mean 'CHN'?" in str(unknown.value)
    assert require_iso3("CHN", "exporter") == "CHN"


def test_the_cli_names_a_service_field_by_its_option() -> None:
    class Param:
        def __init__(self, name: str, opts: list[str]) -> None:
            self.name, self.opts, self.human_readable_name = name, opts, name.upper()

    class Command:
        params: ClassVar[list[Param]] = [Param("start", ["--from"]), Param("path", ["path"])]

    assert option_label(Command(), "start") == "--from"
    assert option_label(Command(), "path") == "PATH"
    assert option_label(Command(), "as_known_on") == "--as-known-on"
    assert option_label(Command(), None) is None


def test_a_cli_error_names_the_option_typed() -> None:
    result = CliRunner().invoke(
        app, ["timeline", "--importer", "USA", "--exporter", "CHN", "--from", "2025-13-01"]
    )
    assert result.exit_code == 1
    assert "--from: '2025-13-01' is not a date" in result.output
