"""Pure rules remembered per text, and forgotten together.

Several stages of the pipeline read the same clause or sentence for the same thing: its
dates (for its events, their slots and the follow-ups), its rates (for the trigger, the
slots and the arithmetic), its periods, whether it may hold a frame.  A pure function of a
text decorated with :func:`remembered` computes each answer once; it must return an
immutable value (a tuple of frozen dataclasses, a bool), so that no caller can change what
another is given.  :func:`forget_all` clears every such memo (benchmarks time fresh reads,
as new articles would need).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar, cast

MEMO_SIZE = 4096  # texts remembered by each function (a few articles' clauses)

Function = TypeVar("Function", bound=Callable[..., Any])
_clears: list[Callable[[], None]] = []


def remembered(function: Function) -> Function:
    """The function with its results remembered for the last :data:`MEMO_SIZE` arguments."""
    cached = lru_cache(maxsize=MEMO_SIZE)(function)
    _clears.append(cached.cache_clear)
    return cast(Function, cached)


def forget_all() -> None:
    """Forget every remembered result."""
    for clear in _clears:
        clear()
