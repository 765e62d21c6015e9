"""Meetings told as journeys: a leader's visit is a summit.

Reports of summits often name no talks at all: "Trump will travel to China from March 31 to
April 2", "concluded his state visit to Beijing", "when Trump arrives in Beijing in early
April".  The guide (docs/news-labelling.md) labels a summit as one ``hold_talks`` of both
sides; an official's journey to the other side's country or capital is how the genre tells
it.  The rule here adds a talks trigger for such a journey; the talks rules then decide the
sides and whether it is an act or a mere topic.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradewar.news.gazetteer import actor_entries

# a journey: "travel to", "state visit to", "will visit", "arrives in", "his trip to"
JOURNEY = re.compile(
    r"\b(?:(?:state|official)\s+visit\s+to|visit(?:s|ed|ing)?(?:\s+to)?|trip\s+to|"
    r"travel(?:s|led|ed|ling|ing)?\s+to|arriv(?:e|es|ed|ing)\s+in)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# a call named by its parties: "in a call with Chinese President Xi Jinping", "their
# 90-minute call between the two leaders" (the talks trigger knows "phone call", "the call")
CALL_WITH = re.compile(
    r"\b(?:a|their|his|her|its|first|latest|second|[\w-]+-minute)\s+(?:call)\s+(?:with|between)\b",
    re.IGNORECASE,
)
TRAVELLER_REACH = 80  # characters from the official's name to the journey ("Trump will ...")
INVITATION_BEFORE = re.compile(r"\binvit\w*\b[^.;]{0,60}$", re.IGNORECASE)


@lru_cache(maxsize=2)  # one entry per kind
def _phrases(kind: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern of the gazetteer's phrases of one kind (longest first) and their codes."""
    codes = {e.phrase.casefold(): e.code for e in actor_entries() if e.kind == kind}
    alternatives = "|".join(re.escape(p) for p in sorted(codes, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), codes


def journey_spans(clause: str) -> list[tuple[int, int]]:
    """The journeys of an official to another party's country or capital that a clause
    tells ("Trump will travel to China", "Trump's state visit to Beijing"), or a visit to the
    other side's leader ("he would visit Xi in April"): the spans of the journey words.  A
    journey only offered ("an invitation ... to visit China") is none."""
    places, place_codes = _phrases("country")
    officials, official_codes = _phrases("official")
    spans = []
    for match in JOURNEY.finditer(clause):
        if INVITATION_BEFORE.search(clause[: match.start()]):
            continue
        place = places.match(clause, match.end())
        host = officials.match(clause, match.end())  # "would visit Xi again in April"
        if place is None and host is None:
            continue
        before = clause[max(0, match.start() - TRAVELLER_REACH) : match.start()]
        named = list(officials.finditer(before))
        if place is not None:
            visited = place_codes[place.group().casefold()]
        elif host is not None:
            visited = official_codes[host.group().casefold()]
            if not named:  # "he would visit Xi": a visit to a leader is a meeting with one
                spans.append((match.start(), match.end()))
                continue
        if not named:
            continue
        traveller = official_codes[named[-1].group().casefold()]
        if traveller != visited:
            spans.append((match.start(), match.end()))
    return spans


def call_spans(clause: str) -> list[tuple[int, int]]:
    """The spans of calls a clause names with a government party ("a call with President
    Xi", "their call between the two leaders").  A call with anyone else ("a call with Sony
    chief Kenichiro Yoshida") is no meeting of governments."""
    return [m.span() for m in CALL_WITH.finditer(clause) if _government_follows(clause, m.end())]


PARTY_REACH = 6  # words after "with"/"between" in which the call's party is named
BOTH_SIDES = re.compile(r"the\s+two\s+(?:leaders|sides|presidents|countries)", re.IGNORECASE)


def _government_follows(clause: str, start: int) -> bool:
    """Whether a country, an official or "the two leaders" is named within a few words."""
    window = " ".join(clause[start:].split()[:PARTY_REACH])
    countries, _ = _phrases("country")
    officials, _ = _phrases("official")
    return any(p.search(window) for p in (countries, officials, BOTH_SIDES))
