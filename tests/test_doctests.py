"""Every ``Examples`` section in the package runs and holds.

The modules are found, not listed: any module of ``src/tradewar`` whose source holds a
doctest prompt is imported and its examples run, so a new module's examples cannot be
forgotten.  (pytest's ``--doctest-modules`` covers only the ``testpaths`` folders; the
Alembic ``env.py`` must not be imported outside a migration, and holds no examples.)
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tradewar"
ALREADY_COLLECTED = ("tradewar.codes.", "tradewar.scenarios.", "tradewar.testing")
PROMPT = ">>> "


def modules_with_examples() -> list[str]:
    """Dotted names of the package's modules whose source has a doctest prompt."""
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if PROMPT not in path.read_text(encoding="utf-8"):
            continue
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if not name.startswith(ALREADY_COLLECTED):
            names.append(name)
    return names


def test_the_search_finds_the_modules_it_should() -> None:
    found = modules_with_examples()
    assert {"tradewar.model.solve", "tradewar.supply.sectors", "tradewar.web.app"} <= set(found)
    assert "tradewar.codes.hs" not in found  # collected by --doctest-modules already


@pytest.mark.parametrize("name", modules_with_examples())
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"no example ran in {name}"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
