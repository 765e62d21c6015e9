"""A scope bounded by ``within_hs``: lines not listed, but known to lie within some codes."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tradewar.codes.hs import Coverage
from tradewar.ledger.engine import scope_coverage
from tradewar.ledger.schema import ProductScope

BOUNDED = ProductScope(
    description="131 lines of chapters 29-30", within_hs=["29", "30"], hs_complete=False
)


@pytest.mark.parametrize(
    ("hs", "expected"),
    [
        ("3004909290", Coverage.unknown),
        ("300490", Coverage.unknown),
        ("29", Coverage.unknown),
        ("95030000", Coverage.not_covered),
        ("950300", Coverage.not_covered),
        (None, Coverage.not_covered),
    ],
)
def test_inside_the_bound_is_unknown_outside_is_not_covered(
    hs: str | None, expected: Coverage
) -> None:
    assert scope_coverage(BOUNDED, hs) is expected


def test_listed_codes_stay_covered_within_a_bound() -> None:
    scope = ProductScope(hs=["30021300"], within_hs=["30"], hs_complete=False)
    assert scope_coverage(scope, "3002130010") is Coverage.covered
    assert scope_coverage(scope, "30049092") is Coverage.unknown
    assert scope_coverage(scope, "85414300") is Coverage.not_covered


def test_without_a_bound_an_unlisted_product_stays_unknown() -> None:
    assert scope_coverage(ProductScope(hs_complete=False), "95030000") is Coverage.unknown


def test_all_goods_cannot_be_bounded() -> None:
    with pytest.raises(ValidationError, match="all_goods"):
        ProductScope(all_goods=True, within_hs=["29"])
