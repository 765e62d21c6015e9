"""The Examples sections of the chart and export modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["tradewar.charts.specs", "tradewar.charts.geo", "tradewar.charts.render",
           "tradewar.exports"]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0
