"""Small helpers shared by the ledger computations (stack, state, changes, timeline)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tradewar.ledger.schema import Measure, MeasureKind


def direction_between(measure: Measure, a: str, b: str) -> str | None:
    """How ``measure`` stands between ``a`` and ``b``: ``"A->B"``, ``"B->A"``, ``"both"`` or None.

    Agreements and talks are ``"both"`` when both countries take part; other measures
    run from the imposing country to a target.
    """
    if measure.kind is MeasureKind.agreement and measure.agreement is not None:
        parties = set(measure.agreement.parties)
        return "both" if {a, b} <= parties else None
    if measure.kind is MeasureKind.talks:
        return "both" if {measure.imposing, *measure.targets} >= {a, b} else None
    if measure.imposing == a and measure.applies_to(b):
        return f"{a}->{b}"
    if measure.imposing == b and measure.applies_to(a):
        return f"{b}->{a}"
    return None


class JsonReady:
    """A frozen dataclass's ``to_dict``: the engine's results given to the interfaces."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings, tuples as lists)."""
        return as_dict(self)


def as_dict(obj: Any) -> dict[str, Any]:
    """A frozen dataclass as a JSON-ready dict (dates as ISO strings, tuples as lists)."""
    out: dict[str, Any] = {}
    for name in obj.__dataclass_fields__:
        value = getattr(obj, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out
