"""One of a fixed set of words (an engine, a substitution rule, a paper), checked and typed.

Interfaces read a user's word with :func:`choice`; services check the value they were
given with the same function, so a ``Literal`` type holds at run time too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from tradewar.errors import InvalidInput

Word = TypeVar("Word", bound=str)


def choice(value: object, allowed: Sequence[Word], field: str) -> Word:
    """``value`` as the member of ``allowed`` it equals.

    Examples
    --------
    >>> choice("numba", ("numpy", "numba"), "engine")
    'numba'
    >>> choice("fortran", ("numpy", "numba"), "engine")
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: engine: got 'fortran'; expected one of numpy, numba.
    """
    for option in allowed:
        if value == option:
            return option
    raise InvalidInput(f"got {value!r}; expected one of {', '.join(allowed)}.", field=field)
