"""Lists as CSV downloads, ledger tables in every format, and scenario results as exports.

Every list endpoint also answers as CSV, following the CLI's ``--csv`` conventions (UTF-8,
ISO dates, lists joined with ``;``), and so does every result that is a table (supply answers,
finished strategy jobs, extracted events): the rows alone, linked to the JSON that carries
their citation and licence (:func:`described_csv_response`). Scenario results are exports written by
:mod:`tradewar.exports` (CSV, XLSX with a README sheet, Parquet), each with its manifest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import Response
from starlette.datastructures import URL

from tradewar.tabular import MEDIA_TYPES, Table, table_bytes, to_csv

CSV_MEDIA_TYPE = MEDIA_TYPES["csv"]
XLSX_MEDIA_TYPE = MEDIA_TYPES["xlsx"]
PARQUET_MEDIA_TYPE = MEDIA_TYPES["parquet"]

#: Media type of each export format (:data:`tradewar.exports.EXPORT_SUFFIXES`).
EXPORT_MEDIA_TYPES = MEDIA_TYPES

#: ``format=`` of the ledger tables: JSON (the default, the API's own shape) or a table file.
TableFormat = Literal["json", "csv", "xlsx", "parquet"]
TableFormatParam = Annotated[
    TableFormat,
    Query(description="json (default), or a file: csv, xlsx (README sheet), parquet (metadata)"),
]

#: The documented answers of a ledger table endpoint beside JSON.
TABLE_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            MEDIA_TYPES[fmt].split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
            for fmt in ("csv", "xlsx", "parquet")
        }
    }
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


def described_csv_response(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], filename: str, described_by: str
) -> Response:
    """A CSV download whose ``Link`` header points at the JSON that describes it.

    As with the scenario exports (:func:`export_response`), the CSV carries the rows alone;
    the data's citation, licence, sources and notes stay in the JSON record at
    ``described_by`` (``rel="describedby"``), the same query answered as JSON.
    """
    response = csv_response(rows, columns, filename)
    response.headers["Link"] = f'<{described_by}>; rel="describedby"; type="application/json"'
    return response


def as_json_url(url: URL) -> str:
    """The path and query of ``url`` asking for JSON (``format=json``) instead."""
    linked = url.include_query_params(format="json")
    return f"{linked.path}?{linked.query}"


def table_response(table: Table, fmt: str, stem: str) -> Response:
    """``table`` as a download in ``fmt``: the bytes the CLI's ``--out STEM.FMT`` writes."""
    return Response(
        table_bytes(table, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{safe_filename(stem)}.{fmt}"'},
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
