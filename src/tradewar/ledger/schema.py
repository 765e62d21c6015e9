"""The measure: one dated government act on trade, as recorded in the ledger.

This module is the ledger's data model, written with pydantic so that the bundled
measures file, ``tradewar measures add FILE.yaml`` and the database all validate the
same way.  Values clean themselves: countries become ISO3 (:func:`to_iso3`), HS codes
become digit strings (:func:`normalize_hs`), dates become :class:`datetime.date`.

Design decisions recorded here:

* **Dates are half-open.**  A measure is in force on ``[effective_on, ended_on)``:
  ``ended_on`` is the first day it no longer applies.  A measure without an
  ``effective_on`` is never in force (threats, proposals, events not yet dated).
* **Rates are additional ad valorem duties in percent** (``rate_pct=25`` is +25%), on
  top of the importer's MFN duty, which the ledger does not record.
* **Stacking.**  Every tariff belongs to a ``program`` (e.g. ``us-ieepa-reciprocal``).
  Within one program the latest act that covers a product sets its rate (a new EO
  that raises the reciprocal rate replaces the old one); different programs add up,
  unless a measure names programs it does not stack on (``not_stacked_with``).
* **Suspensions** pause all of a measure, or ``rate_points`` percentage points of it,
  optionally for some products only, between their own dates.
* **Agreements record promises**; their legal effect comes from the measures that
  implement them (linked by ``relations``), so nothing is counted twice.
* **Unverified after.**  A measure whose stated end (``ended_on``) passed with no
  verified outcome (extended, lapsed or replaced: nobody has said) carries
  ``unverified_after`` equal to that end.  From that day it is neither in force nor
  ended; every answer that depends on it says so and gives both readings.
* **Official text.**  ``official_text`` names the act's official document (issuer, type,
  number, date) and its address where one is known, or says why there is none (a BIS
  letter to a company, talks, a post).  A Federal Register document number resolves to
  its federalregister.gov address (:func:`federal_register_url`).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from tradewar.codes.countries import ALL, to_iso3
from tradewar.codes.hs import normalize_hs
from tradewar.codes.text import storable_values
from tradewar.errors import InvalidInput, UnknownCode
from tradewar.types import StrictStrippedModel

#: Longest measure id (the database column's size).
MAX_ID_CHARS = 120
#: Longest publisher name (the database column's size).
MAX_PUBLISHER_CHARS = 200
#: Highest additional duty accepted, in percent (far above any recorded act).
MAX_RATE_PCT = 10_000.0


def _clean_iso3(value: str) -> str:
    try:
        return to_iso3(value)
    except UnknownCode as err:  # a KeyError: pydantic reports ValueErrors only
        raise ValueError(str(err)) from err


def _clean_target(value: str) -> str:
    try:
        return to_iso3(value, allow_all=True)
    except UnknownCode as err:
        raise ValueError(str(err)) from err


ISO3 = Annotated[str, AfterValidator(_clean_iso3)]
TargetISO3 = Annotated[str, AfterValidator(_clean_target)]
HSCode = Annotated[str, AfterValidator(normalize_hs)]


class MeasureKind(StrEnum):
    """What sort of act a measure is."""

    tariff = "tariff"
    export_control = "export_control"
    import_restriction = "import_restriction"
    licence_decision = "licence_decision"
    agreement = "agreement"
    suspension = "suspension"
    talks = "talks"


def parse_kind(value: str, field: str | None = "kind") -> MeasureKind:
    """A measure kind as a user types it (case and blanks do not matter).

    >>> parse_kind(" Export_Control ")
    <MeasureKind.export_control: 'export_control'>
    >>> parse_kind("embargo")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: kind: unknown kind 'embargo'; expected one of tariff, ...
    """
    try:
        return MeasureKind(value.strip().lower())
    except ValueError as err:
        allowed = ", ".join(k.value for k in MeasureKind)
        raise InvalidInput(
            f"unknown kind {value!r}; expected one of {allowed}.", field=field
        ) from err


class LegalStatus(StrEnum):
    """Whether the act was actually made law or only announced."""

    enacted = "enacted"
    threatened = "threatened"
    announced = "announced"


class RelationType(StrEnum):
    """How one measure bears on another."""

    modifies = "modifies"
    replaces = "replaces"
    suspends = "suspends"
    extends = "extends"
    lifts = "lifts"
    implements = "implements"
    retaliates_against = "retaliates_against"


class Confidence(StrEnum):
    """How well the sources establish the record (from the policy timeline's review)."""

    high = "high"
    medium = "medium"
    low = "low"


class _Strict(StrictStrippedModel):
    """Unknown fields refused, whitespace stripped, numbers finite, text storable."""

    model_config = ConfigDict(allow_inf_nan=False)

    @field_validator("*")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        return storable_values(value)


SourceTier = Literal["official", "state_media", "secondary"]


class Source(_Strict):
    """Where a fact comes from: the page, who published it, when, and the words."""

    url: str = Field(description="Address of the source (http or https).")
    publisher: str = Field(
        min_length=1,
        max_length=MAX_PUBLISHER_CHARS,
        description="Who published it (outlet, agency, firm).",
    )
    published_on: date | None = Field(default=None, description="Publication date if known.")
    quote: str | None = Field(default=None, description="The sentence that supports the record.")
    tier: SourceTier | None = Field(
        default=None,
        description="official (the government's own text), state_media (a state-media copy "
        "or report of it) or secondary (press, law firms, aggregators); null = not assessed.",
    )
    document: str | None = Field(
        default=None, description="The official document this source is or reports."
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")) or "." not in value:
            raise ValueError(f"expected an http(s) URL, got {value!r}")
        return value


class ProductScope(_Strict):
    """The products a measure (or one of its rate lines) covers.

    ``hs_complete`` says whether ``hs`` lists every covered code; when it does not,
    products outside the list are of *unknown* coverage rather than not covered.
    ``within_hs`` bounds a scope whose lines are not listed (an official list the record
    does not hold): products outside those codes are not covered, products inside are of
    unknown coverage.
    """

    description: str | None = None
    all_goods: bool = False
    hs: list[HSCode] = Field(default_factory=list)
    hs_complete: bool = True
    exclude_hs: list[HSCode] = Field(default_factory=list)
    exclude_complete: bool = Field(
        default=True, description="False when exemptions exist that exclude_hs does not list."
    )
    within_hs: list[HSCode] = Field(
        default_factory=list,
        description="Codes that hold every covered line when the lines are not listed.",
    )
    items: list[str] = Field(default_factory=list, description="Named items or item groups.")
    elements: list[str] = Field(default_factory=list, description="Chemical elements covered.")
    control_codes: list[str] = Field(default_factory=list, description="ECCNs or PRC codes.")

    @model_validator(mode="after")
    def _all_goods_has_no_list(self) -> ProductScope:
        if self.all_goods and (self.hs or self.within_hs):
            raise ValueError(
                "a scope is either all_goods or a list of hs codes, not both "
                "(use exclude_hs for exceptions)"
            )
        return self


class RateLine(_Strict):
    """One rate of a tariff measure: for its products, from a date if it steps up."""

    rate_pct: float | None = Field(
        default=None,  # stored documents omit nulls: a missing rate reads back as not stated
        le=MAX_RATE_PCT,
        strict=True,  # a number: true/false or "25" are refused, not read as 1.0 or 25.0
        description="Additional ad valorem duty in percent (25 = +25%); null if not stated.",
    )
    products: ProductScope | None = Field(
        default=None, description="Products of this line; null = the measure's scope."
    )
    from_on: date | None = Field(default=None, description="First day of this rate, if staged.")
    until: date | None = Field(default=None, description="First day this rate no longer applies.")
    label: str | None = None
    chapter99: str | None = Field(
        default=None,
        pattern=r"^9903\.\d\d\.\d\d( \+ 9903\.\d\d\.\d\d)*$",
        description="HTSUS Chapter 99 heading(s) of this rate, e.g. '9903.88.01'.",
    )

    @field_validator("rate_pct")
    @classmethod
    def _non_negative(cls, value: float | None) -> float | None:
        if value is not None and value < 0:
            raise ValueError(f"expected a non-negative percent, got {value}")
        return value


class TariffTerms(_Strict):
    """Rates and stacking rule of a tariff measure."""

    program: str = Field(min_length=1, description="Layer key; later acts replace within it.")
    lines: list[RateLine] = Field(min_length=1)
    not_stacked_with: list[str] = Field(
        default_factory=list,
        description="Programs on whose products this measure does not apply (no stacking).",
    )
    specific_duty: str | None = Field(
        default=None, description="A non-ad-valorem part (e.g. '$50 per net ton'), as stated."
    )


class SuspendedPart(_Strict):
    """The part of a measure that a suspension pauses."""

    measure: str = Field(min_length=1, description="Id of the suspended measure.")
    rate_points: float | None = Field(
        default=None,
        ge=0,
        le=MAX_RATE_PCT,
        strict=True,
        description="Percentage points suspended; null = the whole measure.",
    )
    products: ProductScope | None = Field(
        default=None, description="Only these products; null = all the measure covers."
    )


class ControlTerms(_Strict):
    """What an export control or import restriction requires or forbids."""

    restriction: Literal[
        "licence_required",
        "ban",
        "presumption_of_denial",
        "end_user_rule",
        "licence_suspension",
        "guidance",
        "entity_listing",
        "investigation",
        "other",
    ]
    end_users: str | None = Field(default=None, description="Listed parties or end-user classes.")
    details: str | None = None


class LicenceTerms(_Strict):
    """A licensing decision: who got what kind of licence."""

    decision: Literal["granted", "general_licence", "conditional", "revoked"]
    details: str | None = None


class Commitment(_Strict):
    """One promise of one party in an agreement."""

    party: ISO3
    text: str = Field(min_length=1)


class AgreementTerms(_Strict):
    """A truce, framework or deal: its commitments and how long it runs."""

    type: Literal["truce", "framework", "deal"]
    parties: list[ISO3] = Field(min_length=2)
    commitments: list[Commitment] = Field(default_factory=list)


class TalksTerms(_Strict):
    """A negotiation round or leaders' contact."""

    location: str | None = None
    delegations: dict[ISO3, list[str]] = Field(default_factory=dict)
    outcome: str | None = None


FR_DOC_PATTERN = re.compile(r"FR Doc(?:\.|ument)?(?: No\.?)? ?(\d{4}-\d{5})")


def federal_register_url(document: str) -> str | None:
    """The federalregister.gov address of an FR document number named in ``document``.

    >>> federal_register_url("EO 14257 (90 FR 15041, FR Doc 2025-06063)")
    'https://www.federalregister.gov/d/2025-06063'
    """
    found = FR_DOC_PATTERN.search(document)
    return None if found is None else f"https://www.federalregister.gov/d/{found.group(1)}"


class OfficialText(_Strict):
    """The act's official document, where it is published, or why there is none.

    ``document`` names issuer, type, number and date (``EO 14257 of 2 Apr 2025``,
    ``MOFCOM/GACC Announcement No. 18 of 2025``); ``url`` is its official address when
    known (an FR document number gives one: :func:`federal_register_url`); ``why_none``
    says why no official text exists (a BIS letter to a company, talks) or none was found.
    """

    document: str | None = Field(default=None, description="Issuer, type, number and date.")
    url: str | None = Field(default=None, description="Official address of the text, if known.")
    why_none: str | None = Field(
        default=None, description="Why there is no official text (or none was found)."
    )

    @model_validator(mode="before")
    @classmethod
    def _resolve_federal_register(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("url") and data.get("document"):
            resolved = federal_register_url(str(data["document"]))
            if resolved is not None:
                data = {**data, "url": resolved}
        return data

    @model_validator(mode="after")
    def _document_or_reason(self) -> OfficialText:
        if not self.document and not self.why_none:
            raise ValueError(
                "official_text needs a 'document' (issuer, type, number, date) "
                "or a 'why_none' saying why there is no official text"
            )
        if self.url is not None and not self.url.startswith(("http://", "https://")):
            raise ValueError(f"official_text.url: expected an http(s) URL, got {self.url!r}")
        return self


class Relation(_Strict):
    """A typed link to another measure."""

    type: RelationType
    measure: str = Field(min_length=1)


_TERMS_OF_KIND: dict[MeasureKind, str | None] = {
    MeasureKind.tariff: "tariff",
    MeasureKind.export_control: "control",
    MeasureKind.import_restriction: "control",
    MeasureKind.licence_decision: "licence",
    MeasureKind.agreement: "agreement",
    MeasureKind.suspension: "suspends",
    MeasureKind.talks: None,
}


class Measure(_Strict):
    """One dated government act on trade, with scope, legal basis and sources."""

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9\-]*$",
        max_length=MAX_ID_CHARS,
        description="Stable slug, e.g. us-ieepa-fentanyl-20.",
    )
    kind: MeasureKind
    title: str = Field(min_length=1)
    imposing: ISO3
    targets: list[TargetISO3] = Field(min_length=1)
    announced_on: date | None = None
    effective_on: date | None = None
    ended_on: date | None = None
    unverified_after: date | None = Field(
        default=None,
        description="The stated end (= ended_on) passed with no verified outcome: from this "
        "day the measure is neither in force nor ended.",
    )
    date_note: str | None = None
    legal_status: LegalStatus = LegalStatus.enacted
    scope: ProductScope = Field(default_factory=ProductScope)
    restriction: str | None = Field(default=None, description="Rate or restriction as stated.")
    legal_basis: str | None = None
    tariff: TariffTerms | None = None
    control: ControlTerms | None = None
    licence: LicenceTerms | None = None
    agreement: AgreementTerms | None = None
    suspends: list[SuspendedPart] = Field(default_factory=list)
    talks: TalksTerms | None = None
    relations: list[Relation] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    official_text: OfficialText | None = None
    confidence: Confidence = Confidence.high
    status_note: str | None = None
    status_as_of: str | None = Field(default=None, description="When the status was last checked.")
    notes: str | None = None

    @field_validator("targets")
    @classmethod
    def _unique_targets(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if self.effective_on and self.ended_on and self.ended_on < self.effective_on:
            raise ValueError(
                f"ended_on {self.ended_on} is before effective_on {self.effective_on}; "
                "expected ended_on on or after effective_on "
                "(intervals are [effective_on, ended_on))"
            )
        if self.unverified_after is not None and self.unverified_after != self.ended_on:
            raise ValueError(
                f"unverified_after {self.unverified_after} differs from ended_on "
                f"{self.ended_on}; expected unverified_after equal to ended_on (the stated "
                "end whose outcome is not verified)"
            )
        self._check_terms_match_kind()
        if self.imposing in self.targets:
            raise ValueError(f"a measure cannot target its own imposing country {self.imposing}")
        return self

    def _check_terms_match_kind(self) -> None:
        needed = _TERMS_OF_KIND[self.kind]
        present = {
            name
            for name in ("tariff", "control", "licence", "agreement", "talks")
            if getattr(self, name) is not None
        }
        if self.suspends:
            present.add("suspends")
        if needed is not None and needed not in present:
            raise ValueError(f"a {self.kind.value} measure needs a '{needed}' section")
        extra = (
            present - {needed, "talks"} if self.kind is MeasureKind.talks else present - {needed}
        )
        if extra:
            raise ValueError(
                f"a {self.kind.value} measure cannot have section(s) {sorted(extra)}; "
                f"expected only {needed!r}"
            )

    # ------------------------------------------------------------------ helpers
    def applies_to(self, target: str) -> bool:
        """Whether ``target`` (ISO3) is among the targets, directly or through ``ALL``."""
        return target in self.targets or ALL in self.targets

    def in_force_on(self, on: date) -> bool:
        """Whether the act's own dates put it in force on ``on`` (suspensions aside).

        From ``unverified_after`` on the answer is "not known": this returns False, and
        :meth:`unverified_on` says so.
        """
        if self.legal_status is not LegalStatus.enacted or self.effective_on is None:
            return False
        if on < self.effective_on:
            return False
        return self.ended_on is None or on < self.ended_on

    def unverified_on(self, on: date) -> bool:
        """Whether ``on`` is past the stated end of an act whose outcome is not verified."""
        return (
            self.unverified_after is not None
            and self.legal_status is LegalStatus.enacted
            and on >= self.unverified_after
        )

    def official_url(self) -> str | None:
        """The official text's address, if known."""
        return None if self.official_text is None else self.official_text.url

    def cites_official_first(self) -> bool:
        """Whether the first source is the official text (its address, or tier official)."""
        first = self.sources[0]
        official = self.official_url()
        return first.tier == "official" or (official is not None and first.url == official)

    def source_urls(self) -> list[str]:
        """The URLs of the sources, in order."""
        return [source.url for source in self.sources]


class MeasureFile(_Strict):
    """A measures file: a dataset header plus its measures (the bundled file's shape)."""

    schema_version: Literal[1] = 1
    dataset: str = Field(min_length=1)
    description: str | None = None
    as_of: date = Field(description="The last date on which the record was checked.")
    verified_through: date | None = Field(
        default=None,
        description="The date of the last verified fact: answers for later dates are "
        "warned as past the record.",
    )
    measures: list[Measure]


NO_OFFICIAL_TEXT = "no official text recorded for this measure"


def official_text_dict(measure: Measure) -> dict[str, str | None]:
    """``{"document", "url", "why_none"}`` for a measure: all three keys, always."""
    text = measure.official_text
    if text is None:
        return {"document": None, "url": None, "why_none": NO_OFFICIAL_TEXT}
    return {"document": text.document, "url": text.url, "why_none": text.why_none}


def measure_json(measure: Measure) -> dict[str, Any]:
    """A measure as plain JSON-ready data, omitting empty fields."""
    return measure.model_dump(mode="json", exclude_defaults=False, exclude_none=True)
