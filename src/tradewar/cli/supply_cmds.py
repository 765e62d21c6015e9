"""``tradewar supply``: chokepoint scenarios, exposure screens, sector spill-overs, charts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradewar.cli.context import (
    JsonFlag,
    console,
    console_err,
    print_json,
    services,
    working,
)
from tradewar.codes.choices import choice
from tradewar.services.supply import DEFAULT_SEED, SupplyRun, SupplyService, check_product
from tradewar.services.supply_sectors import ENGINES, SUBSTITUTIONS, SectorService
from tradewar.supply.network import supply_region

supply_app = typer.Typer(
    help="Chokepoints: export controls propagated through supply chains over time.",
    no_args_is_help=True,
)

ScenarioArg = Annotated[str, typer.Argument(help="A bundled supply scenario (supply list).")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the Monte Carlo draws.")]
DrawsOpt = Annotated[int, typer.Option("--draws", min=1, help="Monte Carlo draws.")]
#: Producers whose central output never falls below this share are listed, not tabulated.
UNAFFECTED_ABOVE = 0.995


def _service() -> SupplyService:
    return services().supply


def _fmt_week(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _fmt_band(values: list[float | None]) -> str:
    low, high = values[0], values[-1]
    return "—" if low is None or high is None else f"{low:g}–{high:g}"


@supply_app.command("list")
def list_scenarios(as_json: JsonFlag = False) -> None:
    """The bundled supply scenarios."""
    scenarios = _service().scenarios()
    if as_json:
        print_json({name: s.model_dump(mode="json") for name, s in scenarios.items()})
        return
    table = Table(title="Supply scenarios (tradewar supply run NAME)", title_justify="left")
    for column in ("name", "chain", "start", "weeks", "title"):
        table.add_column(column, overflow="fold")
    for name, s in scenarios.items():
        table.add_row(name, s.chain, s.start.isoformat(), str(s.weeks), s.title)
    console.print(table)


@supply_app.command("run")
def run(
    scenario: ScenarioArg,
    weeks: Annotated[int | None, typer.Option("--weeks", min=1, help="Horizon in weeks.")] = None,
    draws: DrawsOpt = 1000,
    seed: SeedOpt = DEFAULT_SEED,
    from_ledger: Annotated[
        bool,
        typer.Option("--from-ledger", help="Build the restrictions from the ledger's measures."),
    ] = False,
    product: Annotated[
        str | None, typer.Option("--product", help="Show only this product's producers.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Run a scenario: weeks until lines stop, lost output, Monte Carlo bands."""
    with working(f"Simulating {scenario}, {draws} draws"):
        result = _service().run(
            scenario, weeks=weeks, draws=draws, seed=seed, from_ledger=from_ledger
        )
    if as_json:
        print_json(result.to_dict())
        return
    if product is not None:
        check_product(product, sorted({node.product for node in result.nodes}))
    _print_run(result, product)


def _print_run(result: SupplyRun, product: str | None) -> None:
    console.print(
        f"[bold]{result.title}[/]\nchain {result.chain}, from {result.start}, "
        f"{result.weeks} weeks, {result.draws} draws, seed {result.seed}, "
        f"rationing {result.rationing}, restrictions from the {result.policy_source}"
    )
    table = Table(
        title="Stop = first week output < 50% of baseline; shortfall = < 95%",
        title_justify="left",
    )
    for column in ("producer", "shortfall wk", "stop wk", "stop p10–p90", "draws stopped",
                   "min output", "lost (weeks of output)"):  # fmt: skip
        table.add_column(column, justify="right" if column != "producer" else "left")
    unaffected = []
    for node in result.nodes:
        if product and node.product != product:
            continue
        if node.min_output_share > UNAFFECTED_ABOVE and not product:
            unaffected.append(f"{node.product}@{node.country}")
            continue
        table.add_row(
            f"{node.product}@{node.country}",
            _fmt_week(node.shortfall_week),
            _fmt_week(node.stop_week),
            _fmt_band(node.stop_week_p10_p50_p90),
            f"{node.stopped_share_of_draws:.0%}",
            f"{node.min_output_share:.0%}",
            f"{node.lost_weeks_of_output:.1f}",
        )
    console.print(table)
    if unaffected:
        console.print(
            f"unaffected (output never below {UNAFFECTED_ABOVE:.1%} of baseline in the "
            f"central run): {', '.join(unaffected)}"
        )
    if result.comparisons:
        _print_comparisons(result)
    for note in result.notes:
        console_err.print(f"note: {note}")


