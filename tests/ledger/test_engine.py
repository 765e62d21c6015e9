"""Stacking, suspensions and expiries on the bundled record, at their boundary dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradewar.ledger import engine
from tradewar.ledger.schema import Measure

D = date.fromisoformat


def headline(measures: list[Measure], importer: str, exporter: str, on: str) -> float | None:
    return engine.tariff_stack(measures, importer, exporter, None, D(on)).total_additional_pct


@pytest.mark.parametrize(
    ("on", "us_on_china", "china_on_us"),
    [
        ("2025-01-01", 0, 0),
        ("2025-02-03", 0, 0),
        ("2025-02-04", 10, 0),  # EO 14195 from 4 Feb
        ("2025-03-03", 10, 0),
        ("2025-03-04", 20, 0),  # EO 14228
        ("2025-04-05", 30, 0),  # EO 14257's 10% baseline for every partner from 5 Apr
        ("2025-04-08", 30, 0),
        ("2025-04-09", 104, 0),  # 20 + 84 (EO 14259 on 9 Apr)
        ("2025-04-10", 145, 84),  # 20 + 125; Ann. No. 5
        ("2025-04-11", 145, 84),
        ("2025-04-12", 145, 125),  # the peak: 145% / 125%
        ("2025-05-13", 145, 125),  # last day before Geneva takes effect
        ("2025-05-14", 30, 10),  # Geneva truce: 20 + 10 / 10
        ("2025-08-11", 30, 10),
        ("2025-08-12", 30, 10),  # extension starts the day the first suspension ends
        ("2025-11-09", 30, 10),
        ("2025-11-10", 20, 10),  # Busan: fentanyl 20 -> 10
        ("2026-02-23", 20, 10),
        ("2026-02-24", 10, 10),  # IEEPA gone; Section 122 10%
        ("2026-07-23", 10, 10),
        ("2026-07-24", 12.5, 10),  # Section 122 ends; Section 301 forced-labour 12.5% starts
        ("2026-11-09", 12.5, 10),
        ("2026-11-10", 12.5, None),  # China's 24-point suspension: stated end, outcome unverified
    ],
)
def test_headline_both_directions(
    bundled: list[Measure], on: str, us_on_china: float, china_on_us: float
) -> None:
    assert headline(bundled, "USA", "CHN", on) == us_on_china
    assert headline(bundled, "CHN", "USA", on) == china_on_us


def test_peak_layers_name_their_measures_and_sources(bundled: list[Measure]) -> None:
    stack = engine.tariff_stack(bundled, "USA", "CHN", "950300", D("2025-04-15"))
    assert stack.total_additional_pct == 145
    layers = {layer.measure_id: layer for layer in stack.layers}
    assert set(layers) == {"us-ieepa-fentanyl-20", "us-ieepa-reciprocal-125"}
    assert layers["us-ieepa-reciprocal-125"].legal_basis.startswith("IEEPA; EO 14266")  # type: ignore[union-attr]
    assert all(layer.source_url.startswith("http") for layer in stack.layers)
    # Section 301 lists are in force but their HS coverage is not recorded: said, not guessed.
    assert {u.measure_id for u in stack.uncertain} >= {"us-s301-list1-2018", "us-s301-list3-2018"}


def test_geneva_suspension_shows_statutory_rate_and_points(bundled: list[Measure]) -> None:
    stack = engine.tariff_stack(bundled, "USA", "CHN", "950300", D("2025-05-20"))
    reciprocal = next(x for x in stack.layers if x.program == "us-ieepa-reciprocal")
    assert (reciprocal.statutory_rate_pct, reciprocal.rate_pct, reciprocal.suspended_points) == (
        34,
        10,
        24,
    )
    assert reciprocal.suspended_by == ("us-eo14298-geneva-implementation",)
    assert stack.total_additional_pct == 30


def test_electronics_exclusion_removes_the_reciprocal_layer_only(bundled: list[Measure]) -> None:
    laptop = engine.tariff_stack(bundled, "USA", "CHN", "847130", D("2025-04-15"))
    assert laptop.total_additional_pct == 20
    # 8517.13 at HS6 holds lines the exclusion names at 8 digits: undecidable at HS6...
    phone6 = engine.tariff_stack(bundled, "USA", "CHN", "851713", D("2025-04-15"))
    assert "us-ieepa-reciprocal-125" in {u.measure_id for u in phone6.uncertain}
    # ...and decided at 8 digits.
    phone8 = engine.tariff_stack(bundled, "USA", "CHN", "85171300", D("2025-04-15"))
    assert phone8.total_additional_pct == 20


def test_product_lines_add_to_the_headline(bundled: list[Measure]) -> None:
    soy_peak = engine.tariff_stack(bundled, "CHN", "USA", "120190", D("2025-04-15"))
    assert soy_peak.total_additional_pct == 135  # 125 + 10 (Announcement No. 2)
    soy_busan = engine.tariff_stack(bundled, "CHN", "USA", "120190", D("2025-11-10"))
    assert soy_busan.total_additional_pct == 10  # farm tariffs suspended from 10 Nov
    coal = engine.tariff_stack(bundled, "CHN", "USA", "270112", D("2025-03-01"))
    assert coal.total_additional_pct == 15
    ev = engine.tariff_stack(bundled, "USA", "CHN", "870380", D("2025-06-01"))
    # fentanyl 20 + Section 301 EVs 100 + Section 232 autos 25; no reciprocal on 232 goods
    assert ev.total_additional_pct == 145
    assert {layer.measure_id for layer in ev.layers} == {
        "us-ieepa-fentanyl-20",
        "us-s301-4yr-review-2024",
        "us-s232-autos-2025",
    }


def test_partial_scope_is_uncertain_not_guessed(bundled: list[Measure]) -> None:
    cars = engine.tariff_stack(bundled, "CHN", "USA", "870323", D("2025-03-01"))
    assert cars.total_additional_pct == 0
    assert [u.measure_id for u in cars.uncertain] == ["cn-tariff-feb-2025"]


def test_hong_kong_is_covered_by_the_ieepa_layers(bundled: list[Measure]) -> None:
    assert headline(bundled, "USA", "HKG", "2025-04-15") == 145
    # Germany: only the universal US measures apply, and the ledger records them
    assert headline(bundled, "USA", "DEU", "2025-04-15") == 10


def test_state_applies_suspensions(bundled: list[Measure]) -> None:
    rows = {r.measure_id: r for r in engine.state_between(bundled, D("2025-05-20"), "USA", "CHN")}
    assert rows["us-ieepa-reciprocal-34"].status == "partly suspended (24 points)"
    assert rows["us-ieepa-reciprocal-34"].applied_rate_pct == 10
    assert rows["cn-uel-ecl-apr-2025"].status == "suspended"
    assert rows["truce-geneva-2025"].direction == "both"
    assert "us-ieepa-reciprocal-125" not in rows  # ended on 14 May
    assert "us-threat-100pct-2025-10" not in rows
    assert rows["cn-ree-ann18-2025"].direction == "CHN->USA"  # targets all countries


def test_export_control_suspension_boundaries(bundled: list[Measure]) -> None:
    def status(on: str) -> str | None:
        rows = {r.measure_id: r for r in engine.state_between(bundled, D(on), "CHN", "USA")}
        row = rows.get("cn-ec-ann61-extraterritorial-2025")
        return None if row is None else row.status

    assert status("2025-10-08") is None
    assert status("2025-10-09") == "in force"
    assert status("2025-11-06") == "in force"
    assert status("2025-11-07") == "suspended"
    assert status("2026-11-09") == "suspended"
    # the one-year suspension's stated end passed with no verified outcome: said so
    later = status("2026-11-10")
    assert later is not None and "outcome unverified" in later


def test_diff_geneva_window(bundled: list[Measure]) -> None:
    changes = engine.diff(bundled, D("2025-05-01"), D("2025-05-20"), ("USA", "CHN"))
    seen = {(c.measure_id, c.change) for c in changes}
    assert ("us-ieepa-reciprocal-125", "ended") in seen
    assert ("cn-tariff-125", "ended") in seen
    assert ("us-eo14298-geneva-implementation", "suspension started") in seen
    assert ("truce-geneva-2025", "agreement took effect") in seen
    assert ("talks-geneva-2025", "talks held") in seen
    assert all(D("2025-05-01") < c.on <= D("2025-05-20") for c in changes)


def test_diff_window_is_half_open(bundled: list[Measure]) -> None:
    on_start = engine.diff(bundled, D("2025-05-14"), D("2025-05-20"), ("USA", "CHN"))
    assert "truce-geneva-2025" not in {c.measure_id for c in on_start}
    on_end = engine.diff(bundled, D("2025-05-10"), D("2025-05-14"), ("USA", "CHN"))
    assert "truce-geneva-2025" in {c.measure_id for c in on_end}


def test_diff_reports_threats_as_announcements(bundled: list[Measure]) -> None:
    changes = engine.diff(bundled, D("2025-10-01"), D("2025-10-31"), ("USA", "CHN"))
    threat = [c for c in changes if c.measure_id == "us-threat-100pct-2025-10"]
    assert [c.change for c in threat] == ["threatened"]


def test_timeline_us_on_china(bundled: list[Measure]) -> None:
    points = engine.timeline(bundled, "USA", "CHN")
    levels = [(p.on.isoformat(), p.total_additional_pct) for p in points]
    assert levels == [
        ("2025-01-01", 0),
        ("2025-02-04", 10),
        ("2025-03-04", 20),
        ("2025-04-05", 30),  # the 10% baseline for every partner
        ("2025-04-09", 104),
        ("2025-04-10", 145),
        ("2025-05-14", 30),
        ("2025-11-10", 20),
        ("2026-02-24", 10),
        ("2026-07-24", 12.5),  # Section 122 expired; Section 301 forced-labour 12.5%
    ]


def test_timeline_china_on_us(bundled: list[Measure]) -> None:
    levels = [
        (p.on.isoformat(), p.total_additional_pct) for p in engine.timeline(bundled, "CHN", "USA")
    ]
    assert levels == [
        ("2025-01-01", 0),
        ("2025-04-10", 84),
        ("2025-04-12", 125),
        ("2025-05-14", 10),
        ("2026-11-10", None),  # the 24-point suspension's end passed, outcome unverified
    ]
    last = engine.timeline(bundled, "CHN", "USA")[-1]
    assert (last.total_if_unverified_continued_pct, last.total_if_unverified_ended_pct) == (10, 34)


def test_timeline_events_annotate_talks_and_deals(bundled: list[Measure]) -> None:
    events = engine.timeline_events(bundled, "USA", "CHN", D("2025-01-01"), D("2025-12-31"))
    ids = [e.measure_id for e in events]
    assert {
        "truce-geneva-2025",
        "talks-london-2025",
        "deal-busan-2025",
        "us-threat-100pct-2025-10",
    } <= set(ids)


@given(
    st.dates(min_value=date(2018, 1, 1), max_value=date(2027, 12, 31)),
    st.sampled_from(["950300", "847130", "120190", "870380", "2701", "85", None]),
)
def test_stacking_never_yields_a_negative_rate(day: date, hs: str | None) -> None:
    from tradewar.ledger.loader import bundled_measures_path, load_measure_file

    measures = _cached(bundled_measures_path, load_measure_file)
    for importer, exporter in (("USA", "CHN"), ("CHN", "USA")):
        stack = engine.tariff_stack(measures, importer, exporter, hs, day)
        assert all(layer.rate_pct >= 0 for layer in stack.layers)
        readings = (
            stack.total_additional_pct,
            stack.total_if_unverified_continued_pct,
            stack.total_if_unverified_ended_pct,
        )
        assert all(total >= 0 for total in readings if total is not None)
        assert stack.covered or stack.total_additional_pct is None


_CACHE: dict[str, list[Measure]] = {}


def _cached(path_of, load) -> list[Measure]:  # type: ignore[no-untyped-def]
    if "m" not in _CACHE:
        _CACHE["m"] = list(load(path_of()).measures)
    return _CACHE["m"]
