"""Text that every database can store: no NUL characters, no lone surrogates.

PostgreSQL refuses NUL (U+0000) in text, and no UTF-8 encoder accepts a lone surrogate
(U+D800..U+DFFF, which a JSON ``"\\ud800"`` escape produces), so such text is refused where
it enters (the measure schema, API bodies and parameters, CLI options) with a message
naming it, instead of failing in the database.

Examples
--------
>>> storable_text("tariff on steel")
'tariff on steel'
>>> problem_in_text("a\\x00b")
'contains a NUL character (U+0000), which cannot be stored'
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator


def problem_in_text(value: str) -> str | None:
    """Why ``value`` cannot be stored, or ``None`` when it can."""
    if "\x00" in value:
        return "contains a NUL character (U+0000), which cannot be stored"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "contains a lone surrogate (invalid Unicode), which cannot be stored"
    return None


def storable_text(value: str) -> str:
    """``value`` unchanged if storable; else a :class:`ValueError` saying why (for pydantic)."""
    problem = problem_in_text(value)
    if problem:
        raise ValueError(problem)
    return value


def storable_values(value: Any) -> Any:
    """Check every string inside ``value`` (str, list, tuple, dict keys and values)."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, list | tuple):
        for item in value:
            storable_values(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            storable_values(key)
            storable_values(item)
    return value


#: A pydantic string that the ledger database can store.
StorableStr = Annotated[str, AfterValidator(storable_text)]
