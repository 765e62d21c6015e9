"""The same bad input, named by each interface its own way: the CLI by its option, the API
by its parameter, the dashboard by its form label; the services by their parameter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.web.test_capability_pages import error_of
from tradewar.cli.app import app as cli
from tradewar.config import Settings
from tradewar.errors import InvalidInput, TradewarError, UnknownCode
from tradewar.scenarios.spec import OthersRule
from tradewar.services.scenarios import ScenarioService
from tradewar.services.strategy import StrategyService

runner = CliRunner()


def said(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'ledger.sqlite'}", data_dir=tmp_path)


def test_too_few_players(client: TestClient) -> None:
    result = runner.invoke(cli, ["war", "--players", "USA"])
    assert result.exit_code == 1
    assert "--players: got ['USA']; expected at least two players." in said(result.output)
    page = client.get("/war", params={"players": "USA", "mode": "war", "run": "1"})
    assert page.status_code == 422
    assert error_of(page.text) == "Players: got ['USA']; expected at least two players."


def test_an_unknown_player(client: TestClient) -> None:
    result = runner.invoke(cli, ["talks", "--players", "USA,Atlantis"])
    assert result.exit_code == 1
    assert said(result.output).startswith("error: --players: Unknown country 'Atlantis'")
    page = client.get("/war", params={"players": "USA,Atlantis"})
    assert page.status_code == 422
    assert error_of(page.text).startswith("Players: Unknown country 'Atlantis'")


def test_an_unknown_comparison_row(client: TestClient) -> None:
    result = runner.invoke(cli, ["scenario", "compare", "prewar", "--countries", "Atlantis"])
    assert result.exit_code == 1
    assert said(result.output).startswith("error: --countries: Unknown country 'Atlantis'")
    response = client.get(
        "/api/v1/scenarios/compare", params={"name": "prewar", "country": "Atlantis"}
    )
    assert (response.status_code, response.json()["field"]) == (422, "country")
    assert response.json()["detail"].startswith("Unknown country 'Atlantis'")


def test_the_services_name_their_own_parameters(settings: Settings) -> None:
    def field_of(error: type[TradewarError], call: object, *args: object) -> str | None:
        with pytest.raises(error) as caught:
            call(*args)  # type: ignore[operator]
        assert not caught.value.reason.startswith("-")  # no CLI option in a service message
        return caught.value.field

    strategy = StrategyService(settings)
    assert field_of(InvalidInput, strategy.players, ["USA"]) == "players"
    assert field_of(InvalidInput, strategy.players, ["USA", "USA"]) == "players"
    assert field_of(UnknownCode, strategy.players, ["USA", "China"]) == "players"
    assert field_of(InvalidInput, strategy.talks, ["USA", "CHN", "EU"]) == "players"
    scenarios = ScenarioService(settings)
    assert field_of(InvalidInput, scenarios.from_ledger, date(2025, 5, 14), "bogus") == "others"
    assert field_of(InvalidInput, scenarios.from_ledger, date(1900, 1, 1)) == "on"
    assert field_of(UnknownCode, scenarios.get, "nope") == "name"
    assert field_of(UnknownCode, scenarios.compare, ["prewar"], ["Japan"]) == "countries"
    assert field_of(InvalidInput, scenarios.compare, []) == "names"
    assert field_of(UnknownCode, scenarios.run, "my.yaml") == "scenario"  # files: interfaces
    made = scenarios.from_ledger(date(2025, 5, 14), OthersRule.zero)
    assert (made.on, made.others) == (date(2025, 5, 14), OthersRule.zero)


def test_the_cli_reads_a_scenario_file_and_names_its_argument(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = runner.invoke(cli, ["scenario", "show", str(missing)])
    assert result.exit_code == 1
    assert f"NAME: {missing}: no such scenario file." in said(result.output)
    result = runner.invoke(cli, ["war", "--base", str(missing)])
    assert f"--base: {missing}: no such scenario file." in said(result.output)


def test_an_unknown_exposure_country(client: TestClient) -> None:
    result = runner.invoke(cli, ["supply", "exposure", "--country", "Atlantis"])
    assert result.exit_code == 1
    assert said(result.output).startswith("error: --country: Unknown country 'Atlantis'")
    page = client.get("/supply", params={"country": "Atlantis"})
    assert page.status_code == 422
    assert error_of(page.text).startswith("Exposure of: Unknown country 'Atlantis'")


def test_a_failed_background_run_names_the_field_by_the_form_label() -> None:
    from tradewar.web.form_errors import job_error
    from tradewar.web.jobs import Job

    failed = Job("j1", "war", {}, status="failed", error="base: unknown scenario 'x'.")
    failed.error_field, failed.error_reason = "base", "unknown scenario 'x'."
    assert job_error(failed, {"base": "Base scenario"}) == "Base scenario: unknown scenario 'x'."
    crashed = Job("j2", "war", {}, status="failed", error="the run failed: KeyError: 'x'")
    assert job_error(crashed, {}) == "the run failed: KeyError: 'x'"
