"""``tradewar scenario``: list, show, run, compare, and build from the ledger on a date."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

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
)
from tradewar.cli.scenario_args import scenario_arg
from tradewar.codes.dates import parse_date
from tradewar.codes.rates import row_keys
from tradewar.errors import DataUnavailable
from tradewar.model.outcomes import OUTCOMES
from tradewar.scenarios.from_ledger import RateBuild
from tradewar.scenarios.spec import OthersRule, Scenario
from tradewar.services.scenarios import TIDY_COLUMNS, ScenarioRun, ScenarioService

scenario_app = typer.Typer(
    help="Scenarios: the record on a date (or explicit rates) run through the model.",
    no_args_is_help=True,
)


class ScenarioModel(StrEnum):
    """The model a scenario is solved on."""

    one_sector = "one-sector"
    sectors = "sectors"


SUMMARY_COLUMNS = (
    ("welfare", "welfare"),
    ("real_wage", "real wage"),
    ("prices", "prices"),
    ("employment", "employment"),
    ("exports_to_gdp", "exports/GDP"),
    ("imports_to_gdp", "imports/GDP"),
    ("deficit", "deficit"),
)


def _service() -> ScenarioService:
    return services().scenarios


@scenario_app.command("list")
def list_scenarios(as_json: JsonFlag = False) -> None:
    """The bundled scenarios."""
    scenarios = _service().list()
    if as_json:
        print_json([_scenario_dict(s) for s in scenarios])
        return
    table = Table(title="Bundled scenarios (tradewar scenario show NAME)", title_justify="left")
    for name in ("name", "ledger date", "kind", "title"):
        table.add_column(name, overflow="fold")
    for s in scenarios:
        kind = "hypothetical" if s.hypothetical else "record"
        table.add_row(s.name, s.on.isoformat() if s.on else "—", kind, s.title)
    console.print(table)


def _scenario_dict(scenario: Scenario) -> dict[str, Any]:
    data = scenario.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    return {"name": scenario.name, "title": scenario.title, **data}


@scenario_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="A bundled scenario or a scenario .yaml file.")],
    as_json: JsonFlag = False,
) -> None:
    """A scenario's YAML and the bilateral rates it implies, with their provenance."""
    service = _service()
    scenario = service.resolve(scenario_arg(name, "name"), field="name")
    try:
        build: RateBuild | None = service.build(scenario)
    except DataUnavailable as err:
        build, missing = None, str(err)
    if as_json:
        payload = _scenario_dict(scenario)
        if build is not None:
            payload["rates"] = [p.to_dict() for p in build.pairs]
            payload["assumptions"] = list(build.assumptions)
        print_json(payload)
        return
    console.print(scenario.to_yaml(), markup=False, highlight=False)
    if build is None:
        console.print(f"[yellow]Rates need the model's country list: {missing}[/]")
        return
    console.print(_rates_table(build))
    _print_assumptions(list(build.assumptions))


def _rates_table(build: RateBuild) -> Table:
    """Ledger and override pairs one by one; assumption-based pairs summarised per importer."""
    table = Table(title="Bilateral tariffs of the scenario (additional, %)", title_justify="left")
    for name in ("importer", "exporter", "model rate", "headline", "basis", "measures"):
        justify = "right" if name in ("model rate", "headline") else "left"
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    summarised: dict[tuple[str, str], list[float]] = {}
    for pair in build.pairs:
        if pair.basis.startswith("assumption"):
            summarised.setdefault((pair.importer, pair.basis), []).append(pair.rate_pct)
            continue
        table.add_row(
            pair.importer,
            pair.exporter,
            f"{pair.rate_pct:.2f}",
            f"{pair.headline_pct:g}",
            pair.basis,
            ", ".join(pair.measures),
        )
    for (importer, basis), rates in summarised.items():
        low, high = min(rates), max(rates)
        shown = f"{low:.2f}" if low == high else f"{low:.2f}–{high:.2f}"
        table.add_row(importer, f"{len(rates)} other countries", shown, "", basis, "")
    return table


def _print_assumptions(assumptions: list[str]) -> None:
    console.print("[bold]Assumptions[/]")
    for line in assumptions:
        console.print(f" • {line}")


