"""Fixtures of the sweep tests: the toy world (fast) and the full data (skipped loudly)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tradewar.config import Settings
from tradewar.model.policy import RevenueTreatment
from tradewar.model.toy import toy_world
from tradewar.sweeps.spec import SweepSpec, parse_variations
from tradewar.sweeps.worker import SweepContext, build_context

TOY_VARY = ("epsilon=2:8", "kappa=normal(0.5,0.2)", "psi=0.1:0.3", "USA<-CHN=0.1:1.2")


def toy_context(
    vary: tuple[str, ...] = TOY_VARY, countries: tuple[str, ...] = ("DEU",)
) -> SweepContext:
    """The toy world with a 54% US tariff on China and China's reply of 34%."""
    world = toy_world()
    tariffs = np.zeros((3, 3))
    tariffs[world.index("CHN"), world.index("USA")] = 0.54
    tariffs[world.index("USA"), world.index("CHN")] = 0.34
    return build_context(
        "toy", world, tariffs, RevenueTreatment.income_tax_relief, parse_variations(vary), countries
    )


def toy_spec(draws: int = 12, seed: int = 20250402, vary: tuple[str, ...] = TOY_VARY) -> SweepSpec:
    return SweepSpec(parse_variations(vary), draws, seed)


@pytest.fixture(scope="session")
def sweep_settings(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    db = tmp_path_factory.mktemp("sweep-ledger") / "ledger.sqlite"
    return Settings(data_dir=data_dir, database_url=f"sqlite:///{db}")


@pytest.fixture(scope="session")
def sweep_service(sweep_settings: Settings):  # type: ignore[no-untyped-def]
    from tradewar.services.sweeps import SweepService

    return SweepService(sweep_settings)
