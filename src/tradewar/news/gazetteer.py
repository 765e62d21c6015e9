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


def product_groups(phrases: list[str]) -> list[str]:
    """Canonical groups of product phrases, first-seen order, without repeats."""
    groups: list[str] = []
    for phrase in phrases:
        group = product_group(phrase)
        if group and group not in groups:
            groups.append(group)
    return groups
