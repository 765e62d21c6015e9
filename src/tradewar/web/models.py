"""The API's request and response models: every JSON answer of ``/api/v1`` is one of these,
so the OpenAPI schema documents each response field by field."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tradewar.codes.text import StorableStr
from tradewar.model.policy import RevenueTreatment
from tradewar.services.model import Retaliation

# ---------------------------------------------------------------------- ledger


class MeasureSummary(BaseModel):
    """One row of the measure list."""

    id: str
    kind: str
    title: str
    imposing: str
    targets: list[str]
    announced_on: date | None
    effective_on: date | None
    ended_on: date | None
    legal_status: str
    confidence: str
    source_url: str
    official_text: dict[str, str | None] | None = None
    unverified_after: date | None = None


class MeasurePage(BaseModel):
    """A page of measures."""

    items: list[MeasureSummary]
    total: int
    limit: int
    offset: int
    warnings: list[str] = []
    notes: list[str] = []


class RevisionOut(BaseModel):
    """One recorded revision of a measure: who changed it, when and why."""

    measure_id: str
    revision: int
    change: str
    recorded_at: str
    superseded_at: str | None
    recorded_by: str
    reason: str


class RelationOut(BaseModel):
    """A link between two measures."""

    direction: Literal["to", "from"]
    relation: str
    measure_id: str


class MeasureDetail(BaseModel):
    """One measure with its sources, history and relations."""

    measure: dict[str, Any]
    revision: int
    sources: list[dict[str, Any]]
    history: list[RevisionOut]
    related: list[RelationOut]


class LayerOut(BaseModel):
    """One layer of additional duty on a shipment (``tradewar.ledger.engine.Layer``)."""

    measure_id: str
    title: str
    program: str = Field(description="Layers of one program do not stack; programs do.")
    statutory_rate_pct: float = Field(description="The rate as enacted, percent.")
    rate_pct: float = Field(description="The rate applied after suspensions, percent.")
    suspended_points: float = Field(description="Percentage points suspended.")
    suspended_by: list[str]
    label: str | None
    legal_basis: str | None
    source_url: str
    effective_on: date | None
    ended_on: date | None
    caveats: list[str] = []
    chapter99: str | None = None


class UnverifiedLayerOut(BaseModel):
    """A layer whose rate depends on measures whose stated end passed unverified
    (``tradewar.ledger.engine.UnverifiedLayer``; rates in percent, 0: the layer is absent)."""

    measure_id: str
    title: str
    program: str
    rate_if_continued_pct: float
    rate_if_ended_pct: float
    depends_on: list[str]
    unverified_after: date
    reason: str
    legal_basis: str | None
    source_url: str


class UncertainLayerOut(BaseModel):
    """A measure that may apply to the shipment but the record cannot say, and why
    (``tradewar.ledger.engine.UncertainLayer``)."""

    measure_id: str
    title: str
    program: str
    possible_rates_pct: list[float]
    reason: str
    legal_basis: str | None
    source_url: str


class TariffOut(BaseModel):
    """The ``tradewar tariff --json`` contract.

    ``covered`` False: the record leaves out measures that could apply (named in
    ``coverage_notes``) and ``total_additional_pct`` is null, never 0.  Layers that depend
    on a measure past its stated end with no verified outcome are ``unverified_layers``;
    the total is then null and given both ways.  ``warnings`` flag a date past the last
    verified fact (also repeated in ``notes``).
    """

    importer: str
    exporter: str
    hs: str | None
    hs_level: int | None
    date: str
    covered: bool
    total_additional_pct: float | None
    total_if_unverified_continued_pct: float | None = None
    total_if_unverified_ended_pct: float | None = None
    layers: list[LayerOut]
    unverified_layers: list[UnverifiedLayerOut] = []
    uncertain_layers: list[UncertainLayerOut]
    coverage_notes: list[str] = []
    warnings: list[str] = []
    notes: list[str]
    product: dict[str, Any] | None = Field(
        default=None,
        description="For an HS code: the product's name, the line lists naming it, the duty"
        " line by line below HTS-10, and the Budget Lab citation.",
    )


class MeasureStateOut(BaseModel):
    """A measure as it stands on a date (``tradewar.ledger.engine.MeasureState``)."""

    direction: str = Field(description="Who levies it on whom, e.g. 'USA->CHN'.")
    measure_id: str
    kind: str
    title: str
    status: str = Field(description="in force, suspended, partly suspended or unverified.")
    rate_pct: float | None = Field(description="Statutory all-goods rate, percent.")
    applied_rate_pct: float | None = Field(description="Rate after suspensions, percent.")
    suspended_by: list[str]
    effective_on: date | None
    ended_on: date | None
    legal_basis: str | None
    source_url: str
    unverified_by: list[str] = []


class StateOut(BaseModel):
    """Everything in force between two countries on a date (``warnings``: past the record
    or a pair it does not cover; also in ``notes``)."""

    on: date
    a: str
    b: str
    measures: list[MeasureStateOut]
    warnings: list[str] = []
    notes: list[str] = []


class ChangeOut(BaseModel):
    """One thing that happened between two dates (``tradewar.ledger.engine.Change``)."""

    on: date
    change: str
    measure_id: str
    kind: str
    direction: str
    title: str
    detail: str
    source_url: str


class DiffOut(BaseModel):
    """What changed between two dates."""

    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str
    between: list[str] | None
    headline_before_pct: dict[str, float | None]
    headline_after_pct: dict[str, float | None]
    changes: list[ChangeOut]
    warnings: list[str] = []
    notes: list[str] = []


class TimelinePointOut(BaseModel):
    """The headline additional duty from one change point to the next (percent).

    ``total_additional_pct`` is null where the record does not cover the date
    (``covered`` false) or the level depends on an unverified measure; the two readings
    are then in ``total_if_unverified_continued_pct`` / ``..._ended_pct``.
    """

    on: date
    total_additional_pct: float | None
    components: dict[str, float] = Field(description="Percent by measure id.")
    measure_ids: list[str]
    changed_by: list[str]
    uncertain_ids: list[str] = []
    unverified_ids: list[str] = []
    total_if_unverified_continued_pct: float | None = None
    total_if_unverified_ended_pct: float | None = None
    covered: bool = True


class TimelineEventOut(BaseModel):
    """A talks round, agreement or threat annotating the timeline."""

    on: date
    measure_id: str
    kind: str
    title: str


class TimelineOut(BaseModel):
    """The headline duty at each change point, and the events around it."""

    importer: str
    exporter: str
    hs: str | None
    start: date
    end: date
    points: list[TimelinePointOut]
    events: list[TimelineEventOut]
    warnings: list[str] = []
    notes: list[str] = []


# ---------------------------------------------------------------------- scenarios


class ScenarioSummary(BaseModel):
    """One scenario of the catalogue."""

    name: str
    title: str
    description: str | None
    date: date | None
    others: str
    hypothetical: bool


class ScenarioDetail(BaseModel):
    """A scenario's definition."""

    name: str
    title: str
    hypothetical: bool
    definition: dict[str, Any]


