"""The general-equilibrium trade model of Ignatenko, Lashkaripour, Macedoni & Simonovska (2025).

Pure and typed: a calibrated :class:`World`, a :class:`Policy`, and
:func:`solve` returning an :class:`Equilibrium` with per-country outcomes and group
aggregates.  See ``docs/specs/ge-model.md`` (the specification) and ``docs/model.md``.

Citations: ``ge-model §N`` throughout the code (and the tests) cites section N of
``docs/specs/ge-model.md``; the multi-industry model in :mod:`tradewar.model.sectors` cites
``docs/models/ll2023.md``.
"""

from __future__ import annotations

from tradewar.model.calibration import (
    World,
    balanced_trade_transfers,
    calibrate_world,
    eaton_kortum_variant,
    input_output_variant,
    with_firm_passthrough,
    with_trade_elasticity,
)
from tradewar.model.parameters import Elasticities
from tradewar.model.policy import Policy, RevenueTreatment
from tradewar.model.results import Equilibrium, Outcomes, Weighting
from tradewar.model.solve import SolverOptions, solve

__all__ = [
    "Elasticities",
    "Equilibrium",
    "Outcomes",
    "Policy",
    "RevenueTreatment",
    "SolverOptions",
    "Weighting",
    "World",
    "balanced_trade_transfers",
    "calibrate_world",
    "eaton_kortum_variant",
    "input_output_variant",
    "solve",
    "with_firm_passthrough",
    "with_trade_elasticity",
]
