"""Same seed, same rows: local with 1 and 2 workers and Dask on a LocalCluster agree exactly."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.sweeps.conftest import toy_context, toy_spec
from tradewar.errors import InvalidInput
from tradewar.sweeps.engines import DaskEngine, LocalEngine, chunk_draws, make_engine
from tradewar.sweeps.spec import Draw
from tradewar.sweeps.worker import solve_chunk


def _run(engine, draws: list[Draw], chunk_size: int | None = None) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    context = toy_context()
    chunks = chunk_draws(draws, engine.workers, chunk_size)
    frames = dict(engine.run(context, chunks))
    assert sorted(frames) == list(range(len(chunks)))
    return pd.concat([frames[k] for k in range(len(chunks))], ignore_index=True)


@pytest.fixture(scope="module")
def draws() -> list[Draw]:
    return toy_spec(16).sample()


@pytest.fixture(scope="module")
def in_process(draws: list[Draw]) -> pd.DataFrame:
    return solve_chunk(toy_context(), draws)


def test_local_one_worker(draws: list[Draw], in_process: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(_run(LocalEngine(1), draws), in_process)


def test_local_two_workers_small_chunks(draws: list[Draw], in_process: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(_run(LocalEngine(2), draws, chunk_size=3), in_process)


def test_dask_local_cluster(draws: list[Draw], in_process: pd.DataFrame) -> None:
    pytest.importorskip("distributed", reason="the Dask engine needs the 'dask' extra")
    pd.testing.assert_frame_equal(_run(DaskEngine(2, processes=False), draws), in_process)


def test_chunks_cover_every_draw_in_order() -> None:
    draws = [Draw(k, k, {}) for k in range(103)]
    chunks = chunk_draws(draws, workers=2)
    assert [d.index for chunk in chunks for d in chunk] == list(range(103))
    assert max(len(c) for c in chunks) <= 50
    assert [len(c) for c in chunk_draws(draws, 1, chunk_size=100)] == [100, 3]


@pytest.mark.parametrize(
    ("name", "workers", "scheduler", "expected"),
    [
        ("ray", 2, None, "engine: got 'ray'; expected one of local, dask"),
        ("local", 0, None, "workers: got 0; expected a whole number >= 1"),
        ("local", 2, "tcp://127.0.0.1:8786", "scheduler: a scheduler needs the dask engine"),
    ],
)
def test_engine_choice_errors(
    name: str, workers: int, scheduler: str | None, expected: str
) -> None:
    with pytest.raises(InvalidInput, match=expected):
        make_engine(name, workers, scheduler)  # type: ignore[arg-type]  # checked at run time too


def test_dask_worker_processes(draws: list[Draw], in_process: pd.DataFrame) -> None:
    """Workers in their own processes: the context goes through client.scatter."""
    pytest.importorskip("distributed", reason="the Dask engine needs the 'dask' extra")
    pd.testing.assert_frame_equal(
        _run(DaskEngine(2, processes=True), draws[:8]), in_process[in_process["draw"] < 8]
    )


def test_dask_on_a_scheduler_address(draws: list[Draw], in_process: pd.DataFrame) -> None:
    """--scheduler tcp://...: the engine connects to a running cluster instead of starting one."""
    distributed = pytest.importorskip(
        "distributed", reason="the Dask engine needs the 'dask' extra"
    )
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        engine = DaskEngine(scheduler=cluster.scheduler_address)
        assert engine.describe()["scheduler"].startswith(("tcp://", "inproc://"))
        pd.testing.assert_frame_equal(_run(engine, draws[:4]), in_process[in_process["draw"] < 4])
        assert engine.describe()["workers"] == 1


def test_dask_unreachable_scheduler_is_a_clean_error(draws: list[Draw]) -> None:
    pytest.importorskip("distributed", reason="the Dask engine needs the 'dask' extra")
    engine = DaskEngine(scheduler="tcp://127.0.0.1:9")
    engine.connect_timeout = "1s"
    with pytest.raises(
        InvalidInput, match=r"scheduler: tcp://127.0.0.1:9: no Dask scheduler answered"
    ):
        _run(engine, draws[:1])
