from __future__ import annotations

from pathlib import Path

import pytest

from tradewar.config import Settings
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.schema import Measure


@pytest.fixture(scope="session")
def measures() -> list[Measure]:
    return list(load_measure_file(bundled_measures_path()).measures)


@pytest.fixture(scope="session")
def scenario_service(data_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from tradewar.services.scenarios import ScenarioService

    db = tmp_path_factory.mktemp("scenario-ledger") / "ledger.sqlite"
    return ScenarioService(Settings(data_dir=data_dir, database_url=f"sqlite:///{db}"))
