"""Which dataset files are present, and where the server looks for them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter

from tradewar.datasets import dataset_status
from tradewar.web.deps import CSV_CONTENT, READ_PROBLEMS, FormatParam, State, responses
from tradewar.web.models import DataFileOut
from tradewar.web.tabular import csv_response

router = APIRouter(prefix="/api/v1", responses=READ_PROBLEMS)


@router.get(
    "/data/status",
    response_model=list[DataFileOut],
    responses=responses(CSV_CONTENT),
    tags=["data"],
    summary="Which dataset files are present",
)
def data_status(state: State, format: FormatParam = "json") -> Any:
    """Each dataset file, whether it is present and where it is looked for."""
    files = [
        DataFileOut(
            dataset=s.dataset,
            file=s.file,
            path=_relative_to(s.path, state.settings.data_dir),
            present=s.present,
            description=s.description,
            units=s.units,
        )
        for s in dataset_status(state.settings.data_dir)
    ]
    if format == "csv":
        rows = [file.model_dump() for file in files]
        return csv_response(rows, list(DataFileOut.model_fields), "data-status")
    return files


def _relative_to(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` (the server's own folders stay private)."""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return Path(path).name
