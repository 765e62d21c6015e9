"""Pure ledger computations, by topic; this module re-exports them under one name.

``from tradewar.ledger import engine`` and ``engine.tariff_stack(...)`` keep working;
each topic lives in its own module:

- :mod:`tradewar.ledger.stacking`: how a product scope covers an HS code, the
  suspensions in force, and the duty stack on a shipment (:func:`tariff_stack`, its
  layers and totals); its docstring states the ledger's rules.
- :mod:`tradewar.ledger.state`: every measure between two countries on a date
  (:func:`state_between`, :class:`MeasureState`).
- :mod:`tradewar.ledger.changes`: what started, ended or was announced between two
  dates (:func:`diff`, :class:`Change`).
- :mod:`tradewar.ledger.timeline`: the duty level at each change point and the events
  that annotate it (:func:`timeline`, :func:`timeline_events`).
- :mod:`tradewar.ledger.common`: the helpers they share (direction between two
  countries, JSON-ready dicts).

Everything takes a list of validated :class:`~tradewar.ledger.schema.Measure` records
and returns plain frozen dataclasses; nothing reads the database or the clock.
"""

from __future__ import annotations

from tradewar.ledger.changes import Change, diff
from tradewar.ledger.stacking import (
    STACK_NOTES,
    ActiveSuspension,
    Layer,
    TariffStack,
    UncertainLayer,
    UnverifiedLayer,
    active_suspensions,
    line_active,
    scope_coverage,
    tariff_stack,
)
from tradewar.ledger.state import MeasureState, state_between
from tradewar.ledger.timeline import (
    COVERAGE_CHANGES,
    TimelineEvent,
    TimelinePoint,
    change_points,
    timeline,
    timeline_events,
)

__all__ = [
    "COVERAGE_CHANGES",
    "STACK_NOTES",
    "ActiveSuspension",
    "Change",
    "Layer",
    "MeasureState",
    "TariffStack",
    "TimelineEvent",
    "TimelinePoint",
    "UncertainLayer",
    "UnverifiedLayer",
    "active_suspensions",
    "change_points",
    "diff",
    "line_active",
    "scope_coverage",
    "state_between",
    "tariff_stack",
    "timeline",
    "timeline_events",
]
