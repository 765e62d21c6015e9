"""Long model runs of the dashboard (talks, wars, sweeps): background processes you can cancel.

A run is keyed by what it computes (its page and parameters), so opening the same permalink
twice joins the run already going, and a finished one is answered from memory. Each run is
its own process (``spawn``): cancelling terminates it, which a thread could not do, and a
crash cannot take the server down. The child reports progress (``done`` of ``total``
steps) through shared memory and writes its JSON result to a file the parent reads once.

The target is a module-level function ``target(settings, progress, **params) -> dict``;
``progress(done, total)`` may be called any number of times.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import tempfile
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from tradewar.config import Settings
from tradewar.errors import TradewarError

#: Finished results kept in memory (oldest dropped first).
KEEP_RESULTS = 32
#: Runs going on at once; more are refused with a message (the machine has few cores).
MAX_RUNNING = 2

Target = Callable[..., dict[str, Any]]


class Busy(TradewarError):
    """Too many runs are going on; try again shortly."""


def job_key(kind: str, params: Mapping[str, Any]) -> str:
    """A short stable id of a run: its kind and parameters."""
    text = json.dumps([kind, params], sort_keys=True, default=str)
    return f"{kind}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _child(
    target: Target,
    settings: Settings,
    params: dict[str, Any],
    done: Synchronized,  # type: ignore[type-arg]
    total: Synchronized,  # type: ignore[type-arg]
    out: str,
) -> None:
    """Run ``target`` in the child process; write ``{"result": ...}`` or ``{"error": ...}``."""

    def progress(steps_done: int, steps_total: int) -> None:
        total.value = steps_total
        done.value = steps_done

    try:
        payload: dict[str, Any] = {"result": target(settings, progress, **params)}
    except TradewarError as err:
        payload = {"error": str(err), "error_type": type(err).__name__,
                   "field": err.field, "reason": err.reason}  # fmt: skip
    except Exception as err:
        payload = {"error": f"the run failed: {type(err).__name__}: {err}", "error_type": "crash"}
    path = Path(out)
    temporary = path.with_suffix(".part")
    temporary.write_text(json.dumps(payload, default=str), encoding="utf-8")
    temporary.replace(path)


@dataclass
class Job:
    """One run: its process while it goes, then its result or error."""

    id: str
    kind: str
    params: dict[str, Any]
    started: float = field(default_factory=time.monotonic)
    status: str = "running"  # running, done, failed, cancelled
    result: dict[str, Any] | None = None
    error: str | None = None
    #: The service parameter at fault and the message without it, for a page to name it.
    error_field: str | None = None
    error_reason: str | None = None
    #: The error's class name (``InvalidInput``, ``DataUnavailable``; ``crash`` otherwise),
    #: so that the API can answer its problem status.
    error_type: str | None = None
    seconds: float | None = None
    process: Any = None
    done: Any = None
    total: Any = None
    out: Path | None = None

    @property
    def elapsed_s(self) -> float:
        """Seconds since the run started (its duration once finished)."""
        return self.seconds if self.seconds is not None else time.monotonic() - self.started

    @property
    def progress(self) -> tuple[int, int]:
        """(steps done, steps in all); (0, 0) when the run does not report steps."""
        if self.done is None:
            return (0, 0)
        return int(self.done.value), int(self.total.value)


class JobBoard:
    """The runs of one app: start, look up, cancel."""

    def __init__(self, settings: Settings, max_running: int = MAX_RUNNING) -> None:
        self.settings = settings
        self.max_running = max_running
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._folder = Path(tempfile.mkdtemp(prefix="tradewar-jobs-"))
        weakref.finalize(self, shutil.rmtree, self._folder, True)  # results are read once
        self._context = multiprocessing.get_context("spawn")

    def start(self, kind: str, target: Target, params: dict[str, Any]) -> Job:
        """The run of ``kind`` with ``params``: the one going or done, else a new one.

        Raises
        ------
        Busy
            If ``max_running`` runs are going on already.
        """
        key = job_key(kind, params)
        with self._lock:
            known = self._jobs.get(key)
            if known is not None:
                self._poll(known)
                if known.status in ("running", "done"):
                    return known
                del self._jobs[key]  # failed or cancelled: run it again
            running = [j for j in self._jobs.values() if self._poll(j) == "running"]
            if len(running) >= self.max_running:
                raise Busy(
                    f"{len(running)} model runs are going on already (at most "
                    f"{self.max_running}); wait for one to finish and reload this page."
                )
            job = Job(id=key, kind=kind, params=params)
            job.done = self._context.Value("i", 0)
            job.total = self._context.Value("i", 0)
            job.out = self._folder / f"{key}.json"
            job.process = self._context.Process(
                target=_child,
                args=(target, self.settings, params, job.done, job.total, str(job.out)),
                daemon=True,
                name=f"tradewar-{key}",
            )
            job.process.start()
            self._jobs[key] = job
            self._forget_old()
            return job

    def get(self, job_id: str) -> Job | None:
        """The run ``job_id`` with its status brought up to date, or None."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                self._poll(job)
            return job

    def cancel(self, job_id: str) -> Job | None:
        """Stop the run ``job_id`` if it is going; None if there is no such run."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            if self._poll(job) == "running":
                job.process.terminate()
                job.process.join(timeout=5)
                job.status = "cancelled"
                job.seconds = time.monotonic() - job.started
            return job

    def shutdown(self) -> None:
        """Stop every run still going (the server is stopping)."""
        with self._lock:
            for job in self._jobs.values():
                if job.status == "running" and job.process is not None:
                    job.process.terminate()
                    job.status = "cancelled"

    def _poll(self, job: Job) -> str:
        if job.status != "running":
            return job.status
        if job.out is not None and job.out.exists():
            payload = json.loads(job.out.read_text(encoding="utf-8"))
            job.out.unlink()
            job.seconds = time.monotonic() - job.started
            if "error" in payload:
                job.status, job.error = "failed", str(payload["error"])
                job.error_field, job.error_reason = payload.get("field"), payload.get("reason")
                job.error_type = payload.get("error_type")
            else:
                job.status, job.result = "done", payload["result"]
            job.process.join(timeout=5)
        elif not job.process.is_alive():
            job.status = "failed"
            job.error = f"the run stopped without a result (exit code {job.process.exitcode})."
            job.seconds = time.monotonic() - job.started
        return job.status

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.status != "running"]
        for key in finished[: max(0, len(self._jobs) - KEEP_RESULTS)]:
            del self._jobs[key]


def board_of(app_state: Any, settings: Settings) -> JobBoard:
    """The app's job board, created on first use."""
    board: JobBoard | None = getattr(app_state, "jobs", None)
    if board is None:
        board = JobBoard(settings)
        app_state.jobs = board
    return board
