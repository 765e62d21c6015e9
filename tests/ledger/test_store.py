"""The database: migrations, first-use seeding, history ("as known on"), all-or-nothing writes."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from alembic import command
from sqlalchemy import inspect

from tradewar.errors import DuplicateMeasure, InvalidMeasure, MeasureNotFound
from tradewar.ledger.schema import Measure
from tradewar.ledger.store import LedgerStore, alembic_config


def _copy(measure: Measure, **changes: object) -> Measure:
    data = measure.model_dump(mode="json", exclude_none=True)
    data.update(changes)
    return Measure.model_validate(data)


def test_new_database_is_migrated_and_seeded(database_url: str, bundled: list[Measure]) -> None:
    store = LedgerStore.open(database_url)  # an empty database, not the seeded copy
    assert {m.id for m in store.measures()} == {m.id for m in bundled}
    assert store.meta()["bundled_dataset"] == "us-china-2025"
    tables = set(inspect(store.engine).get_table_names())
    assert {"measure_records", "measure_targets", "measure_sources", "alembic_version"} <= tables
    store.engine.dispose()


def test_reopening_does_not_seed_twice(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.sqlite'}"
    first = LedgerStore.open(url)
    count = len(first.measures())
    again = LedgerStore.open(url)
    assert len(again.measures()) == count
    assert again.ensure_seeded() is False


def test_migrations_downgrade_and_upgrade_cleanly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.sqlite'}"
    store = LedgerStore.open(url, seed=False)
    config = alembic_config(url)
    command.downgrade(config, "base")
    assert "measure_records" not in inspect(store.engine).get_table_names()
    command.upgrade(config, "head")
    assert "measure_records" in inspect(store.engine).get_table_names()


def test_the_recorded_schema_head_is_the_newest_migration() -> None:
    """Opening a ledger skips Alembic when the database is at SCHEMA_HEADS: they must be the
    migrations folder's heads, or a new migration would never run."""
    from alembic.script import ScriptDirectory

    from tradewar.ledger.store import SCHEMA_HEADS

    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert set(heads) == set(SCHEMA_HEADS)


def test_a_ledger_behind_the_newest_migration_is_upgraded_when_opened(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    store = LedgerStore.open(url, seed=False)
    command.downgrade(alembic_config(url), "0004")
    with store.engine.connect() as connection:
        assert (
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0004"
        )
    reopened = LedgerStore.open(url, seed=False)
    with reopened.engine.connect() as connection:
        assert (
            connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0005"
        )


def test_correction_keeps_history_and_answers_as_known_on(store: LedgerStore) -> None:
    original = store.get("us-ieepa-reciprocal-84")
    before = datetime.now(UTC)
    time.sleep(0.01)
    corrected = _copy(original, effective_on="2025-04-10", date_note="corrected to the 10th")
    revision = store.correct(corrected, recorded_by="analyst", reason="EO text says 10 April")
    assert revision.revision == 2
    assert str(store.get("us-ieepa-reciprocal-84").effective_on) == "2025-04-10"
    assert str(store.get("us-ieepa-reciprocal-84", as_known_on=before).effective_on) == "2025-04-09"
    history = store.history("us-ieepa-reciprocal-84")
    assert [(r.revision, r.change) for r in history] == [(1, "load"), (2, "correct")]
    assert history[0].superseded_at is not None and history[1].superseded_at is None
    assert history[1].recorded_by == "analyst" and history[1].reason == "EO text says 10 April"
    # the ledger as a whole, as known before the correction
    old = {m.id: m for m in store.measures(as_known_on=before)}
    assert str(old["us-ieepa-reciprocal-84"].effective_on) == "2025-04-09"


def test_nothing_is_known_before_it_was_recorded(store: LedgerStore) -> None:
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    assert store.measures(as_known_on=long_ago) == []
    with pytest.raises(MeasureNotFound, match="as known on 2020-01-01"):
        store.get("us-ieepa-fentanyl-10", as_known_on=long_ago)


def test_add_is_all_or_nothing(store: LedgerStore) -> None:
    base = store.get("us-ieepa-fentanyl-10")
    new = _copy(base, id="us-new-a", title="new A")
    clash = _copy(base, id="us-ieepa-fentanyl-20", title="clash")
    with pytest.raises(DuplicateMeasure, match="us-ieepa-fentanyl-20"):
        store.add([new, clash], recorded_by="t", reason="t")
    with pytest.raises(MeasureNotFound):
        store.get("us-new-a")
    assert store.add([new], recorded_by="t", reason="t") == ["us-new-a"]
    assert store.get("us-new-a").title == "new A"


def test_correcting_an_unknown_measure_fails_and_writes_nothing(store: LedgerStore) -> None:
    ghost = _copy(store.get("us-ieepa-fentanyl-10"), id="ghost")
    with pytest.raises(MeasureNotFound, match="measures add"):
        store.correct(ghost, recorded_by="t", reason="t")
    with pytest.raises(InvalidMeasure, match="reason"):
        store.correct(store.get("us-ieepa-fentanyl-10"), recorded_by="t", reason=" ")


def test_queries_by_target_include_all_countries(store: LedgerStore) -> None:
    korea = set(store.measure_ids(target="KOR"))
    assert "cn-port-fees-hanwha-2025" in korea  # named target
    assert "us-s122-surcharge-2026" in korea  # targets ALL
    assert "us-ieepa-fentanyl-10" not in korea
    assert set(store.measure_ids(kind="talks", imposing="USA"))
    assert "us-ieepa-reciprocal-125" in store.citing("govinfo.gov")


def test_bad_bundle_leaves_database_untouched(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    store = LedgerStore.open(url, seed=False)
    from tradewar.ledger.loader import load_measure_file

    bad = tmp_path / "bad.yaml"
    good = yaml.safe_load(
        Path(__file__)
        .parent.joinpath("..", "..", "src", "tradewar", "ledger", "data", "us_china_2025.yaml")
        .read_text()
    )
    good["measures"][40]["effective_on"] = "not-a-date"
    bad.write_text(yaml.safe_dump(good))
    with pytest.raises(InvalidMeasure, match=r"#41"):
        load_measure_file(bad)
    assert store.measures() == []


def test_a_load_that_fails_midway_writes_nothing(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tradewar.ledger.store as store_module
    from tradewar.ledger.loader import bundled_measures_path, load_measure_file

    store = LedgerStore.open(database_url, seed=False)
    real_record = store_module._record
    calls = {"n": 0}

    def failing_record(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 30:
            raise RuntimeError("disk full")
        return real_record(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module, "_record", failing_record)
    with pytest.raises(RuntimeError, match="disk full"):
        store.load(load_measure_file(bundled_measures_path()), recorded_by="t", reason="t")
    assert store.measures() == []
    assert store.meta() == {}


def test_tokens_are_stored_hashed_and_can_be_revoked(store: LedgerStore) -> None:
    from tradewar.errors import DuplicateToken, UnknownToken

    token = store.create_token("newsroom-bot")
    assert token.startswith("tw_") and len(token) > 40
    assert store.token_owner(token) == "newsroom-bot"
    assert store.token_owner(token + "x") is None
    with store.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT token_sha256 FROM api_tokens").scalar_one()
    assert token not in stored and len(stored) == 64
    with pytest.raises(DuplicateToken):
        store.create_token("newsroom-bot")
    store.revoke_token("newsroom-bot")
    assert store.token_owner(token) is None
    assert store.tokens()[0]["revoked_at"] is not None
    with pytest.raises(UnknownToken):
        store.revoke_token("newsroom-bot")
