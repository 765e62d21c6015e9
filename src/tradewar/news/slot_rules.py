"""Slot rules of the fourteenth round (docs/news.md, "Slot rules, fourteenth round").

Each rule reads one class of slot that the earlier rules missed, from the labelling guide's
definitions and closed-class words, never from one article's strings.  The hooks that call
them sit in :mod:`tradewar.news.slots`, :mod:`tradewar.news.rates` and
:mod:`tradewar.news.pipeline`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from tradewar.news.dates import find_dates
from tradewar.news.gazetteer import actor_entries, product_groups
from tradewar.news.schema import Event

# Goods in general named by who trades them rather than by one country's adjective ("tariffs
# on each other's goods", "imports from countries that have not retaliated", "goods from
# nearly all U.S. trading partners", "all products imported from the United States"): the
# shared table's ``all_goods``, as "Chinese goods" is.
GOODS_NOUN = r"(?:goods|imports|products|articles)"
ORIGIN_VERB = r"(?:imported|coming|originating|shipped|arriving)"
QUANTIFIER = r"(?:(?:nearly|almost|virtually|practically)\s+)?(?:all|most|many|other)"
PARTNERS = r"(?:countries|nations|trading\s+partners|economies)"
TARIFF_NOUN = r"(?:tariffs?|duties|levies|import\s+tax(?:es)?|surcharges?)"


@lru_cache(maxsize=1)
def _countries() -> str:
    names = sorted(
        {e.phrase for e in actor_entries() if e.kind == "country" and len(e.phrase) > 2},
        key=len,
        reverse=True,
    )
    return "|".join(re.escape(name) for name in names)


@lru_cache(maxsize=1)
def _goods_of_traders() -> re.Pattern[str]:
    owner = r"(?:(?:of\s+)?(?:its|their|the|[\w.]+['’]s)\s+)?"
    return re.compile(
        rf"\beach\s+other['’]s\s+(?:[a-z-]+\s+){{0,2}}?{GOODS_NOUN}"
        rf"|\b(?:{QUANTIFIER}\s+)?{GOODS_NOUN}\s+(?:{ORIGIN_VERB}\s+)?from\s+"
        rf"(?:{QUANTIFIER}\s+)?{owner}(?:[\w.-]+\s+)?{PARTNERS}\b"
        rf"|\b(?:all\s+)?(?:products|articles)\s+{ORIGIN_VERB}\s+from\s+(?:the\s+)?"
        rf"(?:{_countries()})(?!\w)",
        re.I,
    )


def goods_of_traders(text: str) -> list[re.Match[str]]:
    """Phrases of a text that name goods in general by their traders (``all_goods``)."""
    return list(_goods_of_traders().finditer(text))


@lru_cache(maxsize=1)
def _tariff_on_partners() -> re.Pattern[str]:
    return re.compile(
        rf"\b{TARIFF_NOUN}\s+(?:\w+\s+){{0,2}}?(?:on|against)\s+"
        rf"(?P<partners>(?:{QUANTIFIER})\s+(?:(?:of\s+)?(?:its|their|the|[\w.]+['’]s)\s+)?"
        rf"(?:[\w.-]+\s+)?{PARTNERS})\b",
        re.I,
    )


def tariff_on_partners(text: str) -> re.Match[str] | None:
    """A tariff laid on trading partners as a whole ("a 10% tariff on nearly all trading
    partners", "duties on all countries"): on all their goods, as a tariff on China is."""
    return _tariff_on_partners().search(text)


# A noun of applying a measure is transparent to what the measure's verb does to it:
# "suspend the implementation of the 24% tariff" suspends the 24% tariff (a change of -24
# points, as the guide codes "suspend the 24% tariff"); "halted the collection of the 10%
# duty" halts the duty.
APPLYING_NOUN = (
    r"(?:(?:(?:the|its|their)\s+)?(?:implementation|application|collection|imposition|"
    r"enforcement)\s+of\s+)?"
)


# "one hour and 40 minutes", "two hours and forty minutes": one length of talks, in hours
# and minutes (ISO 8601 ``PT1H40M``), not the hours alone
UNITS_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
MINUTES_AFTER = re.compile(
    r"^\s*(?:and|,)\s+(?:(?:about|around|roughly|some)\s+)?"
    rf"(?P<n>\d{{1,2}}|(?:{'|'.join(TENS_WORDS)})(?:[\s-](?:{'|'.join(UNITS_WORDS[1:10])}))?"
    rf"|{'|'.join(sorted(UNITS_WORDS[1:], key=len, reverse=True))})\s*-?\s*minutes?\b",
    re.I,
)


def number_word(word: str) -> int:
    """The value of a count under sixty, in digits or words ("40", "forty", "forty-five")."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    tens, _, units = word.replace("-", " ").partition(" ")
    if tens in TENS_WORDS:
        return TENS_WORDS[tens] + (UNITS_WORDS.index(units) if units else 0)
    return UNITS_WORDS.index(word)


def minutes_after(text: str, end: int) -> tuple[int, int] | None:
    """The minutes that complete a length in hours ending at ``end`` ("one hour *and 40
    minutes*"), with the end of the phrase, or None."""
    match = MINUTES_AFTER.match(text[end:])
    if match is None:
        return None
    return number_word(match.group("n")), end + match.end()


# A sentence that lists what the measure just told includes ("This includes tariffs of 15
# percent on coal ...", "They include tungsten, tellurium and indium", "These include a
# 15% tariff on corn") goes on with that measure: it names its goods, or its parts.
INCLUSION = re.compile(
    r"^\W*(?:this|these|they|it|the\s+list)\s+(?:also\s+)?"
    r"(?:includes?|included|covers?|covered|comprises?|consists?\s+of)\b",
    re.I,
)
EXPORT_FAMILY = frozenset({"impose_export_control", "ease_export_control", "grant_licence"})


def apply_inclusion(
    text: str, events: list[Event], previous: list[Event], previous_text: str, dateline: date | None
) -> None:
    """A sentence listing what the measure before includes gives that measure its goods when
    it names none ("China announced export controls on several elements. They include
    tungsten, tellurium and indium."), and its own measures take the dates the sentence before
    states for the measure they detail ("Starting from February 10, tariffs will be added to
    some US goods. This includes tariffs of 15 percent on coal ...")."""
    if not INCLUSION.match(text):
        return
    from tradewar.news.slots import products_in  # slots reads this module's rules

    goods = products_in(text)
    for event in previous:
        if event.products or event.action in {"hold_talks", "reach_agreement", "accuse_violation"}:
            continue
        own = [p for p in goods if not (event.action in EXPORT_FAMILY and _general(p))]
        if own:
            event.products, event.product_groups = own, product_groups(own)
    stated = find_dates(previous_text, dateline) if previous_text else []
    effective = [m.value for m in stated if m.role == "effective" and m.value]
    announced = [m.value for m in stated if m.role == "event" and m.value]
    for event in events:
        measure = event.action not in {"hold_talks", "reach_agreement", "accuse_violation"}
        if measure and effective and event.effective_date is None:
            event.effective_date = effective[0]
        if measure and len(set(announced)) == 1 and event.event_date is None:
            event.event_date = announced[0]  # "China announced measures on Tuesday. These ..."


def _general(phrase: str) -> bool:
    return product_groups([phrase]) == ["all_goods"]


# A phrase that gives a measure's cause or setting ("citing concerns over fentanyl
# precursors", "amid China's export controls on rare earth minerals", "a response to
# Beijing's delayed rare earth approvals", "in retaliation for curbs on chips") names the
# goods of that cause, not of the measure.
CAUSE_PHRASE = re.compile(
    r"\b(?:citing|amid|in\s+(?:response|retaliation)\s+(?:to|for|against)|"
    r"(?:as\s+)?an?\s+response\s+to|in\s+reaction\s+to|over\s+concerns?\s+(?:about|over)|"
    # "over its role in the fentanyl trade"
    r"over\s+(?:[\w’'.-]+\s+){0,2}?(?:alleged\s+)?role)\b"
    r"[^,;:.()\n—–]*",
    re.I,
)


# a reason clause runs to the clause's end, across a parenthetical "he says": "an additional
# 10% tariff because, he says, it hasn't done enough to crack down on precursor chemicals"
REASON_CLAUSE = re.compile(r"\bbecause\b[^.;:()\n]*", re.I)


def without_causes(clause: str) -> str:
    """The clause with its cause and setting phrases blanked (offsets kept), so that the
    goods of a measure are read from the measure's own words."""
    return REASON_CLAUSE.sub(_blank, CAUSE_PHRASE.sub(_blank, clause))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


# A sentence that announces a count of a party's measures on one day before telling them
# ("On June 22, China announced two new restrictive measures ...", "On October 9, the
# ministry unveiled several new measures tightening export controls", "issued a series of
# new export control measures"), as "moved on two fronts on June 22" does.
SEVERAL_MEASURES = re.compile(
    r"\b(?:announced|unveiled|issued|introduced|adopted|rolled\s+out|launched)\s+"
    r"(?:two|three|four|five|six|several|multiple|a\s+(?:series|slew|raft|package|set)\s+of)\s+"
    r"(?:new\s+)?(?:[\w-]+\s+){0,3}?(?:measures|actions|steps|countermeasures|restrictions)\b",
    re.I,
)


# An approximate or upper-bound period is the period told ("extend the truce by up to a
# year", "for about a year", "for roughly 90 days"): P1Y, as "for a year" is.
ROUGHLY = r"(?:(?:at\s+least|up\s+to|about|around|roughly|nearly|almost|approximately|some)\s+)?"
