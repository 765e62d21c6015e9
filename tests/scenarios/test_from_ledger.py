"""Ledger -> bilateral tariff matrix on the key dates, both directions (pure; no data)."""

from __future__ import annotations

import pytest

from tradewar.errors import DataUnavailable, InvalidInput
from tradewar.ledger.schema import Measure
from tradewar.scenarios.from_ledger import (
    ELECTRONICS_EXCLUSION,
    CoverageShare,
    build_rates,
    load_coverage_shares,
)
from tradewar.scenarios.spec import Scenario

COUNTRIES = ("CHN", "DEU", "HKG", "JPN", "USA")
OTHERS_SHARE = 0.1


def coverage() -> dict[str, CoverageShare]:
    shares = load_coverage_shares()
    base = shares[ELECTRONICS_EXCLUSION]
    shares[ELECTRONICS_EXCLUSION] = CoverageShare(
        base.suspension_id,
        base.description,
        {**base.shares, "*": OTHERS_SHARE},
        base.basis,
        base.sources,
    )
    return shares


def build(measures: list[Measure], **fields: object):  # type: ignore[no-untyped-def]
    scenario = Scenario.model_validate({"name": "t", "title": "t", **fields})
    return build_rates(
        scenario,
        measures,
        COUNTRIES,
        coverage=coverage(),
        liberation_day_pct={"CHN": 54, "DEU": 20, "HKG": 10, "JPN": 24},
    )


@pytest.mark.parametrize(
    ("date", "us_on_china", "china_on_us", "us_on_germany", "us_on_hong_kong"),
    [
        ("2025-01-01", 0, 0, 0, 0),
        ("2025-03-04", 20, 0, 0, 20),  # fentanyl only; before the universal baseline
        ("2025-04-12", 145 - 0.22 * 125, 125, 10 * (1 - OTHERS_SHARE), 145 - OTHERS_SHARE * 125),
        ("2025-05-14", 30 - 0.22 * 10, 10, 10 * (1 - OTHERS_SHARE), 30 - OTHERS_SHARE * 10),
        ("2025-11-10", 20 - 0.22 * 10, 10, 10 * (1 - OTHERS_SHARE), 20 - OTHERS_SHARE * 10),
        ("2026-03-01", 10, 10, 10, 10),  # Section 122 from the ledger, all countries, no exclusion
        # Section 301 forced-labour 12.5% on China and Hong Kong; Germany not covered then
        ("2026-08-01", 12.5, 10, 0, 12.5),
    ],
)
def test_ledger_rates_on_key_dates(
    measures: list[Measure],
    date: str,
    us_on_china: float,
    china_on_us: float,
    us_on_germany: float,
    us_on_hong_kong: float,
) -> None:
    rates = build(measures, date=date)
    assert rates.rate_pct("USA", "CHN") == pytest.approx(us_on_china)
    assert rates.rate_pct("CHN", "USA") == pytest.approx(china_on_us)
    assert rates.rate_pct("USA", "DEU") == pytest.approx(us_on_germany)
    assert rates.rate_pct("USA", "HKG") == pytest.approx(us_on_hong_kong)
    assert rates.rate_pct("DEU", "USA") == 0 and rates.rate_pct("CHN", "JPN") == 0


def test_matrix_is_exporter_by_importer_in_decimals(measures: list[Measure]) -> None:
    rates = build(measures, date="2025-04-12")
    usa, chn = COUNTRIES.index("USA"), COUNTRIES.index("CHN")
    assert rates.tariffs[chn, usa] == pytest.approx(1.175)  # US tariff on goods from China
    assert rates.tariffs[usa, chn] == pytest.approx(1.25)
    assert (rates.tariffs.diagonal() == 0).all()


def test_provenance_of_each_pair(measures: list[Measure]) -> None:
    rates = build(measures, date="2025-04-12")
    pair = next(p for p in rates.pairs if (p.importer, p.exporter) == ("USA", "CHN"))
    assert pair.headline_pct == 145 and pair.basis == "ledger"
    assert set(pair.measures) == {"us-ieepa-fentanyl-20", "us-ieepa-reciprocal-125"}
    assert any("22.0% of imports from CHN" in n for n in pair.notes)
    germany = next(p for p in rates.pairs if p.exporter == "DEU")
    # the 10% baseline of EO 14257 is in the ledger for every partner
    assert germany.basis == "ledger"
    assert germany.measures == ("us-ieepa-reciprocal-baseline-2025",)
    later = build(measures, date="2025-09-01")  # EO 14326 rates: not covered
    germany = next(p for p in later.pairs if p.exporter == "DEU")
    assert germany.basis == "assumption: recorded layers only"
    assert any("not covered by the ledger" in n for n in germany.notes)
    assert any("universal" not in a or "10%" in a for a in rates.assumptions)


def test_truce_collapse_drops_the_extensions(measures: list[Measure]) -> None:
    rates = build(
        measures,
        date="2025-08-12",
        drop_measures=["us-eo14334-extension-2025", "cn-extension-2025-08"],
    )
    assert rates.rate_pct("USA", "CHN") == pytest.approx(54 - 0.22 * 34)
    assert rates.rate_pct("CHN", "USA") == 34
    with pytest.raises(InvalidInput, match=r"drop_measures.*no-such-measure"):
        build(measures, date="2025-08-12", drop_measures=["no-such-measure"])


def test_overrides_replace_the_ledger(measures: list[Measure]) -> None:
    rates = build(
        measures,
        date="2025-11-10",
        overrides=[
            {"importer": "USA", "exporter": "CHN", "rate_pct": 0},
            {"importer": "China", "exporter": "US", "rate_pct": 500},
            {"importer": "JPN", "exporter": "*", "rate_pct": 5},
        ],
    )
    assert rates.rate_pct("USA", "CHN") == 0 and rates.rate_pct("CHN", "USA") == 500
    assert rates.rate_pct("JPN", "DEU") == 5 and rates.rate_pct("JPN", "USA") == 5


def test_liberation_day_uses_the_published_rates_with_a_floor(measures: list[Measure]) -> None:
    rates = build(measures, others="liberation-day")
    assert rates.rate_pct("USA", "CHN") == 54 and rates.rate_pct("USA", "DEU") == 20
    assert rates.rate_pct("USA", "HKG") == 10
    assert rates.rate_pct("CHN", "USA") == 0
    scenario = Scenario(name="ld", title="ld", others="liberation-day")
    with pytest.raises(DataUnavailable, match=r"tariffs\.csv"):
        build_rates(scenario, measures, COUNTRIES)


def test_others_zero_leaves_uncovered_countries_alone(measures: list[Measure]) -> None:
    rates = build(measures, date="2025-09-01", others="zero")  # Germany not covered then
    assert rates.rate_pct("USA", "DEU") == 0
    assert any("no US tariff" in a for a in rates.assumptions)


def test_every_assumption_is_stated(measures: list[Measure]) -> None:
    text = " ".join(build(measures, date="2025-05-14").assumptions)
    for phrase in (
        "relative to 2025-01-01",
        "Product-specific tariffs",
        "10% baseline",
        "retaliates",
        "Electronics exclusion coverage",
        "Export controls",
    ):
        assert phrase in text