def _print_comparisons(result: SupplyRun) -> None:
    table = Table(title="Reported vs model (weeks after the start)", title_justify="left")
    for column in ("producer", "reported", "week", "model shortfall", "model stop", "p10–p90"):
        table.add_column(column)
    for c in result.comparisons:
        table.add_row(
            f"{c.product}@{c.country}",
            f"{c.reported_on} {c.what}",
            f"{c.reported_week:.1f}",
            _fmt_week(c.model_shortfall_week),
            _fmt_week(c.model_stop_week),
            _fmt_band(c.model_stop_p10_p90),
        )
    console.print(table)


@supply_app.command("exposure")
def exposure(
    country: Annotated[
        str | None, typer.Option("--country", help="ISO3, EU27 or a name; all if omitted.")
    ] = None,
    chain: Annotated[str, typer.Option("--chain", help="rare_earths or us_controls.")] = (
        "rare_earths"
    ),
    as_json: JsonFlag = False,
) -> None:
    """Exposure = import share × supplier concentration (HHI) × criticality."""
    region = None if country is None else supply_region(country, "country")
    rows = _service().exposure(region, chain)
    if as_json:
        print_json([r.to_dict() for r in rows])
        return
    table = Table(
        title=f"Exposure in {chain}{' of ' + country if country else ''}", title_justify="left"
    )
    for column in ("buyer", "input", "import share", "top supplier", "HHI", "critical",
                   "cover (wk)", "exposure"):  # fmt: skip
        table.add_column(column)
    for r in rows:
        table.add_row(
            f"{r.buyer}@{r.country}", r.input, f"{r.import_share:.0%}",
            f"{r.top_supplier} {r.top_share:.0%}", f"{r.hhi:.2f}", "yes" if r.critical else "no",
            f"{r.cover_weeks:g}", f"{r.exposure:.2f}",
        )  # fmt: skip
    console.print(table)


