"""US tariff-line lists as product scopes of ledger measures (pure: files in, measures out).

The Yale Budget Lab's tariff-rate-tracker (MIT; ``<data_dir>/hts/budgetlab``) keeps the
lines each US action covers: the Section 301 lists and four-year-review tranches by HTS-8
with their Chapter 99 headings, the Section 232 product scopes, the IEEPA reciprocal
exemptions (Annex II, HTS-10), the fentanyl carve-outs and the Section 122 exemptions.
``data/scopes.yaml`` says which list is the scope of which ledger measure and under which
Chapter 99 heading; :func:`attach_scopes` applies that table to the measures in memory
(the stored records are not changed), so that the engine decides the duty on an HTS-8 or
HTS-10 line instead of calling it "may also apply".

How a list attaches (``effect``):

* ``scope``: the measure covers exactly the listed lines; its rate lines and dates stay as
  recorded, each gains the heading (lists 1, 2, 3, 4A; Section 232 product groups).
* ``line``: the list is a rate line of its own (``rate_pct`` from its heading); it replaces
  the measure's lines that name no HS code (the four-year-review tranches, the metals annexes).
* ``exclude``: the lines are exempt (Annex II, 9903.01.32; Section 122, 9903.03.02-.11).
* ``listed``: shown with the lines it names, no duty (list 4B, suspended; carve-outs for
  partners the ledger does not record).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError

from tradewar.codes.hs import normalize_hs
from tradewar.errors import DataUnavailable, InvalidData, InvalidInput
from tradewar.hts.exclusions import Exclusion
from tradewar.ledger.schema import Measure, ProductScope, RateLine, SuspendedPart
from tradewar.types import StrictModel

BUDGETLAB_FOLDER = Path("hts") / "budgetlab"
CHAPTER99_TEXT = Path("data") / "us_notes" / "chapter99_2026_rev_6.txt"
CROSSWALK = Path("resources") / "hs10_gtap_crosswalk.csv"
CITATION = (
    "Tariff lines: The Budget Lab at Yale, Tariff Rate Tracker (github.com/Budget-Lab-Yale/"
    "tariff-rate-tracker, commit 8315fff, 11 May 2026), MIT licence; Chapter 99 rates: HTSUS"
    " 2026 revision 6 (USITC)."
)
HOW_TO_GET = (
    "The tariff-line files are the Yale Budget Lab tariff-rate-tracker's resources/, config/ and"
    " data/us_notes/ folders (MIT licence): put them under <data dir>/hts/budgetlab/ (see"
    " TRADEWAR_DATA_DIR) and run `tradewar data hts`."
)


class ScopeSpec(StrictModel):
    """One row of ``scopes.yaml``: a tariff-line list and the measures it is the scope of."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$")
    title: str
    file: str = Field(description="Path under the budgetlab folder.")
    column: str = Field(default="hts8", description="Column holding the HTS codes.")
    where: dict[str, str] = Field(default_factory=dict, description="Row filter: column = value.")
    yaml_path: list[str] = Field(default_factory=list, description="Keys to a list in a YAML file.")
    chapter99: str | None
    rate_pct: float | None = Field(description="The heading's additional duty; null: none.")
    text_check: bool = True
    why: str | None = Field(default=None, description="Why the rate is not checked in the text.")
    effect: Literal["scope", "line", "exclude", "listed"]
    measures: list[str]


class HeadingSpec(StrictModel):
    """The Chapter 99 heading(s) of an all-goods measure (no product list)."""

    measure: str
    chapter99: list[str] = Field(min_length=1)
    rate_pct: float = Field(description="Sum of the headings' rates: the measure's own rate.")
    text_check: bool = True
    why: str | None = None


class ExclusionSpec(StrictModel):
    """The suspension measure that carries the Section 301 exclusions, and their headings."""

    measure: str
    chapter99: list[str]


class ScopeTable(StrictModel):
    """The whole ``scopes.yaml``."""

    scopes: list[ScopeSpec]
    headings: list[HeadingSpec] = Field(default_factory=list)
    exclusions: ExclusionSpec | None = None

    def list_headings(self, measure_id: str) -> set[str]:
        """The Chapter 99 headings of the lists that are ``measure_id``'s scope."""
        return {spec.chapter99 for spec in self.scopes
                if measure_id in spec.measures and spec.chapter99}  # fmt: skip


@dataclass(frozen=True)
class LineList:
    """A loaded list: its spec and its HTS codes (8 or 10 digits, or shorter prefixes).

    ``repaired`` names the file's 12-digit codes ending in ``00`` that were read as their
    first 10 digits (a statistical suffix typed twice).
    """

    spec: ScopeSpec
    codes: tuple[str, ...]
    repaired: tuple[str, ...] = ()

    @property
    def code_list(self) -> list[str]:
        """The codes as one shared list (so the coverage index is built once per list)."""
        cached: list[str] | None = self.__dict__.get("_code_list")
        if cached is None:
            cached = list(self.codes)
            object.__setattr__(self, "_code_list", cached)
        return cached

    def scope(self) -> ProductScope:
        """The list as a complete product scope (codes already normalised: no re-validation)."""
        return ProductScope.model_construct(
            description=self.spec.title, hs=self.code_list, hs_complete=True
        )

    def covers(self, code: str) -> bool:
        """Whether ``code`` (an HTS-8/10 line) falls under one of the list's codes."""
        return any(code[:size] in self._prefixes for size in (2, 4, 6, 8, 10))

    @property
    def _prefixes(self) -> frozenset[str]:
        cached: frozenset[str] | None = self.__dict__.get("_prefix_set")
        if cached is None:
            cached = frozenset(self.codes)
            object.__setattr__(self, "_prefix_set", cached)
        return cached


