"""Settings, read from ``TRADEWAR_*`` environment variables when (and only when) built.

Build one :class:`Settings` in an entry point (``tradewar.cli.app.main``) and pass it
down; no module reads the environment at import time.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_path, user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "tradewar"


def default_database_url() -> str:
    """A SQLite file in the user's data directory (``platformdirs``)."""
    return f"sqlite:///{user_data_path(APP_NAME) / 'ledger.sqlite'}"


def default_data_dir() -> Path:
    """Where ``tradewar data import`` installs datasets unless told otherwise."""
    return user_data_path(APP_NAME) / "data"


def default_cache_dir() -> Path:
    """Where derived files (the HTS product index) are built (``platformdirs``)."""
    return user_cache_path(APP_NAME)


class Settings(BaseSettings):
    """tradewar's settings; each field is also the environment variable ``TRADEWAR_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="TRADEWAR_", extra="ignore")

    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL of the ledger database (SQLite by default).",
    )
    data_dir: Path = Field(
        default_factory=default_data_dir,
        description="Folder holding the datasets (e.g. ge/ for the trade model).",
    )
    cache_dir: Path = Field(
        default_factory=default_cache_dir,
        description="Folder for derived files rebuilt from the datasets (the HTS product index).",
    )
