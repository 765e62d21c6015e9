"""Lists as CSV downloads, and scenario results as exports with a manifest.

Every list endpoint also answers as CSV, following the CLI's ``--csv`` conventions (UTF-8,
ISO dates, lists joined with ``;``). Scenario results are exports written by
:mod:`tradewar.exports` (CSV, XLSX with a README sheet, Parquet), each with its manifest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi.responses import Response

from tradewar.tabular import to_csv

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARQUET_MEDIA_TYPE = "application/vnd.apache.parquet"

#: Media type of each export format (:data:`tradewar.exports.EXPORT_SUFFIXES`).
EXPORT_MEDIA_TYPES = {
    "csv": CSV_MEDIA_TYPE,
    "xlsx": XLSX_MEDIA_TYPE,
    "parquet": PARQUET_MEDIA_TYPE,
    "json": "application/json",
}


def safe_filename(name: str) -> str:
    """``name`` reduced to ``[A-Za-z0-9._-]`` (a header value echoes no user input raw).

    >>> safe_filename('state-2025-05-20\\r\\nSet-Cookie: x"')
    'state-2025-05-20_Set-Cookie_x_'
    """
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:120] or "download"


def csv_response(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], filename: str
) -> Response:
    """A CSV download."""
    return Response(
        to_csv(rows, columns),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{safe_filename(filename)}.csv"'},
    )


def export_response(data: bytes, record: dict[str, Any], manifest_url: str) -> Response:
    """A table written by :func:`tradewar.exports.export_bytes`, as a download.

    The ``Link`` header points at the table's manifest (``rel="describedby"``); XLSX and
    Parquet also carry it inside (the README sheet, the schema metadata).
    """
    table = record["table"]
    return Response(
        data,
        media_type=EXPORT_MEDIA_TYPES[table["format"]],
        headers={
            "Content-Disposition": f'attachment; filename="{safe_filename(table["file"])}"',
            "Link": f'<{manifest_url}>; rel="describedby"; type="application/json"',
        },
    )
