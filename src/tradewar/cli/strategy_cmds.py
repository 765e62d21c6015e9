"""``tradewar war``, ``tradewar talks`` and ``tradewar chart deals`` (issue 6, Ossa 2014).

``--players USA CHN`` takes several codes after one flag (or ``--players USA --players
CHN``, or ``--players USA,CHN``); ``EU`` is the 25-member coalition of the paper's tables.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tradewar.charts.render import check_suffix
from tradewar.cli.context import (
    JsonFlag,
    console,
    console_err,
    print_json,
    services,
    working_steps,
)
from tradewar.cli.scenario_args import scenario_arg
from tradewar.codes.rates import players as parse_players
from tradewar.services.strategy import (
    DEFAULT_BASE,
    StrategyService,
    WarRequest,
    retaliation_payload,
    talks_payload,
    war_payload,
)
from tradewar.strategy.nash import WarScope


class WarModel(StrEnum):
    """The model a war is fought on."""

    one_sector = "one-sector"
    sectors = "sectors"


#: Lets ``--players USA CHN`` give the second code as an extra argument.
MANY_PLAYERS = {"allow_extra_args": True, "ignore_unknown_options": False}

PlayersOption = Annotated[
    list[str] | None,
    typer.Option(
        "--players",
        help="Players: ISO3 codes or EU (e.g. --players USA CHN). Default: USA CHN.",
    ),
]
BaseOption = Annotated[
    str,
    typer.Option(
        "--base", help="Scenario whose tariffs everyone else keeps (tradewar scenario list)."
    ),
]


def _players(ctx: typer.Context, players: list[str] | None) -> tuple[str, ...]:
    """The players as ISO3 codes or EU: after ``--players``, repeated or comma-separated."""
    given = [*(players or []), *ctx.args]
    codes = [code.strip() for item in given for code in item.split(",") if code.strip()]
    return parse_players(codes, "players") if codes else ("USA", "CHN")


def _service() -> StrategyService:
    return services().strategy


def war(
    ctx: typer.Context,
    players: PlayersOption = None,
    base: BaseOption = DEFAULT_BASE,
    uniform: Annotated[
        bool, typer.Option("--uniform", help="One rate per player on all its partners.")
    ] = False,
    discriminatory: Annotated[
        bool, typer.Option("--discriminatory", help="One rate per player per partner country.")
    ] = False,
    model: Annotated[
        WarModel,
        typer.Option(
            "--model",
            help="one-sector (194 countries) or sectors (LL2023, 44 regions x 16 industries).",
        ),
    ] = WarModel.one_sector,
    as_json: JsonFlag = False,
) -> None:
    """Where a tariff war ends: Nash tariffs by iterated best responses (Ossa 2014).

    By default each player sets one tariff on each other player; every other tariff stays
    at the base scenario's values.  With ``--model sectors`` each player sets one tariff
    per industry (16) on each other player, on the LL2023 data (2014 applied tariffs).
    """
    if model is WarModel.sectors:
        if uniform or discriminatory or base != DEFAULT_BASE:
            raise typer.BadParameter(
                "--uniform, --discriminatory and --base apply to the one-sector model; the"
                " sectoral war sets one rate per industry on each other player, with every"
                " other tariff at its 2014 applied value",
                param_hint="--model sectors",
            )
        _sectoral_war(_players(ctx, players), as_json)
        return
    if uniform and discriminatory:
        raise typer.BadParameter("choose one of --uniform and --discriminatory, not both")
    scope = (
        WarScope.uniform
        if uniform
        else WarScope.discriminatory
        if discriminatory
        else WarScope.bilateral
    )
    with working_steps("Iterating best responses") as progress:
        request = WarRequest(_players(ctx, players), scenario_arg(base, "base"), scope)
        result = _service().war(request, progress)
    payload = war_payload(result, base)
    if as_json:
        print_json(payload)
        return
    _print_war(payload)


def _sectoral_war(codes: tuple[str, ...], as_json: bool) -> None:
    with working_steps("Iterating sectoral best responses") as progress:
        payload = services().sectors.war(codes, progress)
    if as_json:
        print_json(payload)
        return
    industries = list(next(iter(next(iter(payload["nash_tariffs_pct"].values())).values())))
    table = Table(title="Sectoral Nash tariff war (LL2023 data, restricted entry), percent")
    table.add_column("industry")
    pairs = [(code, pair) for code, rates in payload["nash_tariffs_pct"].items() for pair in rates]
    for _, pair in pairs:
        table.add_column(pair, justify="right")
    for industry in industries:
        cells = [f"{payload['nash_tariffs_pct'][code][pair][industry]:.1f}" for code, pair in pairs]
        table.add_row(industry, *cells)
    console.print(table)
    for code in payload["players"]:
        means = ", ".join(
            f"on {other} {rate:.1f}%"
            for other, rate in payload["import_weighted_mean_pct"][code].items()
        )
        console.print(
            f"{code}: import-weighted mean tariff {means}; welfare"
            f" {payload['welfare_pct'][code]:+.3f}% (Table 4 post-retaliation"
            f" {payload['table4_post_retaliation_pct'][code]:+.2f}%)"
        )
    console.print(
        f"[dim]Converged in {payload['convergence']['rounds']} rounds of best responses.[/]"
    )
    for note in payload["notes"]:
        console_err.print(f"note: {note}")


#: Rates listed one by one for a player with at most this many levers; more are summarised.
LISTED_RATES = 6


def _rates_cell(
    name: str, rates: dict[str, float], summary: dict[str, Any], others: list[str]
) -> str:
    """A player's Nash rates: all of them, or those on the other players and a summary."""
    if len(rates) <= LISTED_RATES:
        return ", ".join(f"{label} {rate:.2f}%" for label, rate in rates.items())
    on_players = [f"{name} on {o} {rates[f'{name} on {o}']:.2f}%" for o in others
                  if f"{name} on {o}" in rates]  # fmt: skip
    if "import_weighted_mean_pct" not in summary:
        return ", ".join(on_players) or f"{len(rates)} rates (--json)"
    brief = (
        f"import-weighted mean {summary['import_weighted_mean_pct']:.2f}%, median"
        f" {summary['median_pct']:.2f}%, range {summary['min_pct']:.2f}–{summary['max_pct']:.2f}%"
        f" ({summary['partners_traded']} partners with trade; all rates: --json)"
    )
    return "; ".join([*on_players, brief])


