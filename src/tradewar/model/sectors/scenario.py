"""A scenario of the record on the sectoral (LL2023) model: tariffs by industry.

The scenario's bilateral rates come from :func:`tradewar.scenarios.from_ledger.build_rates`
(additional duties relative to 1 January 2025, with its ``others`` rule, coverage shares
and overrides).  Each goods industry of a pair then gets:

* for pairs the ledger covers, on dated scenarios not overriding the pair: each line's own
  duty stack on the date minus that on 1 January 2025 (``tariff_stack(hs=line)``; lines
  are grouped by the HS codes the ledger names, one stack per group), so product
  exemptions and product lists fall on the industries they concern (the coverage shares
  of the all-goods headline are not needed);
* otherwise the pair's all-goods rate;

averaged over the industry's HTS-10 lines by the rule of
:mod:`tradewar.model.sectors.industries` (simple mean).  Services carry no tariff.  The
additional duties are laid on top of the 2014 applied tariffs of the LL2023 data; for the
``RoW`` region a rate is the simple mean over the model's countries outside WIOD.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

import numpy as np

from tradewar.ledger import engine
from tradewar.ledger.schema import Measure
from tradewar.model.sectors.data import REST_OF_WORLD, SectoralWorld
from tradewar.model.sectors.equations import Instruments
from tradewar.model.sectors.industries import AVERAGING_NOTE, IndustryLines, signature_classes
from tradewar.scenarios.from_ledger import BASELINE_DATE, RateBuild, ledger_pairs
from tradewar.types import FloatArray


@dataclass(frozen=True)
class IndustryTariffs:
    """Additional tariffs by industry (S, N, N), decimal, and how they were made."""

    additional: FloatArray
    notes: tuple[str, ...]
    line_level_pairs: int

    def instruments(self, world: SectoralWorld) -> Instruments:
        """The 2014 applied tariffs plus the scenario's additional duties."""
        factual = Instruments.factual(world)
        return Instruments(
            factual.import_tariffs + self.additional,
            factual.export_taxes,
            factual.production_taxes,
        )


def _mentioned_codes(measures: Sequence[Measure]) -> dict[str, object]:
    """Every HS code named anywhere in the measures' product scopes (hs and exclude_hs)."""
    found: dict[str, object] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("hs", "exclude_hs") and isinstance(item, list):
                    found.update(dict.fromkeys(str(code) for code in item))
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for measure in measures:
        walk(measure.model_dump(mode="json"))
    return found


def _pair_rate(build: RateBuild, importer: str, exporter: str, outside: list[str]) -> float:
    """The scenario's rate (percent) of a WIOD pair; RoW as the mean over ``outside``."""
    importers = outside if importer == REST_OF_WORLD else [importer]
    exporters = outside if exporter == REST_OF_WORLD else [exporter]
    values = [
        build.rate_pct(i, j)
        for i in importers
        for j in exporters
        if i != j and i in build.countries and j in build.countries
    ]
    return float(np.mean(values)) if values else 0.0


def industry_tariffs(
    world: SectoralWorld,
    build: RateBuild,
    measures: Sequence[Measure],
    on: date | None,
    lines: IndustryLines,
    overridden: set[tuple[str, str]],
) -> IndustryTariffs:
    """The scenario's additional tariffs by industry on the WIOD regions."""
    count, size = len(world.industries), world.size
    outside = [code for code in build.countries if code not in world.regions]
    additional = np.zeros((count, size, size))
    mentioned = _mentioned_codes(measures)
    classes = signature_classes(lines, mentioned) if mentioned and on is not None else {}
    covered = set(ledger_pairs(measures, world.regions)) if classes else set()
    line_level = 0
    uncovered_pairs: set[tuple[str, str]] = set()
    for i, importer in enumerate(world.regions):
        for j, exporter in enumerate(world.regions):
            if i == j:
                continue
            pair = _pair_rate(build, importer, exporter, outside)
            if (importer, exporter) in covered and (importer, exporter) not in overridden:
                assert on is not None
                rates, uncovered = _line_level(measures, importer, exporter, on, classes)
                if uncovered:
                    uncovered_pairs.add((importer, exporter))
                industry = lines.average(partial(_rate_of, rates, pair), count)
                line_level += 1
            else:
                industry = np.full(count, pair)
                industry[count - 1] = 0.0
            additional[:, j, i] = industry / 100.0
    notes = [
        AVERAGING_NOTE,
        "Scenario duties are additional to the 2014 applied tariffs of the LL2023 data"
        " (the factual world of the sectoral model); RoW's rates are simple means over the"
        " model's countries outside WIOD.",
    ]
    if line_level:
        notes.append(
            f"{line_level} pairs with ledger measures use line-level duty stacks (product"
            " lists and exemptions the ledger records at HS level fall on their industries;"
            " layers whose product coverage it does not record are left out, as in the"
            " all-goods headline)."
        )
    else:
        notes.append(
            "The ledger names no HS codes for this scenario's measures, so every goods"
            " industry of a pair carries the pair's all-goods rate."
        )
    if uncovered_pairs:
        listed = ", ".join(f"{i}<-{j}" for i, j in sorted(uncovered_pairs))
        notes.append(
            f"Lines the ledger does not cover on the date (e.g. a partner's own reciprocal rate"
            f" it does not record) take the pair's all-goods scenario rate instead: {listed}."
        )
    return IndustryTariffs(additional, tuple(notes), line_level)


def _rate_of(rates: dict[str, float], default: float, code: str) -> float:
    return rates.get(code, default)


def _line_level(
    measures: Sequence[Measure],
    importer: str,
    exporter: str,
    on: date,
    classes: dict[tuple[str, ...], list[str]],
) -> tuple[dict[str, float], int]:
    """Rate (percent) of every line the ledger covers, one duty stack per signature class,
    and how many classes it does not cover (those lines keep the pair's all-goods rate).

    As for the headline, only layers the ledger is sure of count (product lists it does
    not record at HS level are left out); the rate is the stack on the date minus the
    stack on 1 January 2025, floored at zero.  A layer past its stated end with no
    verified outcome is taken to have ended then, as the one-sector builder does.
    """
    rates: dict[str, float] = {}
    uncovered = 0
    for codes in classes.values():
        now = engine.tariff_stack(measures, importer, exporter, codes[0], on)
        before = engine.tariff_stack(measures, importer, exporter, codes[0], BASELINE_DATE)
        totals = _scheduled_total(now), _scheduled_total(before)
        if totals[0] is None or totals[1] is None:
            uncovered += 1
            continue
        rates.update(dict.fromkeys(codes, max(totals[0] - totals[1], 0.0)))
    return rates, uncovered


def _scheduled_total(stack: engine.TariffStack) -> float | None:
    """The stack's total as the record schedules it (percent); None where not covered."""
    if stack.total_additional_pct is not None:
        return stack.total_additional_pct
    if stack.covered:
        return stack.total_if_unverified_ended_pct
    return None
