"""The bundled measures file validates; bad files fail naming file, entry, field and value."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tradewar.errors import InvalidMeasure
from tradewar.ledger.loader import bundled_measures_path, load_measure_file, load_measures
from tradewar.ledger.schema import Measure, MeasureKind

GOOD = {
    "id": "us-test-tariff",
    "kind": "tariff",
    "title": "A test tariff",
    "imposing": "United States",
    "targets": ["China"],
    "effective_on": "2025-06-01",
    "scope": {"all_goods": True},
    "tariff": {"program": "us-test", "lines": [{"rate_pct": 5}]},
    "sources": [{"url": "https://example.org/notice", "publisher": "Example"}],
}


def write(tmp_path: Path, data: object, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_bundled_file_has_every_kind_and_a_source_for_each(bundled: list[Measure]) -> None:
    assert len(bundled) >= 78
    assert {m.kind for m in bundled} == set(MeasureKind)
    for measure in bundled:
        assert measure.sources, measure.id
        assert all(s.url.startswith("http") and s.publisher for s in measure.sources)


def test_bundled_key_facts(bundled: list[Measure]) -> None:
    by_id = {m.id: m for m in bundled}
    ree = by_id["cn-ree-ann18-2025"]
    assert ree.kind is MeasureKind.export_control
    assert set(ree.scope.elements) == {
        "samarium",
        "gadolinium",
        "terbium",
        "dysprosium",
        "lutetium",
        "scandium",
        "yttrium",
    }
    assert "Announcement No. 18" in (ree.legal_basis or "")
    assert by_id["us-ieepa-fentanyl-10"].legal_basis.startswith("IEEPA")  # type: ignore[union-attr]
    truce = by_id["truce-geneva-2025"]
    assert truce.agreement is not None and truce.agreement.type == "truce"
    assert str(truce.effective_on) == "2025-05-14" and str(truce.ended_on) == "2025-08-12"
    london = by_id["talks-london-2025"]
    assert london.talks is not None and "He Lifeng" in london.talks.delegations["CHN"]


def test_countries_and_hs_codes_are_normalised_on_load(tmp_path: Path) -> None:
    entry = dict(GOOD, scope={"hs": ["8703.80"]})
    (measure,) = load_measures(write(tmp_path, entry))
    assert measure.imposing == "USA" and measure.targets == ["CHN"]
    assert measure.scope.hs == ["870380"]


@pytest.mark.parametrize(
    ("change", "field", "value", "expected"),
    [
        ({"imposing": "Atlantis"}, "imposing", "Atlantis", "Unknown country"),
        ({"effective_on": "2025-13-01"}, "effective_on", "2025-13-01", "YYYY-MM-DD"),
        ({"kind": "embargo"}, "kind", "embargo", "tariff"),
        (
            {"sources": [{"url": "not a url", "publisher": "X"}]},
            "sources[0].url",
            "not a url",
            "http",
        ),
        (
            {"tariff": {"program": "p", "lines": [{"rate_pct": -5}]}},
            "tariff.lines[0].rate_pct",
            "-5",
            "non-negative",
        ),
        ({"scope": {"hs": ["87.3"]}}, "scope.hs[0]", "87.3", "Malformed HS code"),
    ],
)
def test_bad_entries_name_file_entry_field_value_and_expectation(
    tmp_path: Path, change: dict[str, object], field: str, value: str, expected: str
) -> None:
    path = write(tmp_path, [GOOD, dict(GOOD, id="us-bad", **change)])
    with pytest.raises(InvalidMeasure) as info:
        load_measures(path)
    message = str(info.value)
    assert str(path) in message
    assert "'us-bad'" in message
    assert f"field '{field}'" in message
    assert value in message
    assert expected in message


def test_missing_sources_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidMeasure, match="field 'sources'"):
        load_measures(write(tmp_path, dict(GOOD, sources=[])))


def test_terms_must_fit_the_kind(tmp_path: Path) -> None:
    entry = {k: v for k, v in GOOD.items() if k != "tariff"}
    with pytest.raises(InvalidMeasure, match="needs a 'tariff' section"):
        load_measures(write(tmp_path, entry))


def test_end_before_start_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidMeasure, match="ended_on 2025-01-01 is before effective_on"):
        load_measures(write(tmp_path, dict(GOOD, ended_on="2025-01-01")))


def test_measures_file_checks_duplicates_and_references(tmp_path: Path) -> None:
    header = {"dataset": "t", "as_of": "2025-06-01"}
    dup = write(tmp_path, dict(header, measures=[GOOD, GOOD]), "dup.yaml")
    with pytest.raises(InvalidMeasure, match="duplicate measure id"):
        load_measure_file(dup)
    dangling = dict(GOOD, relations=[{"type": "replaces", "measure": "nowhere"}])
    bad = write(tmp_path, dict(header, measures=[dangling]), "bad.yaml")
    with pytest.raises(InvalidMeasure, match="'nowhere'"):
        load_measure_file(bad)


def test_unreadable_yaml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: [unclosed\n")
    with pytest.raises(InvalidMeasure, match="not valid YAML"):
        load_measures(path)
    with pytest.raises(InvalidMeasure, match="no such file"):
        load_measures(tmp_path / "absent.yaml")


def test_bundled_path_is_inside_the_package() -> None:
    assert bundled_measures_path().is_file()
