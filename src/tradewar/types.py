"""Type aliases shared across tradewar, defined once (as httpx keeps its ``_types.py``).

Arrays: ``FloatArray`` holds float64 values whose unit the function using it documents
(decimals for tariff rates, thousands of USD for flows, percent for changes);
``IntArray`` holds int64 indices or counts; ``BoolArray`` holds masks.
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

FloatArray: TypeAlias = NDArray[np.float64]
IntArray: TypeAlias = NDArray[np.int64]
BoolArray: TypeAlias = NDArray[np.bool_]

__all__ = ["BoolArray", "FloatArray", "IntArray"]
