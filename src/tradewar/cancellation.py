"""Cooperative cancellation of long computations running in a worker thread.

A caller (the web server's model runner) runs work inside :func:`cancellable` with a
:class:`threading.Event`; long loops (the Newton solver's iterations) call
:func:`check_cancelled`, which raises :class:`WorkCancelled` once the event is set. Python
cannot stop a thread from outside, so this is how a time limit really ends the work
instead of abandoning a thread that keeps computing. Outside :func:`cancellable` (the CLI,
tests) :func:`check_cancelled` does nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from tradewar.errors import TradewarError


class WorkCancelled(TradewarError, RuntimeError):
    """The computation was cancelled (its time limit passed); its result is not wanted."""


_local = threading.local()


@contextmanager
def cancellable(event: threading.Event) -> Iterator[None]:
    """Make :func:`check_cancelled` in this thread raise once ``event`` is set."""
    previous = getattr(_local, "event", None)
    _local.event = event
    try:
        yield
    finally:
        _local.event = previous


def check_cancelled() -> None:
    """Raise :class:`WorkCancelled` if this thread's work has been cancelled."""
    event: threading.Event | None = getattr(_local, "event", None)
    if event is not None and event.is_set():
        raise WorkCancelled("The computation was cancelled: its time limit passed.")
