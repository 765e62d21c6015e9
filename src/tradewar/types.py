"""Type aliases shared across tradewar, defined once (as httpx keeps its ``_types.py``).

Arrays: ``FloatArray`` holds float64 values whose unit the function using it documents
(decimals for tariff rates, thousands of USD for flows, percent for changes);
``IntArray`` holds int64 indices or counts; ``BoolArray`` holds masks.

Models: :class:`StrictModel` is the base of the pydantic models read from the bundled
YAML and JSON files (unknown fields refused, instances frozen);
:class:`StrictStrippedModel` also strips whitespace around text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    FloatArray: TypeAlias = NDArray[np.float64]
    IntArray: TypeAlias = NDArray[np.int64]
    BoolArray: TypeAlias = NDArray[np.bool_]

#: The array aliases and their dtypes, built on first use (PEP 562), so that a command that
#: needs no arrays (``tradewar tariff``, the ledger's models) does not import numpy (0.1 s).
_ARRAY_DTYPES = {"FloatArray": "float64", "IntArray": "int64", "BoolArray": "bool_"}


def __getattr__(name: str) -> Any:
    if name not in _ARRAY_DTYPES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import numpy as np
    from numpy.typing import NDArray

    alias: Any = NDArray[getattr(np, _ARRAY_DTYPES[name])]  # type: ignore[misc]
    globals()[name] = alias
    return alias


class StrictModel(BaseModel):
    """A frozen model that refuses unknown fields (a misspelt key is an error, not ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StrictStrippedModel(StrictModel):
    """A :class:`StrictModel` that also strips whitespace around every text field."""

    model_config = ConfigDict(str_strip_whitespace=True)


__all__ = ["BoolArray", "FloatArray", "IntArray", "StrictModel", "StrictStrippedModel"]
