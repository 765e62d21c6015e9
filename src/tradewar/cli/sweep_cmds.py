"""``tradewar sweep``: Monte Carlo sweeps of a scenario, and the bands they give.

``tradewar sweep SCENARIO ...`` is short for ``tradewar sweep run SCENARIO ...``: the sweep
group runs ``run`` when its first word is neither one of its commands nor ``--help``, so the
issue's form (options before or after the scenario) and ``tradewar sweep summary FILE`` both
work (a scenario cannot be called ``run`` or ``summary``; bundled names never are).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import pandas as pd  # type: ignore[import-untyped]
import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from typer.core import TyperGroup

from tradewar.charts.render import CHART_SUFFIXES, check_suffix, render
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
from tradewar.cli.scenario_args import scenario_arg
from tradewar.codes.choices import choice
from tradewar.codes.rates import reported_countries, row_keys
from tradewar.errors import InvalidInput
from tradewar.services.scenarios import scenario_name
from tradewar.services.sweeps import SweepOutcome, SweepRequest, SweepService
from tradewar.sweeps.bands import quantile_bands
from tradewar.sweeps.charts import VARIABLE_TITLES, band_chart
from tradewar.sweeps.engines import ENGINES
from tradewar.sweeps.spec import Variation, parse_variations

#: Variables shown when none is asked for.
DEFAULT_VARIABLES: tuple[str, ...] = ("welfare", "real_wage", "prices")


class SweepGroup(TyperGroup):
    """The ``sweep`` group: a first word that is not a command means ``run``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["run", *args]
        return super().parse_args(ctx, args)


sweep_app = typer.Typer(
    cls=SweepGroup,
    help="Monte Carlo sweeps: draw parameters and tariffs, solve each draw, report bands."
    " 'tradewar sweep SCENARIO ...' is 'tradewar sweep run SCENARIO ...'.",
    no_args_is_help=True,
)

CountriesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--countries",
        help="Countries to report besides USA, CHN, EU, RoW, non-US, world (repeat or"
        " comma-separate; 'all' for every one).",
    ),
]
VariableOption = Annotated[
    list[str] | None,
    typer.Option(
        "--variable",
        help=f"Variables to show (default {', '.join(DEFAULT_VARIABLES)}); one of"
        f" {', '.join(VARIABLE_TITLES)}.",
    ),
]


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or [] for part in value.split(",") if part)


