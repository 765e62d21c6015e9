"""Commentary: sentences that describe the course of the trade war rather than report an act.

A news sentence often characterises the war in words that the trigger rules read as acts:
"relations strained by escalating tariffs" is no raise of any tariff.  The rules here look at
the events one sentence produced, with the sentence's words and grammar, and drop those the
labelling guide (docs/news-labelling.md) does not count as acts.  They run after the events of
a sentence are built, so they see the slots (rates, dates, places) each act carries.
"""

from __future__ import annotations

import re

from tradewar.news.schema import Event
from tradewar.news.sentences import Sentence

# the verbs and nouns by which a tariff is said to rise; "escalate" alone describes the war's
# course ("escalating tariffs", "an escalation of tariff barriers", "the threat to escalate
# tariffs"): the guide's raise needs an earlier level or an existing tariff named as increased
RAISE_WORDS = re.compile(
    r"\b(?:rais\w*|increas\w*|hike\w*|hiking|up from|doubl\w*|tripl\w*|soar\w*|shot up|surg\w*|"
    r"jump\w*|climb\w*|lift\w*|boost\w*|higher)\b",
    re.I,
)
ESCALATION = re.compile(r"\b(?:de-?)?escalat\w*", re.I)


def rated(event: Event) -> bool:
    """Whether an event carries a rate (a level, a change or a base)."""
    return any(v is not None for v in (event.rate_to, event.rate_change, event.rate_from))


def escalation_only(event: Event) -> bool:
    """A rate-less raise whose sentence says only that tariffs escalate ("Relations have been
    strained by escalating reciprocal tariffs", "an unprecedented escalation of tariff
    barriers"): a description of the war, no raise of a tariff."""
    if event.action != "raise_tariff" or rated(event):
        return False
    text = event.evidence
    return bool(ESCALATION.search(text)) and not RAISE_WORDS.search(text)


# tariffs told as a run of many ("a series of retaliatory tariff increases by both nations",
# "rounds of escalating tariffs that once reached triple digits", "imposed two rounds of
# tariffs"): the course of the war, no one act, unless a date places them ("a series of new
# tariffs on American products" is one package of new measures)
ROUNDS_OF_TARIFFS = re.compile(
    r"\b(?:series|rounds|waves|barrages?|spate|cycle|flurry)\s+of\s+(?:(?!new\b)[\w-]+\s+){0,3}?"
    r"(?:tariffs?|duties|levies|(?:tariff\s+)?(?:increases|hikes))\b",
    re.I,
)


def rounds_only(event: Event) -> bool:
    """An undated new or raised tariff whose sentence tells only of rounds of tariffs."""
    return (
        event.action in {"impose_tariff", "raise_tariff"}
        and event.event_date is None
        and bool(ROUNDS_OF_TARIFFS.search(event.evidence))
    )


# a country after "in" or "at" that follows a meeting noun is where the meeting was ("the
# Pacific Rim summit in South Korea", "talks held at Geneva"), not a party; after other nouns
# and verbs it may be the party ("goods arriving in China", "the ministry in Seoul said")
MEETING_PLACE_BEFORE = re.compile(
    r"\b(?:summit|meeting|talks|forum|conference|sidelines|gathering|visit)\b"
    r"(?:[^,.;:]|(?<=[A-Z])\.){0,40}?\b(?:in|at)\s+(?:the\s+)?$",
    re.I,
)


def placed_actor(event: Event, sentence: Sentence) -> bool:
    """Whether a one-party act's actor is named in its sentence only as the place of a
    meeting ("The two leaders met at a summit in South Korea, agreeing to roll back some
    tariffs" gives no act of South Korea)."""
    if event.actor is None or "+" in event.actor:
        return False
    named = [m for m in sentence.mentions if m.code == event.actor]
    return bool(named) and all(
        MEETING_PLACE_BEFORE.search(sentence.text[: mention.start]) for mention in named
    )


def drop_commentary(events: list[Event], sentence: Sentence) -> list[Event]:
    """The events of one sentence less those that only comment on the war."""
    if pundits_view(sentence.text):
        return []
    return [
        event
        for event in events
        if not escalation_only(event)
        and not rounds_only(event)
        and not placed_actor(event, sentence)
    ]


# the people whose view a sentence gives when it names them as its speakers: analysts,
# economists, traders, strategists; a sentence they frame in the present ("Analysts say
# Beijing's move tightens its grip ...") or close after a quote ("“...,” Morgan Stanley
# economists noted") is their reading of the acts, not a report of one.  What they said
# happened ("Analysts said on Monday that Washington added 50 Chinese firms ...") or may
# happen ("China could impose export controls on graphite, analysts said") stays an act,
# whose modality the cues decide.
PUNDITS = r"(?:analysts?|economists?|traders?|strategists?)"
PUNDITS_FRAME = re.compile(
    rf"^\W*(?:[\w’'&.-]+\s+){{0,3}}?{PUNDITS}\s+(?:\w+\s+)?(?:say|says|argue|argues|warn|warns)\b"
    rf"|[”\"],?\s+(?:[\w’'&.-]+\s+){{0,3}}?{PUNDITS}\s+(?:noted|note|notes|argued|warned)\b",
    re.I,
)


def pundits_view(text: str) -> bool:
    """Whether analysts, economists, traders or strategists are the speakers of a sentence."""
    return bool(PUNDITS_FRAME.search(text))