@lru_cache(maxsize=1)
def bundled_scope_table() -> ScopeTable:
    """The bundled ``scopes.yaml``, read once."""
    return load_scope_table()


def load_scope_table(text: str | None = None) -> ScopeTable:
    """Read ``scopes.yaml`` (the bundled one unless ``text`` is given) and validate it."""
    if text is None:
        text = resources.files("tradewar.hts").joinpath("data/scopes.yaml").read_text("utf-8")
    try:
        return ScopeTable.model_validate(yaml.safe_load(text))
    except ValidationError as err:
        raise InvalidData(f"scopes.yaml: {err}") from err


def budgetlab_folder(data_dir: Path) -> Path:
    """``<data_dir>/hts/budgetlab``: where the tracker's files live."""
    return Path(data_dir) / BUDGETLAB_FOLDER


def require_budgetlab(data_dir: Path) -> Path:
    """The budgetlab folder, or a :class:`DataUnavailable` naming what is missing."""
    folder = budgetlab_folder(data_dir)
    for needed in (CROSSWALK, CHAPTER99_TEXT):
        if not (folder / needed).is_file():
            raise DataUnavailable(f"Missing {folder / needed}. {HOW_TO_GET}")
    return folder


def read_line_list(spec: ScopeSpec, folder: Path) -> LineList:
    """The HTS codes of one list, read from its file under ``folder`` (normalised digits)."""
    path = Path(folder) / spec.file
    if not path.is_file():
        raise DataUnavailable(f"Missing {path} (list {spec.key}). {HOW_TO_GET}")
    if spec.yaml_path:
        raw = _yaml_codes(path, spec.yaml_path)
    elif path.suffix == ".txt":
        raw = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    else:
        raw = _csv_codes(path, spec)
    codes: list[str] = []
    repaired: list[str] = []
    for value in raw:
        digits = value.strip().replace(".", "")
        if len(digits) == 12 and digits.endswith("00"):
            repaired.append(digits)  # one such row in Annex II: 850511007000 for 8505.11.0070
            digits = digits[:10]
        try:
            codes.append(normalize_hs(digits))
        except InvalidInput as err:
            raise InvalidData(f"{path}: {err}") from err
    if not codes:
        raise InvalidData(f"{path}: no lines match {spec.where} for list {spec.key}.")
    return LineList(spec, tuple(dict.fromkeys(codes)), tuple(repaired))


def _csv_codes(path: Path, spec: ScopeSpec) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        if rows.fieldnames is None or spec.column not in rows.fieldnames:
            raise InvalidData(f"{path}: no column {spec.column!r}; found {rows.fieldnames}.")
        return [
            row[spec.column]
            for row in rows
            if all(row.get(name) == value for name, value in spec.where.items())
        ]


def _yaml_codes(path: Path, keys: Sequence[str]) -> list[str]:
    node: Any = yaml.safe_load(path.read_text("utf-8"))
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise InvalidData(f"{path}: no key {'.'.join(keys)}.")
        node = node[key]
    return [str(code) for code in node]


def read_line_lists(table: ScopeTable, folder: Path) -> list[LineList]:
    """Every list of the table, loaded from ``folder``."""
    return [read_line_list(spec, folder) for spec in table.scopes]


# --------------------------------------------------------------------------- attaching


def attach_scopes(
    measures: Sequence[Measure], lists: Sequence[LineList], headings: Sequence[HeadingSpec] = ()
) -> list[Measure]:
    """The measures with the line lists as their product scopes (see the module docstring).

    Lists naming a measure that is not among ``measures`` are ignored; lists with effect
    ``listed`` change nothing.
    """
    by_measure: dict[str, list[LineList]] = {}
    for line_list in lists:
        for measure_id in line_list.spec.measures:
            by_measure.setdefault(measure_id, []).append(line_list)
    heading_of = {spec.measure: " + ".join(spec.chapter99) for spec in headings}
    out = []
    for measure in measures:
        attached = by_measure.get(measure.id, [])
        if attached and measure.tariff is not None:
            measure = _with_lists(measure, attached)
        if measure.id in heading_of and measure.tariff is not None:
            measure = _with_heading(measure, heading_of[measure.id])
        out.append(measure)
    return out


def _with_heading(measure: Measure, chapter99: str) -> Measure:
    assert measure.tariff is not None
    lines = [line.model_copy(update={"chapter99": line.chapter99 or chapter99})
             for line in measure.tariff.lines]  # fmt: skip
    return measure.model_copy(update={"tariff": measure.tariff.model_copy(update={"lines": lines})})


