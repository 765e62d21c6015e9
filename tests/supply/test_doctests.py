"""The Examples in the supply modules' docstrings run (pytest collects only some packages)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "tradewar.supply.network",
    "tradewar.supply.dynamics",
    "tradewar.supply.policy",
    "tradewar.supply.sectors",
    "tradewar.supply.mrio",
    "tradewar.supply.exposure",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {name}"
