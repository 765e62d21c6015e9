"""The ``tradewar`` console script.

Each command module exposes ``register(app)``; this module only assembles them, and lazily:
a command's module (and the libraries it needs: pandas, scipy, spaCy, numba ...) is imported
only when that command runs, so ``tradewar --help`` and a ledger query start at once.  The
table :data:`COMMANDS` names each top-level command's module and its one-line help, which is
what ``--help`` lists; ``tests/test_cli_app.py`` checks that it matches the modules.

Errors of tradewar's own become one clean line on stderr and exit code 1 (no traceback, no
locals), whether the app runs as a console script or under ``typer.testing.CliRunner``.
"""

from __future__ import annotations

import importlib
from difflib import get_close_matches
from typing import Any, NamedTuple

import typer
import typer.core
import typer.main
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from tradewar.errors import TradewarError

# Recent typer releases carry their own copy of click (``typer._click``); older ones use click.
_click: Any = getattr(typer.core, "_click", None) or importlib.import_module("click")


class CommandEntry(NamedTuple):
    """Where a top-level command lives and what ``--help`` says of it."""

    module: str
    short_help: str


COMMANDS: dict[str, CommandEntry] = {
    "state": CommandEntry(
        "ledger_cmds",
        "Everything in force between two countries on a date, both directions, suspensions "
        "applied.",
    ),
    "tariff": CommandEntry(
        "ledger_cmds", "The stack of additional duties on one shipment, each layer with its source."
    ),
    "diff": CommandEntry(
        "ledger_cmds", "What started, ended, was suspended or announced between two dates."
    ),
    "timeline": CommandEntry(
        "ledger_cmds",
        "The additional duty at each change point (the numbers behind the timeline chart).",
    ),
    "brief": CommandEntry(
        "ledger_cmds",
        "US–China: the measures in force today and what changed in 2025, with sources.",
    ),
    "measures": CommandEntry("ledger_cmds", "List, show, add and correct measures."),
    "tokens": CommandEntry("ledger_cmds", "Bearer tokens for writes through the API."),
    "hs": CommandEntry(
        "hs_cmds", "Find products by name and see the US tariff lines under a code."
    ),
    "data": CommandEntry("data_cmds", "List and install the datasets the model reads."),
    "simulate": CommandEntry(
        "model_cmds", "Solve a tariff scenario on the 194-country model; changes in percent."
    ),
    "replicate": CommandEntry(
        "model_cmds", "Regenerate the paper's tables from the data (values in percent)."
    ),
    "scenario": CommandEntry(
        "scenario_cmds",
        "Scenarios: the record on a date (or explicit rates) run through the model.",
    ),
    "db": CommandEntry("db_cmds", "The ledger database: backup, restore, audit log."),
    "sweep": CommandEntry(
        "sweep_cmds",
        "Monte Carlo sweeps: draw parameters and tariffs, solve each draw, report bands.",
    ),
    "supply": CommandEntry(
        "supply_cmds",
        "Chokepoints: export controls propagated through supply chains over time.",
    ),
    "serve": CommandEntry(
        "web_cmds",
        "Serve the dashboard and the API (/api/v1, OpenAPI at /openapi.json) until stopped.",
    ),
    "chart": CommandEntry(
        "chart_cmds",
        "Charts (Vega-Lite, rendered offline by vl-convert): timeline, welfare, compare.",
    ),
    "news": CommandEntry(
        "news_cmds", "Read trade-war news: events with evidence, proposals for the ledger."
    ),
    "review": CommandEntry(
        "news_cmds", "Review proposals drafted from news: list, show, accept, reject."
    ),
    "war": CommandEntry(
        "strategy_cmds",
        "Where a tariff war ends: Nash tariffs by iterated best responses (Ossa 2014).",
    ),
    "talks": CommandEntry(
        "strategy_cmds",
        "Which deals beat the war for both: frontier, Nash bargaining solution, episodes.",
    ),
    "optimal-retaliation": CommandEntry(
        "strategy_cmds",
        "IMLS Table 2 (3)-(4): closed-form optimal retaliation next to the numerical optimum.",
    ),
}


def module_commands(module_name: str) -> dict[str, Any]:
    """Import one command module and return the click commands it registers, by name."""
    module = importlib.import_module(f"tradewar.cli.{module_name}")
    holder = typer.Typer()
    module.register(holder)
    return dict(typer.main.get_group(holder).commands)


class TradewarGroup(TyperGroup):
    """The root command group: loads command modules on demand and turns
    :class:`TradewarError` into a one-line CLI error."""

    _listing_help = False

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        if self._listing_help:
            # --help lists commands by their one-line help without importing their modules.
            return TyperCommand(cmd_name, short_help=entry.short_help, help=entry.short_help)
        if cmd_name not in self.commands:
            self.commands.update(module_commands(entry.module))
        return self.commands.get(cmd_name)

    def load_all(self) -> dict[str, Any]:
        """Every command, loaded (for documentation checks and shell completion)."""
        for entry in dict.fromkeys(e.module for e in COMMANDS.values()):
            self.commands.update(module_commands(entry))
        return dict(self.commands)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing_help = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing_help = False

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except _click.exceptions.UsageError as err:
            matches = get_close_matches(args[0], list(COMMANDS)) if args else []
            if matches and "Did you mean" not in err.message:
                err.message = f"{err.message.rstrip('.')}. Did you mean {matches[0]!r}?"
            raise

    def invoke(self, ctx: Any) -> Any:
        # The group consumes its arguments as it invokes: keep them to name the command.
        protected = getattr(ctx, "_protected_args", None)  # click >= 8.2; 8.1: protected_args
        tokens = [*(ctx.protected_args if protected is None else protected), *ctx.args]
        from tradewar.cli.context import invocation_services

        try:
            with invocation_services():  # one services container per invocation
                return super().invoke(ctx)
        except TradewarError as err:
            from tradewar.cli.context import console_err

            label = option_label(self.invoked_command(ctx, tokens), err.field)
            console_err.print(f"[bold red]error:[/] {escape(err.named(label))}", soft_wrap=True)
            raise typer.Exit(code=1) from err

    def invoked_command(self, ctx: Any, tokens: list[str]) -> Any:
        """The (sub)command that ``tokens`` (the group's arguments) invoked."""
        command: Any = self
        for token in tokens:
            if not hasattr(command, "get_command"):
                break
            found = command.get_command(ctx, token) if not token.startswith("-") else None
            if found is not None:
                command = found
        return command


def option_label(command: Any, field: str | None) -> str | None:
    """How the CLI names a service field: the option (or argument) of ``command`` whose
    parameter is called ``field`` (``start`` is ``--from``), else ``--field-name``."""
    if field is None or field.startswith("-"):
        return field
    for param in getattr(command, "params", []):
        if param.name == field:
            long_opts = [opt for opt in param.opts if opt.startswith("--")]
            if long_opts:
                return str(long_opts[0])
            # An argument: its metavar (click's human_readable_name; typer's own arguments
            # may lack that property).
            readable = getattr(param, "human_readable_name", None)
            return str(readable or getattr(param, "metavar", None) or param.name.upper())
    return "--" + field.replace("_", "-")


app = typer.Typer(
    name="tradewar",
    cls=TradewarGroup,
    help="Trade wars, measured: the measures ledger, the trade model, and what they imply.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Trade wars, measured: the measures ledger, the trade model, and what they imply."""


def main() -> None:
    """Console-script entry point."""
    app()
