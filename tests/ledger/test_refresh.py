"""Refreshing a ledger seeded from an older release to the bundled record of this one.

The "old release" is a fixture bundle written from the current one: a few measures left
out (the new ones), a few stated differently (the old wording), one the new record no
longer has, and an older ``as_of``.  A person then edits two measures, and the ledger is
refreshed to the real bundled record, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tradewar.cli.app import app
from tradewar.config import Settings
from tradewar.errors import EditConflict, InvalidInput, LedgerError
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.refresh import (
    StoredMeasure,
    changed_fields,
    plan_refresh,
    read_bundle_header,
    refresh_reason,
)
from tradewar.ledger.schema import Measure, MeasureFile
from tradewar.ledger.store import SYSTEM_USER, LedgerStore
from tradewar.services.ledger import LedgerService

OLD_AS_OF = date(2026, 5, 17)
OLD_ONLY_ID = "talks-old-record-only-2025"


@dataclass(frozen=True)
class OldRelease:
    """The fixture bundle of an older release, and how it differs from the current one."""

    bundle: MeasureFile
    path: Path
    missing: list[str]  # in the new bundle only: to be added
    reworded: list[str]  # stated differently: to be corrected
    person_conflict: str  # reworded, and edited by a person: a conflict
    person_kept: str  # the same in both bundles, edited by a person: kept


def _referenced(measures: list[Measure]) -> set[str]:
    return {r.measure for m in measures for r in m.relations} | {
        s.measure for m in measures for s in m.suspends
    }


def write_old_release(folder: Path) -> OldRelease:
    """Write the fixture bundle of an "older release" and load it back from its file."""
    new = load_measure_file(bundled_measures_path())
    free = [m.id for m in new.measures if m.id not in _referenced(new.measures)]
    missing = free[-3:]
    reworded = [m.id for m in new.measures if m.id not in missing][:3]
    person_kept = [m.id for m in new.measures if m.id not in missing][5]
    talks = next(m for m in new.measures if m.kind.value == "talks" and m.id not in missing)
    old_measures = []
    for measure in new.measures:
        if measure.id in missing:
            continue
        if measure.id in reworded:
            measure = measure.model_copy(update={"title": f"{measure.title} (old wording)"})
        old_measures.append(measure)
    old_measures.append(talks.model_copy(update={"id": OLD_ONLY_ID, "relations": []}))
    old = new.model_copy(
        update={"as_of": OLD_AS_OF, "verified_through": None, "measures": old_measures}
    )
    path = folder / "old_release.yaml"
    document = old.model_dump(mode="json", exclude_none=True)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), "utf-8")
    return OldRelease(
        bundle=load_measure_file(path),
        path=path,
        missing=missing,
        reworded=reworded[:2],
        person_conflict=reworded[2],
        person_kept=person_kept,
    )


def seed_old(url: str, old: OldRelease) -> LedgerStore:
    """A ledger as the older release left it: its bundle loaded, two measures edited."""
    store = LedgerStore.open(url, seed=False)
    store.load(old.bundle, recorded_by=SYSTEM_USER, reason=f"bundled dataset {old.bundle.dataset}")
    for measure_id, title in ((old.person_conflict, "Ann's title"), (old.person_kept, "Bo's")):
        edited = store.get(measure_id).model_copy(update={"title": title})
        store.correct(edited, recorded_by=measure_id[:2] + "-analyst", reason="checked the text")
    return store


@pytest.fixture(scope="module")
def old(tmp_path_factory: pytest.TempPathFactory) -> OldRelease:
    """The older release's bundle (written and validated once: it takes seconds)."""
    return write_old_release(tmp_path_factory.mktemp("old-release"))


@pytest.fixture(scope="module")
def new() -> MeasureFile:
    """This release's bundled record."""
    return load_measure_file(bundled_measures_path())


# ---------------------------------------------------------------------- pure decisions


def _stored(
    measure: Measure, *, by_system: Measure | None, people: tuple[str, ...] = ()
) -> StoredMeasure:
    return StoredMeasure(measure.id, 2 if people else 1, measure, by_system, people, True)


