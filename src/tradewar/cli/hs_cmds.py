"""Product commands: ``tradewar hs search WORDS`` and ``tradewar hs show CODE``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tradewar.cli.context import (
    CsvFlag,
    JsonFlag,
    OutputFormat,
    choose_format,
    console,
    print_csv,
    print_json,
    services,
)
from tradewar.codes.hs import normalize_hs
from tradewar.hts.lists import CITATION
from tradewar.hts.search import rewrite

hs_app = typer.Typer(
    help="Find products by name and see the US tariff lines under a code.", no_args_is_help=True
)

SEARCH_COLUMNS = ["hs10", "hs6", "gtap", "description", "score", "matched"]


@hs_app.command("search")
def hs_search(
    query: Annotated[str, typer.Argument(help="Words ('toys', 'laptops') or an HS code.")],
    limit: Annotated[int, typer.Option(help="How many lines to show.")] = 20,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """HTS-10 lines whose description matches the words, best first (full-text index)."""
    fmt = choose_format(as_json, as_csv)
    hits = services().hts.search(query, limit)
    words, synonyms = rewrite(query)
    rows = [hit.to_dict() for hit in hits]
    if fmt is OutputFormat.json:
        print_json({"query": query, "searched_as": words, "synonyms": synonyms, "lines": rows,
                    "citation": CITATION})  # fmt: skip
        return
    if fmt is OutputFormat.csv:
        print_csv(rows, SEARCH_COLUMNS)
        return
    if not hits:
        console.print(f"No HTS-10 line matches {query!r} (searched as {words!r}).")
        return
    title = f"Lines matching {query!r}" + (f" (searched as {words!r})" if synonyms else "")
    table = Table(title=title, title_justify="left")
    for name in ("HTS-10", "HS6", "description"):
        table.add_column(name, overflow="fold")
    for hit in hits:
        table.add_row(hit.line.hs10, hit.line.hs6, hit.line.description)
    console.print(table)
    console.print(f"[dim]{CITATION}[/]", soft_wrap=True)


@hs_app.command("show")
def hs_show(
    code: Annotated[str, typer.Argument(help="HS code, 2-10 digits (dots allowed).")],
    as_json: JsonFlag = False,
) -> None:
    """The HTS-10 lines under a code, with the US lists and measures that cover each."""
    report = services().hts.show(normalize_hs(code, "code"))
    if as_json:
        print_json(report.to_dict())
        return
    table = Table(title=f"HS {report.code}: {report.name}", title_justify="left")
    for name in ("HTS-10", "line", "lists (Chapter 99 heading) and measures"):
        table.add_column(name, overflow="fold")
    for entry in report.lines:
        named = [
            f"{m.title} ({m.chapter99 or 'no heading'}; {m.effect})"
            + (f" -> {', '.join(m.measures)}" if m.measures else "")
            for m in entry.lists
        ]
        short = entry.description.rsplit(" : ", 1)[-1]
        table.add_row(entry.hs10, short, "\n".join(named) or "none")
    console.print(table)
    console.print(f"[dim]{report.citation}[/]", soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add the ``hs`` command group to ``app``."""
    app.add_typer(hs_app, name="hs")
