"""Synthetic tidy scenario tables (the ScenarioRun.tidy() contract) for chart tests."""

from __future__ import annotations

import pandas as pd
import pytest

from tradewar.config import Settings

VARIABLES = {"welfare": "percent change", "real_wage": "percent change",
             "prices": "percent change", "revenue_share": "share of expenditure"}  # fmt: skip

#: Known welfare values (percent) of the synthetic scenario "alpha".
WELFARE = {"USA": 0.8, "CHN": -1.2, "DEU": -0.4, "JPN": -0.3, "MEX": -2.5, "GUY": -18.0,
           "BRA": 0.1}  # fmt: skip
GROUPS = {"USA": 0.8, "CHN": -1.2, "EU": -0.2, "RoW": -0.5, "world": -0.1}


def tidy(scenario: str, shift: float = 0.0) -> pd.DataFrame:
    rows = []
    for table, is_group in ((GROUPS, True), (WELFARE, False)):
        for code, welfare in table.items():
            for variable, unit in VARIABLES.items():
                value = welfare + shift if variable == "welfare" else welfare / 2 + shift
                rows.append({"scenario": scenario, "iso3": code, "is_group": is_group,
                             "variable": variable, "value": value, "unit": unit})  # fmt: skip
    return pd.DataFrame(rows)


@pytest.fixture
def one_scenario() -> pd.DataFrame:
    return tidy("alpha")


@pytest.fixture
def two_scenarios() -> pd.DataFrame:
    return pd.concat([tidy("alpha"), tidy("beta", shift=1.0)], ignore_index=True)


@pytest.fixture
def settings() -> Settings:
    """Settings from the environment (the root conftest gave us a private ledger)."""
    return Settings()
