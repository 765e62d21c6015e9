"""From products to WIOD industries: the bundled concordance and the capacity shocks it gives.

``data/wiod_concordance.yaml`` maps each product of the bundled chains to the WIOD
industry that makes it (HS → ISIC rev. 3 → WIOD) with a unit value in 2011 USD, maps the
chain countries WIOD lacks (EU27 → its members, spread by their share of EU output in the
industry; Malaysia → RoW), and lists the products China's export controls in the ledger
cover, with their WIOD industry.  A product's share of its industry's output in a region is

    share = output_per_week × 52 × unit_value / x_(region, industry)        (capped at 1)

and a product's output loss ``1 − x_product(t)/x0_product`` cuts that industry's capacity by
``share × loss`` (summed over the products of an industry, capped at 1; held for the seven
days of each week: ``docs/specs/supply-chain.md`` §4.2 item 4, one-way coupling).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from pydantic import Field, ValidationError, model_validator

from tradewar.errors import InvalidData
from tradewar.supply.network import ChainArrays, Figure, SourceRef
from tradewar.supply.wiod import IOTable
from tradewar.types import FloatArray, StrictStrippedModel

CONCORDANCE_FILE = Path(__file__).parent / "data" / "wiod_concordance.yaml"
WEEKS_PER_YEAR = 52
DAYS_PER_WEEK = 7


class ChainProductMap(StrictStrippedModel):
    """One chain product → the WIOD industry that makes it."""

    product: str
    wiod_industry: str = Field(pattern=r"^c\d{1,2}$")
    hs: list[str]
    isic_rev3: str
    note: str
    unit_value: Figure = Field(description="USD million (2011) per product unit.")
    unit_value_by_country: dict[str, Figure] = Field(
        default_factory=dict, description="Where a country's mix differs from the world's."
    )

    def value_in(self, country: str) -> float:
        """USD million (2011) per unit for one chain country."""
        return self.unit_value_by_country.get(country, self.unit_value).value


class ChinaControl(StrictStrippedModel):
    """A product China controls (ledger measures) and where it sits in WIOD."""

    id: str
    name: str
    measures: list[str]
    hs: list[str]
    wiod_industry: str = Field(pattern=r"^c\d{1,2}$")
    buyer_industries: list[str]
    china_share_of_world_supply: Figure


class Concordance(StrictStrippedModel):
    """The whole file."""

    schema_version: int
    table: str
    sources: dict[str, SourceRef]
    regions: dict[str, list[str]]
    chain_products: list[ChainProductMap]
    china_controls: list[ChinaControl]

    @model_validator(mode="after")
    def _sources_exist(self) -> Concordance:
        figures = [p.unit_value for p in self.chain_products]
        figures += [f for p in self.chain_products for f in p.unit_value_by_country.values()]
        figures += [c.china_share_of_world_supply for c in self.china_controls]
        for figure in figures:
            if figure.source is not None and figure.source not in self.sources:
                raise ValueError(f"source {figure.source!r} is not in the file's sources")
        return self

    def product(self, product: str) -> ChainProductMap | None:
        """The mapping of one chain product, if any."""
        return next((p for p in self.chain_products if p.product == product), None)


@cache
def load_concordance(path: Path = CONCORDANCE_FILE) -> Concordance:
    """Read and validate the concordance file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Concordance.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as err:
        raise InvalidData(f"{path}: {err}") from err


@dataclass(frozen=True)
class ProductShare:
    """A chain node's share of one WIOD industry's output."""

    node: int  # the chain's node
    product: str
    country: str
    region: str  # a WIOD region
    industry: str
    index: int  # WIOD industry index
    share: float


def product_shares(
    chain: ChainArrays, wiod: IOTable, concordance: Concordance | None = None
) -> tuple[list[ProductShare], list[str]]:
    """Each chain node's share of the WIOD industries it belongs to, and the unmapped nodes."""
    concordance = concordance or load_concordance()
    sectors = len(wiod.sectors)
    shares: list[ProductShare] = []
    unmapped: list[str] = []
    for node in range(chain.n_nodes):
        product = chain.products[chain.node_product[node]]
        country = chain.countries[chain.node_country[node]]
        mapping = concordance.product(product)
        regions = concordance.regions.get(country, [country])
        if mapping is None or not all(r in wiod.regions for r in regions):
            unmapped.append(f"{product}@{country}")
            continue
        p = wiod.sectors.index(mapping.wiod_industry)
        rows = [wiod.regions.index(r) * sectors + p for r in regions]
        outputs = wiod.output[rows]
        total = float(outputs.sum())
        value = float(chain.baseline_output[node]) * WEEKS_PER_YEAR * mapping.value_in(country)
        if total <= 0:
            unmapped.append(f"{product}@{country}")
            continue
        share = min(1.0, value / total)
        for region, row, output in zip(regions, rows, outputs, strict=True):
            if output > 0:
                shares.append(
                    ProductShare(node, product, country, region, mapping.wiod_industry, row, share)
                )
    return shares, unmapped


def wiod_capacity_loss(
    shares: list[ProductShare], relative_output: FloatArray, n_industries: int
) -> FloatArray:
    """(T_days, N) capacity loss from a chain's (T_weeks, N_nodes) relative output.

    ``relative_output`` columns follow the chain's node order; ``shares`` come from
    :func:`product_shares` on the same chain.
    """
    weekly = np.zeros((relative_output.shape[0], n_industries))
    for share in shares:
        loss = np.clip(1.0 - relative_output[:, share.node], 0.0, 1.0)
        weekly[:, share.index] += share.share * loss
    return np.repeat(np.clip(weekly, 0.0, 1.0), DAYS_PER_WEEK, axis=0)
