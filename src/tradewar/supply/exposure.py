"""Static screening: exposure scores and edge-set extraction (no dense inverse).

* **Exposure** of a buyer to an input (``docs/specs/supply-chain.md`` §4.2, item 1)::

      exposure = import share × supplier concentration (HHI) × criticality

  where the import share is the part of baseline need bought abroad, the HHI is the
  Herfindahl index of the supplier countries' shares, and criticality is 1 for an input
  that binds production (Pichler & Farmer 2021) and ``noncritical_weight`` otherwise.
* **Edge-set extraction** (Dietzenbacher, van Burken & Kondo 2019, *Hypothetical
  extractions from a global perspective*, ESR): remove a set of flows from ``A`` with no
  replacement and solve the Leontief quantity model ``x = A' x + y`` by Neumann iteration
  on the sparse matrix (Miller & Blair 2009, eq. 2.16), never forming ``(I − A)⁻¹``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from tradewar.errors import ConvergenceError, InvalidInput
from tradewar.supply.mrio import MRIO
from tradewar.supply.network import ChainArrays
from tradewar.types import BoolArray, FloatArray


@dataclass(frozen=True)
class ExposureRow:
    """Exposure of one buyer (product in a country) to one input."""

    buyer: str
    country: str
    input: str
    import_share: float
    top_supplier: str
    top_share: float
    hhi: float
    critical: bool
    cover_weeks: float
    exposure: float

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form (shares as decimals, cover in weeks)."""
        return dict(self.__dict__)


def chain_exposure(
    chain: ChainArrays, country: str | None = None, noncritical_weight: float = 0.25
) -> list[ExposureRow]:
    """Exposure of every slot (optionally of one country), most exposed first.

    Examples
    --------
    >>> from tradewar.supply.network import load_bundled_chain
    >>> rows = chain_exposure(load_bundled_chain("rare_earths"), "IND")
    >>> rows[0].input, rows[0].top_supplier
    ('ndfeb_magnet', 'CHN')
    >>> chain_exposure(load_bundled_chain("rare_earths"), "ATA")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: country 'ATA' has no producers in chain 'rare_earths'; ...
    """
    if country is not None and country not in chain.countries:
        raise InvalidInput(
            f"country {country!r} has no producers in chain {chain.name!r}; "
            f"expected one of {sorted(chain.countries)}"
        )
    rows = [
        _slot_exposure(chain, slot, noncritical_weight)
        for slot in range(chain.n_slots)
        if country is None or chain.countries[chain.node_country[chain.slot_node[slot]]] == country
    ]
    return sorted(rows, key=lambda r: (-r.exposure, r.buyer, r.input))


def _slot_exposure(chain: ChainArrays, slot: int, noncritical_weight: float) -> ExposureRow:
    edges = np.flatnonzero((chain.edge_slot == slot) & ~chain.is_alternative)
    buyer_node = chain.slot_node[slot]
    buyer_country = chain.node_country[buyer_node]
    supplier_countries = chain.node_country[chain.edge_supplier[edges]]
    shares = np.bincount(
        supplier_countries, chain.incumbent_share[edges], minlength=len(chain.countries)
    )
    foreign = float(shares.sum() - shares[buyer_country])
    top = int(np.argmax(shares))
    hhi = float(np.sum(shares**2))
    critical = bool(chain.critical[slot])
    weight = 1.0 if critical else noncritical_weight
    return ExposureRow(
        buyer=chain.products[chain.node_product[buyer_node]],
        country=chain.countries[buyer_country],
        input=chain.products[chain.slot_input[slot]],
        import_share=foreign,
        top_supplier=chain.countries[top],
        top_share=float(shares[top]),
        hhi=hhi,
        critical=critical,
        cover_weeks=float(chain.cover_weeks[slot]),
        exposure=foreign * hhi * weight,
    )


