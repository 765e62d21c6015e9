"""One writer of tables for every interface: the CLI's ``--csv``/``--json``/``--out`` and the
API's ``format=`` produce the same bytes for the same query, in CSV, JSON, XLSX or Parquet.

A :class:`Table` is rows under named columns with its :class:`Provenance` (the query, the
ledger's verified-through and record dates, the tradewar version, the datasets shown);
:func:`table_bytes` writes it, carrying the provenance inside XLSX (a ``README`` sheet) and
Parquet (schema metadata). Scenario exports (:mod:`tradewar.exports`) write through it too.

Conventions: UTF-8, a header row, ISO 8601 dates, empty cells for missing values, lists joined
with ``;``, mappings written ``key=value`` joined with ``;``, enums by value.

>>> row = {"on": date(2025, 5, 14), "ids": ("a", "b"), "pct": 30.0}
>>> to_csv([row], ["on", "ids", "pct"]).splitlines()
['on,ids,pct', '2025-05-14,a;b,30.0']
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradewar import __version__
from tradewar.errors import InvalidInput

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]


def cell(value: Any) -> Any:
    """A value as a CSV cell (empty for None and NaN, ``;``-joined lists, ISO dates)."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(cell(item)) for item in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={cell(v)}" for k, v in value.items())
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV text with a header of ``columns`` (keys outside ``columns`` are left out)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: cell(row.get(key)) for key in columns})
    return buffer.getvalue()


def json_default(value: Any) -> Any:
    """``json.dumps`` fallback: ISO dates, paths as text, enums by value, models dumped."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot serialise {type(value).__name__} to JSON")


# ---------------------------------------------------------------------- every format

#: The formats a table is written in, each with its media type (the API's ``format=``,
#: the CLI's ``--out`` suffix).
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
TABLE_FORMATS: tuple[str, ...] = tuple(MEDIA_TYPES)

#: Parquet schema-metadata key holding the provenance record.
PARQUET_PROVENANCE_KEY = b"tradewar_manifest"

#: The time written into an XLSX file's properties and zip entries, so that the same table
#: gives the same bytes whenever and wherever it is written (the manifest says when).
XLSX_FIXED_TIME = datetime(2000, 1, 1)


@dataclass(frozen=True)
class Provenance:
    """What a table says about itself: its ``title``; the ``query`` by the service's
    parameter names (``importer``, ``start`` ...); the ledger's last verified fact
    (``verified_through``: rows after it are not verified) and the day its bundled record was
    last checked (``record_as_of``); the datasets whose numbers it shows (``sources``: name,
    licence, citation ...) and any ``notes`` a reader needs. The tradewar version is added
    when it is written.
    """

    title: str
    query: Mapping[str, Any] = field(default_factory=dict)
    verified_through: date | None = None
    record_as_of: date | None = None
    sources: Sequence[Mapping[str, Any]] = ()
    notes: Sequence[str] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record (no creation time: the same query gives the same record)."""
        return {
            "title": self.title,
            "tradewar_version": __version__,
            "query": {key: cell(value) for key, value in self.query.items()},
            "verified_through": cell(self.verified_through) or None,
            "record_as_of": cell(self.record_as_of) or None,
            "sources": [dict(source) for source in self.sources],
            "notes": list(self.notes),
        }

    def readme_rows(self) -> list[tuple[str, str]]:
        """The record as ``(field, value)`` rows of an XLSX README sheet."""
        record = self.to_dict()
        rows = [
            ("title", record["title"]),
            ("tradewar version", record["tradewar_version"]),
            ("verified through", record["verified_through"] or "not stated"),
            ("record as of", record["record_as_of"] or "not stated"),
        ]
        rows += [(f"query: {key}", str(value)) for key, value in record["query"].items()]
        for source in record["sources"]:
            rows += [(f"source: {key}", str(value)) for key, value in source.items()]
        rows += [("note", note) for note in record["notes"]]
        return rows


@dataclass(frozen=True)
class Table:
    """Rows under named columns, and where they come from: what every interface writes."""

    columns: Sequence[str]
    rows: Sequence[Mapping[str, Any]]
    provenance: Provenance | None = None

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, provenance: Provenance | None = None) -> Table:
        """A pandas frame as a table (its index is left out)."""
        return cls([str(c) for c in frame.columns], frame.to_dict(orient="records"), provenance)


