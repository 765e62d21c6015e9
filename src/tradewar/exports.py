"""Write a tidy table to CSV, XLSX, Parquet or JSON, always with a manifest.

:func:`write_table` picks the format from the file's suffix and writes
``<stem>.MANIFEST.json`` beside the file (the convention of ``tradewar sweep``).  The
manifest is also embedded where the format allows: in the Parquet schema metadata (key
``tradewar_manifest``) and, readable by people, in the XLSX ``README`` sheet (sources,
units, vintage, assumptions, parameters, inputs, citation).  CSV is UTF-8 with ISO dates;
JSON is a list of records.

The manifest records: what the table is, its inputs (with the SHA-256 of each input file
that exists), parameters, units, sources, assumptions, the data as-of date, the tradewar
version, the creation time (UTC), a citation line, and the SHA-256 of the written table.

Examples
--------
>>> import pandas as pd
>>> write_table(pd.DataFrame({"a": [1]}), "out.pdf", Manifest(title="t"))
Traceback (most recent call last):
...
tradewar.errors.InvalidInput: Cannot export to 'out.pdf': suffix '.pdf' is not supported; ...
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradewar import __version__
from tradewar.codes.files import checked_suffix
from tradewar.errors import InvalidInput
from tradewar.tabular import PARQUET_PROVENANCE_KEY, Table, read_parquet_provenance, table_bytes

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

#: Suffixes :func:`write_table` accepts.
EXPORT_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".parquet", ".json")

#: Parquet schema-metadata key holding the manifest.
PARQUET_MANIFEST_KEY = PARQUET_PROVENANCE_KEY

#: Format version of the manifest.
MANIFEST_FORMAT = 1

#: How to cite the data and code.
CITATION = (
    "tradewar developers ({year}). tradewar {version}: trade wars, measured "
    "(ledger of trade measures and general-equilibrium scenarios)."
)


def sha256_of(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


#: Environment variable that fixes the creation time of exports (seconds since the epoch,
#: UTC), the reproducible-builds convention: with it set, the same run gives the same bytes.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


def creation_time() -> datetime:
    """Now (UTC), or the instant ``SOURCE_DATE_EPOCH`` names when it is set.

    Exports record when they were made, so two runs of the same scenario differ only in that
    line; a reader who needs identical files (a paper's replication package, a diff in CI)
    sets ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/).
    """
    import os

    raw = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not raw:
        return datetime.now(UTC)
    if not raw.isdigit():
        raise InvalidInput(
            f"{SOURCE_DATE_EPOCH}: {raw!r} is not a count of seconds; expected a non-negative "
            "integer such as 1764547200 (2025-12-01T00:00:00Z), or unset it",
            field=SOURCE_DATE_EPOCH,
        )
    return datetime.fromtimestamp(int(raw), UTC)


@dataclass(frozen=True)
class Manifest:
    """What an export needs to say about itself.

    Attributes
    ----------
    title : str
        One line: what the table is.
    inputs : dict of str to str
        Named inputs: a file path (hashed if it exists) or any identifier (scenario name).
    parameters : dict
        Parameters of the run (JSON-ready values).
    units : dict of str to str
        Unit of each column or variable (``{"value": "percent change"}``).
    sources : list of dict
        Sources cited (``url``, ``publisher``, ``quote`` ...).
    assumptions : list of str
        Assumptions behind the numbers.
    data_as_of : date, optional
        The vintage: the date the data describe or were last revised.
    vintage : str
        Free text on data vintages (e.g. "trade flows 2023; HS 2022").
    notes : list of str
        Anything else a reader needs.
    """

    title: str
    inputs: Mapping[str, str] = field(default_factory=dict)
    parameters: Mapping[str, Any] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    sources: Sequence[Mapping[str, Any]] = ()
    assumptions: Sequence[str] = ()
    data_as_of: date | None = None
    vintage: str = ""
    notes: Sequence[str] = ()

    def to_dict(self, created_at: datetime | None = None) -> dict[str, Any]:
        """The JSON-ready manifest; input files that exist get their SHA-256."""
        now = created_at or creation_time()
        inputs = []
        for name, value in self.inputs.items():
            entry: dict[str, Any] = {"name": name, "value": str(value)}
            candidate = Path(str(value))
            if candidate.is_file():
                entry["sha256"] = sha256_of(candidate)
                entry["bytes"] = candidate.stat().st_size
            inputs.append(entry)
        return {
            "format": MANIFEST_FORMAT,
            "title": self.title,
            "tradewar_version": __version__,
            "created_at": now.isoformat(timespec="seconds"),
            "data_as_of": self.data_as_of.isoformat() if self.data_as_of else None,
            "vintage": self.vintage,
            "inputs": inputs,
            "parameters": dict(self.parameters),
            "units": dict(self.units),
            "sources": [dict(s) for s in self.sources],
            "assumptions": list(self.assumptions),
            "notes": list(self.notes),
            "citation": CITATION.format(year=now.year, version=__version__),
        }


def scenario_manifest(
    runs: Sequence[Any],
    *,
    title: str,
    frame: pd.DataFrame | None = None,
    data_files: Sequence[str | Path] = (),
    parameters: Mapping[str, Any] | None = None,
    ledger_as_of: date | None = None,
) -> Manifest:
    """A :class:`Manifest` for scenario results, from the runs that produced them.

    Parameters
    ----------
    runs : sequence of ScenarioRun
        Anything with ``.scenario.name``, ``.scenario.on`` (date or None), ``.assumptions``
        (list of str) and ``.sources`` (dicts with ``url``, ``publisher``, ...).
    title : str
        What the table is.
    frame : pandas.DataFrame, optional
        The tidy table; its ``variable``/``unit`` columns give the units.
    data_files : sequence of path
        Data files the runs read (hashed in the manifest), e.g. ``data_dir/ge/*.csv``.
    parameters : dict, optional
        Anything else to record (countries asked for, variables ...).
    ledger_as_of : date, optional
        The day the ledger's record was last checked (its ``bundled_as_of``).

    Returns
    -------
    Manifest
        Sources de-duplicated; assumptions prefixed by the scenario when there are several;
        each scenario's ledger date in ``parameters["scenario_dates"]``; ``data_as_of`` the
        ledger's record date when given, else the latest scenario date.
    """
    inputs: dict[str, str] = {f"scenario {run.scenario.name}": run.scenario.name for run in runs}
    inputs |= {f"data {Path(p).name}": str(p) for p in data_files}
    sources: list[dict[str, Any]] = []
    for run in runs:
        for source in run.sources:
            entry = dict(source)
            if entry not in sources:
                sources.append(entry)
    assumptions: list[str] = []
    for run in runs:
        prefix = f"{run.scenario.name}: " if len(runs) > 1 else ""
        assumptions += [f"{prefix}{line}" for line in run.assumptions]
    on = {run.scenario.name: getattr(run.scenario, "on", None) for run in runs}
    dates = [day for day in on.values() if day is not None]
    units: dict[str, str] = {}
    if frame is not None and {"variable", "unit"} <= set(frame.columns):
        units = {str(v): str(u) for v, u in zip(frame["variable"], frame["unit"], strict=True)}
    return Manifest(
        title=title,
        inputs=inputs,
        parameters=dict(parameters or {})
        | {
            "scenarios": [run.scenario.name for run in runs],
            "scenario_dates": {name: day.isoformat() if day else None for name, day in on.items()},
        },
        units=units,
        sources=sources,
        assumptions=assumptions,
        data_as_of=ledger_as_of or (max(dates) if dates else None),
        vintage=(
            (f"ledger record checked {ledger_as_of.isoformat()}; " if ledger_as_of else "")
            + "measures in force on each scenario's date (scenario_dates); model data: "
            "2023 trade flows and GDP, as in the data inputs"
        ),
    )


@dataclass(frozen=True)
class ScenarioExport:
    """A tidy scenario table and the manifest to export it with (:func:`write_table`)."""

    table: pd.DataFrame
    manifest: Manifest


def _service_manifest(
    service: Any, runs: Sequence[Any], table: pd.DataFrame, title: str, countries: Any
) -> Manifest:
    from tradewar.datasets import dataset_status

    recorded = service.ledger.store.meta().get("bundled_as_of")
    model_files = [s.path for s in dataset_status(service.settings.data_dir) if s.dataset == "ge"]
    return scenario_manifest(
        runs,
        title=title,
        frame=table,
        data_files=[path for path in model_files if path.is_file()],
        parameters={"countries": countries},
        ledger_as_of=date.fromisoformat(recorded) if recorded else None,
    )


def comparison_export(
    service: Any, names: Sequence[Any], countries: Sequence[str] = ()
) -> ScenarioExport:
    """Scenarios compared for the pinned groups plus ``countries``, with their manifest.

    Parameters
    ----------
    service : ScenarioService
        Anything with ``compare(names, countries)``, ``run(name)``, ``settings.data_dir``
        and ``ledger.store.meta()``.
    names : sequence of Scenario or str
        Scenarios (or bundled ones' names), in display order.
    countries : sequence of str
        Rows beside USA, CHN, EU, RoW and world.
    """
    table = service.compare(list(names), list(countries))
    runs = [service.run(name) for name in names]  # their assumptions and sources
    shown = ", ".join(run.scenario.name for run in runs)
    title = f"Scenario comparison: {shown} (USA, CHN, EU, RoW, world, then countries)"
    return ScenarioExport(table, _service_manifest(service, runs, table, title, list(countries)))


def run_export(service: Any, scenario: Any) -> ScenarioExport:
    """One scenario, every group and country (``ScenarioRun.tidy()``), with its manifest."""
    run = service.run(scenario)
    table = run.tidy()
    title = f"Scenario {run.scenario.name}: every group and country"
    return ScenarioExport(table, _service_manifest(service, [run], table, title, "all"))


def manifest_path_for(path: str | Path) -> Path:
    """Where the manifest of ``table.xlsx`` goes: ``table.MANIFEST.json`` beside it."""
    target = Path(path)
    return target.with_name(f"{target.stem}.MANIFEST.json")


def check_suffix(path: str | Path) -> str:
    """Return the lower-case suffix if :func:`write_table` can write it, else raise."""
    return checked_suffix(path, EXPORT_SUFFIXES, "Cannot export to")


def export_bytes(
    frame: pd.DataFrame, file_name: str, manifest: Manifest
) -> tuple[bytes, dict[str, Any]]:
    """The bytes of ``frame`` in the format ``file_name``'s suffix names, and its manifest.

    What :func:`write_table` writes, without touching the file system (the web API sends
    these bytes as a download).

    Parameters
    ----------
    frame : pandas.DataFrame
        A tidy table.
    file_name : str
        The name the table will have (``compare.xlsx``); its suffix picks the format and
        the manifest records it.
    manifest : Manifest
        Provenance to record.

    Returns
    -------
    (bytes, dict)
        The table, and the JSON-ready manifest with ``table`` (file, format, rows,
        columns and the SHA-256 of the bytes).

    Raises
    ------
    InvalidInput
        If the suffix is not one of :data:`EXPORT_SUFFIXES`.
    """
    suffix = check_suffix(file_name)
    record = manifest.to_dict()
    record["table"] = {
        "file": Path(file_name).name,
        "format": suffix.lstrip("."),
        "rows": len(frame),
        "columns": [str(c) for c in frame.columns],
    }
    table = Table.from_frame(frame)
    data = table_bytes(table, suffix.lstrip("."), metadata=record, readme=_readme_rows(record))
    record["table"]["sha256"] = hashlib.sha256(data).hexdigest()
    return data, record


def write_table(frame: pd.DataFrame, path: str | Path, manifest: Manifest) -> Path:
    """Write ``frame`` to ``path`` (format from the suffix) and its manifest beside it.

    Parameters
    ----------
    frame : pandas.DataFrame
        A tidy table (e.g. ``scenario, iso3, is_group, variable, value, unit``).
    path : path
        ``.csv`` (UTF-8), ``.xlsx`` (sheets ``data`` and ``README``), ``.parquet``
        (manifest also in the schema metadata) or ``.json`` (records).
    manifest : Manifest
        Provenance to record.

    Returns
    -------
    Path
        The manifest's path (``<stem>.MANIFEST.json``); it records the table's SHA-256.

    Raises
    ------
    InvalidInput
        If the suffix is not one of :data:`EXPORT_SUFFIXES`.
    """
    target = Path(path)
    data, record = export_bytes(frame, target.name, manifest)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    sidecar = manifest_path_for(target)
    sidecar.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sidecar


def read_parquet_manifest(path: str | Path) -> dict[str, Any]:
    """The manifest embedded in a Parquet file written by :func:`write_table`."""
    return read_parquet_provenance(path)


def _readme_rows(record: dict[str, Any]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [
        ("title", record["title"]),
        ("citation", record["citation"]),
        ("tradewar version", record["tradewar_version"]),
        ("created at (UTC)", record["created_at"]),
        ("data as of", record["data_as_of"] or "not stated"),
        ("vintage", record["vintage"] or "not stated"),
        ("", ""),
    ]
    rows.append(("UNITS", ""))
    rows += [(f"unit: {k}", v) for k, v in record["units"].items()] or [("unit", "not stated")]
    rows.append(("", ""))
    rows.append(("SOURCES", ""))
    for source in record["sources"] or [{"source": "not stated"}]:
        label = str(source.get("publisher") or source.get("measure") or "source")
        text = "; ".join(f"{k}: {v}" for k, v in source.items() if k != "publisher")
        rows.append((f"source: {label}", text))
    rows.append(("", ""))
    rows.append(("ASSUMPTIONS", ""))
    rows += [("assumption", a) for a in record["assumptions"]] or [("assumption", "none stated")]
    rows.append(("", ""))
    rows.append(("PARAMETERS", ""))
    rows += [(f"parameter: {k}", json.dumps(v, default=str)) for k, v in
             record["parameters"].items()]  # fmt: skip
    rows.append(("", ""))
    rows.append(("INPUTS", ""))
    for entry in record["inputs"]:
        sha = f" (sha256 {entry['sha256']})" if "sha256" in entry else ""
        rows.append((f"input: {entry['name']}", f"{entry['value']}{sha}"))
    rows += [("note", n) for n in record["notes"]]
    rows.append(("", ""))
    rows.append(("MANIFEST", "the same record as JSON sits beside this file: "
                 f"{manifest_path_for(record['table']['file']).name}"))  # fmt: skip
    return rows
