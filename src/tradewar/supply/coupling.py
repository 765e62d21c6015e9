"""Coupling: Layer A's output losses become Layer B's capacity shocks.

For each chain product mapped to an MRIO sector (``mrio_sector`` in the chain file) and
each chain country mapped to an MRIO region, the sector's capacity loss on day ``t`` is

    Δ_(region, sector)(t) = Σ_products  value_share_product × (1 − x_product(t) / x0_product)

capped at 1, where ``value_share`` is the product's share of its MRIO sector's output
(``share_of_mrio_sector`` in the chain file, or ``default_share``).  Weekly losses are held
for the seven days of each week (``docs/specs/supply-chain.md`` §4.2, item 4: one-way
coupling first).  This is the coupling for a user's table (``--mrio``); on WIOD 2011 the
bundled concordance does the mapping (:mod:`tradewar.supply.concordance`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tradewar.supply.mrio import MRIO
from tradewar.supply.network import ChainArrays, ChainSpec
from tradewar.types import FloatArray

DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class CapacityShock:
    """Daily capacity losses (T_days, N) and what could not be mapped."""

    loss: FloatArray
    mapped: list[tuple[str, str, str, str]]  # (product, country, region, sector)
    unmapped: list[str]


def capacity_shock_from_chain(
    spec: ChainSpec,
    chain: ChainArrays,
    relative_output: FloatArray,
    table: MRIO,
    regions: Mapping[str, str] | None = None,
    default_share: float = 0.05,
) -> CapacityShock:
    """Map a chain's (T_weeks, N_nodes) relative output onto the table's industries.

    Parameters
    ----------
    regions : chain country → MRIO region label; by default a country maps to the region
        of the same name.
    default_share : value share of a product in its MRIO sector when the chain file gives
        none (an assumption: a small product in a broad sector).
    """
    weeks = relative_output.shape[0]
    shares = {
        p.id: (p.mrio_sector, p.share_of_mrio_sector.value if p.share_of_mrio_sector else None)
        for p in spec.products
    }
    weekly = np.zeros((weeks, table.n_industries))
    mapped: list[tuple[str, str, str, str]] = []
    unmapped: list[str] = []
    for node in range(chain.n_nodes):
        product = chain.products[chain.node_product[node]]
        country = chain.countries[chain.node_country[node]]
        sector, share = shares[product]
        region = (regions or {}).get(country, country)
        if sector not in table.sectors or region not in table.regions:
            unmapped.append(f"{product}@{country}")
            continue
        industry = table.industry(region, sector)
        weekly[:, industry] += (share or default_share) * (1.0 - relative_output[:, node])
        mapped.append((product, country, region, sector))
    daily = np.repeat(np.clip(weekly, 0.0, 1.0), DAYS_PER_WEEK, axis=0)
    return CapacityShock(daily, mapped, unmapped)