def format_of(path: str | Path, field_name: str = "out") -> str:
    """The table format a file's suffix names; an error names ``field_name`` otherwise
    (the CLI calls it by its option, ``--out``).

    >>> format_of("state.XLSX")
    'xlsx'
    >>> format_of("state.pdf")
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: out: cannot write 'state.pdf': suffix '.pdf' ...
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in TABLE_FORMATS:
        raise InvalidInput(
            f"cannot write {str(path)!r}: suffix {'.' + suffix if suffix else '(none)'!r} is "
            f"not a table format; expected one of {', '.join('.' + f for f in TABLE_FORMATS)}.",
            field=field_name,
        )
    return suffix


def table_bytes(
    table: Table,
    fmt: str,
    *,
    metadata: Mapping[str, Any] | None = None,
    readme: Sequence[tuple[str, str]] | None = None,
) -> bytes:
    """``table`` in format ``fmt`` (one of :data:`TABLE_FORMATS`).

    The provenance travels inside where the format allows: as Parquet schema metadata (key
    :data:`PARQUET_PROVENANCE_KEY`, JSON) and as a ``README`` sheet of the XLSX workbook.
    ``metadata`` and ``readme`` replace the table's own provenance (exports write their
    manifest so). CSV and JSON carry the rows alone. The bytes depend on the table only.
    """
    if fmt not in TABLE_FORMATS:
        raise InvalidInput(
            f"format {fmt!r} is not supported; expected one of {', '.join(TABLE_FORMATS)}.",
            field="format",
        )
    if metadata is None and table.provenance is not None:
        metadata = table.provenance.to_dict()
    if readme is None and table.provenance is not None:
        readme = table.provenance.readme_rows()
    if fmt == "csv":
        return to_csv(table.rows, table.columns).encode("utf-8")
    if fmt == "json":
        rows = [{key: _json_cell(row.get(key)) for key in table.columns} for row in table.rows]
        text = json.dumps(rows, indent=1, ensure_ascii=False, default=json_default)
        return text.encode("utf-8")
    if fmt == "parquet":
        return _parquet_bytes(table, metadata)
    return _xlsx_bytes(table, readme or ())


def write_file(data: bytes, path: str | Path) -> Path:
    """Write ``data`` to ``path`` whole or not at all: a temporary file beside it (created
    with the user's umask, as ``open`` would) renamed into place."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("xb") as stream:
            stream.write(data)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def typed_cell(value: Any) -> Any:
    """A value as a typed cell of XLSX or Parquet: numbers, text, dates and booleans stay as
    they are, NaN and None are empty, lists and mappings are written as in CSV."""
    if hasattr(value, "item") and not isinstance(value, list | tuple | dict):
        value = value.item()  # numpy scalars
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        return value.date() if value == datetime.combine(value.date(), time()) else value
    if isinstance(value, bool | int | float | str | date):
        return value
    if isinstance(value, list | tuple | dict | Enum):
        return cell(value)
    return str(value)


def _json_cell(value: Any) -> Any:
    """A value for JSON: numpy scalars as Python ones, NaN as null."""
    if hasattr(value, "item") and not isinstance(value, list | tuple | dict):
        value = value.item()
    return None if isinstance(value, float) and value != value else value


def _parquet_bytes(table: Table, metadata: Mapping[str, Any] | None) -> bytes:
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    columns = {name: [typed_cell(row.get(name)) for row in table.rows] for name in table.columns}
    arrow = pa.Table.from_pydict({name: _arrow_array(values) for name, values in columns.items()})
    if metadata is not None:
        encoded = json.dumps(metadata, ensure_ascii=False, default=json_default).encode()
        arrow = arrow.replace_schema_metadata({PARQUET_PROVENANCE_KEY: encoded})
    sink = io.BytesIO()
    pq.write_table(arrow, sink)
    return sink.getvalue()


def _arrow_array(values: list[Any]) -> Any:
    """A column as an Arrow array; a column mixing kinds (numbers and text) is text."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    try:
        return pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array([None if v is None else str(v) for v in values], type=pa.string())


def read_parquet_provenance(path: str | Path | io.BytesIO) -> dict[str, Any]:
    """The provenance record embedded in a Parquet file written by :func:`table_bytes`."""
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    metadata = pq.read_schema(path).metadata or {}
    if PARQUET_PROVENANCE_KEY not in metadata:
        raise InvalidInput(f"{path} carries no tradewar manifest; was it written by tradewar?")
    found: dict[str, Any] = json.loads(metadata[PARQUET_PROVENANCE_KEY])
    return found


def _xlsx_bytes(table: Table, readme: Sequence[tuple[str, str]]) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.styles import Font  # type: ignore[import-untyped,unused-ignore]
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped,unused-ignore]

    book = Workbook()
    data = book.active
    data.title = "data"
    data.append(list(table.columns))
    for row in table.rows:
        data.append([typed_cell(row.get(name)) for name in table.columns])
    data.freeze_panes = "A2"
    sheet = book.create_sheet("README")
    sheet.append(["field", "value"])
    for key, value in readme:
        sheet.append([key, value])
    for row in sheet.iter_rows():
        if row[0].row == 1 or str(row[0].value or "").isupper():
            row[0].font = Font(bold=True)
    for cell_ in data[1]:
        cell_.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    book.properties.created = book.properties.modified = XLSX_FIXED_TIME
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # save_workbook would stamp the time of day
    return _fixed_zip_times(sink.getvalue())


def _fixed_zip_times(archive_bytes: bytes) -> bytes:
    """The same zip archive with every entry dated :data:`XLSX_FIXED_TIME`."""
    stamp = XLSX_FIXED_TIME.timetuple()[:6]
    sink = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive_bytes)) as source,
        zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=stamp),
                            source.read(entry), compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return sink.getvalue()
