from __future__ import annotations

import os
from pathlib import Path

import pytest

from tradewar.config import Settings
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.schema import Measure


@pytest.fixture(scope="session")
def measures() -> list[Measure]:
    return list(load_measure_file(bundled_measures_path()).measures)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The full datasets, or a loud skip naming the variable and the path."""
    value = os.environ.get("TRADEWAR_DATA_DIR")
    path = Path(value) if value else None
    if path is None or not (path / "ge" / "trade_cepii.csv").is_file():
        pytest.skip(
            f"needs the GE data: TRADEWAR_DATA_DIR={value!r} has no ge/trade_cepii.csv "
            "(make test points it at ../shared/data)"
        )
    return path


@pytest.fixture(scope="session")
def scenario_service(data_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from tradewar.services.scenarios import ScenarioService

    db = tmp_path_factory.mktemp("scenario-ledger") / "ledger.sqlite"
    return ScenarioService(Settings(data_dir=data_dir, database_url=f"sqlite:///{db}"))