def _print_war(payload: dict[str, Any]) -> None:
    table = Table(title=f"Nash tariff war ({payload['scope']}), base '{payload['base']}'")
    table.add_column("player")
    table.add_column("Nash tariffs")
    table.add_column("welfare", justify="right")
    names = list(payload["nash_tariffs_pct"])
    for name, rates in payload["nash_tariffs_pct"].items():
        others = [o for o in names if o != name]
        cell = _rates_cell(name, rates, payload["tariff_summary"][name], others)
        table.add_row(name, cell, f"{payload['welfare_pct'][name]:+.3f}%")
    console.print(table)
    _print_convergence(payload["convergence"], names)
    _print_groups(payload["groups"])


def _print_convergence(convergence: dict[str, Any], names: list[str]) -> None:
    """Every best response: who moved, its largest rate change, everyone's welfare after."""
    table = Table(title="Convergence: iterated best responses (Gauss–Seidel)")
    for column in ("round", "moved", "largest change", *(f"{n} welfare" for n in names)):
        table.add_column(column, justify="left" if column == "moved" else "right")
    for step in convergence["steps"]:
        table.add_row(
            str(step["round"]), step["player"], f"{step['change_pct']:.3g} pp",
            *(f"{step['welfare_pct'][n]:+.4f}%" for n in names),
        )  # fmt: skip
    console.print(table)
    console.print(
        f"[dim]Converged in {convergence['rounds']} rounds"
        f" ({convergence['equilibrium_solves']} equilibrium solves): no rate moved by more"
        f" than {convergence['max_change_pct']:.1e} pp in the last round.[/]"
    )


def _print_groups(rows: list[dict[str, Any]]) -> None:
    table = Table(title="Outcomes (percent change from the factual world)")
    for column in ("group", "welfare", "employment", "prices"):
        table.add_column(column, justify="left" if column == "group" else "right")
    for row in rows:
        table.add_row(
            row["group"],
            f"{row['welfare_pct']:+.3f}%",
            f"{row['employment_pct']:+.3f}%",
            f"{row['prices_pct']:+.3f}%",
        )
    console.print(table)


