"""Bringing an existing ledger up to the bundled record: what to add, correct and leave.

A ledger is seeded once, from the measures file bundled with the release that created
it.  A later release bundles a newer record; :func:`plan_refresh` decides, without a
database, what that record changes in the ledger:

- a bundled measure the ledger lacks is **added** (revision 1, audit action ``load``);
- a measure only the system ever recorded (from an older bundle) that the bundle now
  states differently is **corrected** (a new revision; the old one stays, superseded,
  so ``--as-known-on`` an earlier instant still shows it);
- a measure a person has changed (any revision recorded by someone other than the
  system user) is never overwritten: when the bundle changed it too since the version
  the system recorded, it is a **conflict** to resolve by hand; when the bundle brings
  nothing new for it, the person's edit is simply **kept**;
- a measure an older bundle loaded that the new bundle no longer has is left in place
  and reported as **not in the bundle**.

:meth:`tradewar.ledger.store.LedgerStore.refresh_bundled` reads the ledger, calls
:func:`plan_refresh` and writes the plan in one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tradewar.errors import InvalidMeasure
from tradewar.ledger.schema import Measure, MeasureFile

#: Prefix of the reason the system records with bundled measures ("bundled dataset NAME"
#: at seeding, "bundled record AS_OF" at a refresh): how a bundle-loaded measure is known.
BUNDLED_REASON_PREFIX = "bundled "


def refresh_reason(as_of: date) -> str:
    """The reason recorded with every write of a refresh to the record of ``as_of``."""
    return f"bundled record {as_of.isoformat()}"


@dataclass(frozen=True)
class StoredMeasure:
    """What a refresh needs to know of one measure already in the ledger.

    ``current``: its current revision; ``last_by_system``: the newest revision the system
    user recorded (``None`` if a person recorded every one); ``edited_by``: the people who
    recorded any revision; ``from_bundle``: whether a bundle loaded its first revision.
    """

    measure_id: str
    current_revision: int
    current: Measure
    last_by_system: Measure | None
    edited_by: tuple[str, ...]
    from_bundle: bool


@dataclass(frozen=True)
class Correction:
    """A measure the bundle restates: a new revision replacing ``expected_revision``."""

    measure_id: str
    expected_revision: int
    fields: tuple[str, ...]
    measure: Measure

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the measure itself left out: see ``measures show``)."""
        return {
            "measure_id": self.measure_id,
            "from_revision": self.expected_revision,
            "fields": list(self.fields),
        }


@dataclass(frozen=True)
class PersonEdit:
    """A measure a person changed: left as it is in the ledger."""

    measure_id: str
    current_revision: int
    edited_by: tuple[str, ...]
    fields: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: who edited it and which fields the bundle states otherwise."""
        return {
            "measure_id": self.measure_id,
            "current_revision": self.current_revision,
            "edited_by": list(self.edited_by),
            "fields_differing_from_bundle": list(self.fields),
        }


@dataclass(frozen=True)
class RefreshPlan:
    """What refreshing a ledger to one bundled record adds, corrects and leaves.

    ``conflicts``: measures a person changed that the bundle changed too (resolve by
    hand: ``tradewar measures correct``); ``kept_edits``: measures a person changed that
    the bundle did not (nothing to resolve); ``not_in_bundle``: measures an older bundle
    loaded that this one no longer has (left in the ledger).
    """

    dataset: str
    bundle_as_of: date
    bundle_verified_through: date | None
    ledger_as_of: date | None
    added: tuple[Measure, ...] = ()
    corrected: tuple[Correction, ...] = ()
    conflicts: tuple[PersonEdit, ...] = ()
    kept_edits: tuple[PersonEdit, ...] = ()
    not_in_bundle: tuple[str, ...] = ()
    unchanged: int = 0
    applied: bool = False

    @property
    def writes(self) -> int:
        """How many measure revisions the plan writes."""
        return len(self.added) + len(self.corrected)

    def summary(self) -> str:
        """One line: the counts of each outcome."""
        done = "" if self.applied else "would be "
        return (
            f"bundled record {self.bundle_as_of} (ledger had {self.ledger_as_of or 'none'}): "
            f"{len(self.added)} {done}added, {len(self.corrected)} {done}corrected, "
            f"{len(self.conflicts)} conflicts kept, {len(self.kept_edits)} edits kept, "
            f"{len(self.not_in_bundle)} not in the bundle, {self.unchanged} unchanged"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``tradewar db refresh --json``)."""
        return {
            "dataset": self.dataset,
            "bundle_as_of": self.bundle_as_of.isoformat(),
            "bundle_verified_through": _iso(self.bundle_verified_through),
            "ledger_as_of": _iso(self.ledger_as_of),
            "applied": self.applied,
            "added": [m.id for m in self.added],
            "corrected": [c.to_dict() for c in self.corrected],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "kept_edits": [c.to_dict() for c in self.kept_edits],
            "not_in_bundle": list(self.not_in_bundle),
            "unchanged": self.unchanged,
        }


