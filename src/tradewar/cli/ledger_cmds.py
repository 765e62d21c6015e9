"""Ledger commands: ``measures``, ``state``, ``tariff``, ``diff``, ``timeline`` and ``brief``.

Each command parses its options (text to dates, ISO3 codes, HS digits, kinds; an error
names the parameter, which the CLI calls by its option), calls
:class:`~tradewar.services.ledger.LedgerService` with the typed values and prints a rich
table, JSON (``--json``) or CSV (``--csv``).
"""

from __future__ import annotations

import getpass
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table

from tradewar.cli.context import (
    CsvFlag,
    JsonFlag,
    OutputFormat,
    choose_format,
    console,
    console_err,
    print_csv,
    print_json,
    services,
)
from tradewar.cli.tables import OutOption, check_out, write_out
from tradewar.codes.countries import country_name, to_iso3
from tradewar.codes.dates import parse_date, parse_duration, parse_instant
from tradewar.codes.hs import normalize_hs
from tradewar.errors import InvalidMeasure, renamed_fields
from tradewar.ledger import engine
from tradewar.ledger.loader import load_measures
from tradewar.ledger.schema import Measure, official_text_dict, parse_kind
from tradewar.services.ledger import (
    CHANGE_COLUMNS,
    STATE_COLUMNS,
    TIMELINE_COLUMNS,
    Brief,
    LedgerService,
    MeasureFilter,
)
from tradewar.services.ledger_tables import (
    HISTORY_COLUMNS,
    MEASURE_COLUMNS,
    TARIFF_COLUMNS,
    ledger_table,
    measure_row,
    revision_row,
    tariff_rows,
    tariff_table,
)

AsKnownOn = Annotated[
    str | None,
    typer.Option(
        "--as-known-on",
        help="Answer as the ledger stood then (recorded time): YYYY-MM-DD or an ISO datetime.",
    ),
]

measures_app = typer.Typer(help="List, show, add and correct measures.", no_args_is_help=True)


def _service() -> LedgerService:
    return services().ledger


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _warn(lines: list[str] | tuple[str, ...]) -> None:
    """Warnings go to stderr, so JSON and CSV on stdout stay machine-readable."""
    for line in lines:
        console_err.print(f"[yellow]warning: {line}[/]")


def _known(as_known_on: str | None) -> datetime | None:
    """``--as-known-on`` as an instant (UTC), or None."""
    return None if as_known_on is None else parse_instant(as_known_on, "as_known_on")


def _on(on: str | None) -> date:
    """``--on`` as a date; today when not given."""
    return date.today() if on is None else parse_date(on, "on")


def _country(value: str, field: str) -> str:
    return to_iso3(value, field=field)


def _explain_empty(service: LedgerService, count: int, as_known_on: datetime | None) -> None:
    if count:
        return
    reason = service.empty_reason(as_known_on)
    if reason:
        console_err.print(f"[yellow]{reason}[/]")


# ---------------------------------------------------------------------- measures


