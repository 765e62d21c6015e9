from typer.testing import CliRunner

from tradewar.cli.app import app


def test_help_lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
