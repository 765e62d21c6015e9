"""Named supply scenarios (``data/scenarios.yaml``) and their Monte Carlo draws.

A scenario names a chain, a start date and horizon in weeks, a rationing rule, dated
export restrictions with licensed shares, ranges for the uncertain parameters, and what was
reported at the time (for comparison).  :func:`draw_inputs` turns the ranges into per-draw
arrays with ``numpy.random.default_rng(seed)``:

* inventory cover of each slot scaled by ``U(cover_scale)``;
* every restricted licensed share (below 1) scaled by one ``U(approval_scale)`` per draw,
  capped at 1;
* qualification lags of alternative suppliers scaled by ``U(qualification_scale)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib.resources import files
from pathlib import Path

import numpy as np
import yaml
from pydantic import (
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from tradewar.errors import DataUnavailable, InvalidData, InvalidInput
from tradewar.supply.dynamics import DrawParameters, Rationing
from tradewar.supply.network import ChainArrays, Figure, SourceRef, clean_region
from tradewar.supply.policy import ApprovalStep, EdgeRestriction
from tradewar.types import FloatArray, StrictModel


class ApprovalSpec(StrictModel):
    """One dated licensed share."""

    start: date
    share: Figure
    destinations: list[str] = Field(default_factory=list)

    @field_validator("destinations")
    @classmethod
    def _regions(cls, value: list[str]) -> list[str]:
        return [clean_region(v) for v in value]


class RestrictionSpec(StrictModel):
    """One export restriction of a scenario."""

    exporter: str
    products: list[str] = Field(min_length=1)
    start: date
    end: date | None = None
    destinations: list[str] = Field(default_factory=list)
    measure_id: str | None = None
    approval: list[ApprovalSpec] = Field(min_length=1)

    def to_restriction(self) -> EdgeRestriction:
        """The pure policy object."""
        return EdgeRestriction(
            exporter=clean_region(self.exporter),
            products=tuple(self.products),
            start=self.start,
            end=self.end,
            destinations=tuple(clean_region(d) for d in self.destinations),
            approval=tuple(
                ApprovalStep(a.start, a.share.value, tuple(a.destinations), a.share.note or "")
                for a in self.approval
            ),
            measure_id=self.measure_id,
        )


class Uncertainty(StrictModel):
    """Uniform ranges of the multipliers drawn per Monte Carlo draw."""

    cover_scale: tuple[float, float] = (1.0, 1.0)
    approval_scale: tuple[float, float] = (1.0, 1.0)
    qualification_scale: tuple[float, float] = (1.0, 1.0)


class Reported(StrictModel):
    """A stoppage reported at the time."""

    country: str
    product: str
    reported_on: date
    what: str
    source: str


class ScenarioSpec(StrictModel):
    """One named scenario."""

    chain: str
    title: str
    start: date
    weeks: int = Field(ge=1, le=520)
    rationing: Rationing = "proportional"
    restrictions: list[RestrictionSpec] = Field(default_factory=list)
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)
    reported: list[Reported] = Field(default_factory=list)


class ScenarioFile(StrictModel):
    """The scenarios file: every cited source key must be one of ``sources``."""

    sources: dict[str, SourceRef]
    scenarios: dict[str, ScenarioSpec]

    @model_validator(mode="after")
    def _sources_exist(self) -> ScenarioFile:
        for name, scenario in self.scenarios.items():
            cited = {
                step.share.source
                for restriction in scenario.restrictions
                for step in restriction.approval
                if step.share.source
            } | {item.source for item in scenario.reported}
            missing = sorted(cited - set(self.sources))
            if missing:
                raise ValueError(
                    f"scenario {name!r} cites unknown source keys {missing}; add them to 'sources'"
                )
        return self


def scenarios_path() -> Path:
    """The bundled scenarios file."""
    return Path(str(files("tradewar.supply") / "data" / "scenarios.yaml"))


def load_scenarios(path: Path | None = None) -> ScenarioFile:
    """Read and validate a scenarios file (the bundled one by default)."""
    path = path or scenarios_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as err:
        raise DataUnavailable(f"supply scenarios file {path} not found") from err
    try:
        return ScenarioFile.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidData(f"{path}: field {where!r}: {first['msg']}") from err


def get_scenario(name: str, path: Path | None = None) -> ScenarioSpec:
    """One scenario by name.

    Raises
    ------
    InvalidInput
        Naming the known scenarios when ``name`` is not one of them.
    """
    scenarios = load_scenarios(path).scenarios
    if name not in scenarios:
        raise InvalidInput(f"unknown supply scenario {name!r}; expected one of {sorted(scenarios)}")
    return scenarios[name]


@dataclass(frozen=True)
class DrawnInputs:
    """Per-draw inputs of a Monte Carlo run."""

    params: DrawParameters
    approval: FloatArray  # (T, D, E)
    seed: int


def _uniform(
    rng: np.random.Generator, bounds: tuple[float, float], size: tuple[int, ...]
) -> FloatArray:
    low, high = bounds
    if high < low:
        raise InvalidInput(f"uncertainty range ({low}, {high}); expected low <= high")
    return rng.uniform(low, high, size=size)


def draw_inputs(
    chain: ChainArrays,
    approval: FloatArray,
    uncertainty: Uncertainty,
    draws: int,
    seed: int,
) -> DrawnInputs:
    """Monte Carlo draws of cover, licensed shares and qualification lags.

    Parameters
    ----------
    chain : the compiled chain.
    approval : (T, E) central licensed shares.
    uncertainty : ranges of the multipliers.
    draws : number of draws D (>= 1).
    seed : seed of ``numpy.random.default_rng``.
    """
    if draws < 1:
        raise InvalidInput(f"draws {draws}; expected at least 1")
    rng = np.random.default_rng(seed)
    cover = chain.cover_weeks * _uniform(rng, uncertainty.cover_scale, (draws, chain.n_slots))
    approval_scale = _uniform(rng, uncertainty.approval_scale, (draws, 1))
    qualification = chain.qualification_weeks * _uniform(
        rng, uncertainty.qualification_scale, (draws, 1)
    )
    restricted = approval[:, None, :] < 1.0
    scaled = np.minimum(1.0, approval[:, None, :] * approval_scale[None, :, :])
    drawn = np.where(restricted, np.minimum(scaled, np.nextafter(1.0, 0.0)), 1.0)
    params = DrawParameters(
        cover_weeks=cover,
        qualification_weeks=np.broadcast_to(qualification, (draws, chain.n_edges)).copy(),
        alternative_share=np.tile(chain.alternative_share, (draws, 1)),
    )
    return DrawnInputs(params=params, approval=drawn, seed=seed)
