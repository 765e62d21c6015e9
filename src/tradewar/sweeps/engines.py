"""Where a sweep's chunks run: a local process pool, or Dask (``dask.distributed``).

Both engines implement :class:`Runner` and call the same pure function,
:func:`tradewar.sweeps.worker.solve_chunk`, with the same :class:`SweepContext` sent to each
worker once:

* :class:`LocalEngine`: :class:`concurrent.futures.ProcessPoolExecutor`; the context goes
  to each process through the pool's initializer, which also caps native threads at one.
* :class:`DaskEngine`: a ``dask.distributed.Client`` on a scheduler address
  (``tcp://host:8786``, a real cluster) or on a :class:`distributed.LocalCluster` it starts
  (one thread per worker); the context is ``client.scatter``-ed to every worker.  Dask's
  nannies start workers with ``OMP_NUM_THREADS=1`` (and MKL/OpenBLAS alike), and
  :func:`solve_chunk` pins BLAS to one thread around every chunk anyway.  Dask is imported
  only when this engine runs (install the ``dask`` extra).

Chunks come back as they finish, tagged with their position, so the caller can show progress
and still put the rows in draw order.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import pandas as pd  # type: ignore[import-untyped]

from tradewar.errors import InvalidInput
from tradewar.sweeps.spec import Draw
from tradewar.sweeps.worker import (
    SweepContext,
    initialize_worker,
    solve_chunk,
    solve_chunk_in_worker,
)

logger = logging.getLogger(__name__)

#: Engine names accepted by ``--engine``.
#: Where a sweep's draws are solved: a local process pool or a Dask cluster.
EngineName = Literal["local", "dask"]
ENGINES: tuple[EngineName, ...] = ("local", "dask")
#: Largest chunk of draws one task solves (keeps the progress bar moving).
MAX_CHUNK = 50
#: Module the fork server imports before forking workers.
WORKER_MODULE = "tradewar.sweeps.worker"
#: Chunks per worker to aim for (load balance against per-task overhead).
CHUNKS_PER_WORKER = 4


class Runner(Protocol):
    """An engine that solves chunks of draws in parallel."""

    name: str
    workers: int

    def run(
        self, context: SweepContext, chunks: Sequence[Sequence[Draw]]
    ) -> Iterator[tuple[int, pd.DataFrame]]:
        """Solve every chunk; yield ``(chunk position, rows)`` as chunks finish."""
        ...

    def describe(self) -> dict[str, Any]:
        """JSON-ready description for the manifest."""
        ...


def chunk_draws(
    draws: Sequence[Draw], workers: int, chunk_size: int | None = None
) -> list[list[Draw]]:
    """Split draws into consecutive chunks.

    ``chunk_size`` defaults to ``ceil(draws / (workers · 4))`` capped at :data:`MAX_CHUNK`.

    Examples
    --------
    >>> from tradewar.sweeps.spec import Draw
    >>> [len(c) for c in chunk_draws([Draw(k, k, {}) for k in range(10)], workers=2)]
    [2, 2, 2, 2, 2]
    """
    if chunk_size is not None and chunk_size < 1:
        raise InvalidInput(f"got {chunk_size}; expected a whole number >= 1.", field="chunk_size")
    size = chunk_size or max(
        1, min(MAX_CHUNK, math.ceil(len(draws) / (workers * CHUNKS_PER_WORKER)))
    )
    return [list(draws[start : start + size]) for start in range(0, len(draws), size)]


def _check_workers(workers: int) -> int:
    if workers < 1:
        raise InvalidInput(f"got {workers}; expected a whole number >= 1.", field="workers")
    return workers


def default_start_method() -> str:
    """``forkserver`` where available (no fork of a threaded parent), else ``spawn``."""
    methods = multiprocessing.get_all_start_methods()
    return "forkserver" if "forkserver" in methods else "spawn"


@dataclass
class LocalEngine:
    """A process pool on this machine; one process per worker, BLAS one thread each.

    Attributes
    ----------
    workers : int
        Worker processes (>= 1).
    start_method : str, optional
        ``forkserver`` (default where available) or ``spawn``.
    """

    workers: int = 1
    start_method: str | None = None
    name: str = "local"

    def __post_init__(self) -> None:
        _check_workers(self.workers)

    def run(
        self, context: SweepContext, chunks: Sequence[Sequence[Draw]]
    ) -> Iterator[tuple[int, pd.DataFrame]]:
        """Solve chunks in the pool; yield ``(chunk position, rows)`` as they finish."""
        method = self.start_method or default_start_method()
        mp_context = multiprocessing.get_context(method)
        if method == "forkserver":
            # Import the model once in the fork server; workers fork from it ready to solve.
            mp_context.set_forkserver_preload([WORKER_MODULE])
        pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=mp_context,
            initializer=initialize_worker,
            initargs=(context,),
        )
        try:
            pending = {
                pool.submit(solve_chunk_in_worker, chunk): k for k, chunk in enumerate(chunks)
            }
            for future in as_completed(pending):
                yield pending[future], future.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def describe(self) -> dict[str, Any]:
        """``{"engine": "local", "workers": ..., "start_method": ...}``."""
        return {
            "engine": self.name,
            "workers": self.workers,
            "start_method": self.start_method or default_start_method(),
            "blas_threads_per_worker": 1,
        }


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise InvalidInput(
            "the dask engine needs dask.distributed, which is not installed: pip install"
            " 'tradewar[dask]' (or use the local engine).",
            field="engine",
        ) from err
    return distributed


@dataclass
class DaskEngine:
    """Dask: a scheduler address, or a LocalCluster of ``workers`` single-thread workers.

    Attributes
    ----------
    workers : int
        Workers of the LocalCluster (ignored with a scheduler: the cluster decides).
    scheduler : str, optional
        Address of a running scheduler, e.g. ``tcp://10.0.0.5:8786``.
    processes : bool
        LocalCluster workers as processes (default) or threads in this process (tests).
    connect_timeout : str
        How long to wait for the scheduler (Dask duration, e.g. ``"20s"``).
    cluster_workers : int, optional
        Workers the scheduler reported when this engine connected (recorded in the manifest).
    """

    workers: int = 2
    scheduler: str | None = None
    processes: bool = True
    connect_timeout: str = "20s"
    name: str = "dask"
    cluster_workers: int | None = None

    def __post_init__(self) -> None:
        _check_workers(self.workers)

    def _client(self, stack: ExitStack, distributed: Any) -> Any:
        if self.scheduler:
            try:
                client = stack.enter_context(
                    distributed.Client(self.scheduler, timeout=self.connect_timeout)
                )
            except OSError as err:
                raise InvalidInput(
                    f"{self.scheduler}: no Dask scheduler answered ({err}). Start"
                    " one with 'dask scheduler' and workers with 'dask worker ADDRESS'.",
                    field="scheduler",
                ) from err
            self.cluster_workers = len(client.scheduler_info().get("workers", {}))
            return client
        cluster = stack.enter_context(
            distributed.LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=self.processes,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        )
        return stack.enter_context(distributed.Client(cluster))

    def run(
        self, context: SweepContext, chunks: Sequence[Sequence[Draw]]
    ) -> Iterator[tuple[int, pd.DataFrame]]:
        """Scatter the context, submit one task per chunk, yield results as they finish."""
        distributed = _import_distributed()
        with ExitStack() as stack:
            client = self._client(stack, distributed)
            shared = client.scatter(context, broadcast=True)
            futures = [client.submit(solve_chunk, shared, chunk, pure=False) for chunk in chunks]
            position = {future.key: k for k, future in enumerate(futures)}
            try:
                for future, frame in distributed.as_completed(futures, with_results=True):
                    yield position[future.key], frame
            finally:
                client.cancel(futures)

    def describe(self) -> dict[str, Any]:
        """``{"engine": "dask", "workers": ..., "scheduler": ...}`` (``processes``: LocalCluster).

        With a scheduler address, ``workers`` is the number the scheduler reported on
        connecting (None before the run).
        """
        if self.scheduler:
            described: dict[str, Any] = {"workers": self.cluster_workers}
        else:
            described = {"workers": self.workers, "processes": self.processes}
        return {
            "engine": self.name,
            "scheduler": self.scheduler or "LocalCluster",
            **described,
            "blas_threads_per_worker": 1,
        }


def make_engine(name: EngineName, workers: int, scheduler: str | None = None) -> Runner:
    """The engine called ``name`` with ``workers`` workers (and a Dask ``scheduler`` address).

    Raises
    ------
    tradewar.errors.InvalidInput
        On an unknown engine, fewer than one worker, or a scheduler with ``local``.
    """
    if name == "local":
        if scheduler:
            raise InvalidInput(
                "a scheduler needs the dask engine; the local engine has none.", field="scheduler"
            )
        return LocalEngine(workers)
    if name == "dask":
        return DaskEngine(workers, scheduler)
    raise InvalidInput(f"got {name!r}; expected one of {', '.join(ENGINES)}.", field="engine")