@supply_app.command("sectors")
def sectors(
    scenario: ScenarioArg,
    mrio: Annotated[
        Path | None,
        typer.Option(
            "--mrio",
            help="An MRIO saved by pymrio (or a raw download with pymrio); default WIOD 2011.",
        ),
    ] = None,
    days: Annotated[int, typer.Option("--days", min=1, help="Daily steps.")] = 365,
    engine: Annotated[str, typer.Option("--engine", help="numpy or numba.")] = "numpy",
    year: Annotated[
        int | None,
        typer.Option("--year", help="WIOD year under TRADEWAR_DATA_DIR/wiod (default latest)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Feed a scenario's losses into the sparse ARIO sector model (Layer B)."""
    stepper = choice(engine, ENGINES, "engine")
    with working(f"Propagating {scenario} through the sectors"):
        result = _service().sectors(scenario, mrio=mrio, days=days, engine=stepper, year=year)
    if as_json:
        print_json(result.to_dict())
        return
    console.print(f"[bold]{scenario}[/] on {result.table}, {days} days, engine {engine}")
    table = Table(title="Most affected industries", title_justify="left")
    for column in ("region", "sector", "lost (days of output)", "lost (table units)",
                   "min output"):  # fmt: skip
        table.add_column(column)
    for row in result.worst:
        table.add_row(
            row["region"], row["sector"], f"{row['lost_days_of_output']:.2f}",
            f"{row['lost_usd_million']:,.0f}", f"{row['min_output_share']:.1%}",
        )  # fmt: skip
    console.print(table)
    if result.citation:
        console.print(f"[dim]{result.citation}[/]")
    if result.unmapped:
        console_err.print(f"not mapped to the table: {', '.join(result.unmapped)}")


def _sector_service() -> SectorService:
    return services().supply_sectors


@supply_app.command("chokepoints")
def chokepoints(
    suppliers: Annotated[
        list[str],
        typer.Option("--supplier", help="Region whose exports stop (repeat for several)."),
    ],
    industry: Annotated[str, typer.Option("--industry", help="WIOD industry code, e.g. c12.")],
    destinations: Annotated[
        list[str] | None,
        typer.Option("--to", help="Destination region (repeat); default every other region."),
    ] = None,
    weeks: Annotated[int, typer.Option("--weeks", min=1, help="Weeks the stop lasts.")] = 8,
    horizon_weeks: Annotated[
        int | None, typer.Option("--horizon", min=1, help="Weeks simulated (default 2 x weeks).")
    ] = None,
    share: Annotated[
        float, typer.Option("--share", help="Share of the flows that stops (0-1].")
    ] = 1.0,
    inventory_days: Annotated[
        float, typer.Option("--inventory-days", help="Days of inputs held by goods industries.")
    ] = 90.0,
    substitution: Annotated[
        str,
        typer.Option(
            "--substitution",
            help="full (buyers move orders to other regions), shares (orders keep baseline "
            "shares) or none (the stopped input has no substitute: stocks run down).",
        ),
    ] = "full",
    critical_for: Annotated[
        list[str] | None,
        typer.Option(
            "--critical-for",
            help="With --substitution none: buyer industries (repeat) that cannot do "
            "without the input; default all.",
        ),
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="numpy or numba.")] = "numpy",
    top: Annotated[int, typer.Option("--top", min=1, help="Rows shown.")] = 15,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Write every industry's losses to this CSV.")
    ] = None,
    regions_csv: Annotated[
        Path | None, typer.Option("--regions-csv", help="Write the regions' losses to this CSV.")
    ] = None,
    chart_out: Annotated[
        Path | None,
        typer.Option("--chart", help="Industries over time: FILE.png, .svg, .html or .json."),
    ] = None,
    regions_chart: Annotated[
        Path | None,
        typer.Option("--regions-chart", help="Losses by region: FILE.png, .svg, .html or .json."),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option("--year", help="WIOD year under TRADEWAR_DATA_DIR/wiod (default latest)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Rank who loses output when an industry's exports stop (ARIO on WIOD 2011)."""
    from tradewar.charts.render import check_suffix, render
    from tradewar.supply.chokepoint_charts import industries_spec, regions_spec

    for chart_path in (chart_out, regions_chart):
        if chart_path is not None:
            check_suffix(chart_path)
    with working("Running the chokepoint shock"):
        result = _sector_service().chokepoints(
            suppliers, industry, destinations=destinations, weeks=weeks,
            horizon_weeks=horizon_weeks, share=share, inventory_days=inventory_days,
            substitution=choice(substitution, SUBSTITUTIONS, "substitution"),
            critical_for=critical_for, engine=choice(engine, ENGINES, "engine"), year=year,
        )  # fmt: skip
    payload = result.to_dict()
    written = []
    if csv_out:
        csv_out.write_text(result.industries_csv(), encoding="utf-8")
        written.append(csv_out)
    if regions_csv:
        regions_csv.write_text(result.regions_csv(), encoding="utf-8")
        written.append(regions_csv)
    if chart_out:
        written.append(render(industries_spec(payload), chart_out))
    if regions_chart:
        written.append(render(regions_spec(payload), regions_chart))
    if as_json:
        print_json(result.to_dict(top=top))
        return
    _print_chokepoints(payload, top)
    for path in written:
        console.print(f"wrote {path}")


def _print_chokepoints(run: dict, top: int) -> None:  # type: ignore[type-arg]
    where = run["destinations"]
    console.print(
        f"[bold]{'+'.join(run['suppliers'])} {run['industry']} ({run['industry_name']})[/]"
        f" exports to {where if isinstance(where, str) else ', '.join(where)} stop"
        f" ({run['stopped_share']:.0%}) for {run['stop_weeks']} weeks;"
        f" {run['horizon_weeks']} weeks simulated on {run['table']}.\n"
        f"ARIO: goods inventories {run['inventory_days_goods']:g} days, substitution"
        f" {run['substitution']} (critical for: {run['critical_for']}). Losses in USD million"
        f" at {run['year']} prices."
    )
    columns = ("region", "industry", "role", "lost (USD m)", "lost share", "min weekly", "week")
    table = Table(title="Industries that lose most output", title_justify="left")
    for column in columns:
        table.add_column(column, justify="left" if column in columns[:3] else "right")
    for row in run["industries"][:top]:
        table.add_row(
            row["region"], f"{row['sector']} {row['sector_name'][:34]}", row["role"],
            f"{row['lost_usd_million']:,.0f}", f"{row['lost_share']:.2%}",
            f"{row['min_output_share']:.1%}", str(row["week_of_min"]),
        )  # fmt: skip
    console.print(table)
    regions = Table(title="Regions (buyers: stopped industries excluded)", title_justify="left")
    for column in ("region", "buyers lost (USD m)", "all lost (USD m)", "share of output"):
        regions.add_column(column, justify="left" if column == "region" else "right")
    for row in run["regions"][:top]:
        regions.add_row(
            row["region"], f"{row['lost_excluding_suppliers_usd_million']:,.0f}",
            f"{row['lost_usd_million']:,.0f}", f"{row['lost_share']:.3%}",
        )  # fmt: skip
    console.print(regions)
    console.print(f"[dim]{run['citation']}[/]")


@supply_app.command("table")
def table_summary(
    region: Annotated[str, typer.Option("--region", help="WIOD region, e.g. CHN.")],
    industry: Annotated[str, typer.Option("--industry", help="WIOD industry, e.g. c12.")],
    top: Annotated[int, typer.Option("--top", min=1, help="Inputs and buyers shown.")] = 10,
    year: Annotated[
        int | None,
        typer.Option("--year", help="WIOD year under TRADEWAR_DATA_DIR/wiod (default latest)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """One industry of WIOD (2011): output, final demand, input coefficients, buyers."""
    summary = _sector_service().summary(region, industry, top, year)
    if as_json:
        print_json(summary.to_dict())
        return
    console.print(
        f"[bold]{summary.region} {summary.sector} {summary.sector_name}[/] in {summary.table}\n"
        f"output {summary.output:,.0f}, value added {summary.value_added:,.0f} USD million;"
        f" output multiplier {summary.output_multiplier:.3f}\n"
        "final demand: " + ", ".join(f"{k} {v:,.0f}" for k, v in summary.final_demand.items())
    )
    inputs = Table(title="Largest technical coefficients a_ij (USD per USD of output)",
                   title_justify="left")  # fmt: skip
    for column in ("region", "sector", "a_ij"):
        inputs.add_column(column)
    for row in summary.inputs:
        inputs.add_row(row["region"], row["sector"], f"{row['coefficient']:.4f}")
    console.print(inputs)
    buyers = Table(title="Largest buyers of its output (USD million)", title_justify="left")
    for column in ("region", "sector", "USD m"):
        buyers.add_column(column)
    for row in summary.buyers:
        buyers.add_row(row["region"], row["sector"], f"{row['usd_million']:,.0f}")
    console.print(buyers)
    console.print(f"[dim]{summary.citation}[/]")


CHART_KINDS = ("output", "availability", "stops")


@supply_app.command("chart")
def chart(
    scenario: ScenarioArg,
    out: Annotated[Path, typer.Option("--out", help="FILE.png, .svg, .html or .json")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="output (a product's output over time), availability (arrivals of an "
            "input by buying country, e.g. --product ndfeb_magnet) or stops (weeks to stop).",
        ),
    ] = "output",
    product: Annotated[str, typer.Option("--product", help="Product to chart.")] = "car",
    draws: DrawsOpt = 200,
    seed: SeedOpt = DEFAULT_SEED,
) -> None:
    """Chart a scenario: output or input availability over time with bands, or weeks to stop."""
    from tradewar.charts.render import check_suffix, render
    from tradewar.supply.charts import availability_spec, output_spec, stops_spec

    check_suffix(out)
    kind = choice(kind, CHART_KINDS, "kind")
    run = _service().run(scenario, draws=draws, seed=seed)
    check_product(product, sorted({node.product for node in run.nodes}))
    result = run.to_dict()
    builders = {"output": output_spec, "availability": availability_spec, "stops": stops_spec}
    path = render(builders[kind](result, product), out)
    console.print(f"wrote {path} (seed {seed}, {draws} draws)")


def register(app: typer.Typer) -> None:
    """Add ``tradewar supply`` to ``app``, and ``tradewar chart supply`` (the same chart)."""
    from tradewar.cli.chart_cmds import chart_app

    app.add_typer(supply_app, name="supply")
    chart_app.command("supply")(chart)
