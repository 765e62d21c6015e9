"""The tariff-line service: products by name, lines under a code, line lists on measures.

What ``tradewar hs ...``, ``tradewar data hts``, the tariff answer, the API and the
dashboard call.  It reads the Budget Lab files under ``<data_dir>/hts/budgetlab`` (see
:mod:`tradewar.hts.lists`), keeps the product index in ``<cache_dir>`` (see
:mod:`tradewar.hts.search`) and hands the pure modules what they need.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from tradewar.codes.hs import require_hs
from tradewar.config import Settings
from tradewar.errors import DataUnavailable, InvalidInput
from tradewar.hts import search as product_index
from tradewar.hts.chapter99 import HeadingRow, read_chapter99
from tradewar.hts.exclusions import Exclusion, parse_exclusions
from tradewar.hts.list_cache import cached_line_lists
from tradewar.hts.lists import (
    CHAPTER99_TEXT,
    CITATION,
    CROSSWALK,
    LineList,
    Membership,
    ScopeTable,
    attach_exclusions,
    attach_scopes,
    budgetlab_folder,
    bundled_scope_table,
    memberships,
    possible_exclusions,
    read_line_lists,
    require_budgetlab,
)
from tradewar.ledger import engine
from tradewar.ledger.schema import Measure

US = "USA"
#: An HS code with more HTS-10 lines than this gets no per-line duty breakdown.
MAX_BREAKDOWN_LINES = 300


@dataclass(frozen=True)
class ListStatus:
    """One line list: how many lines, its heading, and which ledger measures it is on."""

    key: str
    title: str
    lines: int
    chapter99: str | None
    rate_pct: float | None
    text_rate_pct: float | None
    effect: str
    attached: tuple[str, ...]
    missing: tuple[str, ...]
    repaired: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dict(self.__dict__) | {"attached": list(self.attached),
                                      "missing": list(self.missing),
                                      "repaired": list(self.repaired)}  # fmt: skip


@dataclass(frozen=True)
class LineEntry:
    """One HTS-10 line under a code, with the lists that name it."""

    hs10: str
    description: str
    lists: tuple[Membership, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"hs10": self.hs10, "description": self.description,
                "lists": [m.to_dict() for m in self.lists]}  # fmt: skip


@dataclass(frozen=True)
class CodeReport:
    """``tradewar hs show CODE``: the product's name and every line under it."""

    code: str
    name: str
    lines: tuple[LineEntry, ...]
    citation: str = CITATION

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"code": self.code, "name": self.name, "line_count": len(self.lines),
                "lines": [entry.to_dict() for entry in self.lines],
                "citation": self.citation}  # fmt: skip


@dataclass
class _LayerLines:
    measure_id: str
    program: str
    chapter99: set[str] = field(default_factory=set)
    rates: set[float] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)