def plan_refresh(
    bundle: MeasureFile, stored: Mapping[str, StoredMeasure], ledger_as_of: date | None
) -> RefreshPlan:
    """Decide what refreshing a ledger holding ``stored`` to ``bundle`` does (pure).

    >>> from tradewar.ledger.loader import bundled_measures_path, load_measure_file
    >>> bundle = load_measure_file(bundled_measures_path())
    >>> plan = plan_refresh(bundle, {}, None)
    >>> len(plan.added) == len(bundle.measures), plan.corrected
    (True, ())
    """
    added: list[Measure] = []
    corrected: list[Correction] = []
    conflicts: list[PersonEdit] = []
    kept: list[PersonEdit] = []
    unchanged = 0
    for measure in bundle.measures:
        known = stored.get(measure.id)
        if known is None:
            added.append(measure)
            continue
        differing = changed_fields(known.current, measure)
        if not differing:
            unchanged += 1
        elif not known.edited_by:
            corrected.append(Correction(measure.id, known.current_revision, differing, measure))
        else:
            edit = PersonEdit(measure.id, known.current_revision, known.edited_by, differing)
            bundle_moved = known.last_by_system is None or bool(
                changed_fields(known.last_by_system, measure)
            )
            (conflicts if bundle_moved else kept).append(edit)
    bundled_ids = {m.id for m in bundle.measures}
    dropped = sorted(i for i, s in stored.items() if s.from_bundle and i not in bundled_ids)
    return RefreshPlan(
        dataset=bundle.dataset,
        bundle_as_of=bundle.as_of,
        bundle_verified_through=bundle.verified_through,
        ledger_as_of=ledger_as_of,
        added=tuple(added),
        corrected=tuple(corrected),
        conflicts=tuple(conflicts),
        kept_edits=tuple(kept),
        not_in_bundle=tuple(dropped),
        unchanged=unchanged,
    )


def changed_fields(old: Measure, new: Measure) -> tuple[str, ...]:
    """The top-level fields whose values differ between two versions of a measure."""
    before = old.model_dump(mode="json", exclude_none=True)
    after = new.model_dump(mode="json", exclude_none=True)
    return tuple(sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)))


def stored_measures(
    revisions: Sequence[tuple[str, int, str, str, Measure]], system_user: str
) -> dict[str, StoredMeasure]:
    """Group ``(measure_id, revision, recorded_by, reason, measure)`` rows by measure.

    Rows come in any order; the highest revision of a measure is its current one.
    """
    grouped: dict[str, list[tuple[int, str, str, Measure]]] = {}
    for measure_id, revision, who, reason, measure in revisions:
        grouped.setdefault(measure_id, []).append((revision, who, reason, measure))
    stored: dict[str, StoredMeasure] = {}
    for measure_id, rows in grouped.items():
        rows.sort(key=lambda row: row[0])
        by_system = [m for _, who, _, m in rows if who == system_user]
        people = tuple(sorted({who for _, who, _, _ in rows if who != system_user}))
        first_who, first_reason = rows[0][1], rows[0][2]
        stored[measure_id] = StoredMeasure(
            measure_id=measure_id,
            current_revision=rows[-1][0],
            current=rows[-1][3],
            last_by_system=by_system[-1] if by_system else None,
            edited_by=people,
            from_bundle=first_who == system_user and first_reason.startswith(BUNDLED_REASON_PREFIX),
        )
    return stored


@dataclass(frozen=True)
class BundleHeader:
    """The header of a measures file: its dataset, ``as_of`` and ``verified_through``."""

    dataset: str
    as_of: date
    verified_through: date | None


_TOP_OF_MEASURES = re.compile(r"^measures\s*:", re.MULTILINE)


@lru_cache(maxsize=8)
def read_bundle_header(path: Path) -> BundleHeader:
    """The header of the measures file at ``path``, without validating its measures.

    Cheap enough to run whenever a store is opened (the measures themselves are parsed
    and validated only when a refresh is due).
    """
    text = path.read_text(encoding="utf-8")
    end = _TOP_OF_MEASURES.search(text)
    head = yaml.safe_load(text[: end.start()] if end else text)
    if not isinstance(head, dict) or "as_of" not in head or "dataset" not in head:
        raise InvalidMeasure(f"{path}: expected 'dataset' and 'as_of' before 'measures'.")
    verified = head.get("verified_through")
    return BundleHeader(
        dataset=str(head["dataset"]),
        as_of=_day(head["as_of"], path, "as_of"),
        verified_through=None if verified is None else _day(verified, path, "verified_through"),
    )


def _day(value: Any, path: Path, name: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as err:
        raise InvalidMeasure(f"{path}: {name} {value!r} is not a YYYY-MM-DD date.") from err


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
