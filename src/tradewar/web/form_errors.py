"""A dashboard form names the input at fault in words: by the label its reader sees.

A service error carries the service parameter at fault (``err.field``, e.g. ``players``);
the CLI calls it by its option (``--players``), the API by its parameter (``players``),
and a page by its form label ("Players"), which each page lists in its ``labels``.
"""

from __future__ import annotations

from collections.abc import Mapping

from tradewar.errors import TradewarError
from tradewar.web.jobs import Job
from tradewar.web.pagekit import problem_text


def field_words(field: str, labels: Mapping[str, str]) -> str:
    """The form's words for ``field``: its label, else the name in words (``as_of`` is
    "As of"); a part of a field (``tariffs.0.rate``) goes by its first name.

    >>> field_words("players", {"players": "Players"})
    'Players'
    >>> field_words("inventory_days", {})
    'Inventory days'
    """
    head = field.split(".", 1)[0]
    return labels.get(field) or labels.get(head) or head.replace("_", " ").capitalize()


def form_error(err: Exception, labels: Mapping[str, str]) -> tuple[str, int]:
    """(message naming the field by its form label, HTTP status) of a page's error: the
    page kit's :func:`~tradewar.web.pagekit.problem_text`, with every field in words."""
    field = err.field if isinstance(err, TradewarError) else None
    return problem_text(err, {field: field_words(field, labels)} if field else None)


def job_error(job: Job, labels: Mapping[str, str]) -> str:
    """Why a background run failed, naming the field at fault by its form label."""
    if job.error_field and job.error_reason is not None:
        return f"{field_words(job.error_field, labels)}: {job.error_reason}"
    return job.error or "the run failed."
