"""Model commands: ``tradewar simulate`` and ``tradewar replicate``.

Thin wrappers over :class:`tradewar.services.model.ModelService`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table as RichTable

from tradewar.cli.context import (
    CsvFlag,
    JsonFlag,
    OutputFormat,
    choose_format,
    console,
    console_err,
    country_codes,
    print_csv,
    print_json,
    services,
    working,
    working_steps,
)
from tradewar.cli.tariff_file import read_tariff_file
from tradewar.codes.countries import to_iso3
from tradewar.codes.rates import parse_rate, parse_us_tariffs
from tradewar.errors import InvalidInput, TradewarError
from tradewar.model.formatting import (
    CSV_COLUMNS,
    table_to_json,
    table_to_latex,
    table_to_markdown,
    tables_to_rows,
)
from tradewar.model.outcomes import DISPLAY_ORDER, OUTCOMES
from tradewar.model.policy import RevenueTreatment
from tradewar.model.replication import Table
from tradewar.services.model import PAPERS, Paper, Retaliation, SimulationRequest

#: Outcome columns of the simulate tables: the display order, less the nominal wage.
_SHOWN_OUTCOMES = [name for name in DISPLAY_ORDER if name != "wage"]
COUNTRY_COLUMNS = ["iso3", "name", *_SHOWN_OUTCOMES, "tariff_revenue_usd_thousands"]
GROUP_COLUMNS = ["group", "countries", *_SHOWN_OUTCOMES]


class ReplicateFormat(StrEnum):
    """Output formats of ``replicate``."""

    md = "md"
    csv = "csv"
    json = "json"
    latex = "latex"


UstrFlag = Annotated[
    bool, typer.Option("--ustr", help="US imposes the USTR 'Liberation Day' schedule.")
]
TariffFile = Annotated[
    Path | None, typer.Option("--tariffs", help="CSV importer,exporter,rate (decimal or NN%).")
]
UsTariff = Annotated[
    list[str] | None,
    typer.Option(
        "--us-tariff",
        help="US tariff on a partner, e.g. CHN=54% or CHN=0.54 (repeatable; bare numbers < 1).",
    ),
]
UsOthers = Annotated[
    str | None,
    typer.Option(
        "--us-others", help="US tariff on every partner not set otherwise, e.g. 10% or 0.10."
    ),
]
RevenueOption = Annotated[
    RevenueTreatment, typer.Option("--revenue", help="Use of tariff revenue.")
]
RetaliationOption = Annotated[
    Retaliation, typer.Option("--retaliation", help="How partners answer US tariffs.")
]
TableOption = Annotated[
    list[int] | None,
    typer.Option(
        "--table", help="Table number (1, 2, 3, 4, 8, 9, 10, 11; repeatable); all by default."
    ),
]
FormatOption = Annotated[ReplicateFormat, typer.Option("--format", help="Output format.")]


def simulate(
    ustr: UstrFlag = False,
    tariffs: TariffFile = None,
    us_tariffs: UsTariff = None,
    us_others: UsOthers = None,
    revenue: RevenueOption = RevenueTreatment.income_tax_relief,
    retaliation: RetaliationOption = Retaliation.none,
    countries: Annotated[
        list[str] | None,
        typer.Option(
            "--countries",
            "-c",
            help="Countries in the table (repeat or comma-separate; 'all' for the 194);"
            " default: the largest economies.",
        ),
    ] = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Solve a tariff scenario on the 194-country model; changes in percent."""
    fmt = choose_format(as_json, as_csv)
    if not (ustr or tariffs or us_tariffs or us_others):
        raise InvalidInput(
            "No tariffs given: pass --ustr (the Liberation Day schedule), --tariffs FILE"
            " (importer,exporter,rate), --us-tariff ISO=RATE or --us-others RATE."
        )
    request = SimulationRequest(
        ustr=ustr,
        tariffs=read_tariff_file(tariffs, "tariffs") if tariffs is not None else (),
        us_tariffs=parse_us_tariffs(us_tariffs or [], "us_tariffs"),
        us_others=(
            parse_rate(us_others, "us_others", bare_below_one=True)
            if us_others is not None
            else None
        ),
        revenue=revenue,
        retaliation=retaliation,
    )
    with working("Solving the 194-country model"), _rows_named_by_line(tariffs):
        result = services().model.simulate(request)
    if fmt is OutputFormat.json:
        print_json(result.to_dict())
        return
    if fmt is OutputFormat.csv:
        print_csv(result.countries.to_dict(orient="records"), COUNTRY_COLUMNS)
        return
    rows = result.countries.to_dict(orient="records")
    chosen = _chosen_countries(rows, country_codes(countries))
    _print_summary("Groups: expenditure-weighted averages", result.groups.to_dict(orient="records"),
                   "group")  # fmt: skip
    _print_summary("Countries", [r for r in rows if r["iso3"] in chosen], "iso3")
    if not countries:
        console.print(
            "[dim]The largest economies; --countries JPN,DEU (or all) for others; --csv for"
            " every country and column, tariff revenue included.[/]"
        )


