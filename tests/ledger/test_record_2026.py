"""The record to August 2026: unverified-after measures, coverage, official texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from tradewar.errors import InvalidMeasure
from tradewar.ledger import engine
from tradewar.ledger.coverage import coverage_gaps
from tradewar.ledger.loader import bundled_measures_path, load_measure_file
from tradewar.ledger.schema import Measure, MeasureKind, OfficialText, federal_register_url

D = date.fromisoformat
TIMELINE = Path(__file__).resolve().parents[2] / ".." / "shared" / "docs" / "policy-timeline.yaml"
BUSAN_ERA_ENDS = {D("2026-11-10"), D("2026-11-27")}


def by_id(measures: list[Measure]) -> dict[str, Measure]:
    return {m.id: m for m in measures}


# --------------------------------------------------------------------------- the record


@pytest.mark.skipif(not TIMELINE.is_file(), reason=f"policy timeline not found at {TIMELINE}")
def test_every_timeline_entry_is_in_the_ledger(bundled: list[Measure]) -> None:
    entries = yaml.safe_load(TIMELINE.read_text(encoding="utf-8"))
    assert len(entries) == 99
    missing = {e["id"] for e in entries} - set(by_id(bundled))
    assert not missing, f"timeline entries not encoded: {sorted(missing)}"


def test_record_header_dates_the_last_verified_fact() -> None:
    bundle = load_measure_file(bundled_measures_path())
    assert bundle.verified_through == D("2026-08-06")  # Section 232 polysilicon, signed
    assert bundle.as_of >= bundle.verified_through


def test_busan_era_suspensions_are_unverified_after_their_end(bundled: list[Measure]) -> None:
    unverified = {m.id for m in bundled if m.unverified_after is not None}
    assert {
        "cn-tariff-suspension-2025-11",
        "cn-suspension-ann70-2025",
        "cn-suspension-ann72-2025",
        "us-bis-affiliates-suspension-2025",
        "us-s301-maritime-suspension-2025",
        "us-s301-exclusions-extension",
    } <= unverified
    for measure in bundled:
        if measure.unverified_after is not None:
            assert measure.unverified_after == measure.ended_on
            assert measure.ended_on in BUSAN_ERA_ENDS


def test_unverified_after_must_be_the_stated_end(bundled: list[Measure]) -> None:
    measure = by_id(bundled)["cn-tariff-suspension-2025-11"]
    data = measure.model_dump(mode="json", exclude_none=True)
    data["unverified_after"] = "2026-12-01"
    with pytest.raises(ValueError, match="equal to ended_on"):
        Measure.model_validate(data)


# --------------------------------------------------------------------------- unverified


def test_a_stack_past_an_unverified_end_gives_both_readings(bundled: list[Measure]) -> None:
    stack = engine.tariff_stack(bundled, "CHN", "USA", None, D("2026-12-01"))
    assert stack.covered
    assert stack.total_additional_pct is None  # not a silent 34% (or 10%)
    assert stack.total_if_unverified_continued_pct == 10
    assert stack.total_if_unverified_ended_pct == 34
    [layer] = stack.unverified
    assert layer.measure_id == "cn-tariff-34"
    assert layer.depends_on == ("cn-tariff-suspension-2025-11",)
    assert layer.unverified_after == D("2026-11-10")
    assert any("cn-tariff-suspension-2025-11 was to end on 2026-11-10" in n for n in stack.notes)
    assert stack.to_dict()["unverified_layers"][0]["rate_if_ended_pct"] == 34


def test_before_the_stated_end_nothing_is_unverified(bundled: list[Measure]) -> None:
    stack = engine.tariff_stack(bundled, "CHN", "USA", None, D("2026-11-09"))
    assert stack.total_additional_pct == 10 and not stack.unverified


def test_state_says_which_measures_are_unverified(bundled: list[Measure]) -> None:
    rows = {r.measure_id: r for r in engine.state_between(bundled, D("2026-12-01"), "USA", "CHN")}
    suspension = rows["cn-tariff-suspension-2025-11"]
    assert suspension.status.startswith("unverified after 2026-11-10")
    tariff = rows["cn-tariff-34"]
    assert "outcome unverified" in tariff.status and tariff.applied_rate_pct is None
    assert tariff.unverified_by == ("cn-tariff-suspension-2025-11",)


# --------------------------------------------------------------------------- coverage


@pytest.mark.parametrize(
    ("importer", "exporter", "hs", "on", "words"),
    [
        ("USA", "DEU", "870380", "2025-09-01", "EO 14326"),
        ("USA", "DEU", "870380", "2026-03-01", "EU–US framework"),
        ("USA", "VNM", "950300", "2025-09-01", "EO 14326"),
        ("USA", "VNM", "950300", "2026-08-01", "forced-labour"),
        ("CAN", "USA", None, "2025-06-01", "United States and China only"),
        ("CHN", "DEU", None, "2025-06-01", "China's measures on US goods only"),
        ("USA", "MEX", None, "2025-06-01", "Canada and Mexico"),
        ("USA", "VNM", "7208", "2025-01-15", "2018 Section 232"),
    ],
)
def test_uncovered_queries_have_no_total(
    bundled: list[Measure], importer: str, exporter: str, hs: str | None, on: str, words: str
) -> None:
    stack = engine.tariff_stack(bundled, importer, exporter, hs, D(on))
    assert not stack.covered
    assert stack.total_additional_pct is None
    assert stack.to_dict()["total_additional_pct"] is None
    assert any(words in note for note in stack.coverage_notes), stack.coverage_notes
    assert stack.notes[0].startswith("Not covered:")


def test_universal_us_measures_answer_for_any_partner(bundled: list[Measure]) -> None:
    baseline = engine.tariff_stack(bundled, "USA", "VNM", "950300", D("2025-06-01"))
    assert baseline.covered and baseline.total_additional_pct == 10
    assert [x.measure_id for x in baseline.layers] == ["us-ieepa-reciprocal-baseline-2025"]
    surcharge = engine.tariff_stack(bundled, "USA", "VNM", "950300", D("2026-03-01"))
    assert surcharge.covered and surcharge.total_additional_pct == 10
    assert [x.measure_id for x in surcharge.layers] == ["us-s122-surcharge-2026"]
    cars = engine.tariff_stack(bundled, "USA", "DEU", "870380", D("2025-06-01"))
    # Section 232 autos 25%; the reciprocal baseline does not stack on Section 232 goods
    assert cars.covered and cars.total_additional_pct == 25
    assert [x.measure_id for x in cars.layers] == ["us-s232-autos-2025"]


def test_coverage_gaps_are_empty_for_the_recorded_pair() -> None:
    for day in ("2025-01-01", "2025-09-01", "2026-12-01"):
        assert coverage_gaps("USA", "CHN", None, D(day)) == []
        assert coverage_gaps("CHN", "USA", "120190", D(day)) == []


def test_timeline_marks_uncovered_stretches(bundled: list[Measure]) -> None:
    points = engine.timeline(bundled, "USA", "VNM", None, D("2025-01-01"), D("2026-12-31"))
    by_day = {p.on.isoformat(): p for p in points}
    assert by_day["2025-04-05"].total_additional_pct == 10 and by_day["2025-04-05"].covered
    assert not by_day["2025-08-07"].covered and by_day["2025-08-07"].total_additional_pct is None
    assert by_day["2026-02-24"].covered and by_day["2026-02-24"].total_additional_pct == 10
    assert not by_day["2026-07-24"].covered


# --------------------------------------------------------------------------- official texts


def test_every_measure_names_its_official_text_or_why_none(bundled: list[Measure]) -> None:
    for measure in bundled:
        text = measure.official_text
        assert text is not None, measure.id
        assert text.document or text.why_none, measure.id
        if measure.kind is MeasureKind.talks:
            continue
        if text.url is not None:
            assert text.url.startswith("https://") or text.url.startswith("http://")


def test_official_texts_come_first(bundled: list[Measure]) -> None:
    """Where an official text is cited it is the first source; the share is tracked.

    The issue asks that at least half of the measures that are not talks cite an official
    text first: 52 of 97 do (December 2026).  The others name their official document
    (MOFCOM and Customs Tariff Commission announcements, notices whose Federal Register
    number was not found) but no official address was found, or have none (BIS letters,
    talks, posts).
    """
    acts = [m for m in bundled if m.kind is not MeasureKind.talks]
    first = [m for m in acts if m.cites_official_first()]
    assert len(first) / len(acts) >= 0.5, f"{len(first)} of {len(acts)} cite an official text first"
    for measure in bundled:
        tiers = [s.tier for s in measure.sources]
        if "official" in tiers:
            assert tiers[0] == "official", f"{measure.id}: official source not first"
    with_address = [m for m in acts if m.official_url()]
    assert len(with_address) >= 42
    for measure in with_address:
        assert measure.sources[0].tier == "official", measure.id


def test_sources_carry_a_tier(bundled: list[Measure]) -> None:
    tiers = {s.tier for m in bundled for s in m.sources}
    assert tiers <= {"official", "state_media", "secondary"}
    state_media = [s for m in bundled for s in m.sources if s.tier == "state_media"]
    assert any("people.cn" in s.url or "shine.cn" in s.url for s in state_media)


def test_a_federal_register_number_resolves_to_its_address() -> None:
    assert federal_register_url("EO 14257 (FR Doc 2025-06063)") == (
        "https://www.federalregister.gov/d/2025-06063"
    )
    assert federal_register_url("MOFCOM/GACC Announcement No. 18 of 2025") is None
    text = OfficialText(document="USTR notice 84 FR 43304 (FR Doc 2019-17865)")
    assert text.url == "https://www.federalregister.gov/d/2019-17865"
    kept = OfficialText(document="FR Doc 2019-17865", url="https://www.govinfo.gov/x.htm")
    assert kept.url == "https://www.govinfo.gov/x.htm"


def test_official_text_needs_a_document_or_a_reason() -> None:
    with pytest.raises(ValueError, match="why_none"):
        OfficialText()
    assert OfficialText(why_none="a BIS letter to a company; not published").document is None


def test_official_text_errors_name_the_entry(tmp_path: Path, bundled: list[Measure]) -> None:
    from tradewar.ledger.loader import load_measures

    data = by_id(bundled)["us-ieepa-fentanyl-10"].model_dump(mode="json", exclude_none=True)
    data["official_text"] = {}
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InvalidMeasure, match="official_text"):
        load_measures(path)
