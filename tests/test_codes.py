import pytest

from tradewar.codes.countries import to_iso3
from tradewar.codes.dates import parse_date, parse_instant
from tradewar.codes.hs import Coverage, code_coverage, hs_level, normalize_hs
from tradewar.errors import InvalidInput, TradewarError, UnknownCode


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("USA", "USA"),
        ("us", "USA"),
        ("United States", "USA"),
        ("840", "USA"),
        ("China", "CHN"),
        ("CN", "CHN"),
        ("PRC", "CHN"),
        ("Hong Kong", "HKG"),
        ("Germany", "DEU"),
        (" south korea ", "KOR"),
        ("Viet Nam", "VNM"),
    ],
)
def test_countries_normalise_to_iso3(given: str, expected: str) -> None:
    assert to_iso3(given) == expected


def test_unknown_country_suggests_the_closest() -> None:
    with pytest.raises(UnknownCode) as info:
        to_iso3("Untied States")
    assert "Untied States" in str(info.value) and "USA" in str(info.value)
    assert isinstance(info.value, KeyError) and isinstance(info.value, TradewarError)


def test_all_is_only_a_target() -> None:
    assert to_iso3("all", allow_all=True) == "ALL"
    with pytest.raises(UnknownCode):
        to_iso3("ALL")


@pytest.mark.parametrize(
    ("given", "digits", "level"),
    [
        ("8703.80", "870380", 6),
        ("95", "95", 2),
        ("9503.00.00", "95030000", 8),
        ("8541 42 00 10", "8541420010", 10),
    ],
)
def test_hs_codes_normalise(given: str, digits: str, level: int) -> None:
    assert normalize_hs(given) == digits
    assert hs_level(given) == level


@pytest.mark.parametrize("bad", ["87.3", "abc", "", "1234567", "95x300"])
def test_malformed_hs_codes_are_refused(bad: str) -> None:
    with pytest.raises(InvalidInput, match="HS code"):
        normalize_hs(bad)


def test_hs_coverage_is_prefix_based() -> None:
    assert code_coverage("8471", "847130") is Coverage.covered
    assert code_coverage("85171300", "851713") is Coverage.partial
    assert code_coverage("8471", "950300") is Coverage.not_covered


def test_dates_parse_and_range() -> None:
    assert parse_date("2025-05-14").isoformat() == "2025-05-14"
    with pytest.raises(InvalidInput, match="--on: '14/05/2025' is not a date"):
        parse_date("14/05/2025", "--on")
    with pytest.raises(InvalidInput, match="out of range"):
        parse_date("1900-01-01")
    assert parse_instant("2025-06-01").hour == 23
    assert parse_instant("2025-06-01T10:00:00").tzinfo is not None
