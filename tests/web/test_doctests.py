"""The Examples sections of the web modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["tradewar.web.app", "tradewar.web.pages"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0
