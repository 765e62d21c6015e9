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
        if last is not None and LIST_JOINER.match(sentence.text[last.end : mention.start]):
            lists[-1].append(mention)
        else:
            lists.append([mention])
    found = []
    for chain in lists:
        codes = list(dict.fromkeys(m.code for m in chain))
        if len(codes) > 1:
            found.append(codes)
    return found
