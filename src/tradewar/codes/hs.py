"""Harmonized System product codes: normalisation, level and prefix matching.

HS codes are kept as digit strings: 2 digits (chapter), 4 (heading), 6 (subheading, the
international level), 8 or 10 (national tariff lines such as HTSUS).  Punctuation
and blanks are dropped: ``"8703.80"`` → ``"870380"``.

Examples
--------
>>> normalize_hs("8703.80"), hs_level("8703.80")
('870380', 6)
>>> normalize_hs("87.3")
Traceback (most recent call last):
...
tradewar.errors.InvalidInput: Malformed HS code '87.3': expected 2, 4, 6, 8 or 10 digits (dots and spaces allowed), e.g. '8703.80' or '950300'; got 3 digits.
"""

from __future__ import annotations

from bisect import bisect_left
from enum import StrEnum

from tradewar.errors import InvalidInput

HS_LEVELS = (2, 4, 6, 8, 10)


def normalize_hs(code: str | int, field: str | None = None) -> str:
    """Return the digits of an HS code, checking that it has a valid length.

    ``field`` names the input the code came from in the error (``err.field``).
    """
    text = str(code).strip()
    digits = "".join(ch for ch in text if ch not in ". -")
    if not digits.isdigit() or len(digits) not in HS_LEVELS:
        got = f"{len(digits)} digits" if digits.isdigit() else "non-digit characters"
        raise InvalidInput(
            f"Malformed HS code {text!r}: expected 2, 4, 6, 8 or 10 digits (dots and spaces "
            f"allowed), e.g. '8703.80' or '950300'; got {got}.",
            field=field,
        )
    return digits


def require_hs(code: str, field: str) -> str:
    """``code`` itself when it is already a normalised HS code (2-10 digits, nothing else);
    the service layer's cheap check, as :func:`normalize_hs` is the interfaces' parser.

    >>> require_hs("950300", "hs")
    '950300'
    >>> require_hs("9503.00", "hs")
    Traceback (most recent call last):
    ...
    tradewar.errors.InvalidInput: hs: '9503.00' is not a normalised HS code; expected 2, 4, 6, 8 or 10 digits and nothing else, such as '950300'.
    """
    if isinstance(code, str) and code.isascii() and code.isdigit() and len(code) in HS_LEVELS:
        return code
    raise InvalidInput(
        f"{code!r} is not a normalised HS code; expected 2, 4, 6, 8 or 10 digits and "
        "nothing else, such as '950300'.",
        field=field,
    )


def hs_level(code: str | int) -> int:
    """The number of digits of a normalised HS code (2, 4, 6, 8 or 10)."""
    return len(normalize_hs(code))


class Coverage(StrEnum):
    """Whether a product scope covers a shipment's HS code.

    ``partial`` means the scope names some, but not all, national lines inside the
    shipment's code (e.g. scope ``85171300`` against shipment ``851713``) or the other
    way round is undecidable; ``unknown`` means the scope is named in words only.
    """

    covered = "covered"
    partial = "partial"
    not_covered = "not_covered"
    unknown = "unknown"


def code_coverage(scope_code: str, shipment_code: str) -> Coverage:
    """Compare one scope code with one shipment code (both normalised).

    A scope code covers every code that starts with it; a shipment code that is a
    parent of the scope code is only partly covered.
    """
    if shipment_code.startswith(scope_code):
        return Coverage.covered
    if scope_code.startswith(shipment_code):
        return Coverage.partial
    return Coverage.not_covered


def codes_coverage(scope_codes: list[str], shipment_code: str) -> Coverage:
    """The best coverage that any of ``scope_codes`` gives ``shipment_code``.

    Long lists (a Section 301 list holds thousands of tariff lines) are looked up through
    a sorted index built once per list object, so a query costs a few set and bisect
    lookups instead of a pass over the list.
    """
    if len(scope_codes) >= _INDEXED_FROM:
        return _indexed_coverage(scope_codes, shipment_code)
    results = {code_coverage(code, shipment_code) for code in scope_codes}
    if Coverage.covered in results:
        return Coverage.covered
    if Coverage.partial in results:
        return Coverage.partial
    return Coverage.not_covered


_INDEXED_FROM = 64
_INDEX_CACHE_SIZE = 512
_index_cache: dict[int, tuple[list[str], frozenset[str], list[str]]] = {}


def _indexed_coverage(scope_codes: list[str], shipment_code: str) -> Coverage:
    codes, prefixes = _code_index(scope_codes)
    if any(shipment_code[:size] in prefixes for size in HS_LEVELS if size <= len(shipment_code)):
        return Coverage.covered
    position = bisect_left(codes, shipment_code)
    if position < len(codes) and codes[position].startswith(shipment_code):
        return Coverage.partial
    return Coverage.not_covered


def _code_index(scope_codes: list[str]) -> tuple[list[str], frozenset[str]]:
    """The sorted codes and their set, cached by list identity (the list is kept alive)."""
    cached = _index_cache.get(id(scope_codes))
    if cached is None or cached[0] is not scope_codes:
        if len(_index_cache) >= _INDEX_CACHE_SIZE:
            _index_cache.clear()
        cached = (scope_codes, frozenset(scope_codes), sorted(scope_codes))
        _index_cache[id(scope_codes)] = cached
    return cached[2], cached[1]