@scenario_app.command("run")
def run(
    name: Annotated[str, typer.Argument(help="A bundled scenario or a scenario .yaml file.")],
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    model: Annotated[
        ScenarioModel,
        typer.Option(
            "--model",
            help="one-sector (194 countries) or sectors (LL2023, 44 regions x 16 industries).",
        ),
    ] = ScenarioModel.one_sector,
) -> None:
    """Solve a scenario on the 194-country model (changes in % against the factual world).

    ``--model sectors`` solves it on the multi-industry LL2023 model instead: rates by
    industry, welfare, real wages, output and trade by industry for USA, CHN, EU, RoW, world.
    """
    if model is ScenarioModel.sectors:
        _run_sectoral(name, as_json, as_csv)
        return
    fmt = choose_format(as_json, as_csv)
    with working(f"Solving {name} on the 194-country model"):
        service = _service()
        result = service.run(service.resolve(scenario_arg(name, "name"), field="name"))
    if fmt is OutputFormat.json:
        print_json(result.to_dict())
    elif fmt is OutputFormat.csv:
        print_csv(result.tidy().to_dict(orient="records"), TIDY_COLUMNS)
    else:
        _print_run(result)


def _run_sectoral(name: str, as_json: bool, as_csv: bool) -> None:
    from tradewar.services.sectors import SCENARIO_ROW_COLUMNS, scenario_rows

    fmt = choose_format(as_json, as_csv)
    with working(f"Solving {name} on the 44 x 16 sectoral model"):
        payload = services().sectors.scenario(scenario_arg(name, "name"))
    if fmt is OutputFormat.json:
        print_json(payload)
        return
    if fmt is OutputFormat.csv:
        print_csv(scenario_rows(payload), SCENARIO_ROW_COLUMNS)
        for note in payload["notes"]:
            console_err.print(f"note: {note}")
        return
    _print_sectoral(payload)


def _print_sectoral(payload: dict[str, Any]) -> None:
    console.rule(f"[bold]{payload['scenario']['title']}[/] (sectoral model, LL2023 data)")
    groups = payload["groups"]
    summary = Table(title="Welfare and real wages, % change")
    for column in ("group", "welfare", "real wage"):
        summary.add_column(column, justify="left" if column == "group" else "right")
    for group in groups:
        summary.add_row(
            group["group"], f"{group['welfare_pct']:+.3f}%", f"{group['real_wage_pct']:+.3f}%"
        )
    console.print(summary)
    industries = list(groups[0]["output_pct"])
    rates = payload["additional_tariffs_pct"]
    detail = Table(title="By industry: additional tariffs (pp) and output / exports, % change")
    detail.add_column("industry")
    for pair in rates:
        detail.add_column(pair, justify="right")
    for group in ("USA", "CHN"):
        detail.add_column(f"{group} output", justify="right")
        detail.add_column(f"{group} exports", justify="right")
    by_group = {g["group"]: g for g in groups}
    for industry in industries:
        cells = [f"{rates[pair][industry]:.1f}" for pair in rates]
        for group in ("USA", "CHN"):
            for variable in ("output_pct", "exports_pct"):
                value = by_group[group][variable][industry]
                cells.append("n/a" if value is None else f"{value:+.2f}")
        detail.add_row(industry, *cells)
    console.print(detail)
    console.print("[dim]Full output (EU, RoW, world; imports): --json or --csv.[/]")
    for note in payload["notes"]:
        console_err.print(f"note: {note}")


def _print_run(result: ScenarioRun) -> None:
    console.rule(f"[bold]{result.scenario.title}[/]")
    if result.scenario.description:
        console.print(result.scenario.description)
    console.print(_rates_table(result.build))
    groups = result.equilibrium.groups().set_index("group")
    table = Table(
        title="Change against the factual world, % (groups: expenditure-weighted)",
        title_justify="left",
    )
    table.add_column("")
    for _, label in SUMMARY_COLUMNS:
        table.add_column(label, justify="right")
    for group in groups.index:
        table.add_row(
            group, *(f"{groups.loc[group, column]:+.3f}" for column, _ in SUMMARY_COLUMNS)
        )
    console.print(table)
    for flow in result.bilateral_trade():
        console.print(
            f"{flow['exporter']} → {flow['importer']} trade: {flow['change_pct']:+.1f}% "
            f"(factual ${flow['factual_usd_thousands'] / 1e6:,.0f} bn, producer prices)"
        )
    _print_assumptions(result.assumptions)
    console.print(
        f"[dim]Solved in {result.equilibrium.iterations} Newton steps, max residual "
        f"{result.equilibrium.max_residual:.1e}. Per-country rows: --csv or --json.[/]"
    )