def _with_lists(measure: Measure, attached: list[LineList]) -> Measure:
    assert measure.tariff is not None
    scope_lists = [item for item in attached if item.spec.effect == "scope"]
    line_lists = [item for item in attached if item.spec.effect == "line"]
    exclusions = [item for item in attached if item.spec.effect == "exclude"]
    lines = list(measure.tariff.lines)
    scope = measure.scope
    if scope_lists:
        lines = [_on_list(line, item) for item in scope_lists for line in lines]
        scope = ProductScope(description=scope.description, hs=[], hs_complete=True)
    if line_lists:
        kept = [
            _enumerated(line) for line in lines if line.products is not None and line.products.hs
        ]
        lines = [_rate_line(item) for item in line_lists] + kept
        scope = ProductScope(description=scope.description, hs=[], hs_complete=True)
    if exclusions:
        codes = (exclusions[0].code_list if len(exclusions) == 1
                 else [code for item in exclusions for code in item.codes])  # fmt: skip
        scope = scope.model_copy(
            update={"exclude_hs": [*scope.exclude_hs, *codes] if scope.exclude_hs else codes,
                    "exclude_complete": True}
        )  # fmt: skip
        lines = [_excluding(line, codes) for line in lines]
    tariff = measure.tariff.model_copy(update={"lines": lines})
    return measure.model_copy(update={"tariff": tariff, "scope": scope})


def _on_list(line: RateLine, item: LineList) -> RateLine:
    return line.model_copy(update={"products": item.scope(), "chapter99": item.spec.chapter99})


def _rate_line(item: LineList) -> RateLine:
    return RateLine.model_construct(
        rate_pct=item.spec.rate_pct,
        products=item.scope(),
        from_on=None,
        until=None,
        label=item.spec.title,
        chapter99=item.spec.chapter99,
    )


def _enumerated(line: RateLine) -> RateLine:
    """A recorded line that names its codes: with the lists beside it, the codes are all."""
    assert line.products is not None
    products = line.products.model_copy(update={"hs_complete": True})
    return line.model_copy(update={"products": products})


def _excluding(line: RateLine, codes: list[str]) -> RateLine:
    if line.products is None or not line.products.all_goods:
        return line
    products = line.products.model_copy(
        update={
            "exclude_hs": [*line.products.exclude_hs, *codes]
            if line.products.exclude_hs
            else codes,
            "exclude_complete": True,
        }
    )
    return line.model_copy(update={"products": products})


# --------------------------------------------------------------------------- membership


@dataclass(frozen=True)
class Membership:
    """A list that names a line, and the ledger measures it is attached to."""

    key: str
    title: str
    chapter99: str | None
    rate_pct: float | None
    effect: str
    measures: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "list": self.key,
            "title": self.title,
            "chapter99": self.chapter99,
            "rate_pct": self.rate_pct,
            "effect": self.effect,
            "measures": list(self.measures),
        }


def memberships(code: str, lists: Iterable[LineList]) -> list[Membership]:
    """The lists that name the HTS line ``code`` (8 or 10 digits)."""
    return [
        Membership(item.spec.key, item.spec.title, item.spec.chapter99, item.spec.rate_pct,
                   item.spec.effect, tuple(item.spec.measures))
        for item in lists
        if item.covers(code)
    ]  # fmt: skip


# --------------------------------------------------------------------------- exclusions


def attach_exclusions(
    measures: Sequence[Measure], table: ScopeTable, exclusions: Sequence[Exclusion]
) -> list[Measure]:
    """The exclusion suspension with the whole lines it lifts, per suspended measure.

    Each suspended part that is a Section 301 list gets the whole-line exclusions as a
    complete product list; described products are left to :func:`possible_exclusions`.
    """
    if table.exclusions is None:
        return list(measures)
    out = []
    for measure in measures:
        if measure.id == table.exclusions.measure and measure.suspends:
            parts = [_excluded_part(part, table, exclusions) for part in measure.suspends]
            measure = measure.model_copy(update={"suspends": parts})
        out.append(measure)
    return out


def _excluded_part(
    part: SuspendedPart, table: ScopeTable, exclusions: Sequence[Exclusion]
) -> SuspendedPart:
    if not table.list_headings(part.measure):
        return part
    # Lists 1-4A do not stack (a line owes one of their headings), and the Budget Lab lists
    # put some 8-digit lines on two lists: an excluded line owes none of them.
    codes = [code for item in exclusions if item.whole_line for code in item.codes]
    description = (part.products.description if part.products else None) or "USTR exclusions"
    products = ProductScope.model_construct(
        description=f"{description}: whole statistical lines of U.S. note 20(vvv)/(www)",
        hs=codes, hs_complete=True,
    )  # fmt: skip
    return part.model_copy(update={"products": products})


def possible_exclusions(code: str, exclusions: Sequence[Exclusion]) -> list[Exclusion]:
    """The described-product exclusions on the statistical lines of ``code`` (8 or 10 digits)."""
    return [
        item
        for item in exclusions
        if not item.whole_line
        and any(line.startswith(code) or code.startswith(line) for line in item.codes)
    ]