class HtsService:
    """Tariff lines and product names from the data and cache folders of ``settings``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    # ------------------------------------------------------------------ files
    @property
    def folder(self) -> Path:
        """``<data_dir>/hts/budgetlab``."""
        return budgetlab_folder(Path(self.settings.data_dir))

    def available(self) -> bool:
        """Whether the tariff-line files are present."""
        return (self.folder / CROSSWALK).is_file() and (self.folder / CHAPTER99_TEXT).is_file()

    @cached_property
    def table(self) -> ScopeTable:
        """The bundled ``scopes.yaml``."""
        return bundled_scope_table()

    @cached_property
    def lists(self) -> list[LineList]:
        """Every line list of the table, read from the data folder."""
        folder = require_budgetlab(Path(self.settings.data_dir))
        return _cached_lists(folder, self.table, Path(self.settings.cache_dir))

    @cached_property
    def chapter99(self) -> dict[str, HeadingRow]:
        """The Chapter 99 headings and rates of the 2026 rev 6 text."""
        return read_chapter99(require_budgetlab(Path(self.settings.data_dir)) / CHAPTER99_TEXT)

    def index(self, rebuild: bool = False) -> Path:
        """The product index, built into the cache folder on first use."""
        folder = require_budgetlab(Path(self.settings.data_dir))
        return product_index.ensure_index(folder / CROSSWALK, Path(self.settings.cache_dir),
                                          rebuild)  # fmt: skip

    # ------------------------------------------------------------------ data hts
    def build(self, measures: list[Measure]) -> tuple[Path, int, list[ListStatus]]:
        """(Re)build the index and report every list: lines, heading, attached measures."""
        path = self.index(rebuild=True)
        return path, product_index.line_count(path), self.list_status(measures)

    def list_status(self, measures: list[Measure]) -> list[ListStatus]:
        """Each list with its line count, heading rates and the measures it attaches to."""
        known = {m.id for m in measures}
        rows = []
        for item in self.lists:
            spec = item.spec
            text = self.chapter99.get(spec.chapter99) if spec.chapter99 else None
            rows.append(ListStatus(
                spec.key, spec.title, len(item.codes), spec.chapter99, spec.rate_pct,
                None if text is None else text.rate_pct, spec.effect,
                tuple(m for m in spec.measures if m in known),
                tuple(m for m in spec.measures if m not in known), item.repaired,
            ))  # fmt: skip
        return rows

    # ------------------------------------------------------------------ products
    def search(self, query: str, limit: int = 20) -> list[product_index.SearchHit]:
        """HTS-10 lines whose description matches ``query``, best first."""
        return product_index.search(self.index(), query, limit)

    def show(self, code: str) -> CodeReport:
        """The lines under ``code`` (a normalised HS code: digits only) with the lists (and
        measures) that name each."""
        digits = require_hs(code, "code")
        found = product_index.lines_under(self.index(), digits)
        if not found:
            raise InvalidInput(
                f"HS {digits}: no HTS-10 line starts with it in the Budget Lab crosswalk;"
                " check the code, or search the products by name.",
                field="code",
            )
        entries = tuple(
            LineEntry(line.hs10, line.description, tuple(memberships(line.hs10, self.lists)))
            for line in found
        )
        return CodeReport(digits, product_name([line.description for line in found]), entries)

    def name(self, code: str) -> str | None:
        """The product's name in the schedule's words, or None when no line is under it."""
        found = product_index.lines_under(self.index(), require_hs(code, "code"))
        return product_name([line.description for line in found]) if found else None

    # ------------------------------------------------------------------ the tariff answer
    @cached_property
    def exclusions(self) -> list[Exclusion]:
        """The Section 301 exclusions of U.S. notes 20(vvv)/(www)."""
        return _cached_exclusions(require_budgetlab(Path(self.settings.data_dir)) / CHAPTER99_TEXT)

    def attach(self, measures: list[Measure]) -> list[Measure]:
        """The measures with the line lists as their product scopes (and the exclusions)."""
        scoped = attach_scopes(measures, self.lists, self.table.headings)
        return attach_exclusions(scoped, self.table, self.exclusions)

    def answer(
        self, measures: list[Measure], importer: str, exporter: str, code: str, on: date
    ) -> engine.TariffStack:
        """The stack on ``code`` with the lists attached, and its ``product`` report.

        A code above HTS-10 whose lines all owe the same decided layers (``by_line.uniform``)
        is decided from them: the layers a list covers on every line are no longer "may
        also apply" just because the list is kept at a longer code.
        """
        attached = self.attach(measures)
        stack = engine.tariff_stack(attached, importer, exporter, code, on)
        if importer != US:
            return replace(stack, product=self.name_only(code, importer))
        report = self.product_report(attached, importer, exporter, code, on)
        notes = [*report["notes"]]
        by_line = report.get("by_line")
        if by_line and by_line["uniform"] and stack.uncertain:
            first = product_index.lines_under(self.index(), code)[0].hs10
            stack = replace(engine.tariff_stack(attached, importer, exporter, first, on), hs=code)
            notes.append(
                f"Decided from the {by_line['lines']} HTS-10 lines under HS {code}: each owes"
                " the same layers."
            )
        return replace(stack, product=report, notes=(*stack.notes, *notes))

    def name_only(self, code: str, importer: str) -> dict[str, Any]:
        """The product part for a non-US importer: the HS-6 name only (its lines differ)."""
        found = product_index.lines_under(self.index(), code[:6])
        return {
            "hs": code,
            "name": product_name([x.description for x in found]) if found else None,
            "lists": [],
            "line_count": None,
            "notes": [],
            "possible_exclusions": [],
            "note": f"Named from the HTSUS at HS-6; {importer}'s own national tariff lines are"
            " not recorded, so there is no line-by-line answer.",
            "citation": CITATION,
        }

    def product_report(
        self, measures: list[Measure], importer: str, exporter: str, code: str, on: date
    ) -> dict[str, Any]:
        """The ``product`` part of a tariff answer: name, lists, and the duty line by line.

        ``measures`` must already carry the line lists (:meth:`attach`).  Below HTS-8 (or
        an 8-digit line split into several statistical lines) each HTS-10 line's stack is
        decided and summarised per layer: how many of the lines it covers, and which.
        """
        found = product_index.lines_under(self.index(), code)
        names = [line.description for line in found]
        report: dict[str, Any] = {
            "hs": code,
            "name": product_name(names) if names else None,
            "lists": [m.to_dict() for m in memberships(code, self.lists)] if len(code) >= 8 else [],
            "line_count": len(found),
            "citation": CITATION,
        }
        report["notes"] = _list_notes(code, memberships(code, self.lists)) if len(code) >= 8 else []
        report["possible_exclusions"] = (
            [
                {
                    "chapter99": e.claimed_under,
                    "lifts": list(e.headings),
                    "lines": list(e.codes),
                    "product": e.text,
                }
                for e in possible_exclusions(code, self.exclusions)
            ]
            if len(code) >= 6
            else []
        )
        if report["possible_exclusions"]:
            report["notes"].append(
                f"{len(report['possible_exclusions'])} USTR Section 301 exclusion(s) describe"
                f" products within HTS {code} (U.S. note 20(vvv)/(www), claimed under 9903.88.69"
                " or 9903.88.70): a shipment matching one owes no Section 301 duty on that list;"
                " the stack above assumes it does not match."
            )
        if not found:
            report["note"] = (
                f"HS {code} is not a line of the Budget Lab crosswalk (HTS 2026); "
                "the layers are decided from the code's digits only."
            )
        elif len(found) > MAX_BREAKDOWN_LINES:
            report["note"] = (
                f"HS {code} holds {len(found)} lines; give a longer code for a line-by-line "
                f"breakdown (up to {MAX_BREAKDOWN_LINES})."
            )
        elif len(code) < 10:
            report |= _breakdown(measures, importer, exporter, [x.hs10 for x in found], on)
        return report


def _list_notes(code: str, found: list[Membership]) -> list[str]:
    """Words for the lists that name a line without adding a duty (exemptions, suspended)."""
    notes = []
    for item in found:
        heading = f" ({item.chapter99})" if item.chapter99 else ""
        measures = ", ".join(item.measures) or "no ledger measure"
        if item.effect == "exclude":
            notes.append(f"HTS {code} is exempt: {item.title}{heading}; applies to {measures}.")
        elif item.effect == "listed":
            rate = "" if item.rate_pct is None else f", {item.rate_pct:g}%"
            notes.append(f"HTS {code} is named by {item.title}{heading}{rate}: no duty counted.")
    return notes


def _breakdown(
    measures: list[Measure], importer: str, exporter: str, lines: list[str], on: date
) -> dict[str, Any]:
    layers: dict[str, _LayerLines] = {}
    totals: list[float] = []
    undecided: list[str] = []
    stacks_seen: set[tuple[Any, ...]] = set()
    for line in lines:
        stack = engine.tariff_stack(measures, importer, exporter, line, on)
        stacks_seen.add(_signature(stack))
        total: float | None = stack.total_additional_pct  # None: not known (uncovered, ...)
        if total is not None:
            totals.append(total)
        if stack.uncertain or total is None:
            undecided.append(line)
        for layer in stack.layers:
            entry = layers.setdefault(
                layer.measure_id, _LayerLines(layer.measure_id, layer.program)
            )
            entry.lines.append(line)
            entry.rates.add(layer.rate_pct)
            if layer.chapter99:
                entry.chapter99.add(layer.chapter99)
    return {
        "by_line": {
            "lines": len(lines),
            "total_min_pct": min(totals) if totals else None,
            "total_max_pct": max(totals) if totals else None,
            "undecided_lines": undecided,
            "uniform": not undecided and len(stacks_seen) == 1,
            "layers": [
                {
                    "measure_id": e.measure_id,
                    "program": e.program,
                    "chapter99": sorted(e.chapter99),
                    "rates_pct": sorted(e.rates),
                    "covers": len(e.lines),
                    "of": len(lines),
                    "lines": e.lines,
                }
                for e in layers.values()
            ],
        }
    }


def _signature(stack: engine.TariffStack) -> tuple[Any, ...]:
    """What makes two lines' stacks the same answer: their layers, rates and headings."""
    return tuple(
        (x.measure_id, x.rate_pct, x.statutory_rate_pct, x.suspended_by, x.chapter99)
        for x in stack.layers
    )


