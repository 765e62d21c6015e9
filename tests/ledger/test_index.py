"""The measure index: reads come from it, and any write (this store's or another's) renews it."""

from __future__ import annotations

from datetime import date

from tradewar.ledger import engine
from tradewar.ledger.schema import Measure
from tradewar.ledger.store import LedgerStore


def _copy(measure: Measure, **changes: object) -> Measure:
    data = measure.model_dump(mode="json", exclude_none=True) | {"relations": []}
    return Measure.model_validate(data | changes)


def test_reads_reuse_the_index_until_a_write(store: LedgerStore) -> None:
    first = store.index()
    assert store.index() is first  # no write: the same validated measures
    assert store.measures() == list(first.measures)
    store.add([_copy(store.get("cn-tariff-34"), id="cn-new")], recorded_by="t", reason="r")
    renewed = store.index()
    assert renewed is not first and "cn-new" in {m.id for m in renewed.measures}


def test_a_write_by_another_store_is_seen(database_url: str) -> None:
    reader = LedgerStore.open(database_url)
    writer = LedgerStore.open(database_url)
    before = reader.index()
    measure = writer.get("cn-tariff-34")
    writer.correct(_copy(measure, title="changed elsewhere"), recorded_by="w", reason="r")
    assert reader.get("cn-tariff-34").title == "changed elsewhere"
    assert reader.index() is not before
    assert {m.id: m.title for m in reader.measures()}["cn-tariff-34"] == "changed elsewhere"
    writer.add([_copy(measure, id="cn-added-elsewhere")], recorded_by="w", reason="r")
    renewed = {m.id: m for m in reader.index().measures}  # renewed from the new records
    assert renewed == {m.id: m for m in reader._load_measures(None)}  # = a full reload
    reader.engine.dispose()
    writer.engine.dispose()


def test_pair_subset_gives_the_same_stacks_as_the_whole_ledger(store: LedgerStore) -> None:
    measures = store.measures()
    index = store.index()
    pairs = {(m.imposing, t) for m in measures for t in m.targets if t != "ALL"}
    for importer, exporter in sorted(pairs)[:20]:
        for hs in (None, "950300", "8541"):
            for day in (date(2025, 4, 15), date(2025, 5, 20), date(2026, 1, 1)):
                whole = engine.tariff_stack(measures, importer, exporter, hs, day)
                subset = engine.tariff_stack(
                    index.between(importer, exporter), importer, exporter, hs, day
                )
                assert subset == whole, (importer, exporter, hs, day)
