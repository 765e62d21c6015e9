"""Chokepoints: export controls propagated through supply chains over time.

Two layers (see ``docs/specs/supply-chain.md`` §4):

* **Layer A, products** (:mod:`tradewar.supply.network`, :mod:`tradewar.supply.dynamics`):
  a weekly chokepoint model of (product, country) producers, recipes with critical inputs
  and inventory cover, supplier links with lead times and alternative suppliers, driven by
  export controls turned into edge restrictions (:mod:`tradewar.supply.policy`).
* **Layer B, sectors** (:mod:`tradewar.supply.sectors`): a sparse ARIO model on a
  multi-regional input–output table (:mod:`tradewar.supply.mrio`), taking Layer A's losses
  as capacity shocks; static screening in :mod:`tradewar.supply.exposure`.
"""

from __future__ import annotations
