"""``tradewar chart``: the tariff timeline and scenario charts, to PNG, SVG, HTML or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewar.charts.render import CHART_SUFFIXES, check_suffix
from tradewar.cli.context import console, country_codes, services
from tradewar.codes.countries import to_iso3
from tradewar.codes.dates import parse_date
from tradewar.codes.rates import row_keys
from tradewar.services.charts import DEFAULT_COMPARE_VARIABLES, ChartService

chart_app = typer.Typer(
    help="Charts (Vega-Lite, rendered offline by vl-convert): timeline, welfare, compare.",
    no_args_is_help=True,
)

OutOption = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        help=f"File to write; the suffix picks the format ({', '.join(CHART_SUFFIXES)}). "
        "HTML is standalone (JavaScript inlined); JSON is the Vega-Lite spec.",
    ),
]


def _service() -> ChartService:
    return services().charts


def _written(path: Path) -> None:
    console.print(f"wrote {path} ({path.stat().st_size:,} bytes)")


@chart_app.command("timeline")
def timeline(
    out: OutOption,
    a: Annotated[str, typer.Option("--a", help="First country (importer of one line).")] = "USA",
    b: Annotated[str, typer.Option("--b", help="Second country.")] = "CHN",
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")] = "2025-01-01",
    end: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = "2026-12-31",
) -> None:
    """Additional duties of A on B and B on A over time, with talks and deals annotated."""
    check_suffix(out)
    one, two = to_iso3(a, field="a"), to_iso3(b, field="b")
    first, last = parse_date(start, "start"), parse_date(end, "end")
    service = _service()
    _written(service.render(service.timeline_spec(one, two, first, last), out))


@chart_app.command("welfare")
def welfare(
    scenario: Annotated[str, typer.Argument(help="Scenario name (tradewar scenario list).")],
    out: OutOption,
    variable: Annotated[
        str, typer.Option("--variable", help="Variable to map (welfare, real_wage, prices, ...).")
    ] = "welfare",
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country", "-c", help="Also show this country in the bars (repeat or comma-separate)."
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Largest economies in the bars.")] = 15,
) -> None:
    """A scenario's change by country: a world map and the largest economies."""
    check_suffix(out)
    service = _service()
    codes = [to_iso3(code, field="country") for code in country_codes(country)]
    spec = service.welfare_spec(scenario, variable, codes, top)
    _written(service.render(spec, out))


@chart_app.command("compare")
def compare(
    scenarios: Annotated[list[str], typer.Argument(help="Scenario names to compare.")],
    out: OutOption,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country", "-c", help="Country beside the pinned groups (repeat or comma-separate)."
        ),
    ] = None,
    variable: Annotated[
        list[str] | None,
        typer.Option(
            "--variable",
            help=f"Variable to show (repeat; default {', '.join(DEFAULT_COMPARE_VARIABLES)}).",
        ),
    ] = None,
) -> None:
    """Grouped bars of chosen variables for the groups and chosen countries, by scenario."""
    check_suffix(out)
    service = _service()
    spec = service.compare_spec(
        scenarios,
        row_keys(country_codes(country), "country") or None,
        variable or DEFAULT_COMPARE_VARIABLES,
    )
    _written(service.render(spec, out))


def register(app: typer.Typer) -> None:
    """Add ``tradewar chart`` to ``app``."""
    app.add_typer(chart_app, name="chart")
