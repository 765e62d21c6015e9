"""From the ledger on a date to the model's bilateral tariff matrix (pure).

The model's factual world is 2023 with zero tariffs, so a scenario's tariff of importer
*i* on exporter *j* is the **additional** ad valorem duty in force on the date relative
to 1 January 2025 (the Section 301 layers of 2018–2024 predate the baseline and are not
counted).  For each pair the ledger covers:

1. **Headline.**  The all-goods duty stack of :func:`tradewar.ledger.engine.tariff_stack`
   (``hs=None``): product-specific lines (Section 301 lists, China's farm and energy
   lists) are left out, because the ledger does not record the trade they cover.
2. **Product exemptions through a coverage share.**  Where a layer is suspended for
   listed products (the April 2025 electronics exclusion from the reciprocal tariffs)
   and no product-level weights are available, the layer is scaled by one minus the
   documented share of the pair's trade those products cover
   (``scenarios/data/coverage.yaml``, each share with its source):

       effective_ij = Σ_layers rate_layer · (1 − s_layer,j)

3. **Relative to 1 January 2025**: ``effective(date) − effective(2025-01-01)``, floored
   at zero.
4. **Countries the ledger does not cover** (:mod:`tradewar.ledger.coverage`; the same
   judgement as ``tradewar tariff``): with ``others: auto`` their recorded layers (the
   universal US measures) are used and the pair is marked ``assumption: recorded layers
   only`` with the missing measures named; otherwise, and for pairs with no recorded
   layer, the scenario's ``others`` rule applies (the universal 10% of EO 14257 from 5
   April 2025 to 24 February 2026, the published Liberation Day rates, or zero).  Nobody
   but China retaliates.
5. **Overrides** replace the result for the pairs they name.

Rates are kept in percent until the matrix, which holds decimals ``t[exporter, importer]``
as :class:`tradewar.model.policy.Policy` expects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from typing import Any

import numpy as np
import yaml

from tradewar.codes.countries import ALL
from tradewar.ledger import engine
from tradewar.ledger.coverage import coverage_gaps
from tradewar.ledger.schema import Measure, MeasureKind
from tradewar.scenarios.spec import OthersRule, Scenario
from tradewar.types import FloatArray

BASELINE_DATE = date(2025, 1, 1)
UNIVERSAL_BASELINE_PCT = 10.0
UNIVERSAL_FROM = date(2025, 4, 5)  # EO 14257's 10% baseline, all countries
UNIVERSAL_UNTIL = date(2026, 2, 24)  # IEEPA duties no longer collected (us-scotus-ieepa-2026)
LIBERATION_DAY_FLOOR_PCT = 10.0  # the model applies max(10%, USTR rate) (ge-model §5)
UNITED_STATES = "USA"
RECORDED_ONLY = "assumption: recorded layers only"


@dataclass(frozen=True)
class CoverageShare:
    """The documented share of a pair's trade that a product exemption covers.

    ``shares`` maps an exporter (ISO3, or ``"*"`` for all others) to the fraction of the
    importer's imports from it that the exemption covers.  ``exempt_imports_usd_bn``
    keeps the published values (billions of USD) a share can be derived from.
    """

    suspension_id: str
    description: str
    shares: Mapping[str, float]
    basis: str
    sources: tuple[dict[str, str], ...]
    exempt_imports_usd_bn: Mapping[str, float] = field(default_factory=dict)
    reference_year: int | None = None

    def share_for(self, exporter: str) -> float | None:
        """The exempt fraction for imports from ``exporter`` (``None`` if undocumented)."""
        if exporter in self.shares:
            return float(self.shares[exporter])
        return None if "*" not in self.shares else float(self.shares["*"])


def load_coverage_shares() -> dict[str, CoverageShare]:
    """The coverage shares shipped with tradewar (``scenarios/data/coverage.yaml``)."""
    text = (files("tradewar.scenarios") / "data" / "coverage.yaml").read_text(encoding="utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    return {
        key: CoverageShare(
            suspension_id=key,
            description=str(entry["description"]),
            shares={str(k): float(v) for k, v in entry["shares"].items()},
            basis=str(entry["basis"]),
            sources=tuple(dict(s) for s in entry["sources"]),
            exempt_imports_usd_bn={
                str(k): float(v) for k, v in entry.get("exempt_imports_usd_bn", {}).items()
            },
            reference_year=entry.get("reference_year"),
        )
        for key, entry in raw.items()
    }


@dataclass(frozen=True)
class PairRate:
    """How one bilateral rate of the matrix was set."""

    importer: str
    exporter: str
    rate_pct: float
    headline_pct: float
    basis: str
    measures: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "importer": self.importer,
            "exporter": self.exporter,
            "rate_pct": self.rate_pct,
            "headline_pct": self.headline_pct,
            "basis": self.basis,
            "measures": list(self.measures),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class RateBuild:
    """A scenario turned into a tariff matrix, with the provenance of every non-zero rate."""

    countries: tuple[str, ...]
    tariffs: FloatArray  # [exporter, importer], decimal
    pairs: tuple[PairRate, ...]
    assumptions: tuple[str, ...]
    measure_ids: tuple[str, ...] = field(default=())

    def rate_pct(self, importer: str, exporter: str) -> float:
        """The matrix rate of ``importer`` on ``exporter``, percent."""
        i, j = self.countries.index(importer), self.countries.index(exporter)
        return float(self.tariffs[j, i] * 100.0)


# ---------------------------------------------------------------------------- ledger pairs


def ledger_pairs(measures: Sequence[Measure], countries: Sequence[str]) -> list[tuple[str, str]]:
    """Every (importer, exporter) pair some ledger tariff covers, among ``countries``."""
    known = set(countries)
    pairs: set[tuple[str, str]] = set()
    for measure in measures:
        if measure.kind is not MeasureKind.tariff or measure.imposing not in known:
            continue
        targets = known - {measure.imposing} if ALL in measure.targets else set(measure.targets)
        pairs.update((measure.imposing, t) for t in targets & known if t != measure.imposing)
    return sorted(pairs)


def effective_rate(
    measures: Sequence[Measure],
    importer: str,
    exporter: str,
    on: date,
    coverage: Mapping[str, CoverageShare],
) -> tuple[float, float, tuple[str, ...], tuple[str, ...]]:
    """Trade-coverage-adjusted all-goods rate of one pair on one date.

    Returns
    -------
    effective_pct, headline_pct, measure ids, notes
    """
    stack = engine.tariff_stack(measures, importer, exporter, None, on)
    exemptions = _product_exemptions(measures, importer, exporter, on)
    effective = 0.0
    notes: list[str] = []
    layers = list(stack.layers)
    for item in stack.unverified:
        # The recorded schedule: a measure past its stated end with no verified outcome is
        # taken to have ended then; the other reading is stated.
        notes.append(
            f"{item.measure_id} unverified ({item.reason}): taken as "
            f"{item.rate_if_ended_pct:g}% (ended as scheduled); "
            f"{item.rate_if_continued_pct:g}% if it continued"
        )
        if item.rate_if_ended_pct:
            layers.append(_ended_reading(stack, item))
    for layer in layers:
        exempt = 0.0
        for suspension_id in exemptions.get(layer.measure_id, ()):
            share = (
                coverage[suspension_id].share_for(exporter) if suspension_id in coverage else None
            )
            if share is None:
                notes.append(f"{suspension_id}: no documented trade-coverage share; not applied")
                continue
            exempt += share
            notes.append(
                f"{layer.measure_id} scaled by 1 - {share:.3f} ({suspension_id} covers "
                f"{share:.1%} of imports from {exporter})"
            )
        effective += layer.rate_pct * (1.0 - min(exempt, 1.0))
    ids = tuple(layer.measure_id for layer in layers)
    headline = sum(layer.rate_pct for layer in layers)  # recorded layers, as scheduled
    return effective, float(headline), ids, tuple(notes)


def _ended_reading(stack: engine.TariffStack, item: engine.UnverifiedLayer) -> engine.Layer:
    """The layer of an unverified measure as scheduled (its stated end respected)."""
    return engine.Layer(
        measure_id=item.measure_id,
        title=item.title,
        program=item.program,
        statutory_rate_pct=item.rate_if_ended_pct,
        rate_pct=item.rate_if_ended_pct,
        suspended_points=0.0,
        suspended_by=(),
        label=None,
        legal_basis=item.legal_basis,
        source_url=item.source_url,
        effective_on=None,
        ended_on=None,
    )


def _product_exemptions(
    measures: Sequence[Measure], importer: str, exporter: str, on: date
) -> dict[str, list[str]]:
    """Measure id -> ids of in-force suspensions that exempt some of its products."""
    found: dict[str, list[str]] = {}
    for measure in measures:
        if measure.kind is not MeasureKind.suspension or measure.imposing != importer:
            continue
        if not measure.applies_to(exporter) or not measure.in_force_on(on):
            continue
        for part in measure.suspends:
            if part.products is not None:
                found.setdefault(part.measure, []).append(measure.id)
    return found


# ---------------------------------------------------------------------------- the build


def build_rates(
    scenario: Scenario,
    measures: Sequence[Measure],
    countries: Sequence[str],
    *,
    liberation_day_pct: Mapping[str, float] | None = None,
    coverage: Mapping[str, CoverageShare] | None = None,
) -> RateBuild:
    """Turn a scenario into the model's tariff matrix.

    Parameters
    ----------
    scenario : the scenario (its ``on`` date, ``others`` rule, drops and overrides).
    measures : the ledger's measures.
    countries : ISO3 codes of the model's world, in matrix order.
    liberation_day_pct : USTR Liberation Day rate by country, percent (``others:
        liberation-day`` needs it; the model's data directory provides it).
    coverage : documented exemption shares (default: the bundled ones).
    """
    codes = tuple(countries)
    coverage = load_coverage_shares() if coverage is None else coverage
    unknown = sorted(set(scenario.drop_measures) - {m.id for m in measures})
    if unknown:
        from tradewar.errors import InvalidInput

        raise InvalidInput(
            f"scenario {scenario.name!r}, field 'drop_measures': {', '.join(unknown)} "
            "not in the ledger; expected ids from 'tradewar measures list'."
        )
    kept = [m for m in measures if m.id not in set(scenario.drop_measures)]
    rates: dict[tuple[str, str], PairRate] = {}
    assumptions = list(_general_assumptions(scenario))
    if scenario.on is not None:
        rates.update(_ledger_rates(kept, codes, scenario.on, coverage))
    others = _resolve_others(scenario)
    rates = _apply_others(rates, others, scenario, codes, coverage, liberation_day_pct)
    assumptions += _others_assumptions(others, scenario, coverage)
    for override in scenario.overrides:
        for pair in _expand(override.importer, override.exporter, codes):
            rates[pair] = PairRate(
                pair[0],
                pair[1],
                override.rate_pct,
                override.rate_pct,
                "override",
                notes=(override.note,) if override.note else (),
            )
    matrix = _matrix(codes, rates)
    used = sorted({m for pair in rates.values() for m in pair.measures})
    nonzero = tuple(sorted((p for p in rates.values() if p.rate_pct > 0), key=_pair_key))
    return RateBuild(codes, matrix, nonzero, tuple(assumptions), tuple(used))


def _pair_key(pair: PairRate) -> tuple[int, str, str]:
    priority = 0 if {pair.importer, pair.exporter} <= {"USA", "CHN"} else 1
    return (priority, pair.importer, pair.exporter)


def _ledger_rates(
    measures: Sequence[Measure],
    countries: tuple[str, ...],
    on: date,
    coverage: Mapping[str, CoverageShare],
) -> dict[tuple[str, str], PairRate]:
    out: dict[tuple[str, str], PairRate] = {}
    by_importer: dict[str, list[Measure]] = {}
    for measure in measures:
        by_importer.setdefault(measure.imposing, []).append(measure)
    for importer, exporter in ledger_pairs(measures, countries):
        gaps = coverage_gaps(importer, exporter, None, on)
        # Only the measures importer imposes that reach exporter: all that a tariff stack
        # and its exemptions look at (the same answer, without scanning the whole ledger).
        pair_measures = [m for m in by_importer[importer] if m.applies_to(exporter)]
        now, headline, ids, notes = effective_rate(pair_measures, importer, exporter, on, coverage)
        base, *_ = effective_rate(pair_measures, importer, exporter, BASELINE_DATE, coverage)
        rate = max(now - base, 0.0)
        if rate == 0.0 and headline == 0.0:
            continue
        extra: tuple[str, ...] = (
            (f"minus {base:g}% already in force on {BASELINE_DATE}",) if base else ()
        )
        basis = "ledger"
        if gaps:  # as `tradewar tariff` says: recorded layers only, the rest not recorded
            basis = RECORDED_ONLY
            extra += (f"not covered by the ledger on {on}: " + "; ".join(gaps),)
        out[(importer, exporter)] = PairRate(
            importer, exporter, rate, headline, basis, ids, notes + extra
        )
    return out


def _resolve_others(scenario: Scenario) -> OthersRule:
    if scenario.others is not OthersRule.auto:
        return scenario.others
    if scenario.on is not None and UNIVERSAL_FROM <= scenario.on < UNIVERSAL_UNTIL:
        return OthersRule.universal_10
    return OthersRule.zero


def _apply_others(
    rates: dict[tuple[str, str], PairRate],
    others: OthersRule,
    scenario: Scenario,
    countries: tuple[str, ...],
    coverage: Mapping[str, CoverageShare],
    liberation_day_pct: Mapping[str, float] | None,
) -> dict[tuple[str, str], PairRate]:
    if scenario.others is not OthersRule.auto:
        # An explicit rule replaces "recorded layers only" for pairs the ledger does not cover.
        rates = {pair: rate for pair, rate in rates.items() if rate.basis != RECORDED_ONLY}
    if others is OthersRule.zero or UNITED_STATES not in countries:
        return rates
    covered = {exporter for (importer, exporter) in rates if importer == UNITED_STATES}
    out = dict(rates)
    for exporter in countries:
        if exporter == UNITED_STATES or exporter in covered:
            continue
        if others is OthersRule.universal_10:
            share = _electronics_share(exporter, scenario, coverage)
            rate = UNIVERSAL_BASELINE_PCT * (1.0 - share)
            note = (f"10% scaled by 1 - {share:.3f} (electronics exclusion)",) if share else ()
            out[(UNITED_STATES, exporter)] = PairRate(
                UNITED_STATES,
                exporter,
                rate,
                UNIVERSAL_BASELINE_PCT,
                "assumption: universal-10",
                notes=note + _not_covered_note(exporter, scenario),
            )
        else:
            if liberation_day_pct is None:
                from tradewar.errors import DataUnavailable

                raise DataUnavailable(
                    "others: liberation-day needs the USTR rates of the model's data "
                    "(ge/tariffs.csv); run 'tradewar data status'."
                )
            rate = max(LIBERATION_DAY_FLOOR_PCT, float(liberation_day_pct.get(exporter, 0.0)))
            out[(UNITED_STATES, exporter)] = PairRate(
                UNITED_STATES,
                exporter,
                rate,
                rate,
                "assumption: liberation-day",
                notes=_not_covered_note(exporter, scenario),
            )
    return out


def _not_covered_note(exporter: str, scenario: Scenario) -> tuple[str, ...]:
    """Why the rule, not the ledger, sets this pair (``tradewar tariff`` says the same)."""
    if scenario.on is None:
        return ()
    gaps = coverage_gaps(UNITED_STATES, exporter, None, scenario.on)
    if not gaps:
        return ()
    return (f"not covered by the ledger on {scenario.on}: " + "; ".join(gaps),)


ELECTRONICS_EXCLUSION = "us-reciprocal-electronics-exclusion-2025"


def _electronics_share(
    exporter: str, scenario: Scenario, coverage: Mapping[str, CoverageShare]
) -> float:
    """The electronics exclusion applies to the universal baseline too, from 5 April 2025."""
    if scenario.on is not None and not (UNIVERSAL_FROM <= scenario.on < UNIVERSAL_UNTIL):
        return 0.0
    if ELECTRONICS_EXCLUSION in scenario.drop_measures or ELECTRONICS_EXCLUSION not in coverage:
        return 0.0
    share = coverage[ELECTRONICS_EXCLUSION].share_for(exporter)
    return 0.0 if share is None else share


def _expand(importer: str, exporter: str, countries: tuple[str, ...]) -> list[tuple[str, str]]:
    importers = list(countries) if importer == "*" else [importer]
    pairs = []
    for imp in importers:
        exporters = [c for c in countries if c != imp] if exporter == "*" else [exporter]
        pairs += [(imp, exp) for exp in exporters if exp != imp]
    for imp, exp in pairs:
        for code in (imp, exp):
            if code not in countries:
                from tradewar.errors import UnknownCode

                raise UnknownCode(f"override names {code!r}, which is not a country of the model.")
    return pairs


def _matrix(countries: tuple[str, ...], rates: Mapping[tuple[str, str], PairRate]) -> FloatArray:
    index = {code: k for k, code in enumerate(countries)}
    matrix = np.zeros((len(countries), len(countries)))
    for (importer, exporter), pair in rates.items():
        matrix[index[exporter], index[importer]] = pair.rate_pct / 100.0
    return matrix


# ---------------------------------------------------------------------------- assumptions


def _general_assumptions(scenario: Scenario) -> list[str]:
    lines = []
    if scenario.on is not None:
        lines.append(
            f"Rates are the ledger's additional all-goods duties in force on {scenario.on}, "
            f"relative to {BASELINE_DATE} (the model's factual world has no 2025 measures)."
        )
        lines.append(
            "Product-specific tariffs (Section 301 lists, China's February and March 2025 lists) "
            "are left out: the ledger does not record the trade they cover."
        )
    if scenario.drop_measures:
        lines.append(
            "Left out of the ledger for this scenario: " + ", ".join(scenario.drop_measures) + "."
        )
    lines.append("Export controls, de minimis rules and port fees are not in the trade model.")
    lines.extend(scenario.assumptions)
    return lines


def _others_assumptions(
    others: OthersRule, scenario: Scenario, coverage: Mapping[str, CoverageShare]
) -> list[str]:
    lines = []
    if others is OthersRule.universal_10:
        line = (
            "Countries the ledger does not cover: the US charges the 10% baseline of EO 14257 "
            f"(in force {UNIVERSAL_FROM} to {UNIVERSAL_UNTIL})"
        )
        if (
            ELECTRONICS_EXCLUSION in coverage
            and ELECTRONICS_EXCLUSION not in scenario.drop_measures
        ):
            line += ", scaled for the electronics exclusion by its trade-coverage share"
        lines.append(line + "; country-specific rates set later in 2025 are not in the ledger.")
    elif others is OthersRule.liberation_day:
        lines.append(
            "Countries the ledger does not cover: the US charges the published Liberation Day "
            "rates (USTR, 2 April 2025), at least 10%."
        )
    else:
        lines.append("Countries the ledger does not cover: no US tariff.")
    if scenario.on is None:
        lines.append("No country retaliates; third countries keep zero tariffs.")
    else:
        lines.append("No country other than China retaliates; third countries keep zero tariffs.")
    if ELECTRONICS_EXCLUSION in coverage and scenario.on is not None:
        share = coverage[ELECTRONICS_EXCLUSION]
        lines.append(f"Electronics exclusion coverage: {share.basis}")
    return lines