@contextmanager
def _rows_named_by_line(path: Path | None) -> Iterator[None]:
    """Name a service error about ``tariffs.K`` (the K-th row of the ``--tariffs`` file)
    by its file and line, and one about ``us_tariffs.CHN`` by ``--us-tariff``."""
    try:
        yield
    except TradewarError as err:
        parts = (err.field or "").split(".")
        if parts[0] == "tariffs" and len(parts) == 3 and path is not None:
            where = f"{path} line {int(parts[1]) + 2}, field {parts[2]}"
            raise type(err)(f"{where}: {err.reason}", field="tariffs") from err
        if parts[0] == "us_tariffs" and len(parts) == 2:
            raise type(err)(f"{parts[1]}: {err.reason}", field="us_tariffs") from err
        raise


#: The simulate summary: outcomes that fit 80 columns, in percent change.
SUMMARY_OUTCOMES = ("welfare", "real_wage", "prices", "employment", "imports_to_gdp", "deficit")
#: Countries the summary shows unless told otherwise: the largest economies and US partners.
DEFAULT_SUMMARY_COUNTRIES = ("USA", "CHN", "DEU", "JPN", "IND", "GBR", "FRA", "ITA", "CAN",
                             "BRA", "KOR", "MEX", "VNM")  # fmt: skip


def _chosen_countries(rows: list[dict[str, object]], asked: list[str]) -> set[str]:
    """ISO3 codes to show: ``asked`` (names or codes; ``all``), else the default economies."""
    if not asked:
        return set(DEFAULT_SUMMARY_COUNTRIES)
    if [code.lower() for code in asked] == ["all"]:
        return {str(row["iso3"]) for row in rows}
    return {to_iso3(code, field="countries") for code in asked}


def _print_summary(title: str, rows: list[dict[str, object]], key: str) -> None:
    """A compact table (fits 80 columns): changes in percent with their sign."""
    table = RichTable(title=f"{title}, % change", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(key)
    for name in SUMMARY_OUTCOMES:
        table.add_column(
            OUTCOMES[name].label.replace(" / ", "/").replace(" ", "\n"), justify="right"
        )
    for row in rows:
        cells = [f"{float(row[name]):+.2f}" for name in SUMMARY_OUTCOMES]  # type: ignore[arg-type]
        table.add_row(str(row[key]), *cells)
    console.print(table)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def replicate(
    paper: Annotated[str, typer.Argument(help="The paper: ignatenko2025 or ll2023.")],
    tables: TableOption = None,
    fmt: FormatOption = ReplicateFormat.md,
    countries: Annotated[
        str | None,
        typer.Option(
            "--countries", help="ll2023 only: comma-separated ISO3 rows (all 43 by default)."
        ),
    ] = None,
) -> None:
    """Regenerate the paper's tables from the data (values in percent)."""
    if paper not in PAPERS:
        raise InvalidInput(
            f"unknown paper {paper!r}; expected one of {', '.join(PAPERS)}.", field="paper"
        )
    chosen = (
        [to_iso3(code, field="countries") for code in countries.split(",") if code.strip()]
        if countries
        else None
    )
    regenerated = _regenerate(paper, tables or None, chosen)
    if fmt is ReplicateFormat.json:
        payload = [table_to_json(t) for t in regenerated]
        print_json(payload[0] if tables and len(tables) == 1 else payload)
        for t in regenerated:
            for note in t.notes:
                console_err.print(f"note (Table {t.number}): {note}")
        return
    if fmt is ReplicateFormat.csv:
        print_csv(tables_to_rows(regenerated), CSV_COLUMNS)
        for t in regenerated:
            for note in t.notes:
                console_err.print(f"note (Table {t.number}): {note}")
        return
    render = table_to_markdown if fmt is ReplicateFormat.md else table_to_latex
    typer.echo("\n".join(render(t) for t in regenerated), nl=False)


def _regenerate(paper: Paper, tables: list[int] | None, countries: list[str] | None) -> list[Table]:
    """The paper's tables, with a step bar on stderr for ll2023 (one step per country:
    0.5-1.4 s each, 43 in all) and a spinner for the quick ignatenko2025."""
    model = services().model
    if paper == "ll2023":
        with working_steps("Replicating ll2023 by country") as progress:
            return model.replicate(paper, tables, countries, progress)
    with working(f"Replicating {paper}"):
        return model.replicate(paper, tables, countries)


def register(app: typer.Typer) -> None:
    """Add ``simulate`` and ``replicate`` to ``app``."""
    app.command("simulate")(simulate)
    app.command("replicate")(replicate)
