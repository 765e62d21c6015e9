"""Run boario on WIOD 2011 (a child process of ``benchmarks/supply.py --boario``; never imported).

boario is GPL-3.0: it is never a dependency of tradewar and is not installed in the
project's environment.  ``benchmarks/supply.py --boario`` installs it on the fly into a
temporary folder (``pip install --target``) and runs this script with that folder on
``PYTHONPATH``; nothing in ``src/`` imports it.

The run: ARIOPsiModel (order_type "alt", 90 days of inventories for goods, services
infinite, ψ = 0.8, τ = 60 days, α_max = 1.25, τ_α = 365 days) on the same table as
tradewar's sector model (WIOD 2011 with negative final-demand totals set to 0), with an
``EventArbitraryProd`` taking ``--impact`` of one industry's capacity from step 1 for the
rest of the run.  It writes production over baseline, (T, N) in tradewar's industry
order, to ``OUT/boario_relative.npy`` and timings to ``OUT/boario.json``.

Usage: ``python benchmarks/supply_boario.py DATA_DIR OUT --days 120 --region CHN --industry c12``
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from tradewar.supply.wiod import load_wiod


def build_iosystem(data_dir: Path):  # type: ignore[no-untyped-def]
    """pymrio IOSystem of WIOD 2011 with the same final demand as tradewar's ARIO table."""
    import pymrio

    wiod = load_wiod(data_dir)
    table = wiod.mrio()
    index = pd.MultiIndex.from_tuples(wiod.industry_labels(), names=["region", "sector"])
    z = np.zeros((table.n_industries, table.n_industries))
    z[table.seller, table.buyer] = table.flow
    final = wiod.final.copy()
    final[final.sum(axis=1) < 0] = 0.0  # tradewar clips negative totals to 0
    columns = pd.MultiIndex.from_tuples(wiod.final_columns, names=["region", "category"])
    io = pymrio.IOSystem(
        Z=pd.DataFrame(z, index=index, columns=index),
        Y=pd.DataFrame(final, index=index, columns=columns),
        name="WIOD 2011",
    )
    io.x = pymrio.calc_x(io.Z, io.Y)
    io.A = pymrio.calc_A(io.Z, io.x)
    return io, wiod


def main() -> None:
    """Build, run, write."""
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--region", default="CHN")
    parser.add_argument("--industry", default="c12")
    parser.add_argument("--impact", type=float, default=0.5)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import boario
    from boario.event import from_scalar_industries
    from boario.extended_models import ARIOPsiModel
    from boario.simulation import Simulation

    io, wiod = build_iosystem(args.data_dir)
    services = [s for s in wiod.sectors if int(s[1:]) > 16]
    start = time.perf_counter()
    model = ARIOPsiModel(
        io, order_type="alt", alpha_max=1.25, alpha_tau=365, main_inv_dur=90,
        monetary_factor=10**6, infinite_inventories_sect=services, psi_param=0.8,
        inventory_restoration_tau=60,
    )  # fmt: skip
    init_seconds = time.perf_counter() - start
    sim = Simulation(model, n_temporal_units_to_sim=args.days)
    event = from_scalar_industries(
        impact=args.impact, event_type="arbitrary",
        affected_industries=[(args.region, args.industry)], impact_distrib="equal",
        occurrence=1, duration=args.days - 2, recovery_tau=1,
    )  # fmt: skip
    sim.add_events([event])
    start = time.perf_counter()
    sim.loop()
    loop_seconds = time.perf_counter() - start
    produced = sim.production_realised.iloc[: args.days]
    order = pd.MultiIndex.from_tuples(wiod.industry_labels(), names=["region", "sector"])
    produced = produced.reindex(columns=order)
    baseline = pd.Series(model.X_0, index=model.industries).reindex(order).to_numpy()
    relative = np.divide(
        produced.to_numpy(), baseline, out=np.ones(produced.shape), where=baseline > 0
    )
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "boario_relative.npy", relative)
    (args.out / "boario.json").write_text(
        json.dumps(
            {
                "boario_version": boario.__version__,
                "init_s": init_seconds,
                "loop_s": loop_seconds,
                "days": args.days,
                "step_s": loop_seconds / args.days,
            }
        )
    )


if __name__ == "__main__":
    main()
