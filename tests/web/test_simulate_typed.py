"""The model service takes typed tariffs: the CLI reads its CSV, the API its body, no temp files."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.model.test_cli import unwrapped, write_tiny_ge
from tests.web.conftest import make_settings
from tradewar.cli.app import app as cli
from tradewar.services.model import BilateralTariff, ModelService, SimulationRequest
from tradewar.web.app import create_app

runner = CliRunner()

WAR_CSV = "importer,exporter,rate\nUSA,China,1.45\nCHN,USA,125%\n"
WAR_BODY = {
    "tariffs": [
        {"importer": "USA", "exporter": "China", "rate": 1.45},
        {"importer": "CHN", "exporter": "USA", "rate": 1.25},
    ]
}


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A three-country world (CHN, DEU, USA) for the CLI (and the app built on it)."""
    write_tiny_ge(tmp_path / "data" / "ge")
    monkeypatch.setenv("TRADEWAR_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


@pytest.fixture
def tiny_client(tiny: Path) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(tiny, tiny / "data"))) as client:
        yield client


def test_the_api_hands_the_service_typed_tariffs_and_writes_no_file(
    tiny: Path, tiny_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[SimulationRequest] = []
    real = ModelService.simulate

    def spy(self: ModelService, request: SimulationRequest) -> Any:
        seen.append(request)
        return real(self, request)

    def no_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("the simulation wrote a temporary file")

    monkeypatch.setattr(ModelService, "simulate", spy)
    for name in ("TemporaryDirectory", "NamedTemporaryFile", "mkstemp", "mkdtemp"):
        monkeypatch.setattr(tempfile, name, no_files)
    response = tiny_client.post("/api/v1/model/simulate", json=WAR_BODY)
    assert response.status_code == 200, response.text
    assert list(seen[0].tariffs) == [
        BilateralTariff("USA", "CHN", 1.45),
        BilateralTariff("CHN", "USA", 1.25),
    ]


def test_the_api_and_the_cli_give_the_same_result_for_the_same_tariffs(
    tiny: Path, tiny_client: TestClient
) -> None:
    war = tiny / "war.csv"
    war.write_text(WAR_CSV)
    result = runner.invoke(cli, ["simulate", "--tariffs", str(war), "--json"])
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.stdout)
    from_api = tiny_client.post("/api/v1/model/simulate", json=WAR_BODY).json()
    assert from_api["scenario"] == from_cli["scenario"]
    assert from_api["scenario"]["tariffs"][0] == {
        "importer": "USA",
        "exporter": "CHN",
        "rate": 1.45,
    }
    assert from_api["countries"] == from_cli["countries"]  # the same solve, to the bit
    assert from_api["groups"] == from_cli["groups"]


def test_a_country_outside_the_model_is_named_by_each_interface(
    tiny: Path, tiny_client: TestClient
) -> None:
    # Japan is a country, but not one of the tiny world's three: the service says so.
    result = runner.invoke(cli, ["simulate", "--us-tariff", "JPN=10%"])
    assert result.exit_code == 1
    assert "--us-tariff: JPN is not one of the model's 3 countries" in unwrapped(result.output)
    response = tiny_client.post("/api/v1/model/simulate", json={"us_tariffs": {"JPN": 0.1}})
    assert response.status_code == 422
    assert response.json()["field"] == "us_tariffs"
    assert response.json()["detail"].startswith("us_tariffs: JPN is not one of")


def test_a_bad_tariff_row_is_named_by_file_and_line_in_the_cli_and_by_index_in_the_api(
    tiny: Path, tiny_client: TestClient
) -> None:
    war = tiny / "war.csv"
    war.write_text("importer,exporter,rate\nUSA,CHN,0.1\nUSA,JPN,0.2\n")
    result = runner.invoke(cli, ["simulate", "--tariffs", str(war)])
    assert result.exit_code == 1
    assert f"--tariffs: {war} line 3, field exporter: JPN is not one of" in unwrapped(result.output)
    body = {"tariffs": [{"importer": "USA", "exporter": "CHN", "rate": 0.1},
                        {"importer": "USA", "exporter": "JPN", "rate": 0.2}]}  # fmt: skip
    response = tiny_client.post("/api/v1/model/simulate", json=body)
    assert (response.status_code, response.json()["field"]) == (422, "tariffs.1.exporter")
    same = tiny / "same.csv"
    same.write_text("importer,exporter,rate\nUSA,United States,0.1\n")
    result = runner.invoke(cli, ["simulate", "--tariffs", str(same)])
    assert f"--tariffs: {same} line 2: importer and exporter are both USA" in unwrapped(
        result.output
    )


def test_the_service_checks_typed_rates_with_their_field(tiny: Path) -> None:
    from tradewar.cli.context import settings_from_env
    from tradewar.errors import InvalidInput, UnknownCode

    service = ModelService(settings_from_env())
    bad = SimulationRequest(tariffs=[BilateralTariff("USA", "CHN", float("nan"))])
    with pytest.raises(InvalidInput) as caught:
        service.build_policy(bad)
    assert caught.value.field == "tariffs.0.rate"
    with pytest.raises(UnknownCode) as named:
        service.build_policy(SimulationRequest(tariffs=[BilateralTariff("USA", "China", 0.1)]))
    assert named.value.field == "tariffs.0.exporter"
    assert "Did you mean 'CHN'?" in str(named.value)


def test_the_documented_service_example_runs(tiny: Path) -> None:
    import re

    chapter = (Path(__file__).resolve().parents[2] / "docs" / "model.md").read_text()
    blocks = [b for b in re.findall(r"```python\n(.*?)```", chapter, re.S) if "ModelService" in b]
    assert len(blocks) == 1
    namespace: dict[str, object] = {}
    exec(compile(blocks[0], "docs/model.md", "exec"), namespace)
    groups = namespace["result"].groups  # type: ignore[attr-defined]
    assert set(groups["group"]) >= {"USA", "CHN"}


def test_a_bad_rate_is_named_by_line_and_column_in_the_cli_and_by_index_in_the_api(
    tiny: Path, tiny_client: TestClient
) -> None:
    war = tiny / "war.csv"
    war.write_text("importer,exporter,rate\nUSA,CHN,0.1\nUSA,DEU,-5%\n")
    result = runner.invoke(cli, ["simulate", "--tariffs", str(war)])
    assert result.exit_code == 1
    assert f"--tariffs: {war} line 3, field rate is '-5%'; expected a rate >= 0." in unwrapped(
        result.output
    )
    body = {"tariffs": [{"importer": "USA", "exporter": "CHN", "rate": 0.1},
                        {"importer": "USA", "exporter": "DEU", "rate": -0.05}]}  # fmt: skip
    response = tiny_client.post("/api/v1/model/simulate", json=body)
    assert (response.status_code, response.json()["field"]) == (422, "tariffs.1.rate")
