"""Model work off the event loop, in a fixed pool of threads, under a time limit that ends it.

:class:`ModelRunner` owns a :class:`~concurrent.futures.ThreadPoolExecutor` of ``workers``
threads (two by default), so at most that many model computations run at once, however
many requests time out: a timed-out request does not free its thread for the next one
while its computation is still going. On timeout the runner sets the work's cancellation
event (:mod:`tradewar.cancellation`); the solver stops at its next iteration, so the thread
is free again within one iteration, and a job still waiting in the queue is dropped.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio

from tradewar.cancellation import cancellable, check_cancelled

T = TypeVar("T")

THREAD_PREFIX = "tradewar-model"
_RUNNERS = itertools.count(1)


class ModelTimeout(Exception):
    """The work did not finish within the time limit (it has been cancelled)."""


class ModelRunner:
    """At most ``workers`` model computations at once, each bounded by ``timeout_s``."""

    def __init__(self, workers: int, timeout_s: float) -> None:
        self.workers = workers
        self.timeout_s = timeout_s
        self.thread_prefix = f"{THREAD_PREFIX}-{next(_RUNNERS)}"
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=self.thread_prefix)
        self._lock = threading.Lock()
        self._events: set[threading.Event] = set()
        self.running = 0
        self.peak_running = 0

    def _job(self, event: threading.Event, func: Callable[..., T], args: tuple[Any, ...]) -> T:
        with self._lock:
            self.running += 1
            self.peak_running = max(self.peak_running, self.running)
        try:
            with cancellable(event):
                check_cancelled()  # timed out while queued: do not start
                return func(*args)
        finally:
            with self._lock:
                self.running -= 1

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """``func(*args)`` in a model thread; :class:`ModelTimeout` after ``timeout_s``."""
        event = threading.Event()
        with self._lock:
            self._events.add(event)
        future = self._pool.submit(self._job, event, func, args)
        future.add_done_callback(lambda _: self._forget(event))
        try:
            with anyio.fail_after(self.timeout_s):
                return await asyncio.wrap_future(future)
        except TimeoutError as err:
            event.set()
            future.cancel()
            raise ModelTimeout from err
        except BaseException:  # the request itself was cancelled (client gone)
            event.set()
            future.cancel()
            raise

    def live_threads(self) -> int:
        """How many threads this runner has started and that are still alive."""
        prefix = self.thread_prefix + "_"
        return sum(t.name.startswith(prefix) for t in threading.enumerate())

    def _forget(self, event: threading.Event) -> None:
        with self._lock:
            self._events.discard(event)

    def cancel_all(self) -> None:
        """Cancel every queued and running computation (at server shutdown)."""
        with self._lock:
            events = list(self._events)
        for event in events:
            event.set()

    def wait_idle(self, timeout_s: float) -> bool:
        """Block until no model work runs (True) or ``timeout_s`` passes (False)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.running == 0:
                return True
            time.sleep(0.01)
        return self.running == 0
