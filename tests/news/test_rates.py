"""Rate phrases and how an action turns them into from/to/change."""

from __future__ import annotations

import pytest

from tradewar.news.rates import find_rates, rate_for_action


def rate(
    action: str, clause: str, *, eliminates: bool = False
) -> tuple[float | None, float | None, float | None]:
    found = rate_for_action(action, find_rates(clause), eliminates=eliminates)
    return found.rate_from, found.rate_to, found.rate_change


@pytest.mark.parametrize(
    ("action", "clause", "expected"),
    [
        (
            "cut_tariff",
            "brought new US tariffs on Chinese goods from 145 percent to 30 percent",
            (145, 30, None),
        ),
        ("cut_tariff", "agreed to reduce tariffs by 115 percentage points", (None, None, -115)),
        ("cut_tariff", "agreed to reduce tariffs by 115 per cent for 90 days", (None, None, -115)),
        ("raise_tariff", "China raised its tariffs 34% to 84%", (34, 84, None)),
        ("suspend_tariff", "a substantially lowered reciprocal tariff to 10pc", (None, 10, None)),
        (
            "raise_tariff",
            "raise the tariff on Chinese imports to 125 per cent from the 104pc level",
            (104, 125, None),
        ),
        (
            "raise_tariff",
            "impose 84 per cent tariffs on US goods from Thursday, up from the 34pc previously announced",
            (34, 84, None),
        ),
        (
            "impose_tariff",
            "An additional 15 percent tariff will be imposed on coal",
            (None, 15, 15),
        ),
        (
            "raise_tariff",
            "increase tariffs on Chinese goods by an additional 100 per cent",
            (None, None, 100),
        ),
        ("impose_tariff", "about 30 % on U.S. levies", (None, 30, None)),
    ],
)
def test_rate_phrases(action: str, clause: str, expected: tuple[float | None, ...]) -> None:
    assert rate(action, clause) == expected


def test_suspended_part_is_a_change_and_the_retained_part_the_rate() -> None:
    clause = "China will suspend its 24% additional tariff on US goods for one year but retain a 10% levy"
    assert rate("suspend_tariff", clause) == (None, 10, -24)


def test_lifting_a_tariff_goes_to_zero_from_the_stated_rate() -> None:
    assert rate(
        "cut_tariff",
        "will lift some tariffs of up to 15% on US agricultural goods",
        eliminates=True,
    ) == (15, 0, None)


def test_up_to_is_the_new_rate_of_an_imposition() -> None:
    clause = "will impose additional tariffs of up to 15% on a range of US agricultural products"
    assert rate("impose_tariff", clause) == (None, 15, 15)
    assert rate("impose_tariff", "duties of up to 35.3% on electric vehicles") == (None, 35.3, None)


def test_percent_shares_are_not_rates() -> None:
    assert find_rates("responsible for roughly 95 percent of worldwide output") == []
    assert find_rates("no rate here") == []


def test_rate_arithmetic_halving_and_on_top() -> None:
    from tradewar.news.rates import factor_in, find_rates, rate_for_action

    clause = "he would halve the 20% fentanyl tariff"
    halved = rate_for_action("cut_tariff", find_rates(clause), factor=factor_in(clause))
    assert (halved.rate_from, halved.rate_to) == (20, 10)
    clause = "an additional 10% tariff on top of the existing 20%"
    stacked = rate_for_action("raise_tariff", find_rates(clause), factor=factor_in(clause))
    assert (stacked.rate_from, stacked.rate_to, stacked.rate_change) == (20, 30, 10)
    clause = "the 10% tariff was doubled to 20%"  # two levels stated: no arithmetic
    doubled = rate_for_action("raise_tariff", find_rates(clause), factor=factor_in(clause))
    assert doubled.rate_to == 20


def test_market_moves_and_shares_are_not_rates() -> None:
    from tradewar.news.rates import find_rates

    assert find_rates("The S&P 500 fell 4.8% after Trump announced new tariffs") == []
    assert find_rates("China accounts for 94% of the world's gallium output") == []
    assert [r.first for r in find_rates("a 15% tariff on coal after shares rose 2%")] == [15]


def test_an_order_number_is_not_a_rate() -> None:
    clause = "Washington will lower the 25% duty set by Executive Order 14195 to 15%"
    assert rate("cut_tariff", clause) == (25, 15, None)


def test_a_reduction_of_n_percent_is_a_change() -> None:
    assert rate("cut_tariff", "the two governments agreed reductions in levies of 40%") == (
        None,
        None,
        -40,
    )
    assert rate("cut_tariff", "Ottawa announced a cut of 12 percent") == (None, None, -12)


def test_the_suspended_part_of_a_tariff_is_a_change() -> None:
    assert rate("suspend_tariff", "the pause of Canada's 30% retaliatory duties") == (
        None,
        None,
        -30,
    )
    clause = (
        "Of the 50% duty on steel, the 40% portion will be suspended for a year, while the "
        "remaining 10% stays in force"
    )
    assert rate("suspend_tariff", clause) == (50, 10, -40)
    clause = "Mexico will suspend its 25% levy on cars and keep a 5% levy during the pause"
    assert rate("suspend_tariff", clause) == (None, 5, -25)


def test_the_first_from_to_pair_is_the_heads() -> None:
    clause = "duties will fall to 30% from 40% by halving the surcharge to 10% from 20%"
    assert rate("cut_tariff", clause) == (40, 30, None)


def test_a_range_of_levels_is_no_change() -> None:
    assert rate("impose_tariff", "counter-tariffs of 10% to 15% on farm goods") == (None, 15, None)
    assert rate("raise_tariff", "Ottawa raised its surtax 10% to 25%") == (10, 25, None)


def rate_with_factor(action: str, clause: str) -> tuple[float | None, float | None, float | None]:
    from tradewar.news.rates import factor_in

    found = rate_for_action(action, find_rates(clause), factor=factor_in(clause))
    return found.rate_from, found.rate_to, found.rate_change


@pytest.mark.parametrize(
    ("action", "clause", "expected"),
    [
        ("raise_tariff", "Ottawa raised its surtax by 15 percentage points to 40%", (25, 40, 15)),
        ("raise_tariff", "a further 20% levy, bringing the total to 45%", (25, 45, 20)),
        ("raise_tariff", "Brussels doubled the duty on steel to 50%", (25, 50, None)),
        ("cut_tariff", "Tokyo reduced the rice tariff by half, to 15%", (30, 15, None)),
        (
            "suspend_tariff",
            "a pause of 90 days, with a 10% base tariff remaining",
            (None, 10, None),
        ),
    ],
)
def test_rate_arithmetic_on_a_tariff_head(
    action: str, clause: str, expected: tuple[float | None, ...]
) -> None:
    assert rate_with_factor(action, clause) == expected