def test_plan_decides_each_case_without_a_database(new: MeasureFile) -> None:
    a, b, c, d, e = new.measures[:5]
    old_b = b.model_copy(update={"title": "old"})
    edited = c.model_copy(update={"title": "a person's"})
    stored = {
        b.id: _stored(old_b, by_system=old_b),  # only the system: corrected
        c.id: _stored(edited, by_system=c.model_copy(update={"notes": "x"}), people=("ann",)),
        d.id: _stored(d.model_copy(update={"title": "bo's"}), by_system=d, people=("bo",)),
        e.id: _stored(e, by_system=e),  # the same: unchanged
        "gone": _stored(e.model_copy(update={"id": "gone"}), by_system=None),
    }
    plan = plan_refresh(new, stored, OLD_AS_OF)
    assert a in plan.added and len(plan.added) == len(new.measures) - 4
    assert [(x.measure_id, x.expected_revision, x.fields) for x in plan.corrected] == [
        (b.id, 1, ("title",))
    ]
    assert [x.measure_id for x in plan.conflicts] == [c.id]  # bundle moved since the system's
    assert [(x.measure_id, x.edited_by) for x in plan.kept_edits] == [(d.id, ("bo",))]
    assert plan.not_in_bundle == ("gone",) and plan.unchanged == 1 and not plan.applied
    assert "would be added" in plan.summary()


def test_changed_fields_names_the_top_level_fields(new: MeasureFile) -> None:
    measure = new.measures[0]
    assert changed_fields(measure, measure) == ()
    assert changed_fields(measure, measure.model_copy(update={"title": "t", "notes": "n"})) == (
        "notes",
        "title",
    )


def test_bundle_header_is_read_without_the_measures(new: MeasureFile, old: OldRelease) -> None:
    header = read_bundle_header(bundled_measures_path())
    assert (header.dataset, header.as_of, header.verified_through) == (
        new.dataset,
        new.as_of,
        new.verified_through,
    )
    assert read_bundle_header(old.path).as_of == OLD_AS_OF
    assert read_bundle_header(old.path).verified_through is None


# ---------------------------------------------------------------------- on both backends


def test_refresh_brings_an_old_ledger_to_the_bundle(
    database_url: str, old: OldRelease, new: MeasureFile
) -> None:
    store = seed_old(database_url, old)
    before = datetime.now(UTC)
    version, audit = store.version(), len(store.audit_log())

    dry = store.refresh_bundled(new, dry_run=True)
    assert (store.version(), len(store.audit_log())) == (version, audit)  # nothing written
    assert store.meta()["bundled_as_of"] == OLD_AS_OF.isoformat()

    plan = store.refresh_bundled(new)
    assert plan.applied and plan.to_dict() == {**dry.to_dict(), "applied": True}
    assert sorted(m.id for m in plan.added) == sorted(old.missing)
    assert [c.measure_id for c in plan.corrected] == old.reworded
    assert [c.measure_id for c in plan.conflicts] == [old.person_conflict]
    assert [c.measure_id for c in plan.kept_edits] == [old.person_kept]
    assert plan.not_in_bundle == (OLD_ONLY_ID,)

    # New measures present; reworded ones corrected with their history kept.
    for measure_id in old.missing:
        assert store.get(measure_id) == next(m for m in new.measures if m.id == measure_id)
    history = store.history(old.reworded[0])
    assert [(r.revision, r.change, r.recorded_by) for r in history] == [
        (1, "load", SYSTEM_USER),
        (2, "correct", SYSTEM_USER),
    ]
    assert history[0].measure.title.endswith("(old wording)")
    assert history[1].reason == refresh_reason(new.as_of)
    assert not history[1].measure.title.endswith("(old wording)")
    # A person's edits stand; what the bundle dropped stays.
    assert store.get(old.person_conflict).title == "Ann's title"
    assert store.get(old.person_kept).title == "Bo's"
    assert store.get(OLD_ONLY_ID).id == OLD_ONLY_ID
    meta = store.meta()
    assert meta["bundled_as_of"] == new.as_of.isoformat()
    assert meta["bundled_verified_through"] == str(new.verified_through)
    actions = [(e["action"], e["measure_id"]) for e in store.audit_log()[audit:]]
    assert ("load", old.missing[0]) in actions and ("correct", old.reworded[0]) in actions

    # Bitemporal: as known before the refresh, the ledger is the old record.
    then = store.measures(as_known_on=before)
    assert sorted(m.id for m in then) == sorted(m.id for m in old.bundle.measures)
    assert next(m for m in then if m.id == old.reworded[0]).title.endswith("(old wording)")

    # Idempotent: a second run writes nothing and still names the conflict.
    version = store.version()
    again = store.refresh_bundled(new)
    assert again.writes == 0 and store.version() == version
    assert [c.measure_id for c in again.conflicts] == [old.person_conflict]
    assert again.unchanged == len(new.measures) - 2
    store.engine.dispose()


def test_refresh_refuses_an_older_bundle(database_url: str, old: OldRelease) -> None:
    store = LedgerStore.open(database_url)
    version = store.version()
    with pytest.raises(InvalidInput, match="newer than the one offered"):
        store.refresh_bundled(old.bundle)
    assert store.version() == version
    store.engine.dispose()


