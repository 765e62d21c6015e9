"""The supply service: what ``tradewar supply`` (and later the API) calls.

It resolves a named scenario, builds the weekly licensed shares from the scenario's own
restrictions or from the ledger (``from_ledger``), draws the Monte Carlo inputs with a
fixed seed, runs the chokepoint model, and summarises: weeks until each plant line stops,
cumulative lost output, availability bands, and the comparison with what was reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from tradewar.codes.choices import choice
from tradewar.codes.countries import require_iso3
from tradewar.config import Settings
from tradewar.errors import InvalidInput, field_named
from tradewar.services.container import Services
from tradewar.services.supply_sectors import ENGINES, Engine, SectorService
from tradewar.supply import dynamics
from tradewar.supply.concordance import ProductShare
from tradewar.supply.coupling import capacity_shock_from_chain
from tradewar.supply.dynamics import ChainPath, DrawParameters, DynamicsSettings
from tradewar.supply.exposure import ExposureRow, chain_exposure
from tradewar.supply.mrio import MrioFormat, load_mrio
from tradewar.supply.network import (
    SUPPLY_REGIONS,
    ChainArrays,
    ChainSpec,
    SourceRef,
    bundled_chain_path,
    compile_chain,
    load_chain_spec,
)
from tradewar.supply.policy import EdgeRestriction, restrictions_from_measures, weekly_approval
from tradewar.supply.scenario import ScenarioSpec, draw_inputs, get_scenario, load_scenarios
from tradewar.supply.sectors import (
    SectorPath,
    SectorShock,
    build_system,
    simulate_sectors,
)
from tradewar.types import FloatArray

if TYPE_CHECKING:
    from tradewar.services.ledger import LedgerService

DEFAULT_SEED = 20250404
PERCENTILES = (10.0, 50.0, 90.0)
SHORTFALL_BELOW = 0.95


def _percentiles(values: FloatArray) -> list[float | None]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return [None, None, None]
    return [float(v) for v in np.percentile(finite, PERCENTILES)]


def _week_or_none(value: float) -> float | None:
    return None if not np.isfinite(value) else float(value)


@dataclass(frozen=True)
class NodeSummary:
    """One producer's outcome: central run and Monte Carlo bands (weeks; shares; units)."""

    product: str
    country: str
    unit: str
    baseline_per_week: float
    stop_week: float | None
    stop_week_p10_p50_p90: list[float | None]
    stopped_share_of_draws: float
    shortfall_week: float | None
    min_output_share: float
    lost_output: float
    lost_weeks_of_output: float
    lost_weeks_p10_p50_p90: list[float | None]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Comparison:
    """A reported stoppage next to the model's timing for the same country and product."""

    country: str
    product: str
    reported_on: date
    reported_week: float
    what: str
    source_url: str
    model_shortfall_week: float | None
    model_stop_week: float | None
    model_stop_p10_p90: list[float | None]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {**self.__dict__, "reported_on": self.reported_on.isoformat()}


@dataclass(frozen=True)
class SupplyRun:
    """Result of ``tradewar supply run``."""

    scenario: str
    title: str
    chain: str
    start: date
    weeks: int
    draws: int
    seed: int
    rationing: str
    policy_source: str
    restrictions: list[dict[str, Any]]
    notes: list[str]
    nodes: list[NodeSummary]
    comparisons: list[Comparison]
    series: dict[str, dict[str, list[float]]] = field(repr=False)
    availability: dict[str, dict[str, list[float]]] = field(default_factory=dict, repr=False)

    def to_dict(self, with_series: bool = True) -> dict[str, Any]:
        """JSON-ready form (series: per node, central and p10/p50/p90 output share by week)."""
        payload: dict[str, Any] = {
            "scenario": self.scenario,
            "title": self.title,
            "chain": self.chain,
            "start": self.start.isoformat(),
            "weeks": self.weeks,
            "draws": self.draws,
            "seed": self.seed,
            "rationing": self.rationing,
            "policy_source": self.policy_source,
            "stop_definition": "first week output < 50% of baseline (shortfall: < 95%)",
            "restrictions": self.restrictions,
            "notes": self.notes,
            "nodes": [n.to_dict() for n in self.nodes],
            "reported_vs_model": [c.to_dict() for c in self.comparisons],
        }
        if with_series:
            payload["series"] = self.series
            payload["availability"] = self.availability
        return payload