def _default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@sweep_app.command("run")
def run(
    scenario: Annotated[str, typer.Argument(help="A bundled scenario or a scenario .yaml file.")],
    vary: Annotated[
        list[str] | None,
        typer.Option(
            "--vary",
            help="NAME=DISTRIBUTION, repeatable. Names: epsilon, psi, kappa, passthrough,"
            " tariff_scale, or IMP<-EXP (a bilateral tariff, decimal). Distributions: LOW:HIGH"
            " (uniform), normal(MU,SD) clipped to the allowed range, normal(MU,SD,LO,HI),"
            " or a number.",
        ),
    ] = None,
    draws: Annotated[int, typer.Option("--draws", help="Number of draws.")] = 100,
    engine: Annotated[
        str, typer.Option("--engine", help=f"Where draws run: {' or '.join(ENGINES)}.")
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Worker processes (default: one per CPU)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Root seed (default: a fresh one, recorded).")
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Parquet file to write (manifest: <stem>.MANIFEST.json)."),
    ] = None,
    countries: CountriesOption = None,
    chunk_size: Annotated[
        int | None, typer.Option("--chunk-size", help="Draws per task (default: automatic).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Run a sweep: draws of the --vary parameters, each solved on the 194-country model."""
    request = SweepRequest(
        scenario=scenario_arg(scenario, "scenario"),
        vary=_variations(vary),
        draws=draws,
        seed=seed,
        engine=choice(engine, ENGINES, "engine"),
        workers=workers or _default_workers(),
        scheduler=scheduler,
        countries=reported_countries(_split(countries), "countries"),
        chunk_size=chunk_size,
    )
    outcome = _run_with_progress(services().sweeps, request, out, quiet)
    bands = quantile_bands(outcome.rows)
    if as_json:
        print_json({"manifest": outcome.manifest, "bands": _records(bands)})
        return
    _print_bands(bands, DEFAULT_VARIABLES)
    _print_run_footer(outcome)


def _variations(values: list[str] | None) -> tuple[Variation, ...]:
    """The ``--vary`` options read (each error names ``--vary``)."""
    if not values:
        raise InvalidInput(
            "nothing to vary; give at least one NAME=DISTRIBUTION, e.g. --vary epsilon=2:8.",
            field="vary",
        )
    return parse_variations(values)


def _run_with_progress(
    service: SweepService, request: SweepRequest, out: Path | None, quiet: bool
) -> SweepOutcome:
    columns = (
        TextColumn("[bold]sweep[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("draws"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console_err, disable=quiet, transient=False) as progress:
        task = progress.add_task(scenario_name(request.scenario), total=request.draws)
        return service.run(request, out, lambda done: progress.advance(task, done))


def _print_run_footer(outcome: SweepOutcome) -> None:
    results, engine = outcome.manifest["results"], outcome.manifest["engine"]
    console.print(
        f"{results['draws']} draws ({outcome.failed_draws} failed, recorded) in"
        f" {outcome.seconds:.1f} s, {results['draws_per_second']} draws/s;"
        f" engine {engine['engine']}, workers {engine.get('workers')}; root seed"
        f" {outcome.manifest['sweep']['root_seed']}."
    )
    if outcome.parquet is None:
        console.print("[yellow]Results not written: pass --out FILE.parquet to keep them.[/]")
    else:
        console.print(f"Wrote {outcome.parquet} and {outcome.manifest_path}.")


@sweep_app.command("summary")
def summary(
    files: Annotated[list[Path], typer.Argument(help="Sweep .parquet files (one per scenario).")],
    variable: VariableOption = None,
    countries: CountriesOption = None,
    central: Annotated[
        bool,
        typer.Option(
            "--central",
            help="Also solve each sweep's scenario at the central parameters and show that"
            " result beside its band (a scenario comparison with bands).",
        ),
    ] = False,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart",
            help=f"Also chart the first variable's bands; the suffix picks the format"
            f" ({', '.join(CHART_SUFFIXES)}; .json is the Vega-Lite spec).",
        ),
    ] = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
) -> None:
    """Uncertainty bands (5/50/95% of the draws) of one or more sweeps, side by side."""
    fmt = choose_format(as_json, as_csv)
    if chart is not None:
        check_suffix(chart)
    bands = _bands(services().sweeps, files, central)
    bands = _only_rows(bands, _split(countries))
    variables = _split(variable) or DEFAULT_VARIABLES
    _check_variables(bands, variables)
    if chart is not None:
        written = render(band_chart(bands, variables[0]), chart)
        console_err.print(f"wrote {written} ({written.stat().st_size:,} bytes)")
    chosen = bands[bands["variable"].isin(variables)]
    if fmt is OutputFormat.json:
        print_json(_records(chosen))
    elif fmt is OutputFormat.csv:
        print_csv(_records(chosen), list(chosen.columns))
    else:
        _print_bands(chosen, variables)


def _bands(service: SweepService, files: list[Path], central: bool) -> pd.DataFrame:
    """The files' bands; with ``central``, beside each scenario's central solution."""
    if not central:
        return service.summary(files)
    comparison = service.compare(files)
    for note in comparison.notes:
        console_err.print(f"[yellow]note: {note}[/]")
    return comparison.table


def _only_rows(bands: pd.DataFrame, countries: tuple[str, ...]) -> pd.DataFrame:
    """Groups always; countries only those asked for (all reported ones if none)."""
    if not countries:
        return bands
    wanted = set(row_keys(countries, "countries"))
    missing = sorted(wanted - set(bands["iso3"].dropna()))
    if missing:
        reported = sorted(set(bands.loc[~bands["is_group"], "iso3"].dropna())) or ["none"]
        raise InvalidInput(
            f"{', '.join(missing)}: not reported by these sweeps (countries"
            f" reported: {', '.join(reported)}); run the sweep with --countries"
            f" {','.join(missing)} to keep them.",
            field="countries",
        )
    return bands[bands["is_group"] | bands["iso3"].isin(wanted)]


def _check_variables(bands: pd.DataFrame, variables: tuple[str, ...]) -> None:
    if bands.empty:
        raise InvalidInput(
            "No draw of these sweeps converged, so there are no bands; see the 'error' column"
            " of the Parquet rows for why each solve failed."
        )
    known = set(bands["variable"].dropna())
    unknown = [name for name in variables if name not in known]
    if unknown:
        raise InvalidInput(
            f"{', '.join(unknown)}: not in the sweep; expected one of {', '.join(sorted(known))}.",
            field="variable",
        )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts with NaN as None (valid JSON)."""
    cleaned = frame.astype(object).where(frame.notna(), None)
    return list(cleaned.to_dict(orient="records"))


def _print_bands(bands: pd.DataFrame, variables: tuple[str, ...]) -> None:
    scenarios = list(dict.fromkeys(bands["scenario"]))
    for variable in variables:
        rows = bands[bands["variable"] == variable]
        if rows.empty:
            continue
        console.print(_band_table(rows, variable, scenarios))
    failed = bands.drop_duplicates("scenario").set_index("scenario")["failed"]
    for name, count in failed.items():
        if count:
            console.print(f"[yellow]{name}: {count} draw(s) failed to solve (rows kept).[/]")


def _band_table(rows: pd.DataFrame, variable: str, scenarios: list[str]) -> Table:
    """One variable: a row per group or country, a column per scenario (two with central)."""
    central = "value" in rows.columns
    title = VARIABLE_TITLES.get(variable, variable)
    heading = "central, and median [5%, 95%]" if central else "median [5%, 95%]"
    caption = f"{title}: {heading} over the draws"
    table = Table(title=caption, title_justify="left", min_width=len(caption))
    table.add_column("")
    for name in scenarios:
        if central:
            table.add_column(f"{name} central", justify="right", overflow="fold")
        table.add_column(f"{name} band" if central else name, justify="right", overflow="fold")
    for iso3, group in rows.groupby("iso3", sort=False):
        cells: dict[str, list[str]] = {}
        for row in group.to_dict(orient="records"):
            cells[row["scenario"]] = [_central_cell(row)] if central else []
            cells[row["scenario"]].append(_band_cell(row))
        empty = ["", ""] if central else [""]
        table.add_row(str(iso3), *(cell for name in scenarios for cell in cells.get(name, empty)))
    return table


def _central_cell(row: dict[str, Any]) -> str:
    return "—" if pd.isna(row["value"]) else f"{row['value']:+.3f}"


def _band_cell(row: dict[str, Any]) -> str:
    if pd.isna(row["q50"]):
        return "—"
    return f"{row['q50']:+.3f} [{row['q05']:+.3f}, {row['q95']:+.3f}]"


def register(app: typer.Typer) -> None:
    """Add ``tradewar sweep`` to ``app``."""
    app.add_typer(sweep_app, name="sweep")
