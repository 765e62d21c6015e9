"""Rate builds are reused while the ledger is unchanged and rebuilt after any write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from tradewar.config import Settings
from tradewar.ledger.schema import Measure
from tradewar.scenarios.from_ledger import (
    BASELINE_DATE,
    _ledger_rates,
    build_rates,
    effective_rate,
    ledger_pairs,
    load_coverage_shares,
)
from tradewar.services.scenarios import ScenarioService, bundled_scenarios

COUNTRIES = ("CHN", "DEU", "HKG", "JPN", "MEX", "USA")
SCENARIO = "geneva-truce"  # 14 May 2025: the universal 10% for countries the ledger skips


@pytest.fixture
def service(data_dir: Path, tmp_path: Path) -> ScenarioService:
    """A service on its own ledger: these tests write to it."""
    settings = Settings(data_dir=data_dir, database_url=f"sqlite:///{tmp_path}/ledger.sqlite")
    return ScenarioService(settings)


def test_bundled_scenarios_are_parsed_once_and_listed_afresh() -> None:
    first, second = bundled_scenarios(), bundled_scenarios()
    assert first == second and first is not second  # a caller may reorder its own list
    assert all(a is b for a, b in zip(first, second, strict=True))  # frozen, shared


def test_a_repeated_build_is_reused_and_equals_a_fresh_one(service: ScenarioService) -> None:
    scenario = service.get(SCENARIO)
    build = service.build(scenario)
    assert service.build(scenario) is build
    assert not build.tariffs.flags.writeable  # shared by every run: nobody may change it
    fresh = build_rates(
        scenario,
        service.ledger.measures(),
        service.model.world.countries,
        liberation_day_pct=dict(
            zip(service.model.data.countries, service.model.data.ustr_rates * 100.0, strict=True)
        ),
        coverage=service.coverage,
    )
    np.testing.assert_array_equal(build.tariffs, fresh.tariffs)
    assert build.pairs == fresh.pairs and build.assumptions == fresh.assumptions


def test_runs_from_the_cache_give_the_same_results(service: ScenarioService) -> None:
    first = service.run(SCENARIO)
    second = service.run(SCENARIO)
    assert second.build is first.build
    assert second.to_dict() == first.to_dict()
    second.sources[0]["url"] = "changed by a caller"
    assert service.run(SCENARIO).sources[0]["url"] != "changed by a caller"


def test_a_ledger_write_changes_the_next_build(service: ScenarioService) -> None:
    scenario = service.get(SCENARIO)
    before = service.build(scenario)
    us_on_china = next(p for p in before.pairs if (p.importer, p.exporter) == ("USA", "CHN"))
    template = service.ledger.get(us_on_china.measures[0])
    on_japan = Measure.model_validate(
        template.model_dump(mode="json")
        | {"id": "test-us-japan-2025", "targets": ["JPN"], "relations": [], "suspends": []}
    )
    service.ledger.store.add([on_japan], recorded_by="tester", reason="cache invalidation test")

    after = service.build(scenario)
    assert after is not before
    assert "test-us-japan-2025" in after.measure_ids
    assert after.rate_pct("USA", "JPN") != pytest.approx(before.rate_pct("USA", "JPN"))
    assert service.build(scenario) is after  # cached again for the new ledger version


def test_another_scenario_content_is_another_build(service: ScenarioService) -> None:
    scenario = service.get(SCENARIO)
    dropped = scenario.model_copy(
        update={"drop_measures": [service.build(scenario).measure_ids[0]]}
    )
    assert service.build(dropped) is not service.build(scenario)


@pytest.mark.parametrize("on", ["2025-03-04", "2025-04-12", "2025-05-14", "2026-03-01"])
def test_pair_restricted_rates_equal_the_whole_ledger_scan(
    measures: list[Measure], on: str
) -> None:
    """build_rates hands each pair only its measures; the answers equal a scan of all of them."""
    day = date.fromisoformat(on)
    coverage = load_coverage_shares()
    rates = _ledger_rates(measures, COUNTRIES, day, coverage)
    for importer, exporter in ledger_pairs(measures, COUNTRIES):
        own = [m for m in measures if m.imposing == importer and m.applies_to(exporter)]
        for when in (day, BASELINE_DATE):
            whole = effective_rate(measures, importer, exporter, when, coverage)
            assert effective_rate(own, importer, exporter, when, coverage) == whole
        now, *_ = effective_rate(measures, importer, exporter, day, coverage)
        base, *_ = effective_rate(measures, importer, exporter, BASELINE_DATE, coverage)
        if (importer, exporter) in rates:
            assert rates[(importer, exporter)].rate_pct == max(now - base, 0.0)