@measures_app.command("list")
def measures_list(
    imposing: Annotated[
        str | None, typer.Option(help="Imposing country (name or ISO code).")
    ] = None,
    target: Annotated[
        str | None, typer.Option(help="Target country; matches 'all countries' too.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="tariff, export_control, suspension, ...")
    ] = None,
    between: Annotated[
        tuple[str, str] | None,
        typer.Option(help="Only measures in force (or announced) between two dates."),
    ] = None,
    as_known_on: AsKnownOn = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    out: OutOption = None,
) -> None:
    """List measures, each with its dates, legal basis and sources."""
    fmt = choose_format(as_json, as_csv)
    check_out(out, fmt)
    filters = MeasureFilter(
        imposing=None if imposing is None else _country(imposing, "imposing"),
        target=None if target is None else _country(target, "target"),
        kind=None if kind is None else parse_kind(kind, "kind"),
        between=None if between is None else _dates(between, "between"),
    )
    known = _known(as_known_on)
    service = _service()
    measures = service.list_measures(filters, known)
    _explain_empty(service, len(measures), known)
    if filters.between is not None:
        _warn(service.date_warnings(*filters.between))
    if out is not None:
        query = {**asdict(filters), "as_known_on": known}
        write_out(ledger_table(service, "measures", [measure_row(m) for m in measures], query), out)
    elif fmt is OutputFormat.json:
        print_json([measure_row(m) for m in measures])
    elif fmt is OutputFormat.csv:
        print_csv([measure_row(m) for m in measures], MEASURE_COLUMNS)
    else:
        table = Table(title=f"{len(measures)} measures", show_lines=False)
        for name in ("id", "kind", "by", "on", "effective", "ended", "title"):
            table.add_column(name, overflow="fold")
        for m in measures:
            table.add_row(
                m.id,
                m.kind.value,
                m.imposing,
                ",".join(m.targets),
                _day(m.effective_on) or f"({m.legal_status.value})",
                _day(m.ended_on),
                m.title,
            )
        console.print(table)


@measures_app.command("show")
def measures_show(
    measure_id: Annotated[str, typer.Argument(help="Measure id, e.g. us-ieepa-reciprocal-125.")],
    as_known_on: AsKnownOn = None,
    as_json: JsonFlag = False,
) -> None:
    """One measure with its scope, legal basis, sources and relations."""
    service = _service()
    measure = service.get(measure_id, _known(as_known_on))
    links = service.related(measure)
    if as_json:
        payload = measure_row(measure)
        payload["related"] = [{"direction": d, "relation": r, "measure": i} for d, r, i in links]
        print_json(payload)
        return
    console.print(_measure_panel(measure))
    if links:
        table = Table(title="Relations")
        for name in ("", "relation", "measure"):
            table.add_column(name)
        for direction, relation, other in links:
            table.add_row("→" if direction == "to" else "←", relation, other)
        console.print(table)
    _print_sources(measure)


def _dates(values: tuple[str, str], field: str) -> tuple[date, date]:
    """Two dates typed for one option (``--between 2025-04-01 2025-06-30``)."""
    return parse_date(values[0], field), parse_date(values[1], field)


def _measure_panel(m: Measure) -> Panel:
    lines = [
        f"[bold]{m.title}[/]",
        f"kind: {m.kind.value}   imposing: {m.imposing}   targets: {', '.join(m.targets)}",
        f"announced: {_day(m.announced_on) or '—'}   effective: {_day(m.effective_on) or '—'}"
        f"   ended: {_day(m.ended_on) or '—'}   status: {m.legal_status.value}",
    ]
    if m.date_note:
        lines.append(f"dates: {m.date_note}")
    if m.scope.description:
        lines.append(f"scope: {m.scope.description}")
    if m.scope.hs:
        lines.append(
            f"HS codes: {', '.join(m.scope.hs)}"
            + ("" if m.scope.hs_complete else " (partial list)")
        )
    if m.scope.within_hs:
        lines.append(f"HS codes: lines within {', '.join(m.scope.within_hs)} (not listed)")
    if m.restriction:
        lines.append(f"rate or restriction: {m.restriction}")
    if m.tariff:
        for line in m.tariff.lines:
            dated = f" from {line.from_on}" if line.from_on else ""
            dated += f" until {line.until}" if line.until else ""
            lines.append(
                f"  +{_pct(line.rate_pct)} {line.label or ''}{dated} [program {m.tariff.program}]"
            )
    for part in m.suspends:
        points = "all" if part.rate_points is None else f"{part.rate_points:g} points"
        lines.append(f"  suspends {part.measure}: {points}")
    if m.legal_basis:
        lines.append(f"legal basis: {m.legal_basis}")
    official = official_text_dict(m)
    if official["document"]:
        lines.append(
            f"official text: {official['document']}"
            + (f" <{official['url']}>" if official["url"] else " (no official address found)")
        )
    else:
        lines.append(f"official text: none ({official['why_none']})")
    if m.unverified_after:
        lines.append(
            f"[yellow]unverified after {m.unverified_after}: its stated end passed with no "
            "verified outcome (neither in force nor ended)[/]"
        )
    if m.status_note:
        lines.append(f"status: {m.status_note} (as of {m.status_as_of or '?'})")
    lines.append(f"confidence: {m.confidence.value}")
    if m.notes:
        lines.append(f"notes: {m.notes}")
    return Panel("\n".join(lines), title=m.id, expand=False)


def _print_sources(measure: Measure) -> None:
    table = Table(title="Sources (official texts first)")
    for name in ("tier", "publisher", "url", "quote"):
        table.add_column(name, overflow="fold")
    for source in measure.sources:
        table.add_row(source.tier or "", source.publisher, source.url, source.quote or "")
    console.print(table)


@measures_app.command("export")
def measures_export(
    measure_id: Annotated[str, typer.Argument(help="Measure id.")],
    as_known_on: AsKnownOn = None,
) -> None:
    """Print one measure as YAML that 'measures correct' accepts back (edit, then correct)."""
    typer.echo(_service().export_yaml(measure_id, _known(as_known_on)), nl=False)


@measures_app.command("history")
def measures_history(
    measure_id: Annotated[str, typer.Argument(help="Measure id.")],
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    out: OutOption = None,
) -> None:
    """Every recorded revision of a measure: when, by whom, and why."""
    fmt = choose_format(as_json, as_csv)
    check_out(out, fmt)
    service = _service()
    revisions = service.history(measure_id)
    if out is not None:
        rows = [revision_row(r) for r in revisions]
        write_out(ledger_table(service, "history", rows, {"measure_id": measure_id}), out)
        return
    if fmt is OutputFormat.json:
        print_json([r.to_dict() for r in revisions])
        return
    if fmt is OutputFormat.csv:
        print_csv([revision_row(r) for r in revisions], HISTORY_COLUMNS)
        return
    table = Table(title=f"History of {measure_id}")
    for name in ("rev", "change", "recorded at (UTC)", "superseded at", "by", "reason"):
        table.add_column(name, overflow="fold")
    for r in revisions:
        table.add_row(
            str(r.revision),
            r.change,
            r.recorded_at.isoformat(timespec="seconds"),
            r.superseded_at.isoformat(timespec="seconds") if r.superseded_at else "",
            r.recorded_by,
            r.reason,
        )
    console.print(table)


@measures_app.command("add")
def measures_add(
    file: Annotated[Path, typer.Argument(help="YAML: one measure, a list, or a measures file.")],
    reason: Annotated[str, typer.Option(help="Why these are added.")] = "added",
    recorded_by: Annotated[
        str | None, typer.Option("--by", help="Who records them (default: your user name).")
    ] = None,
) -> None:
    """Validate and record new measures (all or none)."""
    measures = load_measures(file)
    with renamed_fields(measures="file"):
        ids = _service().add(
            measures, recorded_by=recorded_by or _user(), reason=reason, origin=str(file)
        )
    console.print(f"recorded {len(ids)} measure(s): {', '.join(ids)}")


@measures_app.command("correct")
def measures_correct(
    measure_id: Annotated[str, typer.Argument(help="Id of the measure to correct.")],
    file: Annotated[Path, typer.Argument(help="YAML with the corrected measure (same id).")],
    reason: Annotated[str, typer.Option(help="What was wrong (required).")],
    recorded_by: Annotated[
        str | None, typer.Option("--by", help="Who corrects it (default: your user name).")
    ] = None,
    expected_revision: Annotated[
        int | None,
        typer.Option(
            min=1, help="Refuse if the measure is no longer at this revision (optimistic lock)."
        ),
    ] = None,
) -> None:
    """Record a corrected revision; the previous one stays in the history."""
    measures = load_measures(file)
    if len(measures) != 1:
        raise InvalidMeasure(
            f"{file}: a correction takes exactly one measure; found {len(measures)}.",
            field="file",
        )
    with renamed_fields(measure="file"):
        revision = _service().correct(
            measure_id,
            measures[0],
            recorded_by=recorded_by or _user(),
            reason=reason,
            expected_revision=expected_revision,
            origin=str(file),
        )
    console.print(f"recorded revision {revision.revision} of {measure_id}")


# ---------------------------------------------------------------------- queries


def state(
    between: Annotated[tuple[str, str], typer.Option(help="Two countries, e.g. USA CHN.")],
    on: Annotated[str | None, typer.Option(help="Date, YYYY-MM-DD (default: today).")] = None,
    as_known_on: AsKnownOn = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    out: OutOption = None,
) -> None:
    """Everything in force between two countries on a date, both directions, suspensions applied."""
    fmt = choose_format(as_json, as_csv)
    check_out(out, fmt)
    day = _on(on)
    pair = (_country(between[0], "between"), _country(between[1], "between"))
    known = _known(as_known_on)
    service = _service()
    with renamed_fields(a="between", b="between"):
        rows = service.state(day, *pair, as_known_on=known)
        _warn(service.state_warnings(day, *pair))
    _explain_empty(service, len(rows), known)
    dicts = [r.to_dict() for r in rows]
    if out is not None:
        query = {"on": day, "a": pair[0], "b": pair[1], "as_known_on": known}
        write_out(ledger_table(service, "state", dicts, query), out)
    elif fmt is OutputFormat.json:
        print_json(dicts)
    elif fmt is OutputFormat.csv:
        print_csv(dicts, STATE_COLUMNS)
    else:
        console.print(_state_table(rows, f"In force on {day} between {pair[0]} and {pair[1]}"))


def _state_table(rows: list[engine.MeasureState], title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("measure", ratio=1, overflow="fold")
    table.add_column("status", max_width=24, overflow="fold")
    table.add_column("applied", justify="right", no_wrap=True)
    direction = None
    for r in rows:
        if r.direction != direction:
            direction = r.direction
            label = "both sides"
            if direction != "both":
                imposing, target = direction.split("->")
                label = f"imposed by {imposing} on {target}"
            table.add_row(f"[bold]{label}[/]", "", "")
        table.add_row(f"{r.title} [dim]{r.measure_id}[/]", r.status, _pct(r.applied_rate_pct))
    return table


def tariff(
    importer: Annotated[str, typer.Option(help="Importing country.")],
    exporter: Annotated[str, typer.Option(help="Exporting country (origin).")],
    hs: Annotated[
        str | None, typer.Option(help="HS code (2-10 digits); omit for the all-goods headline.")
    ] = None,
    on: Annotated[
        str | None, typer.Option(help="Date of entry, YYYY-MM-DD (default: today).")
    ] = None,
    as_known_on: AsKnownOn = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    out: OutOption = None,
) -> None:
    """The stack of additional duties on one shipment, each layer with its source.

    ``--csv`` and ``--out`` give one row per layer and a total row (columns in
    ``docs/ledger.md``); a total that is not known is an empty cell with the reason beside it.
    """
    fmt = choose_format(as_json, as_csv)
    check_out(out, fmt)
    imp, exp = _country(importer, "importer"), _country(exporter, "exporter")
    code = None if hs is None else normalize_hs(hs, "hs")
    day, known = _on(on), _known(as_known_on)
    service = _service()
    stack = service.tariff(imp, exp, code, day, known)
    _explain_empty(service, len(stack.layers) + len(stack.uncertain), known)
    if out is not None:
        _warn(stack.warnings)
        write_out(tariff_table(service, stack, known), out)
    elif fmt is OutputFormat.json:
        _warn(stack.warnings)
        print_json(stack.to_dict())
    elif fmt is OutputFormat.csv:
        _warn(stack.warnings)
        print_csv(tariff_rows(stack), TARIFF_COLUMNS)
    else:
        _print_stack(stack)


def _print_stack(stack: engine.TariffStack) -> None:
    product = f"HS {stack.hs}" if stack.hs else "all goods (headline)"
    if stack.product and stack.product.get("name"):
        product += f" ({_short_name(stack.product['name'])})"
    table = Table(
        title=(
            f"{country_name(stack.importer)} on {country_name(stack.exporter)}, "
            f"{product}, {stack.on}"
        )
    )
    for name in ("", "measure", "rate", "statutory", "suspended", "Ch. 99", "legal basis"):
        table.add_column(name, overflow="fold")
    for number, layer in enumerate(stack.layers, start=1):
        suspended = (
            f"{layer.suspended_points:g} pts by {', '.join(layer.suspended_by)}"
            if layer.suspended_by
            else ""
        )
        table.add_row(
            f"[{number}]",
            layer.measure_id,
            _pct(layer.rate_pct),
            _pct(layer.statutory_rate_pct),
            suspended,
            layer.chapter99 or "",
            layer.legal_basis or "",
        )
    for pending in stack.unverified:
        table.add_row(
            "[?]",
            pending.measure_id,
            f"{_pct(pending.rate_if_continued_pct)} or {_pct(pending.rate_if_ended_pct)}",
            "",
            f"unverified: {pending.reason}",
            pending.legal_basis or "",
        )
    table.add_section()
    table.add_row("", "[bold]total[/]", f"[bold]{total_text(stack)}[/]")
    console.print(table)
    for number, layer in enumerate(stack.layers, start=1):
        console.print(f"  [{number}] {layer.source_url}", soft_wrap=True)
    for line in stack.warnings:
        console.print(f"[yellow]warning: {line}[/]")
    if not stack.covered:
        console.print(
            "[yellow]Not covered by the record, so no total is given: "
            + "; ".join(stack.coverage_notes)
            + ".[/]"
        )
    if stack.uncertain:
        doubt = Table(title="May also apply (the ledger cannot decide)")
        for name in ("measure", "possible rates", "why"):
            doubt.add_column(name, overflow="fold")
        for candidate in stack.uncertain:
            rates = ", ".join(_pct(r) for r in candidate.possible_rates_pct) or "not stated"
            doubt.add_row(candidate.measure_id, rates, candidate.reason)
        console.print(doubt)
    shown = set(stack.warnings)
    for note in stack.notes:
        if note not in shown and not note.startswith("Not covered:"):
            console.print(f"[dim]{note}[/]")
    if stack.product:
        print_product_lines(stack.product)


def total_text(stack: engine.TariffStack) -> str:
    """The total in words: a number, two readings, or why there is none."""
    return stack.total_in_words()


def _short_name(name: str, width: int = 70) -> str:
    """The most specific words of a schedule description ("... : Watertube boilers : Other")."""
    parts = name.split(" : ")
    short = parts[-1]
    for part in reversed(parts[:-1]):
        if len(short) >= 25:
            break
        short = f"{part} : {short}"
    return short if len(short) <= width else short[: width - 1] + "…"


def print_product_lines(product: dict[str, Any]) -> None:
    """The line-by-line part of a tariff answer: which layer covers how many lines."""
    by_line = product.get("by_line")
    if by_line:
        low, high = by_line["total_min_pct"], by_line["total_max_pct"]
        if low is None or high is None:
            span = "not decided on any line"
        else:
            span = f"{low:g}%" if low == high else f"{low:g}% to {high:g}%"
        table = Table(
            title=f"Line by line: {by_line['lines']} HTS-10 lines under HS {product['hs']},"
            f" total {span}",
            title_justify="left",
        )
        for name in ("measure", "Ch. 99", "rate", "covers", "lines"):
            table.add_column(name, overflow="fold")
        for layer in by_line["layers"]:
            rates = ", ".join(f"{r:g}%" for r in layer["rates_pct"])
            covers = f"{layer['covers']} of {layer['of']}"
            table.add_row(layer["measure_id"], ", ".join(layer["chapter99"]), rates, covers,
                          " ".join(layer["lines"]))  # fmt: skip
        console.print(table)
        if by_line["undecided_lines"]:
            console.print(f"Undecided lines: {' '.join(by_line['undecided_lines'])}")
    if product.get("note"):
        console.print(f"[dim]{product['note']}[/]")
    console.print(f"[dim]{product['citation']}[/]", soft_wrap=True)


def diff(
    start: Annotated[str, typer.Option("--from", help="Start date (exclusive), YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="End date (inclusive), YYYY-MM-DD.")],
    between: Annotated[
        tuple[str, str] | None, typer.Option(help="Only measures between two countries.")
    ] = None,
    as_known_on: AsKnownOn = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    out: OutOption = None,
) -> None:
    """What started, ended, was suspended or announced between two dates."""
    fmt = choose_format(as_json, as_csv)
    check_out(out, fmt)
    first, last = parse_date(start, "start"), parse_date(end, "end")
    pair = None
    if between is not None:
        pair = (_country(between[0], "between"), _country(between[1], "between"))
    known = _known(as_known_on)
    service = _service()
    report = service.diff(first, last, pair, known)
    _warn(report.warnings)
    if fmt is OutputFormat.json:
        print_json(report.to_dict())
        return
    rows = [c.to_dict() for c in report.changes]
    if out is not None:
        query = {"start": first, "end": last, "between": pair, "as_known_on": known}
        write_out(ledger_table(service, "diff", rows, query), out)
        return
    if fmt is OutputFormat.csv:
        print_csv(rows, CHANGE_COLUMNS)
        return
    table = Table(title=f"Changes after {report.start} up to {report.end}")
    for name in ("date", "change", "measure", "direction", "detail"):
        table.add_column(name, overflow="fold")
    for c in report.changes:
        table.add_row(c.on.isoformat(), c.change, c.measure_id, c.direction, c.detail)
    console.print(table)
    for key, before in report.headline_before.items():
        after = report.headline_after[key]
        console.print(
            f"headline {key}: {_level(before)} on {report.start} → {_level(after)} on {report.end}"
        )


def _level(value: float | None) -> str:
    return "not known (see tradewar tariff)" if value is None else f"{value:g}%"


def timeline(
    importer: Annotated[str, typer.Option(help="Importing country.")],
    exporter: Annotated[str, typer.Option(help="Exporting country.")],
    hs: Annotated[
        str | None, typer.Option(help="HS code; omit for the all-goods headline.")
    ] = None,
    start: Annotated[str, typer.Option("--from", help="First date.")] = "2025-01-01",
    end: Annotated[str, typer.Option("--to", help="Last date.")] = "2026-12-31",
    as_known_on: AsKnownOn = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    out: OutOption = None,
) -> None:
    """The additional duty at each change point (the numbers behind the timeline chart)."""
    fmt = choose_format(as_json, as_csv)
    check_out(out, fmt)
    imp, exp = _country(importer, "importer"), _country(exporter, "exporter")
    code = None if hs is None else normalize_hs(hs, "hs")
    first, last = parse_date(start, "start"), parse_date(end, "end")
    known = _known(as_known_on)
    service = _service()
    points, events = service.timeline(imp, exp, code, first, last, known)
    warnings = service.timeline_warnings(imp, exp, code, first, last)
    _warn(warnings)
    rows = [p.to_dict() for p in points]
    if out is not None:
        query = {"importer": imp, "exporter": exp, "hs": code, "start": first, "end": last,
                 "as_known_on": known}  # fmt: skip
        write_out(ledger_table(service, "timeline", rows, query), out)
    elif fmt is OutputFormat.json:
        print_json({"points": rows, "events": [e.to_dict() for e in events], "warnings": warnings})
    elif fmt is OutputFormat.csv:
        print_csv(rows, TIMELINE_COLUMNS)
    else:
        console.print(
            _timeline_table(points, f"{imp} on {exp}" + (f", HS {code}" if code else ", all goods"))
        )
        if events:
            console.print("events: " + "; ".join(f"{e.on} {e.title}" for e in events))


def _timeline_table(points: list[engine.TimelinePoint], title: str) -> Table:
    table = Table(title=title)
    for name in ("from", "additional duty", "layers"):
        table.add_column(name, overflow="fold")
    for p in points:
        layers = ", ".join(f"{k} {v:g}%" for k, v in p.components.items()) or "—"
        if p.unverified_ids:
            layers += f"; unverified: {', '.join(p.unverified_ids)}"
        table.add_row(p.on.isoformat(), point_level(p), layers)
    return table


def point_level(point: engine.TimelinePoint) -> str:
    """A timeline level in words: a number, two readings, or 'not covered'."""
    if not point.covered:
        return "not covered"
    if point.total_additional_pct is None:
        return (
            f"{_pct(point.total_if_unverified_continued_pct)} or "
            f"{_pct(point.total_if_unverified_ended_pct)} (unverified)"
        )
    return _pct(point.total_additional_pct)


def brief(
    on: Annotated[str | None, typer.Option(help="Report date (default: today).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """US–China: the measures in force today and what changed in 2025, with sources."""
    with renamed_fields(today="on"):
        report = _service().brief(_on(on))
    if as_json:
        print_json(report.to_dict())
        return
    _print_brief(report)


def _print_brief(report: Brief) -> None:
    console.rule(f"[bold]{report.a}–{report.b} trade measures on {report.today}[/]")
    for line in report.warnings:
        console.print(f"[yellow]warning: {line}[/]")
    for stack in report.stacks:
        parts = " + ".join(f"{layer.rate_pct:g}% {layer.measure_id}" for layer in stack.layers)
        parts += "".join(
            f" + {u.measure_id} unverified ({u.rate_if_continued_pct:g}% if continued, "
            f"{u.rate_if_ended_pct:g}% if ended)"
            for u in stack.unverified
        )
        console.print(
            f"[bold]{stack.importer} on goods from {stack.exporter}[/]: "
            f"[bold]{total_text(stack)}[/] additional duty on all goods"
            + (f"  ({parts.removeprefix(' + ')})" if parts else "")
        )
    if report.unverified_since:
        console.print(
            "[yellow]Unverified (stated end passed, outcome not verified): "
            + ", ".join(f"{m.id} (after {m.unverified_after})" for m in report.unverified_since)
            + ".[/]"
        )
    if report.ledger_as_of and report.today > report.ledger_as_of:
        console.print(
            f"[yellow]The record was last checked on {report.ledger_as_of}. "
            "Since then these reached "
            f"their end dates with no extension recorded: "
            f"{', '.join(m.id for m in report.expired_since_as_of) or 'none'}.[/]"
        )
    shown = [r for r in report.in_force if r.kind not in ("suspension", "talks")]
    console.print(_state_table(shown, "In force today (suspensions applied)"))
    console.print(_merged_timeline(report))
    references: dict[str, int] = {}
    for year, items in (("2025", report.changes_2025), ("2026", report.changes_2026)):
        if not items:
            continue
        changes = Table(title=f"What changed in {year}", title_justify="left")
        changes.add_column("date", no_wrap=True)
        changes.add_column("change", max_width=12, overflow="fold")
        changes.add_column("measure", ratio=1, overflow="fold")
        changes.add_column("src", no_wrap=True)
        for c in items:
            number = references.setdefault(c.source_url, len(references) + 1)
            changes.add_row(
                c.on.isoformat(), c.change, f"{c.title} [dim]{c.measure_id}[/]", f"[{number}]"
            )
        console.print(changes)
    console.print("Sources:")
    for url, number in references.items():
        console.print(f"  [{number}] {url}", soft_wrap=True, markup=False)
    console.print(
        "[dim]All sources of a measure: tradewar measures show ID. Shipments: tradewar tariff. "
        "Any date: tradewar state --on DATE --between USA CHN.[/]"
    )


def _merged_timeline(report: Brief) -> Table:
    keys = list(report.timelines)
    levels: dict[date, dict[str, str]] = {}
    for key in keys:
        for point in report.timelines[key]:
            levels.setdefault(point.on, {})[key] = point_level(point)
    table = Table(
        title="Headline additional duty on all goods since 1 January 2025", title_justify="left"
    )
    table.add_column("from", no_wrap=True)
    for key in keys:
        importer, exporter = key.split("<-")
        table.add_column(f"{importer} on {exporter}", justify="right")
    current = dict.fromkeys(keys, "0%")
    for day in sorted(levels):
        current.update(levels[day])
        table.add_row(day.isoformat(), *(current[k] for k in keys))
    return table


tokens_app = typer.Typer(help="Bearer tokens for writes through the API.", no_args_is_help=True)


@tokens_app.command("create")
def tokens_create(
    name: Annotated[str, typer.Argument(help="Who will use the token, e.g. newsroom-bot.")],
    expires: Annotated[
        str | None,
        typer.Option(help="Lifetime, e.g. 90d, 12h, 2w or 30m (default: never expires)."),
    ] = None,
) -> None:
    """Create a write token; it is printed once and stored only as a hash."""
    lifetime = None if expires is None else parse_duration(expires, "expires")
    store = _service().store
    with renamed_fields(expires_in="expires"):
        token = store.create_token(name, expires_in=lifetime)
    expiry = next(t["expires_at"] for t in store.tokens() if t["name"] == name.strip())
    until = f"; expires {expiry}" if expiry else "; never expires"
    console_err.print(f"token for {name!r} (shown once; keep it secret{until}):", soft_wrap=True)
    typer.echo(token)


@tokens_app.command("list")
def tokens_list(as_json: JsonFlag = False) -> None:
    """Token names with their creation and revocation times."""
    rows = _service().store.tokens()
    if as_json:
        print_json(rows)
        return
    table = Table(title="Write tokens")
    for name in ("name", "created at (UTC)", "revoked at", "expires at"):
        table.add_column(name)
    for row in rows:
        table.add_row(
            row["name"], row["created_at"], row["revoked_at"] or "", row["expires_at"] or "never"
        )
    console.print(table)


@tokens_app.command("revoke")
def tokens_revoke(
    name: Annotated[str, typer.Argument(help="Name of the token to revoke.")],
) -> None:
    """Revoke a token; writes with it are refused from now on."""
    _service().store.revoke_token(name)
    console.print(f"revoked the token of {name!r}")


def register(app: typer.Typer) -> None:
    """Add the ledger commands to ``app``."""
    app.add_typer(measures_app, name="measures")
    app.add_typer(tokens_app, name="tokens")
    app.command("state")(state)
    app.command("tariff")(tariff)
    app.command("diff")(diff)
    app.command("timeline")(timeline)
    app.command("brief")(brief)