def talks(
    ctx: typer.Context,
    players: PlayersOption = None,
    base: BaseOption = DEFAULT_BASE,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart", "--out", help="Also write the deal chart (.png, .svg, .html, .json)."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Which deals beat the war for both: frontier, Nash bargaining solution, episodes."""
    codes = _players(ctx, players)
    if chart is not None:
        check_suffix(chart)  # fail before the solves, not after them
    with working_steps("War, frontier and bargaining") as progress:
        result = _service().talks(codes, scenario_arg(base, "base"), progress)
    payload = talks_payload(result, base)
    if chart is not None:
        _write_chart(payload, chart)
    if as_json:
        print_json(payload)
        return
    _print_talks(payload)


def _print_talks(payload: dict[str, Any]) -> None:
    a, b = payload["players"]["a"], payload["players"]["b"]
    table = Table(title=f"{a}–{b} talks, base '{payload['base']}'")
    for column in ("point", f"{a} on {b}", f"{b} on {a}", f"{a} welfare", f"{b} welfare"):
        table.add_column(column, justify="left" if column == "point" else "right")
    rows = [payload["threat"], payload["bargaining"], *payload["frontier"], *payload["episodes"]]
    for row in rows:
        table.add_row(
            row["label"],
            f"{row['tariff_a_on_b_pct']:.2f}%",
            f"{row['tariff_b_on_a_pct']:.2f}%",
            f"{row['welfare_a_pct']:+.3f}%",
            f"{row['welfare_b_pct']:+.3f}%",
        )
    console.print(table)
    for note in payload["notes"]:
        console.print(f"[dim]{note}[/]")


def _write_chart(payload: dict[str, Any], out: Path) -> None:
    from tradewar.charts.render import render
    from tradewar.strategy.charts import deals_spec

    path = render(deals_spec(payload), out)
    console_err.print(f"wrote {path} ({path.stat().st_size:,} bytes)")


def deals(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="File to write (.png, .svg, .html, .json).")
    ],
    players: PlayersOption = None,
    base: BaseOption = DEFAULT_BASE,
) -> None:
    """The welfare plane of two players: frontier, war, bargaining solution, episodes."""
    check_suffix(out)
    with working_steps("War, frontier and bargaining") as progress:
        result = _service().talks(_players(ctx, players), scenario_arg(base, "base"), progress)
    _write_chart(talks_payload(result, base), out)


def optimal_retaliation(as_json: JsonFlag = False) -> None:
    """IMLS Table 2 (3)-(4): closed-form optimal retaliation next to the numerical optimum."""
    with working_steps("Optimal retaliation and the uniform war") as progress:
        rows = retaliation_payload(_service().optimal_retaliation(progress))
    if as_json:
        print_json(rows)
        return
    table = Table(title="Optimal retaliation: closed form (paper) vs numerical optimum")
    table.add_column("case", no_wrap=True)
    for column in ("US tariff", "retaliation", "USA", "CHN", "EU", "non-US"):
        table.add_column(column, justify="right")
    for row in rows:
        us = "USTR" if row["us_tariff_pct"] is None else f"{row['us_tariff_pct']:.2f}%"
        welfare = row["welfare_pct"]
        table.add_row(
            row["case"], us, f"{row['retaliation_pct']:.2f}%",
            *(f"{welfare[g]:+.3f}%" for g in ("USA", "CHN", "EU", "non-US")),
        )  # fmt: skip
    console.print(table)
    for note in RETALIATION_NOTES:
        console.print(f"[dim]{note}[/]")


#: How to read the optimal-retaliation table (ge-model §6; README "War and talks").
RETALIATION_NOTES = (
    "Closed form: t^R = 1/((1 + δ₂ε)φ − 1), Proposition 2 on a two-region (non-US, US)"
    " aggregate at factual shares, as the paper's code computes it (ge-model §6).",
    "Numerical: the one common rate on US goods that maximises the non-US coalition's"
    " expenditure-weighted welfare in the solved model (adjoint gradients).",
    "Welfare: percent change from the factual world; non-US and EU (25) weighted by"
    " expenditure, as in the paper's Table 2.",
)


def register(app: typer.Typer) -> None:
    """Add ``war``, ``talks`` and ``optimal-retaliation``; ``chart deals`` if ``chart`` exists."""
    app.command("war", context_settings=MANY_PLAYERS)(war)
    app.command("talks", context_settings=MANY_PLAYERS)(talks)
    app.command("optimal-retaliation")(optimal_retaliation)
    try:
        from tradewar.cli.chart_cmds import chart_app
    except ImportError:  # the chart commands are optional; talks --chart still works
        return
    chart_app.command("deals", context_settings=MANY_PLAYERS)(deals)
