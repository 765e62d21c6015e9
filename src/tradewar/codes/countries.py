"""Country codes: anything a user types (name, ISO2, ISO3, numeric) becomes ISO 3166-1 alpha-3.

Examples
--------
>>> to_iso3("China"), to_iso3("us"), to_iso3("840"), to_iso3("Hong Kong")
('CHN', 'USA', 'USA', 'HKG')
>>> to_iso3("Untied States")
Traceback (most recent call last):
...
tradewar.errors.UnknownCode: Unknown country 'Untied States'. Expected an ISO3 or ISO2 code, a numeric code or a country name; did you mean 'USA' (United States)?
"""

from __future__ import annotations

import difflib
from functools import lru_cache

import pycountry

from tradewar.errors import UnknownCode, field_named

#: The pseudo-jurisdiction for measures that target every country.
ALL = "ALL"

#: Names people use that pycountry does not know by that spelling.
_ALIASES: dict[str, str] = {
    "US": "USA",
    "U.S.": "USA",
    "U.S.A.": "USA",
    "AMERICA": "USA",
    "UNITED STATES OF AMERICA": "USA",
    "PRC": "CHN",
    "CHINA, PEOPLE'S REPUBLIC OF": "CHN",
    "PEOPLE'S REPUBLIC OF CHINA": "CHN",
    "MAINLAND CHINA": "CHN",
    "UK": "GBR",
    "BRITAIN": "GBR",
    "GREAT BRITAIN": "GBR",
    "SOUTH KOREA": "KOR",
    "KOREA": "KOR",
    "NORTH KOREA": "PRK",
    "RUSSIA": "RUS",
    "TAIWAN": "TWN",
    "VIETNAM": "VNM",
    "HONG KONG": "HKG",
    "MACAU": "MAC",
    "MACAO": "MAC",
    "THE NETHERLANDS": "NLD",
    "HOLLAND": "NLD",
    "KOSOVO": "XKX",
}


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Upper-cased names, official names and common names → ISO3."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                index[value.upper()] = country.alpha_3
    index.update(_ALIASES)
    return index


def country_name(iso3: str) -> str:
    """The short English name of an ISO3 code (``'ALL'`` → ``'all countries'``)."""
    if iso3 == ALL:
        return "all countries"
    if iso3 == "XKX":
        return "Kosovo"
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise UnknownCode(f"Unknown ISO3 code {iso3!r}.")
    return str(getattr(country, "common_name", None) or country.name)


def to_iso3(value: str, *, allow_all: bool = False, field: str | None = None) -> str:
    """Normalise a country given as ISO3, ISO2, numeric code or name to ISO3.

    Parameters
    ----------
    value : str
        What the user typed; case and surrounding blanks do not matter.
    allow_all : bool
        Accept ``'ALL'`` (every country), as measure targets may.
    field : str, optional
        The input this value came from, carried by the error (``err.field``).

    Raises
    ------
    UnknownCode
        With the closest known country suggested.
    """
    if field is None:
        return _to_iso3(value, allow_all)
    with field_named(field):
        return _to_iso3(value, allow_all)


def require_iso3(value: str, field: str) -> str:
    """``value`` itself when it is an ISO3 code; the service layer's check of a country.

    Services take countries already parsed (by :func:`to_iso3` in an interface), so this
    accepts only upper-case ISO3 codes (and ``EU``/``ALL`` are not countries here).

    Raises
    ------
    UnknownCode
        Naming ``field`` when ``value`` is not an ISO3 code; a name or an ISO2 code gets
        its ISO3 code suggested.
    """
    is_code = isinstance(value, str) and len(value) == 3 and value.isupper()
    if is_code and _lookup_code(value) == value:
        return value
    try:
        hint = f" Did you mean {_to_iso3(str(value), False)!r}?"
    except UnknownCode:
        hint = ""
    raise UnknownCode(
        f"{value!r} is not an ISO3 country code; expected one such as 'USA' or 'CHN'.{hint}",
        field=field,
    )


def _to_iso3(value: str, allow_all: bool) -> str:
    text = " ".join(str(value).split())
    if not text:
        raise UnknownCode("Empty country code. Expected an ISO3 code such as 'USA' or 'CHN'.")
    upper = text.upper()
    if upper == ALL:
        if allow_all:
            return ALL
        raise UnknownCode(
            "'ALL' is not a country here. Expected one ISO3 code such as 'USA' or 'CHN'."
        )
    if upper in _ALIASES:
        return _ALIASES[upper]
    country = _lookup_code(upper)
    if country is not None:
        return country
    by_name = _name_index().get(upper)
    if by_name is not None:
        return by_name
    try:
        fuzzy = pycountry.countries.search_fuzzy(text)
    except LookupError:
        fuzzy = []
    if len(fuzzy) == 1:
        return str(fuzzy[0].alpha_3)
    raise UnknownCode(
        f"Unknown country {text!r}. Expected an ISO3 or ISO2 code, a numeric code or a "
        f"country name{_suggestion(upper)}"
    )


def _lookup_code(upper: str) -> str | None:
    if upper == "XKX":
        return "XKX"
    if len(upper) == 3 and upper.isalpha():
        found = pycountry.countries.get(alpha_3=upper)
        return None if found is None else str(found.alpha_3)
    if len(upper) == 2 and upper.isalpha():
        found = pycountry.countries.get(alpha_2=upper)
        return None if found is None else str(found.alpha_3)
    if upper.isdigit():
        found = pycountry.countries.get(numeric=upper.zfill(3))
        return None if found is None else str(found.alpha_3)
    return None


def _suggestion(upper: str) -> str:
    index = _name_index()
    close = difflib.get_close_matches(upper, list(index), n=1, cutoff=0.6)
    if not close:
        return "."
    iso3 = index[close[0]]
    return f"; did you mean {iso3!r} ({country_name(iso3)})?"
