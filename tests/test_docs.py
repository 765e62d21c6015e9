"""The documentation (README and docs/) covers every command and setting; its Python examples run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradewar.cli.app import app
from tradewar.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def documentation() -> str:
    """The README and every page of the documentation site, as one text."""
    pages = sorted((ROOT / "docs").rglob("*.md"))
    return "\n".join(path.read_text() for path in [README, *pages])


def _command_names() -> list[str]:
    import typer.main

    from tradewar.cli.app import TradewarGroup

    group = typer.main.get_command(app)
    assert isinstance(group, TradewarGroup)
    names: list[str] = []
    for name, command in group.load_all().items():
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return names


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text().split("\n")[:6]
    assert any(line.startswith("make run") for line in head)
    assert any(line.startswith("make test") for line in head)


@pytest.mark.parametrize("command", _command_names())
def test_every_command_is_documented(command: str) -> None:
    assert f"tradewar {command}" in documentation(), f"no page shows 'tradewar {command}'"


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    assert f"TRADEWAR_{name.upper()}" in documentation()


def test_ledger_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", documentation(), flags=re.S)
    ledger_blocks = [b for b in blocks if "tradewar.ledger" in b or "services.ledger" in b]
    assert ledger_blocks
    checked = 0
    for block in ledger_blocks:
        namespace: dict[str, object] = {}
        exec(compile(block, "README.md", "exec"), namespace)
        if "stack" in namespace:
            assert namespace["stack"].total_additional_pct == 145  # type: ignore[attr-defined]
            assert namespace["states"] and namespace["deals"] and namespace["points"]
            assert namespace["refused"][0] == "importer"  # type: ignore[index]
            assert "Did you mean 'USA'?" in namespace["refused"][1]  # type: ignore[index]
            checked += 1
    assert checked == 1