@scenario_app.command("compare")
def compare(
    names: Annotated[
        list[str], typer.Argument(help="Scenarios to compare (names or .yaml files).")
    ],
    countries: Annotated[
        list[str] | None,
        typer.Option("--countries", help="Countries or groups to add to USA, CHN, EU, RoW, world."),
    ] = None,
    as_json: JsonFlag = False,
    as_csv: CsvFlag = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also export the tidy table: .csv, .xlsx (with a README sheet), .parquet or "
            ".json, with <stem>.MANIFEST.json beside it.",
        ),
    ] = None,
    bands: Annotated[
        list[Path] | None,
        typer.Option(
            "--bands",
            help="A sweep's .parquet file (tradewar sweep ... --out); repeatable. Adds its "
            "5/50/95% bands (q05, q50, q95, draws) beside the values of its scenario.",
        ),
    ] = None,
) -> None:
    """Compare scenarios: a tidy table (scenario, iso3, variable, value, unit)."""
    fmt = choose_format(as_json, as_csv)
    rows = row_keys(country_codes(countries), "countries")
    scenarios = [scenario_arg(name, "names") for name in names]
    if out is not None:
        from tradewar.exports import check_suffix, comparison_export, write_table

        check_suffix(out)  # before solving anything
        export = comparison_export(_service(), scenarios, rows)
        sidecar = write_table(export.table, out, export.manifest)
        console_err.print(f"wrote {out} and {sidecar}")
        table = export.table
    else:
        with working(f"Solving {len(names)} scenarios"):
            table = _service().compare(scenarios, rows)
    columns = list(TIDY_COLUMNS)
    if bands:
        table = _with_sweep_bands(table, bands)
        columns += [c for c in BAND_COLUMNS if c in table.columns]
    records = table.to_dict(orient="records")
    if fmt is OutputFormat.json:
        print_json(records)
    elif fmt is OutputFormat.csv:
        print_csv(records, columns)
    else:
        _print_comparison(table)


BAND_COLUMNS = ("q05", "q50", "q95", "draws", "failed")


def _with_sweep_bands(table: Any, paths: list[Path]) -> Any:
    """The comparison with each sweep's bands beside its scenario's rows.

    A sweep of a scenario that is not compared is named in a note; compared scenarios
    without a sweep keep empty bands.
    """
    from tradewar.sweeps.bands import with_bands

    banded = services().sweeps.summary(paths)
    unused = sorted(set(banded["scenario"]) - set(table["scenario"]))
    if unused:
        console_err.print(f"note: no compared scenario for the sweep(s) of {', '.join(unused)}")
    merged = with_bands(table, banded)
    return merged.astype(object).where(merged.notna(), None)  # no band: null / empty, not NaN


COMPARED_VARIABLES = tuple(
    (name, OUTCOMES[name].label) for name in ("welfare", "real_wage", "prices")
)


def _print_comparison(table: Any) -> None:
    names = list(dict.fromkeys(table["scenario"]))  # scenario names, also for .yaml files given
    for variable, label in COMPARED_VARIABLES:
        rows = table[table["variable"] == variable]
        out = Table(title=f"{label}: change against the factual world, %", title_justify="left")
        out.add_column("")
        for name in names:
            out.add_column(name, justify="right", overflow="fold")
        for (iso3, _), group in rows.groupby(["iso3", "is_group"], sort=False):
            out.add_row(iso3, *(_cell(group[group["scenario"] == n]) for n in names))
        console.print(out)


def _cell(rows: Any) -> str:
    """One scenario's value, with its sweep's 5-95% band when the comparison has one."""
    row = rows.iloc[0]
    text = f"{row['value']:+.3f}"
    if row.get("q05") is not None and row.get("q95") is not None:
        text += f" [{row['q05']:+.3f}, {row['q95']:+.3f}]"
    return text


@scenario_app.command("from-ledger")
def from_ledger(
    on: Annotated[str, typer.Option("--on", help="Ledger date, YYYY-MM-DD.")],
    others: Annotated[
        OthersRule,
        typer.Option(help="US tariff on countries the ledger does not cover."),
    ] = OthersRule.auto,
    run_model: Annotated[bool, typer.Option("--run", help="Also solve the model.")] = False,
    save: Annotated[Path | None, typer.Option(help="Write the scenario YAML here.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The ledger on a date as a scenario: its rates and assumptions (with --run, results)."""
    service = _service()
    scenario = service.from_ledger(parse_date(on, "on"), others)
    if save is not None:
        save.write_text(scenario.to_yaml(), encoding="utf-8")
        console_err.print(f"wrote {save}")
    if run_model:
        result = service.run(scenario)
        if as_json:
            print_json(result.to_dict())
        else:
            _print_run(result)
        return
    build = service.build(scenario)
    if as_json:
        print_json(
            {
                **_scenario_dict(scenario),
                "rates": [p.to_dict() for p in build.pairs],
                "assumptions": list(build.assumptions),
            }
        )
        return
    console.print(_rates_table(build))
    _print_assumptions(list(build.assumptions))


def register(app: typer.Typer) -> None:
    """Add ``tradewar scenario`` to ``app``."""
    app.add_typer(scenario_app, name="scenario")