@dataclass(frozen=True)
class MrioExposure:
    """Exposure of (buyer industry, input sector) pairs of one region in an MRIO."""

    buyer_sector: list[str]
    input_sector: list[str]
    import_share: FloatArray
    hhi: FloatArray
    exposure: FloatArray


def mrio_exposure(
    table: MRIO, region: str, criticality: FloatArray | None = None, top: int = 20
) -> MrioExposure:
    """The ``top`` most exposed (buyer sector, input sector) pairs of ``region``.

    ``criticality`` is a (P,) weight per input sector (1 = critical; default all 1).
    """
    if region not in table.regions:
        raise InvalidInput(f"region {region!r}; expected one of {list(table.regions)[:10]}...")
    sectors = len(table.sectors)
    r = table.regions.index(region)
    inside = table.buyer // sectors == r
    seller, buyer, flow = table.seller[inside], table.buyer[inside], table.flow[inside]
    group = (buyer % sectors) * sectors + seller % sectors
    origin = seller // sectors
    total = np.bincount(group, flow, minlength=sectors * sectors)
    by_origin = np.bincount(
        group * len(table.regions) + origin, flow, minlength=sectors * sectors * len(table.regions)
    ).reshape(sectors * sectors, len(table.regions))
    shares = np.divide(by_origin, total[:, None], out=np.zeros_like(by_origin),
                       where=total[:, None] > 0)  # fmt: skip
    imported = 1.0 - shares[:, r]
    hhi = (shares**2).sum(axis=1)
    weight = np.ones(sectors) if criticality is None else np.asarray(criticality, np.float64)
    score = np.where(total > 0, imported * hhi * weight[np.arange(sectors * sectors) % sectors], 0)
    order = np.argsort(-score)[:top]
    return MrioExposure(
        buyer_sector=[table.sectors[k // sectors] for k in order],
        input_sector=[table.sectors[k % sectors] for k in order],
        import_share=imported[order],
        hhi=hhi[order],
        exposure=score[order],
    )


def technical_matrix(table: MRIO) -> sp.csr_matrix:
    """A = Z x̂⁻¹ as a sparse CSR matrix."""
    x = table.output
    n = table.n_industries
    values = table.flow / x[table.buyer]
    return sp.csr_matrix((values, (table.seller, table.buyer)), shape=(n, n))


def leontief_output(
    a: sp.csr_matrix, y: FloatArray, tolerance: float = 1e-10, max_iterations: int = 2000
) -> FloatArray:
    """Solve ``x = A x + y`` by the Neumann series ``x_{k+1} = y + A x_k`` (sparse matvecs).

    Raises
    ------
    ConvergenceError
        If the relative change is still above ``tolerance`` after ``max_iterations``
        (a column sum of A at or above 1 means no positive value added).
    """
    x = y.copy()
    change = np.inf
    for _ in range(max_iterations):
        nxt = y + a @ x
        change = float(np.max(np.abs(nxt - x)) / max(float(np.max(np.abs(nxt))), 1e-300))
        x = nxt
        if change < tolerance:
            return np.asarray(x, dtype=np.float64)
    raise ConvergenceError(
        f"Neumann iteration did not converge in {max_iterations} iterations "
        f"(last relative change {change:.2e}); expected column sums of A below 1",
        {"iterations": max_iterations, "change": change},
    )


def extract_edges(table: MRIO, removed: BoolArray) -> FloatArray:
    """Output after removing the flagged flows without replacement (GEM edge extraction).

    Parameters
    ----------
    removed : (nnz,) True for each intermediate flow to extract.

    Returns
    -------
    (N,) output per year with the flows removed; compare with ``table.output``.
    """
    if removed.shape != table.flow.shape:
        raise InvalidInput(f"removed has shape {removed.shape}; expected {table.flow.shape}")
    x = table.output
    n = table.n_industries
    keep = ~removed
    values = table.flow[keep] / x[table.buyer[keep]]
    a = sp.csr_matrix((values, (table.seller[keep], table.buyer[keep])), shape=(n, n))
    return leontief_output(a, table.final_demand)