def test_a_measure_changed_meanwhile_refuses_the_whole_refresh(
    database_url: str, old: OldRelease, new: MeasureFile
) -> None:
    store = seed_old(database_url, old)
    plan = store.refresh_bundled(new, dry_run=True)
    target = plan.corrected[0].measure_id
    store.correct(
        store.get(target).model_copy(update={"notes": "meanwhile"}),
        recorded_by="cy",
        reason="a concurrent edit",
    )
    version = store.version()
    refused = pytest.raises(EditConflict, match="changed while the bundled record")
    with refused, store._transaction() as session:
        store._apply_refresh(session, plan)
    assert store.version() == version  # the additions before it were rolled back too
    assert store.meta()["bundled_as_of"] == OLD_AS_OF.isoformat()
    store.engine.dispose()


def test_opening_refreshes_sqlite_and_warns_on_postgresql(
    database_url: str, old: OldRelease, new: MeasureFile
) -> None:
    seed_old(database_url, old).engine.dispose()
    service = LedgerService(Settings(database_url=database_url))
    store = service.store  # opened as every command opens it
    stack = service.tariff("USA", "CHN", None, date(2026, 3, 1))
    if store.engine.dialect.name == "sqlite":
        assert store.bundled_record_behind() is None
        assert store.get(old.missing[0]).id == old.missing[0]
        assert not any("db refresh" in w for w in stack.warnings)
    else:  # a team ledger changes only when its maintainers run 'tradewar db refresh'
        assert store.bundled_record_behind() == (OLD_AS_OF, new.as_of)
        assert any("tradewar db refresh" in w for w in stack.warnings)
        assert any("db refresh" in w for w in service.brief(date(2026, 3, 1)).warnings)
        # Its record is verified only through its own as_of.
        assert service.verified_through() == OLD_AS_OF
        assert store.refresh_if_behind() is not None
        assert store.bundled_record_behind() is None
    store.engine.dispose()


def test_two_processes_opening_an_old_ledger_refresh_it_once(
    database_url: str, old: OldRelease, new: MeasureFile
) -> None:
    seed_old(database_url, old).engine.dispose()
    stores = [LedgerStore.open(database_url, refresh=False) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        plans = list(pool.map(lambda s: s.refresh_if_behind(), stores))
    assert sum(p is not None for p in plans) == 1  # the other found it done
    store = stores[0]
    assert store.bundled_record_behind() is None
    assert [r.revision for r in store.history(old.reworded[0])] == [1, 2]
    assert [r.revision for r in store.history(old.missing[0])] == [1]
    for opened in stores:
        opened.engine.dispose()


def test_a_failed_automatic_refresh_leaves_the_ledger_usable_and_warning(
    sqlite_url: str, old: OldRelease, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_old(sqlite_url, old).engine.dispose()

    def read_only(self: LedgerStore, *args: object, **kwargs: object) -> None:
        raise LedgerError("The ledger database failed: attempt to write a readonly database.")

    monkeypatch.setattr(LedgerStore, "refresh_bundled", read_only)
    service = LedgerService(Settings(database_url=sqlite_url))
    assert service.store.bundled_record_behind() == (
        OLD_AS_OF,
        read_bundle_header(bundled_measures_path()).as_of,
    )
    assert any("db refresh" in w for w in service.date_warnings(date(2025, 6, 1)))
    service.store.engine.dispose()


# ---------------------------------------------------------------------- the command


def test_db_refresh_command(
    database_url: str, old: OldRelease, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_old(database_url, old).engine.dispose()
    monkeypatch.setenv("TRADEWAR_DATABASE_URL", database_url)
    runner = CliRunner()
    info = json.loads(runner.invoke(app, ["db", "info", "--json"]).stdout)
    assert (info["refresh_due"], info["bundled_as_of"]) == (True, OLD_AS_OF.isoformat())

    dry = runner.invoke(app, ["db", "refresh", "--dry-run", "--json"])
    assert dry.exit_code == 0, dry.output
    planned = json.loads(dry.stdout)
    assert planned["applied"] is False and sorted(planned["added"]) == sorted(old.missing)
    assert planned["ledger_as_of"] == OLD_AS_OF.isoformat()

    done = runner.invoke(app, ["db", "refresh"])
    assert done.exit_code == 0, done.output
    assert f"{len(old.missing)} added, {len(old.reworded)} corrected" in done.stdout
    assert f"conflict   {old.person_conflict}" in done.stdout
    assert "measures correct ID FILE" in done.stdout

    again = json.loads(runner.invoke(app, ["db", "refresh", "--json"]).stdout)
    assert again["added"] == [] and again["corrected"] == []
    assert [c["measure_id"] for c in again["conflicts"]] == [old.person_conflict]
    info = json.loads(runner.invoke(app, ["db", "info", "--json"]).stdout)
    assert info["refresh_due"] is False and info["bundled_as_of"] == info["release_bundled_as_of"]
