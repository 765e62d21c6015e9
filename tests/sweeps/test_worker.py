"""The chunk solver: re-calibration, tariffs, tidy rows, failures recorded, BLAS pinned."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from tests.sweeps.conftest import toy_context, toy_spec
from tradewar.errors import InvalidInput
from tradewar.model.calibration import passthrough_from_nu
from tradewar.model.policy import Policy
from tradewar.model.results import GROUP_NAMES, OUTCOME_COLUMNS
from tradewar.model.solve import SolverOptions, solve
from tradewar.sweeps.spec import Draw, parse_variations
from tradewar.sweeps.worker import (
    SCALAR_PARAMETERS,
    STATUS_FAILED,
    STATUS_OK,
    blas_threads,
    build_context,
    draw_policy,
    draw_world,
    initialize_worker,
    passthrough,
    solve_chunk,
)


def test_passthrough_matches_the_calibration_at_the_baseline_scale() -> None:
    nu = np.array([0.11433521, 0.27047098])
    assert np.allclose(passthrough(nu, 1.0, 0.67 / 4), passthrough_from_nu(nu, 1.0), atol=1e-12)
    assert np.allclose(passthrough(nu, 1.0, 0.67 / 4), [1.150719, 1.432848], atol=1e-6)


def test_drawing_epsilon_or_kappa_keeps_phi_drawing_psi_or_passthrough_rebuilds_it() -> None:
    context = toy_context()
    central = context.central
    world = draw_world(context, {**central, "epsilon": 8.0, "kappa": 1.0})
    assert world.phi is context.world.phi
    assert (world.elasticities.trade, world.elasticities.labour_supply) == (8.0, 1.0)
    assert world.elasticities.scale == central["psi"]
    world = draw_world(context, {**central, "psi": 0.3})
    assert np.allclose(world.phi, 1.0 + 1.3 * world.nu / (1.0 - world.nu))
    world = draw_world(context, {**central, "passthrough": 0.25})
    assert np.allclose(world.phi, context.world.phi - 0.75)
    assert np.array_equal(world.nu, context.world.nu)
    assert np.array_equal(world.shares, context.world.shares)


def test_tariff_scale_multiplies_the_scenario_and_pairs_replace_rates() -> None:
    context = toy_context()
    parameters = {**context.central, "tariff_scale": 2.0, "USA<-CHN": 0.1}
    tariffs = draw_policy(context, parameters).tariffs
    usa, chn = context.world.index("USA"), context.world.index("CHN")
    assert tariffs[chn, usa] == 0.1
    assert tariffs[usa, chn] == pytest.approx(0.68)
    assert context.tariffs[chn, usa] == 0.54  # the shared context is never modified


def test_unknown_pair_country_is_named() -> None:
    context = toy_context()
    with pytest.raises(InvalidInput, match=r"vary: 'USA<-FRA=0.1:0.2': FRA is not one of"):
        build_context(
            "toy",
            context.world,
            context.tariffs,
            context.revenue,
            parse_variations(["USA<-FRA=0.1:0.2"]),
        )


def test_rows_are_tidy_and_the_central_draw_matches_a_direct_solve() -> None:
    context = toy_context()
    central = Draw(0, 123, {})
    rows = solve_chunk(context, [central])
    labels = [g for g in GROUP_NAMES if g in rows["iso3"].unique()] + ["DEU"]
    assert list(dict.fromkeys(rows["iso3"])) == labels
    assert len(rows) == len(labels) * len(OUTCOME_COLUMNS)
    assert list(rows.columns[:4]) == ["scenario", "draw", "seed", "status"]
    assert set((*SCALAR_PARAMETERS, "USA<-CHN")) <= set(rows.columns)
    assert (rows["status"] == STATUS_OK).all() and (rows["seed"] == 123).all()
    direct = solve(context.world, Policy(context.world.countries, context.tariffs, context.revenue))
    expected = direct.groups().set_index("group")
    for record in rows[rows["is_group"]].to_dict(orient="records"):
        assert record["value"] == pytest.approx(
            expected.loc[record["iso3"], record["variable"]], abs=1e-9
        )
    deu = rows[rows["iso3"] == "DEU"].set_index("variable")["value"]
    assert deu["welfare"] == pytest.approx(
        direct.to_frame().set_index("iso3").loc["DEU", "welfare"]
    )


def test_a_failing_draw_is_recorded_not_dropped() -> None:
    context = replace(
        toy_context(("USA<-CHN=0:1",)),
        tariffs=np.zeros((3, 3)),
        solver=SolverOptions(max_iterations=1, single_threaded_blas=False),
    )
    draws = [
        Draw(0, 1, {"USA<-CHN": 0.0}),
        Draw(1, 2, {"USA<-CHN": 0.9}),
        Draw(2, 3, {"USA<-CHN": 0.0}),
    ]
    rows = solve_chunk(context, draws)
    assert sorted(rows["draw"].unique()) == [0, 1, 2]
    failed = rows[rows["status"] == STATUS_FAILED]
    assert failed["draw"].tolist() == [1]
    assert np.isnan(failed["value"].iloc[0])
    assert (
        failed["error"]
        .iloc[0]
        .startswith("ConvergenceError: The equilibrium solve did not converge")
    )
    assert failed["USA<-CHN"].iloc[0] == 0.9
    assert rows[rows["status"] == STATUS_OK]["error"].isna().all()


def test_chunks_do_not_depend_on_how_draws_are_split() -> None:
    context = toy_context()
    draws = toy_spec(6).sample()
    whole = solve_chunk(context, draws)
    parts = pd.concat(
        [solve_chunk(context, draws[:2]), solve_chunk(context, draws[2:])], ignore_index=True
    )
    pd.testing.assert_frame_equal(whole, parts)


def test_local_workers_run_blas_on_one_thread() -> None:
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context(method),
        initializer=initialize_worker,
        initargs=(toy_context(),),
    ) as pool:
        assert pool.submit(blas_threads).result() == 1
