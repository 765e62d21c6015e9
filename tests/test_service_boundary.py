"""The service boundary speaks types, not the CLI (issue 14 item 1).

Interfaces parse what users type; services take dates, ISO3 codes and enums, and their
errors name the service parameter at fault (``err.field``), never a CLI option: each
interface names the field its own way.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import tradewar.services as services_package

SERVICES = sorted(Path(services_package.__file__).parent.glob("*.py"))
CLI_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]+")
#: A whole command a message suggests running ('tradewar news propose FILE --url URL') may
#: show its options; only a field named by a CLI option is the CLI leaking into a service.
SUGGESTED_COMMAND = re.compile(r"'tradewar [^']*'")
DATE_PARAMETERS = {"on", "start", "end", "today", "day", "first", "last"}


def _raised_texts(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """The string pieces of every exception raised in ``tree``, with their lines."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for part in ast.walk(node.exc):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield node.lineno, part.value


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.name)
def test_service_errors_name_no_cli_option(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        f"{path.name}:{line}: {text!r}"
        for line, text in _raised_texts(tree)
        if CLI_OPTION.search(SUGGESTED_COMMAND.sub("", text))
    ]
    assert not found, "service errors name CLI options:\n" + "\n".join(found)


def _public_methods() -> Iterator[tuple[str, inspect.Signature]]:
    import importlib

    for path in SERVICES:
        module = importlib.import_module(f"tradewar.services.{path.stem}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__ or not cls.__name__.endswith("Service"):
                continue
            for name, func in inspect.getmembers(cls, inspect.isfunction):
                if not name.startswith("_"):
                    yield f"{cls.__name__}.{name}", inspect.signature(func)


def test_service_dates_are_dates() -> None:
    loose = [
        f"{where}({param.name}: {param.annotation})"
        for where, signature in _public_methods()
        for param in signature.parameters.values()
        if param.name in DATE_PARAMETERS
        and param.annotation is not inspect.Parameter.empty
        and not _is_date(param.annotation)
    ]
    assert not loose, "service date parameters that are not dates:\n" + "\n".join(loose)


def _is_date(annotation: object) -> bool:
    """A date, or an optional one (annotations are strings: ``from __future__``)."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return set(re.findall(r"\w+", str(text))) <= {"date", "None"} and "date" in str(text)
