"""The root CLI loads command modules lazily, and its command table matches the modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tradewar.cli.app import COMMANDS, app, module_commands

HEAVY = ("spacy", "scipy", "numba", "pyarrow", "torch", "pandas", "dask")


def test_command_table_matches_what_the_modules_register() -> None:
    registered: dict[str, str] = {}
    for module in dict.fromkeys(entry.module for entry in COMMANDS.values()):
        for name, command in module_commands(module).items():
            registered[name] = command.get_short_help_str(limit=500)
    table = {name: entry.short_help for name, entry in COMMANDS.items()}
    assert table == registered


def _modules_loaded_by(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    ).stdout
    return [line for line in json.loads(out.splitlines()[-1]) if line.split(".")[0] in HEAVY]


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _modules_loaded_by("import tradewar.cli.app") == []


def test_help_loads_no_heavy_library() -> None:
    code = (
        "from typer.testing import CliRunner\n"
        "from tradewar.cli.app import app\n"
        "result = CliRunner().invoke(app, ['--help'])\n"
        "assert result.exit_code == 0 and 'tariff' in result.output, result.output\n"
    )
    assert _modules_loaded_by(code) == []


def test_a_ledger_command_loads_no_model_or_nlp_library() -> None:
    assert _modules_loaded_by("import tradewar.cli.ledger_cmds") == []


def test_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize(("typo", "meant"), [("tarif", "tariff"), ("scenarios", "scenario")])
def test_a_mistyped_command_gets_a_suggestion(typo: str, meant: str) -> None:
    result = CliRunner().invoke(app, [typo])
    assert result.exit_code == 2
    assert f"Did you mean '{meant}'" in result.output


def test_subcommands_still_run_through_the_lazy_group() -> None:
    result = CliRunner().invoke(app, ["measures", "list", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)