def product_name(descriptions: list[str]) -> str:
    """The words the descriptions share, part by part (``" : "``-separated), as a name.

    >>> product_name(["Live horses : Horses : Pure-bred", "Live horses : Horses : Other"])
    'Live horses : Horses'
    >>> product_name(["Soya beans : Seed"])
    'Soya beans : Seed'
    """
    parts = [description.split(" : ") for description in descriptions]
    shared: list[str] = []
    for column in zip(*parts, strict=False):
        if len(set(column)) != 1:
            break
        shared.append(column[0])
    return " : ".join(shared) if shared else parts[0][0]


_EXCLUSION_CACHE: dict[Path, list[Exclusion]] = {}


def _cached_exclusions(path: Path) -> list[Exclusion]:
    """The exclusions of a Chapter 99 text, parsed once per file and process."""
    key = path.resolve()
    if key not in _EXCLUSION_CACHE:
        _EXCLUSION_CACHE.clear()
        _EXCLUSION_CACHE[key] = parse_exclusions(path.read_text("utf-8", errors="replace"))
    return _EXCLUSION_CACHE[key]


_LIST_CACHE: dict[tuple[Path, int], list[LineList]] = {}


def _cached_lists(folder: Path, table: ScopeTable, cache_dir: Path) -> list[LineList]:
    """The lists, read once per folder and process (the API serves many queries), and
    parsed once per version of the files (:mod:`tradewar.hts.list_cache`: a CLI query)."""
    key = (folder.resolve(), id(table))
    if key not in _LIST_CACHE:
        _LIST_CACHE.clear()
        _LIST_CACHE[key] = cached_line_lists(table, folder, cache_dir, read_line_lists)
    return _LIST_CACHE[key]


__all__ = ["CodeReport", "DataUnavailable", "HtsService", "ListStatus", "product_name"]
