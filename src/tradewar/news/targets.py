"""Targets named together: one act on each party of a coordinated list.

The labelling guide gives one event per target ("25% tariffs on Canada and Mexico" is two
impositions).  The rules read one target per trigger; :func:`coordinated_targets` adds the
act on every other party that the sentence lists beside that target ("Canada, Mexico and
China", "Canadian, Mexican and Chinese goods"), never on the act's own actor, and only for
impositions and export controls (:data:`LISTED_ACTIONS`).  Talks and agreements have their
parties as a set already.
"""

from __future__ import annotations

import re

from tradewar.news.gazetteer import country_code
from tradewar.news.schema import Event
from tradewar.news.sentences import Mention, Sentence

# the acts read on each listed party; pauses and cuts "on Mexico and Canada" were labelled on
# one of them as often as on both (measured over the labelled articles: eight false events
# for none true)
LISTED_ACTIONS = frozenset({"impose_tariff", "impose_export_control", "ease_export_control"})
# what stands between two parties of one list: a comma, "and", "or", "as well as"
LIST_JOINER = re.compile(
    r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s+|as\s+well\s+as\s+)(?:the\s+)?$", re.I
)


# a country that names a person's office is no party of a list: "in Busan, South Korea, U.S.
# President Donald Trump said"
TITLE_AFTER = re.compile(
    r"^\s+(?:President|Vice|Prime|Premier|Secretary|Trade\s+Representative|Commerce|Treasury|"
    r"officials?|leaders?|negotiators?)\b"
)

# an aside in brackets between two listed parties: "Canada (except energy products tariffed
# at 10%) and Mexico"
ASIDE = re.compile(r"^\s*\([^()]{1,80}\)")


def coordinated_targets(events: list[Event], sentence: Sentence) -> list[Event]:
    """The events on the other parties listed with each event's target."""
    lists = _party_lists(sentence)
    added: list[Event] = []
    told = {(e.action, e.actor, e.target) for e in events}
    for event in events:
        if event.action not in LISTED_ACTIONS or event.target is None or event.target_inferred:
            continue
        codes = next((c for c in lists if event.target in c), [])
        if event.actor in codes:
            continue  # "the US and China": the parties of the act, not its targets
        for code in codes:
            if (event.action, event.actor, code) not in told:
                told.add((event.action, event.actor, code))
                added.append(event.model_copy(update={"target": code}))
    return added


def _party_lists(sentence: Sentence) -> list[list[str]]:
    """The countries the sentence names in lists of two or more, in order of mention."""
    countries = sorted(
        (
            m
            for m in sentence.mentions
            if m.kind == "country" and not TITLE_AFTER.match(sentence.text[m.end :])
        ),
        key=lambda m: m.start,
    )
    lists: list[list[Mention]] = []
    for mention in countries:
        last = lists[-1][-1] if lists else None
        between = ASIDE.sub(" ", sentence.text[last.end : mention.start]) if last else ""
        if last is not None and LIST_JOINER.match(between):
            lists[-1].append(mention)
        else:
            lists.append([mention])
    found = []
    for chain in lists:
        codes = list(dict.fromkeys(m.code for m in chain))
        if len(codes) > 1:
            found.append(codes)
    return found


# a party with its own rate right after it: "Japan at 24%", "Vietnam (46%)", "India: 26%"; the
# party is a capitalised name of one to three words
RATED_PARTY = re.compile(
    r"(?P<name>(?-i:[A-Z])[\w.’'-]*(?:\s+(?-i:[A-Z])[\w.’'-]*){0,2})\s*(?:at\s+|\(|:\s*)"
    r"(?P<rate>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)\)?",
    re.I,
)
RATED_JOINER = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|;\s*)(?:the\s+)?$", re.I)


def rated_targets(events: list[Event], sentence: Sentence) -> list[Event]:
    """One imposition on each party of a list that gives every party its own rate ("Other
    nations slapped with larger tariffs include Japan at 24%, South Korea at 25% and India at
    26%"): the sentence's one imposition, whose target was inferred or is one of the list,
    becomes one event per party at that party's rate.  Other events are kept as they are."""
    imposed = [e for e in events if e.action == "impose_tariff"]
    if len(imposed) != 1:
        return events
    rated = _rated_list(sentence)
    (event,) = imposed
    if len(rated) < 2 or event.actor in rated:
        return events
    named = {m.code for m in sentence.mentions}
    if event.target is not None and event.target not in rated and event.target in named:
        return events  # an act on a party the sentence names apart from the list
    per_party = [
        event.model_copy(update={"target": code, "target_inferred": False, "rate_to": rate})
        for code, rate in rated.items()
    ]
    return [e for e in events if e is not event] + per_party


def _rated_list(sentence: Sentence) -> dict[str, float]:
    """The countries of the sentence's first list of two or more whose every party has its
    own rate, with those rates (a name is a country by the sentence's mentions, else by the
    gazetteer of countries; any other name ends the list)."""
    chain: dict[str, float] = {}
    last_end: int | None = None
    for match in RATED_PARTY.finditer(sentence.text):
        code = _country_of(sentence, match.start("name"), match.group("name"))
        joined = last_end is not None and RATED_JOINER.match(
            sentence.text[last_end : match.start()]
        )
        if code is None or (chain and not joined):
            if len(chain) >= 2:
                break
            chain = {}
            if code is None:
                last_end = None
                continue
        chain.setdefault(code, float(match.group("rate")))
        last_end = match.end()
    return chain if len(chain) >= 2 else {}


def _country_of(sentence: Sentence, start: int, name: str) -> str | None:
    """The country a name of the sentence is: a country mention ending where the name does,
    else the gazetteer's reading of the name ("Cambodia", "Taiwan")."""
    end = start + len(name)
    for mention in sentence.mentions:
        if mention.kind == "country" and start <= mention.start and mention.end == end:
            return mention.code
    return country_code(name)