class ScenarioRunOut(BaseModel):
    """A solved scenario (see ``tradewar scenario run --json``)."""

    scenario: dict[str, Any]
    rates: list[dict[str, Any]]
    rates_other_pairs: int
    assumptions: list[str]
    measures: list[str]
    sources: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    bilateral_trade: list[dict[str, Any]]
    units: dict[str, str]
    solver: dict[str, Any]


class TidyRow(BaseModel):
    """One (scenario, country or group, variable) value."""

    scenario: str
    iso3: str
    is_group: bool
    variable: str
    value: float | None
    unit: str


class ComparisonOut(BaseModel):
    """Scenarios side by side, pinned groups first."""

    scenarios: list[str]
    rows: list[TidyRow]


# ---------------------------------------------------------------------- model


class TariffOverride(BaseModel):
    """One bilateral tariff: ``importer`` taxes goods from ``exporter`` at ``rate``."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    importer: str = Field(min_length=1, max_length=60)
    exporter: str = Field(min_length=1, max_length=60)
    rate: float = Field(ge=0, le=10, strict=True, description="Decimal rate (0.54 = 54%).")


class SimulateBody(BaseModel):
    """A simulation: tariff overrides and the model's options."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    ustr: bool = Field(False, description="Start from the 2 April 2025 USTR schedule.")
    tariffs: list[TariffOverride] = Field(default_factory=list, max_length=2000)
    us_tariffs: dict[str, Annotated[float, Field(ge=0, le=10, strict=True)]] = Field(
        default_factory=dict, description="US tariffs by partner, decimal ({'CHN': 0.54})."
    )
    us_others: float | None = Field(None, ge=0, le=10, strict=True)
    revenue: RevenueTreatment = RevenueTreatment.income_tax_relief
    retaliation: Retaliation = Retaliation.none


class SimulationOut(BaseModel):
    """A solved simulation (see ``tradewar simulate --json``)."""

    scenario: dict[str, Any]
    solver: dict[str, Any]
    groups: list[dict[str, Any]]
    countries: list[dict[str, Any]]


# ---------------------------------------------------------------------- data


class DataFileOut(BaseModel):
    """One dataset file: present or not, and where it is looked for."""

    dataset: str
    file: str
    path: str = Field(description="Where it is looked for, relative to TRADEWAR_DATA_DIR.")
    present: bool
    description: str
    units: str


# ---------------------------------------------------------------------- writes


class MeasureWrite(BaseModel):
    """A new measure (the ledger's measure schema) and why it is added."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    measure: dict[str, Any] = Field(description="A measure, as in the ledger's YAML schema.")
    reason: StorableStr = Field(min_length=1, max_length=2000)


class MeasureCorrection(MeasureWrite):
    """A corrected measure, why, and (optionally) the revision it was based on."""

    expected_revision: int | None = Field(None, ge=1, le=1_000_000)


class WriteResult(BaseModel):
    """What a write recorded."""

    ids: list[str]
    recorded_by: str
    reason: str
    revision: int
