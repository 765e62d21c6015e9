"""The data service: what ``tradewar data status`` and ``tradewar data import`` call."""

from __future__ import annotations

from pathlib import Path

from tradewar.config import Settings
from tradewar.datasets import FileStatus, dataset_status, import_ge_folder


class DataService:
    """Reports and installs the datasets under ``settings.data_dir``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def data_dir(self) -> Path:
        """The data directory (``TRADEWAR_DATA_DIR``)."""
        return Path(self.settings.data_dir)

    def status(self) -> list[FileStatus]:
        """Every known dataset file, whether it is present and where it is looked for."""
        return dataset_status(self.data_dir)

    def import_folder(self, source: Path) -> list[Path]:
        """Check the GE files in ``source`` and install them into the data directory.

        Raises
        ------
        tradewar.errors.DataUnavailable
            If ``source`` is not a folder or a file is missing.
        tradewar.errors.InvalidData
            If a file fails a check (shape, header, units, NaN rule).
        """
        return import_ge_folder(source, self.data_dir)
