"""The ``tradewar`` console script.

Each command module exposes ``register(app)``; this module only assembles them.  Errors
of tradewar's own become one clean line on stderr and exit code 1 (no traceback, no
locals), whether the app runs as a console script or under ``typer.testing.CliRunner``.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from tradewar.cli import (
    chart_cmds,
    data_cmds,
    db_cmds,
    hs_cmds,
    ledger_cmds,
    model_cmds,
    news_cmds,
    scenario_cmds,
    strategy_cmds,
    supply_cmds,
    sweep_cmds,
    web_cmds,
)
from tradewar.cli.context import console_err
from tradewar.errors import TradewarError


class TradewarGroup(TyperGroup):
    """The root command group: turns :class:`TradewarError` into a one-line CLI error."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TradewarError as err:
            console_err.print(f"[bold red]error:[/] {escape(str(err))}", soft_wrap=True)
            raise typer.Exit(code=1) from err


app = typer.Typer(
    name="tradewar",
    cls=TradewarGroup,
    help="Trade wars, measured: the measures ledger, the trade model, and what they imply.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)

for module in (
    ledger_cmds,
    data_cmds,
    model_cmds,
    scenario_cmds,
    db_cmds,
    sweep_cmds,
    supply_cmds,
    web_cmds,
    chart_cmds,
    news_cmds,
    strategy_cmds,
    hs_cmds,
):
    module.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
