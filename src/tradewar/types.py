"""Type aliases shared across tradewar, defined once (as httpx keeps its ``_types.py``).

Arrays: ``FloatArray`` holds float64 values whose unit the function using it documents
(decimals for tariff rates, thousands of USD for flows, percent for changes);
``IntArray`` holds int64 indices or counts; ``BoolArray`` holds masks.

Models: :class:`StrictModel` is the base of the pydantic models read from the bundled
YAML and JSON files (unknown fields refused, instances frozen);
:class:`StrictStrippedModel` also strips whitespace around text.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict

FloatArray: TypeAlias = NDArray[np.float64]
IntArray: TypeAlias = NDArray[np.int64]
BoolArray: TypeAlias = NDArray[np.bool_]


class StrictModel(BaseModel):
    """A frozen model that refuses unknown fields (a misspelt key is an error, not ignored)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StrictStrippedModel(StrictModel):
    """A :class:`StrictModel` that also strips whitespace around every text field."""

    model_config = ConfigDict(str_strip_whitespace=True)


__all__ = ["BoolArray", "FloatArray", "IntArray", "StrictModel", "StrictStrippedModel"]