@dataclass(frozen=True)
class SectorRun:
    """Result of coupling a scenario's central run into the sector model (Layer B)."""

    scenario: str
    table: str
    days: int
    engine: str
    mapped: list[tuple[str, str, str, str]]
    unmapped: list[str]
    worst: list[dict[str, Any]]
    year: int | None = None
    citation: str | None = None
    shares: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__)


class SupplyService:
    """Run supply-chain scenarios and screens."""

    def __init__(
        self,
        settings: Settings,
        ledger: LedgerService | None = None,
        wiod: SectorService | None = None,
    ) -> None:
        """``ledger`` (its export controls) and ``wiod`` (the WIOD sectors): the process's services
        to share; each not given is built as :class:`~tradewar.services.container.Services`
        builds it."""
        self.settings = settings
        if ledger is None or wiod is None:
            own = Services(settings)  # builds only what is asked of it
            ledger = ledger if ledger is not None else own.ledger
            wiod = wiod if wiod is not None else own.supply_sectors
        self.ledger = ledger
        self.wiod = wiod

    # ---------------------------------------------------------------- listing
    def scenarios(self) -> dict[str, ScenarioSpec]:
        """The bundled scenarios by name."""
        return dict(load_scenarios().scenarios)

    def chain(self, name: str) -> ChainSpec:
        """A bundled chain as written (products, producers, sources); an unknown name is an
        error naming ``chain``."""
        return load_chain_spec(_chain_path(name))

    def sources(self, chain: str) -> dict[str, SourceRef]:
        """The sources a chain's figures and the scenarios' policy paths cite, by key."""
        return {**self.chain(chain).sources, **load_scenarios().sources}

    def products(self, scenario: str) -> list[str]:
        """The products (ids) of a scenario's chain, sorted."""
        return sorted(product.id for product in self.chain(_scenario(scenario).chain).products)

    # ---------------------------------------------------------------- runs
    def run(
        self,
        scenario: str,
        *,
        weeks: int | None = None,
        draws: int = 1000,
        seed: int = DEFAULT_SEED,
        from_ledger: bool = False,
    ) -> SupplyRun:
        """Run a named scenario: a central run plus ``draws`` Monte Carlo draws."""
        spec = _scenario(scenario)
        horizon = spec.weeks if weeks is None else weeks
        if horizon < 1:
            raise InvalidInput(f"got {horizon}; expected at least 1 week.", field="weeks")
        if draws < 1:
            raise InvalidInput(f"got {draws}; expected at least 1 draw.", field="draws")
        chain_spec = load_chain_spec(bundled_chain_path(spec.chain))
        chain = compile_chain(chain_spec)
        restrictions, notes = self._restrictions(spec, chain_spec, from_ledger)
        central = weekly_approval(chain, restrictions, spec.start, horizon)
        settings = DynamicsSettings(rationing=spec.rationing)
        central_path = dynamics.simulate_chain(
            chain, central[:, None, :], DrawParameters.central(chain), settings
        )
        drawn = draw_inputs(chain, central, spec.uncertainty, draws, seed)
        mc_path = dynamics.simulate_chain(chain, drawn.approval, drawn.params, settings)
        nodes = _summaries(chain, central_path, mc_path)
        return SupplyRun(
            scenario=scenario,
            title=spec.title,
            chain=spec.chain,
            start=spec.start,
            weeks=horizon,
            draws=draws,
            seed=seed,
            rationing=spec.rationing,
            policy_source="ledger" if from_ledger else "scenario",
            restrictions=[_restriction_dict(r) for r in restrictions],
            notes=notes,
            nodes=nodes,
            comparisons=_comparisons(spec, nodes),
            series=_series(chain, central_path, mc_path),
            availability=_availability(chain, central_path, mc_path),
        )

    def _restrictions(
        self, spec: ScenarioSpec, chain_spec: ChainSpec, from_ledger: bool
    ) -> tuple[list[EdgeRestriction], list[str]]:
        if not from_ledger:
            return [r.to_restriction() for r in spec.restrictions], []
        measures = self.ledger.measures()
        return restrictions_from_measures(measures, chain_spec)

    def exposure(self, country: str | None, chain: str = "rare_earths") -> list[ExposureRow]:
        """Exposure of a country's producers to their inputs (all countries if None).

        ``country`` is an ISO3 code or a supply region (``EU27``, ``ROW``); ``chain`` a
        bundled chain's name.
        """
        if country is not None and country not in SUPPLY_REGIONS:
            require_iso3(country, "country")
        compiled = compile_chain(load_chain_spec(_chain_path(chain)))
        with field_named("country"):
            return chain_exposure(compiled, country)

    def sectors(
        self,
        scenario: str,
        *,
        mrio: Path | None = None,
        fmt: MrioFormat = "auto",
        days: int = 365,
        engine: Engine = "numpy",
        top: int = 10,
        year: int | None = None,
    ) -> SectorRun:
        """Feed a scenario's central output losses into the sparse ARIO model."""
        spec = _scenario(scenario)
        engine = choice(engine, ENGINES, "engine")
        if days < 1:
            raise InvalidInput(f"got {days}; expected at least 1 day.", field="days")
        chain_spec = load_chain_spec(bundled_chain_path(spec.chain))
        chain = compile_chain(chain_spec)
        restrictions, _ = self._restrictions(spec, chain_spec, from_ledger=False)
        weeks = -(-days // 7)
        approval = weekly_approval(chain, restrictions, spec.start, weeks)
        path = dynamics.simulate_chain(
            chain,
            approval[:, None, :],
            DrawParameters.central(chain),
            DynamicsSettings(rationing=spec.rationing),
        )
        relative = dynamics.relative_output(chain, path)[:, 0]
        if mrio is None:
            return self._sectors_on_wiod(scenario, chain, relative, days, engine, top, year)
        table = load_mrio(mrio, fmt)
        shock = capacity_shock_from_chain(chain_spec, chain, relative, table)
        system = build_system(table)
        result = simulate_sectors(system, days, SectorShock(shock.loss[:days]), engine=engine)
        return SectorRun(
            scenario=scenario,
            table=str(mrio),
            days=days,
            engine=engine,
            mapped=shock.mapped,
            unmapped=shock.unmapped,
            worst=_worst(table.regions, table.sectors, system.x0, result, top),
        )

    def _sectors_on_wiod(
        self,
        scenario: str,
        chain: ChainArrays,
        relative: FloatArray,
        days: int,
        engine: Engine,
        top: int,
        year: int | None,
    ) -> SectorRun:
        """The product layer's losses on WIOD (2011 by default) through the concordance."""
        from tradewar.services.supply_sectors import wiod_parameters
        from tradewar.supply.concordance import product_shares, wiod_capacity_loss

        wiod = self.wiod.table(year)
        table = wiod.mrio()
        shares, unmapped = product_shares(chain, wiod)
        loss = wiod_capacity_loss(shares, relative, table.n_industries)
        params = wiod_parameters(len(table.sectors))
        system = build_system(table, params)
        shock = SectorShock(loss[:days])
        result = simulate_sectors(system, days, shock, params, engine=engine)
        return SectorRun(
            scenario=scenario,
            table=wiod.label,
            days=days,
            engine=engine,
            mapped=sorted({(s.product, s.country, s.region, s.industry) for s in shares}),
            unmapped=unmapped,
            worst=_worst(table.regions, table.sectors, system.x0, result, top),
            year=wiod.year,
            citation=wiod.citation,
            shares=[_share_dict(share) for share in shares],
        )


# ---------------------------------------------------------------------- helpers


def _share_dict(share: ProductShare) -> dict[str, Any]:
    return {
        "product": share.product,
        "country": share.country,
        "region": share.region,
        "industry": share.industry,
        "share_of_output": round(share.share, 6),
    }


def _worst(
    regions: tuple[str, ...],
    sectors: tuple[str, ...],
    x0: FloatArray,
    result: SectorPath,
    top: int,
) -> list[dict[str, Any]]:
    """The ``top`` industries by output lost (table units), with days of output lost."""
    lost_units = (x0 - result.production).clip(min=0).sum(axis=0)
    lost = np.divide(lost_units, x0, out=np.zeros_like(x0), where=x0 > 0)
    relative = result.relative_production()
    return [
        {
            "region": regions[i // len(sectors)],
            "sector": sectors[i % len(sectors)],
            "lost_days_of_output": float(lost[i]),
            "lost_usd_million": float(lost_units[i]),
            "min_output_share": float(relative[:, i].min()),
        }
        for i in np.argsort(-lost_units)[:top]
    ]


def _scenario(name: str) -> ScenarioSpec:
    """A bundled supply scenario; an unknown name is an error naming ``scenario``."""
    with field_named("scenario"):
        return get_scenario(name)


def _bundled_chains() -> list[str]:
    """The chains the bundled scenarios run on: the only chain names an interface may pass
    (a name is never a path)."""
    return sorted({spec.chain for spec in load_scenarios().scenarios.values()})


def _chain_path(chain: str) -> Path:
    """A bundled chain's file; an unknown name is an error naming ``chain``."""
    known = _bundled_chains()
    if chain not in known:
        raise InvalidInput(f"got {chain!r}; expected one of {', '.join(known)}.", field="chain")
    with field_named("chain"):
        return bundled_chain_path(chain)


def check_product(product: str, known: Sequence[str]) -> None:
    """Refuse a product the scenario's chain does not have, suggesting the nearest names.

    >>> check_product("car", ["car", "ndfeb_magnet"])
    >>> try:
    ...     check_product("magnet", ["car", "ndfeb_magnet"])
    ... except InvalidInput as err:
    ...     "did you mean ndfeb_magnet?" in str(err)
    True
    """
    if product in known:
        return
    close = get_close_matches(product, known, n=3, cutoff=0.5) or [
        name for name in known if product.lower() in name.lower()
    ]
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise InvalidInput(
        f"{product!r} is not a product of this chain; {hint}(products: {', '.join(known)})",
        field="product",
    )


def _restriction_dict(restriction: EdgeRestriction) -> dict[str, Any]:
    return {
        "measure_id": restriction.measure_id,
        "exporter": restriction.exporter,
        "products": list(restriction.products),
        "destinations": list(restriction.destinations) or "all foreign",
        "start": restriction.start.isoformat(),
        "end": None if restriction.end is None else restriction.end.isoformat(),
        "approval": [
            {
                "from": step.start.isoformat(),
                "share": step.share,
                "destinations": list(step.destinations) or "all",
                "note": step.note,
            }
            for step in restriction.approval
        ],
    }


def _summaries(chain: ChainArrays, central: ChainPath, mc: ChainPath) -> list[NodeSummary]:
    stop_central = dynamics.weeks_to_stop(chain, central)[0]
    shortfall = dynamics.weeks_to_stop(chain, central, stop_below=SHORTFALL_BELOW)[0]
    stop_mc = dynamics.weeks_to_stop(chain, mc)
    rel_central = dynamics.relative_output(chain, central)[:, 0]
    lost_central = dynamics.lost_output(chain, central)[0]
    lost_mc = dynamics.lost_output(chain, mc) / chain.baseline_output
    rows = []
    for node in range(chain.n_nodes):
        product = chain.node_product[node]
        rows.append(
            NodeSummary(
                product=chain.products[product],
                country=chain.countries[chain.node_country[node]],
                unit=chain.product_units[product],
                baseline_per_week=float(chain.baseline_output[node]),
                stop_week=_week_or_none(stop_central[node]),
                stop_week_p10_p50_p90=_percentiles(stop_mc[:, node]),
                stopped_share_of_draws=float(np.isfinite(stop_mc[:, node]).mean()),
                shortfall_week=_week_or_none(shortfall[node]),
                min_output_share=float(rel_central[:, node].min()),
                lost_output=float(lost_central[node]),
                lost_weeks_of_output=float(lost_central[node] / chain.baseline_output[node]),
                lost_weeks_p10_p50_p90=_percentiles(lost_mc[:, node]),
            )
        )
    return rows


def _comparisons(spec: ScenarioSpec, nodes: list[NodeSummary]) -> list[Comparison]:
    sources = load_scenarios().sources
    by_key = {(n.product, n.country): n for n in nodes}
    out = []
    for item in spec.reported:
        node = by_key.get((item.product, item.country))
        out.append(
            Comparison(
                country=item.country,
                product=item.product,
                reported_on=item.reported_on,
                reported_week=(item.reported_on - spec.start).days / 7.0,
                what=item.what,
                source_url=sources[item.source].url if item.source in sources else item.source,
                model_shortfall_week=None if node is None else node.shortfall_week,
                model_stop_week=None if node is None else node.stop_week,
                model_stop_p10_p90=[None, None]
                if node is None
                else [node.stop_week_p10_p50_p90[0], node.stop_week_p10_p50_p90[2]],
            )
        )
    return out


def _series(
    chain: ChainArrays, central: ChainPath, mc: ChainPath
) -> dict[str, dict[str, list[float]]]:
    rel_central = dynamics.relative_output(chain, central)[:, 0]
    bands = np.percentile(dynamics.relative_output(chain, mc), PERCENTILES, axis=1)
    return {
        chain.node_label(node): {
            "central": [round(float(v), 6) for v in rel_central[:, node]],
            "p10": [round(float(v), 6) for v in bands[0, :, node]],
            "p50": [round(float(v), 6) for v in bands[1, :, node]],
            "p90": [round(float(v), 6) for v in bands[2, :, node]],
        }
        for node in range(chain.n_nodes)
    }


def _availability(
    chain: ChainArrays, central: ChainPath, mc: ChainPath
) -> dict[str, dict[str, list[float]]]:
    """Arrivals of each input in each buying country over baseline need, by week.

    Keyed ``input->COUNTRY`` (e.g. ``ndfeb_magnet->USA``): central run and p10/p50/p90.
    """
    buyer_country = chain.node_country[chain.slot_node]
    pairs = sorted({(int(i), int(c)) for i, c in zip(chain.slot_input, buyer_country, strict=True)})
    need = chain.slot_need
    out: dict[str, dict[str, list[float]]] = {}
    for product, country in pairs:
        slots = (chain.slot_input == product) & (buyer_country == country)
        baseline = float(need[slots].sum())
        if baseline <= 0:
            continue
        central_share = central.received[:, 0, slots].sum(axis=1) / baseline
        bands = np.percentile(mc.received[:, :, slots].sum(axis=2) / baseline, PERCENTILES, axis=1)
        out[f"{chain.products[product]}->{chain.countries[country]}"] = {
            "central": [round(float(v), 6) for v in central_share],
            "p10": [round(float(v), 6) for v in bands[0]],
            "p50": [round(float(v), 6) for v in bands[1]],
            "p90": [round(float(v), 6) for v in bands[2]],
        }
    return out
