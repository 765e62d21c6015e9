"""Slots of an event: its dates, duration, rates and products.

Dates are resolved against the dateline with the clause's tense (:mod:`tradewar.news.dates`);
a date belongs to the act it qualifies, not to the earlier measure an act eases
(:func:`act_dates`), nor to another meeting of the clause (:func:`own_dates`); dates of other
clauses count when they frame this one (:func:`framing_dates`).  Rates come from
:mod:`tradewar.news.rates` attached to the action; a clause with several rates and product
lists gives one event per (rate, products) pair (:func:`rate_segments`).  Sentence-level rules
share an effective date, a generic goods phrase, or a lowered rate between the sentence's
events; list items under a lead-in take their own products and dates.  Durations are periods
of acts ("for an additional 90 days", "a one year suspension") or, for talks only, lengths of
talks ("two days of talks", "a 90-minute call"; :func:`durations`).  Once mentions are merged,
:func:`settle_article_dates` applies the article-level date rules: a summary dates its details,
a trade alert's head fields, measures dated after the dateline, reported and official acts,
and the tense of undated acts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from tradewar.news.clean import CleanText
from tradewar.news.dates import DateMention, find_dates
from tradewar.news.frames import parse
from tradewar.news.gazetteer import actor_entries, product_groups, product_table
from tradewar.news.grammar import ELIMINATES
from tradewar.news.memo import remembered
from tradewar.news.merging import default_event_dates
from tradewar.news.rates import RateMention, factor_in, find_rates, rate_for_action
from tradewar.news.schema import JOINT_ACTIONS, Event
from tradewar.news.sentences import ArticleContext, Sentence
from tradewar.news.slot_rules import (
    ROUGHLY,
    SEVERAL_MEASURES,
    goods_of_traders,
    minutes_after,
    tariff_on_partners,
    without_causes,
)
from tradewar.news.triggers import Trigger, nearest

# acts whose duration is a slot ("a 90-day pause", "lowered for 90 days", "a one-year deal")
DURATION_ACTIONS = frozenset(
    {"suspend_tariff", "cut_tariff", "reach_agreement", "ease_export_control"}
)
# a new measure with a stated period is temporary ("a 10% tariff on all countries for 150
# days"): the period is its duration, stated with "for" (not "90 days after the order")
TEMPORARY_MEASURES = frozenset({"impose_tariff", "raise_tariff", "impose_export_control"})
PAUSE_WORDS = re.compile(
    r"\b(?:suspen\w+|paus\w+|truce|extend\w*|extension|retain\w*|keep\w*|kept|maintain\w*|"
    r"remain\w*|delay\w*|postpone\w*)\b",
    re.I,
)
LIST_ITEM = re.compile(r"^\W{0,3}(?:[-•*·]|\(\w{1,4}\)|\d+\.)")


@dataclass
class DateSlots:
    """An event's dates (ISO, at the precision the text gives) and the phrase that gave them."""

    effective_date: str | None = None
    event_date: str | None = None
    end_date: str | None = None
    date_text: str | None = None


@dataclass
class MeasureSlots:
    """The products and rate of one measure; ``unit`` is "percent" when a rate was read."""

    products: list[str] = field(default_factory=list)
    product_groups: list[str] = field(default_factory=list)
    unit: str | None = None
    rate_from: float | None = None
    rate_to: float | None = None
    rate_change: float | None = None


@dataclass
class DurationSlot:
    """An event's duration (ISO 8601, ``P90D``) and the phrase of the clause or sentence."""

    duration: str | None = None
    duration_text: str | None = None


def is_measure(event: Event) -> bool:
    """Whether an event is a measure, which applies from a date: not talks, an agreement or
    an accusation."""
    return event.action not in JOINT_ACTIONS and event.action != "accuse_violation"


def days_before(day: date, days: int) -> str:
    """The ISO date ``days`` days before ``day``."""
    return (day - timedelta(days=days)).isoformat()


def dates_for(
    clause_dates: list[DateMention], sentence_dates: list[DateMention], *, talks: bool = False
) -> DateSlots:
    """The first effective, event and end date of the clause, then of the sentence.  The
    date of an earlier occasion ("after last week's meeting") is the talks' own only."""
    slots = DateSlots()
    for mention in clause_dates + sentence_dates:
        if mention.role in {"since", "document"} or not mention.value:
            continue
        if mention.role == "occasion" and not talks:
            continue
        role = "event" if mention.role == "occasion" else mention.role
        key = {"effective": "effective_date", "event": "event_date", "end": "end_date"}[role]
        if getattr(slots, key) is None:
            setattr(slots, key, mention.value)
            slots.date_text = slots.date_text or mention.text
    effective = [m for m in clause_dates + sentence_dates if m.role == "effective"]
    if effective and IMMEDIATE.search(effective[0].text) and slots.event_date:
        slots.effective_date = slots.event_date  # in force the day it is done
    return slots


# "effective immediately", "with immediate effect": in force from the act's own date (the
# dateline only when the act has no date of its own)
IMMEDIATE = re.compile(r"\bimmediate", re.I)


def settle_dates(
    slots: DateSlots,
    action: str,
    clause_dates: list[DateMention],
    trigger: Trigger,
    *,
    recalled: bool,
) -> DateSlots:
    """An act recalled in a relative clause ("tariffs imposed in March") keeps the recalled
    act's own date; talks "from Sunday" are held then (an event date, not an effective one)."""
    if recalled:
        own = [m for m in clause_dates if m.start >= trigger.end and m.role == "event" and m.value]
        if own:
            slots.event_date, slots.date_text = own[0].value, own[0].text
    if action == "hold_talks" and slots.effective_date:
        slots.event_date, slots.effective_date = slots.effective_date, None
    return slots


def duration_for(action: str, clause: str, sentence: str) -> DurationSlot:
    """The clause's duration, else the sentence's; only some acts keep it as a slot (the
    phrase is kept either way, as the evidence of the dates).  Talks take only a length of
    talks ("two days of talks", "a 90-minute call"), and other acts never take one."""
    for text in (clause, sentence):
        found = [d for d in durations(text) if (action == "hold_talks") == d.of_talks]
        if found:
            first = found[0]
            temporary = (
                action in TEMPORARY_MEASURES
                and text is clause
                and first.text.lower().startswith("for ")
                and not PAUSE_WORDS.search(clause)  # the period of a pause, not the measure's
            )
            kept = first.iso if action in DURATION_ACTIONS | {"hold_talks"} or temporary else None
            return DurationSlot(kept, first.text)
    return DurationSlot()


# acts whose clause may hold one measure per (rate, products) segment: "a 15% tariff on coal
# and a 10% tariff on crude oil", and two such tariffs removed ("terminate the 15% tariff on
# chicken ... and the 10% tariff on sorghum")
SEGMENTED_ACTIONS = frozenset({"impose_tariff", "raise_tariff", "cut_tariff"})


def measures_for(action: str, clause: str, sentence: str = "") -> list[MeasureSlots]:
    """The measures of a clause: one per (rate, products) segment when a tariff clause gives
    several rates for several product lists, else one with the clause's products and rate.
    An agreement has the goods its clause names ("a deal on the supply of rare earths") and
    no rate; talks and accusations have none of these slots (an empty measure)."""
    if action == "reach_agreement":  # "the deal on the supply of rare earths": its goods
        goods = [p for p in products_in(clause) if product_groups([p]) != ["all_goods"]]
        return [MeasureSlots(products=goods, product_groups=product_groups(goods))]
    if action in JOINT_ACTIONS or action == "accuse_violation":
        return [MeasureSlots()]
    segments = rate_segments(clause) if action in SEGMENTED_ACTIONS else []
    if len(segments) > 1:
        return [measure_slots(action, clause, products, rates) for rates, products in segments]
    products = products_in(without_causes(clause))  # not "citing concerns over fentanyl"
    if not products and action == "grant_licence":  # "exporters of dual-use items ... may
        products = products_in(sentence)  # apply, and the ministry will grant licences"
    if not action.endswith("tariff"):
        products = [p for p in products if product_groups([p]) != ["all_goods"]]
    rates = find_rates(clause) if action.endswith("tariff") else []  # a rate is a tariff's
    measure = measure_slots(action, clause, products, rates)  # ("the 50% Rule" is a name)
    if action.endswith("tariff") and not products:
        country_wide = country_wide_tariff(clause)
        if country_wide:  # "the 104% tariffs on China": on all its goods
            measure.products, measure.product_groups = [country_wide.group()], ["all_goods"]
    return [measure]


DEMONYM = re.compile(r"(?:ese|ican|ians?|ean|ans)$")
OBJECT_FOLLOWS = (  # a noun after the country makes it an attribute ("on China rare earths")
    r"(?!['’]s\b|\s+(?!(?:and|or|to|at|of|from|in|on|by|for|over|that|which|after|as|with|was|"
    r"were|is|are|will|would|has|had|have|until|since|starting|effective|took|went|came|"
    r"kicked|this|last|next|earlier|later|amid|because)\b)[a-z])"
)


@lru_cache(maxsize=1)
def _country_wide() -> re.Pattern[str]:
    """Tariff words before "on/against" a country name of the gazetteer (not a demonym)."""
    names = sorted(
        {
            e.phrase
            for e in actor_entries()
            if e.kind == "country" and not DEMONYM.search(e.phrase) and len(e.phrase) > 2
        },
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(
        r"\b(?:tariffs?|duties|levies|import tax(?:es)?)\s+(?:\w+\s+){0,2}?(?:on|against)\s+"
        rf"(?:imports\s+from\s+)?(?:the\s+)?(?:{alternatives})\b{OBJECT_FOLLOWS}",
        re.I,
    )


def country_wide_tariff(text: str) -> re.Match[str] | None:
    """A tariff on a country as a whole ("tariffs on China", "duties against Canada"), which
    covers all its goods; not one on a country's products ("tariffs on China's steel")."""
    return _country_wide().search(text) or tariff_on_partners(text)


def products_in(text: str) -> list[str]:
    """Product phrases of a text span: gazetteer phrases and 'X goods/imports'.  A phrase
    broken over a line ("rare\nearths") is found too, and returned on one line."""
    text = re.sub(r"\s", " ", text)  # one space per character: offsets stay those of text
    low = text.lower()
    found: list[tuple[int, str]] = []
    for phrase, _group in product_table():
        if phrase not in low:
            continue  # most phrases are absent: a substring test is cheaper than a search
        for match in re.finditer(re.escape(phrase), low):
            if any(start <= match.start() < start + len(p) for start, p in found):
                continue
            found.append((match.start(), text[match.start() : match.end()]))
    for match in [*_generic_goods().finditer(text), *goods_of_traders(text)]:
        if not any(match.start() <= start < match.end() for start, _ in found):
            found.append((match.start(), match.group()))
    return [phrase for _, phrase in sorted(found)]


DURATION_PHRASE = re.compile(
    r"\b(?P<lead>for\s+(?:another\s+|an?\s+(?:additional\s+|initial\s+|further\s+|extra\s+)?"
    r"(?:period\s+of\s+)?|the\s+(?:next|same|first)\s+|(?:a\s+)?further\s+|(?:an\s+)?additional\s+)?"
    rf"{ROUGHLY}|by\s+(?:at\s+least\s+|another\s+|a\s+further\s+|{ROUGHLY})?"
    r"|(?:(?<!the\s)last(?:s|ing|ed)?|over\s+the\s+next|(?:a|the)\s+period\s+of)\s+(?:for\s+)?)?"
    r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|thirty|sixty|ninety|(?<=another\s)|(?<=additional\s)|(?<=further\s)|(?<=extra\s))(?P<joint>-|\s+|(?<=\s))"
    r"(?P<unit>minute|hour|day|week|month|year)s?\b",
    re.I,
)
DURATION_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "eighteen": 18, "thirty": 30,
    "sixty": 60, "ninety": 90,
}  # fmt: skip
TALK_NOUN = r"(?:talks|meetings?|call|conversation|negotiations|discussions|consultations|round)"
TALK_KIND = r"(?:(?:phone|video|trade|high-level|marathon|face-to-face|bilateral)\s+)?"
OF_TALKS = re.compile(rf"^\s*(?:of\s+(?:\w+\s+)?)?{TALK_KIND}{TALK_NOUN}\b", re.I)
# "a one year suspension", "the 90 day pause": a period named by the act it measures
PERIOD_NOUN = re.compile(
    r"^\s+(?:suspension|pause|truce|extension|delay|moratorium|reprieve)\b", re.I
)
DELAY_BEFORE = re.compile(r"\b(?:delay|postpon|push|extend|prolong)\w*\b[^.;]{0,60}$", re.I)


@dataclass(frozen=True)
class Duration:
    """A period in a text: ISO 8601 (``P90D``, ``PT90M``), its phrase, and whether it is the
    length of talks ("two days of talks", "a 90-minute call")."""

    iso: str
    text: str
    of_talks: bool


@lru_cache(maxsize=1)
def _generic_goods() -> re.Pattern[str]:
    """A country's goods in general, as the shared table reads them ("Chinese goods", "all
    U.S. goods", "Canadian farm products", "goods imported from Japan", "goods coming from
    the US", "goods manufactured in China", "imports from the EU", "goods from all
    countries", "articles that are products of China"): any country or demonym of the
    gazetteer."""
    names = sorted(
        {e.phrase for e in actor_entries() if e.kind == "country" and len(e.phrase) > 1},
        key=len,
        reverse=True,
    )
    country = "|".join(re.escape(name) for name in names)
    goods = r"(?:goods|imports|products|supplies|exports)"
    origin = r"(?:imported|coming|originating|shipped|arriving)"  # "goods coming from the US"
    return re.compile(
        rf"\b(?:(?:all\s+)?(?:{country})(?:['’]s)?(?:-origin|-made)?\s+(?:[a-z]+\s+){{0,2}}?{goods}"
        rf"|(?:all\s+)?goods\s+(?:{origin}\s+)?from\s+(?:the\s+)?(?:{country}|all\s+countries)"
        rf"|(?:all\s+)?goods\s+(?:manufactured|made|produced)\s+in\s+(?:the\s+)?(?:{country})"
        rf"|(?:articles|goods)\s+(?:that\s+are\s+)?(?:the\s+)?products?\s+of\s+(?:the\s+)?(?:{country})"
        rf"|imports\s+from\s+(?:the\s+)?(?:{country}|all\s+countries))(?!\w)",  # "the U.S."
        re.I,
    )


def durations(text: str) -> list[Duration]:
    """The periods of a text, in order: "for 90 days", "for an additional 90 days", "a
    90-day pause", "a one year suspension", "lasting 90 days", "over the next 90 days",
    "delay ... by at least a month", "two days of talks".  A bare count ("90 days after
    the order", "within 30 days") is no period."""
    return list(_durations_in(text))


@remembered  # an event's clause is read for periods by its slots and by the act rules
def _durations_in(text: str) -> tuple[Duration, ...]:
    found: list[Duration] = []
    joined_until = 0  # the end of "one hour and 40 minutes" read as one length
    for match in DURATION_PHRASE.finditer(text):
        if match.start() < joined_until:
            continue
        lead = (match.group("lead") or "").lower()
        after = text[match.end() : match.end() + 40]
        unit = match.group("unit").lower()
        short = unit in {"minute", "hour"}  # no tariff or truce lasts hours: a length of talks
        of_talks = short or bool(OF_TALKS.match(after))
        hyphen = match.group("joint") == "-"
        counted = match.group("n").lower() in {"a", "an"}
        period = (
            lead.startswith(("for", "last", "over", "a period", "the period"))
            or (lead.startswith("by") and DELAY_BEFORE.search(text[: match.start()]))
            or ((hyphen or of_talks or PERIOD_NOUN.match(after)) and not counted)
        )
        count = match.group("n").lower()  # empty in "for another year": one
        if (
            not period
            or (not count and not lead.startswith("for"))
            or (not count and match.group().endswith("s"))
        ):
            continue
        number = DURATION_NUMBERS.get(count) or int(count or 1)
        iso = f"{'PT' if short else 'P'}{number}{unit[0].upper()}"
        minutes = minutes_after(text, match.end()) if unit == "hour" else None
        if minutes is not None:  # "one hour and 40 minutes": PT1H40M
            iso, joined_until = f"{iso}{minutes[0]}M", minutes[1]
        found.append(
            Duration(iso, text[match.start() : max(joined_until, match.end())].strip(), of_talks)
        )
    return tuple(found)


def durations_in(text: str) -> tuple[str | None, str | None]:
    """The first duration of a text as ISO 8601 (``P90D``) and its phrase."""
    found = durations(text)
    return (found[0].iso, found[0].text) if found else (None, None)


# a tariff noun near a verb of ending: the verb ends the tariff ("will remove the tariffs",
# "the levies will be scrapped"), not something else ("reducing some tariffs ... after a
# commitment to take steps to stop the flow of fentanyl")
TARIFF_WORD = re.compile(
    r"\b(?:(?<!non-)tariffs?|duty|duties|levy|levies|rates?|surcharges?|tax(?:es)?|countermeasures|"
    r"measures)\b",
    re.I,
)
ELIMINATION_REACH = 60  # characters from a verb of ending to the tariff noun after it
PASSIVE_ELIMINATION_REACH = 150  # ... and back to the noun before it ("The emergency tariffs
# imposed by the US under the International Emergency Economic Powers Act have been repealed")


PASSIVE_BEFORE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+(?:\w+ly\s+)?$", re.I)


def _eliminates_a_tariff(clause: str) -> bool:
    for verb in ELIMINATES.finditer(clause):
        after = clause[verb.end() : verb.end() + ELIMINATION_REACH]
        before = clause[max(0, verb.start() - PASSIVE_ELIMINATION_REACH) : verb.start()]
        if TARIFF_WORD.search(after):
            return True
        if PASSIVE_BEFORE.search(before) and TARIFF_WORD.search(before):
            return True
    return False


def measure_slots(
    action: str, clause: str, products: list[str], rates: list[RateMention]
) -> MeasureSlots:
    """The measure of an action with its products and the rate it sets among ``rates``."""
    rate = rate_for_action(
        action, rates, eliminates=_eliminates_a_tariff(clause), factor=factor_in(clause)
    )
    return MeasureSlots(
        products=products,
        product_groups=product_groups(products),
        unit="percent" if not rate.empty else None,
        rate_from=rate.rate_from,
        rate_to=rate.rate_to,
        rate_change=rate.rate_change,
    )


def rate_segments(clause: str) -> list[tuple[list[RateMention], list[str]]]:
    """Split a clause with several plain rates into (rates, products) pairs.

    A rate followed by "on"/"for" owns the products after it (up to the next rate);
    otherwise it owns the products written before it (since the previous rate).
    """
    rates = [r for r in find_rates(clause) if r.kind == "level"]
    if len(rates) < 2 or len({r.first for r in rates}) < 2:
        return []
    segments: list[tuple[list[RateMention], list[str]]] = []
    for index, rate in enumerate(rates):
        after_end = rates[index + 1].start if index + 1 < len(rates) else len(clause)
        before_start = rates[index - 1].end if index else 0
        looks_forward = re.match(
            r"^\W*(?:\w+\W+){0,5}?(on|for|appl(?:y|ies|ied) to)\b", clause[rate.end : rate.end + 45]
        )
        span = clause[rate.end : after_end] if looks_forward else clause[before_start : rate.start]
        if looks_forward and index + 1 < len(rates):
            span = re.split(r",\s*and\s*a?\s*$|\band\s*$", span)[0]
        products = [p for p in products_in(span) if product_groups([p]) != ["all_goods"]]
        if not products:
            return []
        segments.append(([rate], products))
    return segments


def share_effective_date(events: list[Event], sentence_dates: list[DateMention]) -> None:
    """A sentence's one effective date ("... products of China. (Effective December 1,
    2025)") applies to its undated measures, whichever clause states them; talks, agreements
    and accusations take effect on no date, and an act recalled as background keeps its own."""
    effective = {m.value for m in sentence_dates if m.role == "effective" and m.value}
    if len(effective) != 1 or len({e.actor for e in events}) != 1:
        return  # two actors: the date is one act's ("..., in response to Trump raising ...")
    (value,) = effective
    for event in events:
        measure = is_measure(event)
        if measure and event.effective_date is None and event.modality != "background":
            event.effective_date = value


# "On May 12, ...", "Effective April 10, ...", "In March, ..." (a bare month's phrase takes
# the space before it, so the last word before it may end the text)
LEADING = re.compile(r"^\W*(?:\w+(?:\W+|$)){0,3}$")
REPORT_VERBS = r"(?:said|announced|told|stated|confirmed|wrote|added)"
SAID_ON = re.compile(rf"\b{REPORT_VERBS}\s+(?:on\s+)?$", re.I)  # "..., the ministry said on Friday"
SAID_THEN = re.compile(rf"^\s*{REPORT_VERBS}\b", re.I)  # "Hassett on Monday said that ..."


def framing_dates(
    sentence: Sentence, mentions: list[DateMention], clause_start: int, clause_length: int
) -> list[DateMention]:
    """Dates of other clauses that frame this one: a leading adverbial ("On May 12, ...")
    or the report's own date ("..., the ministry said on Friday"); a date inside another
    clause's act ("in response to Trump raising tariffs in March") is that act's."""
    outside = [
        m for m in mentions if m.end <= clause_start or m.start >= clause_start + clause_length
    ]
    return [
        m
        for m in outside
        if (m.end <= clause_start and LEADING.match(sentence.text[: m.start]))
        or SAID_ON.search(sentence.text[max(0, m.start - 25) : m.start])
        or SAID_THEN.match(sentence.text[m.end : m.end + 25])
    ]


# acts on an earlier measure or deal, whose own date may follow the trigger
ACTS_ON_EARLIER = frozenset(
    {"cut_tariff", "suspend_tariff", "ease_export_control", "accuse_violation"}
)
EARLIER_MEASURE = re.compile(
    r"\b(?:that|which|it|they)\s+(?:had\s+|has\s+|have\s+)?(?:\w+\s+)?"
    r"(?:announced|imposed|introduced|unveiled|adopted|issued|took effect|came into effect)(?:\s+(?:on|in))?\s*$"  # noqa: E501
    r"|\b(?:deal|truce|agreement|pact|consensus|understandings?)\s+(?:\w+\s+)?"
    r"(?:reached|agreed|signed|struck)(?:\s+(?:on|in))?\s*$",
    re.I,
)


# the earlier measure's own clause between the act and a date: a reduced relative ("the
# measures, announced on October 9,") or a relative clause ("controls that went into effect
# after the escalation in April")
EARLIER_RELATIVE = re.compile(
    r",\s*(?:first\s+|originally\s+)?(?:announced|imposed|introduced|unveiled|adopted|issued)"
    r"(?:\s+(?:on|in))?\s*$"
    r"|\b(?:that|which)\s+(?:had\s+|has\s+|have\s+|were\s+|was\s+)?(?:first\s+|originally\s+)?"
    r"(?:announced|imposed|introduced|unveiled|adopted|issued|took effect|came into effect|"
    r"went into effect|entered into force|came into force)\b",
    re.I,
)


def act_dates(
    clause: str, mentions: list[DateMention], trigger: Trigger, action: str
) -> list[DateMention]:
    """The dates of an act on an earlier measure, without the measure's own ("pause the
    controls it announced on Oct. 9", "violating the truce reached last month", "suspend
    the measures, announced on October 9, for a year", "roll back controls that went into
    effect after the escalation in April")."""
    if action not in ACTS_ON_EARLIER:
        return mentions
    return [
        m
        for m in mentions
        if not _reduced_relative_date(clause, m)
        and (
            m.start < trigger.start
            or not (
                EARLIER_MEASURE.search(clause[max(0, m.start - 40) : m.start])
                or EARLIER_RELATIVE.search(clause[trigger.end : m.start])
            )
        )
    ]


REDUCED_BEFORE = re.compile(
    r"\b(announced|imposed|introduced|unveiled|adopted|issued)\s+(?:on|in)\s+$", re.I
)


def _reduced_relative_date(clause: str, mention: DateMention) -> bool:
    """Whether a date belongs to a participle that recalls the object's start ("suspended
    its export controls on rare earths announced on October 9"): a past participle
    modifying a noun (from the parse), not a verb with a subject of its own."""
    before = REDUCED_BEFORE.search(clause[max(0, mention.start - 30) : mention.start])
    if before is None:
        return False
    offset = max(0, mention.start - 30) + before.start(1)
    token = next((t for t in parse(clause) if t.idx == offset), None)
    return token is not None and token.tag_ == "VBN" and token.dep_ == "acl"


def distance(mention: DateMention, trigger: Trigger) -> int:
    """Characters between a date phrase and a trigger in the same clause."""
    return max(mention.start - trigger.end, trigger.start - mention.end, 0)


def own_dates(
    mentions: list[DateMention], trigger: Trigger, meetings: list[Trigger]
) -> list[DateMention]:
    """The clause's dates, nearest first, for a meeting; a date nearer another meeting of
    the clause is that one's ("the talks on Monday follow a call last week")."""
    if trigger not in meetings:
        return mentions
    own = [m for m in mentions if nearest(m.start, m.end, meetings) is trigger]
    if not own and trigger.family == "agree":
        own = list(mentions)  # "met on Oct. 30 and agreed to ...": agreed at that meeting
    return sorted(own, key=lambda m: distance(m, trigger))


def pause_with_lowered_rate(events: list[Event]) -> list[Event]:
    """'A 90-day pause, and a lowered tariff of 10pc': one suspension at 10, not a cut too."""
    out = list(events)
    for pause in events:
        if (
            pause.action != "suspend_tariff"
            or pause.rate_to is not None
            or pause.rate_change is not None
        ):
            continue
        for cut in events:
            if (
                cut.action == "cut_tariff"
                and cut.actor == pause.actor
                and cut.rate_to
                and cut in out
            ):
                pause.rate_to, pause.unit = cut.rate_to, cut.unit
                out.remove(cut)
    return out


def share_goods(events: list[Event]) -> list[Event]:
    """Tariff events of one actor in a sentence share a generic goods phrase
    ('Lower tariffs on Chinese imports ..., while maintaining a 10% tariff')."""
    for event in events:
        if event.products or not event.action.endswith("tariff"):
            continue
        donor = next(
            (
                other
                for other in events
                if other is not event
                and other.actor == event.actor
                and other.action.endswith("tariff")
                and other.product_groups == ["all_goods"]
            ),
            None,
        )
        if donor is not None:
            event.products, event.product_groups = list(donor.products), ["all_goods"]
    return events


def list_item_events(
    sentence: Sentence, cleaned: CleanText, lead_in: list[Event], dateline: date | None
) -> list[Event]:
    """A list item under a lead-in ("must obtain a licence before exporting the following
    items:") is an event of the lead-in's kind for the item's own products and dates."""
    products = products_in(sentence.text)
    if not products:
        return []
    start, end = cleaned.to_original(sentence.start, sentence.start + len(sentence.text))
    dates = dates_for(find_dates(sentence.text, dateline), [])
    out: list[Event] = []
    for template in lead_in:
        event = template.model_copy(deep=True)
        event.products, event.product_groups = products, product_groups(products)
        event.evidence, event.evidence_span, event.also_evidence = (
            cleaned.original[start:end],
            (start, end),
            [],
        )
        event.effective_date = dates.effective_date or template.effective_date
        event.event_date = dates.event_date or template.event_date
        event.modality = (
            "future"
            if dateline and after_dateline(event.effective_date, dateline)
            else template.modality
        )
        out.append(event)
    return out


def _effective_dates(text: str, dateline: date | None) -> list[str]:
    return [m.value for m in find_dates(text, dateline) if m.role == "effective" and m.value]


def apply_list_date(
    sentence: Sentence,
    events: list[Event],
    dateline: date | None,
    context: ArticleContext,
    *,
    continues_item: bool = False,
) -> None:
    """A lead-in ("...the following actions prior to May 14, 2025:") dates its list items.
    A lead-in without a date of its own ("China agreed to:") takes that of the prose sentence
    just before it ("... agreed to a series of mutual actions starting from November 10:"),
    which the lists below it spell out; lists one after another share it.  A sentence that
    goes on in the same item ("• Change how it adds extra taxes ... It will stop 24% of the
    tax for 90 days") is part of that item (``continues_item``)."""
    text = sentence.text.rstrip()
    if text.endswith(":"):
        effective = _effective_dates(text, dateline)
        if effective or context.list_effective is None:  # a lead-in of a lead-in keeps its date
            lead = effective or _effective_dates(context.lead_text, dateline)
            context.list_effective = lead[0] if lead else None
        return
    item = bool(LIST_ITEM.match(text)) or continues_item
    if not item:
        context.list_effective = None
        context.lead_text = text  # read only when a list lead-in follows (cheap per sentence)
        return
    inherited = context.list_effective
    for event in events:
        if event.effective_date is None and inherited:
            event.effective_date = inherited


APPLIES = re.compile(
    r"\beffect|\binto force\b|\bkick(?:s|ed)? in\b|\bstarting\b|\bbeginning\b|\bas of\b", re.I
)


def apply_follow_up_effective(
    sentence: Sentence, events: list[Event], previous: list[Event], dateline: date | None
) -> None:
    """A sentence with no act of its own that says when measures apply ("The latest
    countermeasures are effective Thursday", "The effective date for the 125 percent rate
    is April 10, 2025") gives that date to the undated measures of the sentence before it."""
    if not previous or (events and not _restates_measures(sentence, events)):
        return
    says_when = APPLIES.search(sentence.text)  # cheap test first: most sentences do not
    effective = [
        m.value
        for m in (find_dates(sentence.text, dateline) if says_when else [])
        if m.role == "effective" and m.value and m.text.lower() not in {"immediately"}
    ] or effective_line_dates(sentence, dateline)
    for event in previous:
        undated = is_measure(event) and event.effective_date is None
        if effective and undated and event.modality != "background":
            event.effective_date = effective[0]
    _follow_up_duration(sentence.text, previous)


def _restates_measures(sentence: Sentence, events: list[Event]) -> bool:
    """Whether a sentence whose subject names measures ("The latest countermeasures are
    effective Thursday") only restates the measures told before: its events carry no rate
    or goods of their own."""
    if not NAMES_MEASURE.match(sentence.text):
        return False
    return all(e.rate_to is None and e.rate_change is None and not e.products for e in events)


# a sentence whose subject names a measure of the article: "This rule is effective March 25",
# "Both the new rule and the tariff are effective January 15", "The latest countermeasures
# take effect Thursday"
NAMES_MEASURE = re.compile(
    r"^\W*(?:this|these|the|both the|its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:rules?|regulations?|measures|countermeasures|restrictions|controls|curbs|tariffs|"
    r"duties|levies|bans?)\b",
    re.I,
)
NAMED_REACH = 8  # sentences back where the measures a follow-up names are looked for
# a line that only gives the effective date of the measure told above it: "Effective Date:
# January 15, 2026.", "DATES: Effective date: The effective date of this rule is ..."
EFFECTIVE_LINE = re.compile(
    r"^\W*(?:[A-Z]+:\s*)?(?:the\s+)?effective\s+date\b(?:\s+of\s+(?:this|the)\s+[\w-]+)?"
    r"\s*(?::|is\b|was\b|will be\b)",
    re.I,
)


def effective_line_dates(sentence: Sentence, dateline: date | None) -> list[str]:
    """The dates of a line that states an effective date ("Effective Date: January 15,
    2026."), whatever role its words give them; none for any other sentence."""
    if not EFFECTIVE_LINE.match(sentence.text):
        return []
    return [
        m.value
        for m in find_dates(sentence.text, dateline)
        if m.value and m.role not in {"since", "document", "end"}
    ]


def apply_named_effective(
    sentence: Sentence, events: list[Event], earlier: list[Event], dateline: date | None
) -> None:
    """A sentence with no act whose subject names a measure and says when it applies ("This
    rule is effective March 25, 2025.") dates the undated measures of the last sentence
    that told measures, a few sentences back (a document's "Key Dates" section, a comment
    between act and date), when the sentence right before holds none."""
    line = effective_line_dates(sentence, dateline)
    if events or not earlier or not (NAMES_MEASURE.match(sentence.text) or line):
        return
    if not APPLIES.search(sentence.text):
        return
    effective = [
        m.value
        for m in find_dates(sentence.text, dateline)
        if m.role == "effective" and m.value and m.text.lower() != "immediately"
    ] or line
    for event in earlier:
        undated = is_measure(event) and event.effective_date is None
        if effective and undated and event.modality != "background":
            event.effective_date = effective[0]


# a sentence about the act before it, named by its kind: "The suspension will last 90 days",
# "This pause runs for one year" (not "this 90-day extension", another act)
FOLLOW_UP_KIND = re.compile(
    r"^\W*(?:the|this|that|its|their|such)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>suspensions?|pauses?|reprieves?|reductions?|cuts?)\b",
    re.I,
)
KIND_ACTIONS = {
    "suspension": {"suspend_tariff", "ease_export_control"},
    "pause": {"suspend_tariff", "ease_export_control"},
    "reprieve": {"suspend_tariff", "ease_export_control"},
    "reduction": {"cut_tariff"},
    "cut": {"cut_tariff"},
}


def _follow_up_duration(text: str, previous: list[Event]) -> None:
    """The period a follow-up sentence gives the act it names by its kind."""
    named = FOLLOW_UP_KIND.match(text)
    period = [d for d in durations(text) if not d.of_talks] if named else []
    if not named or not period:
        return
    actions = KIND_ACTIONS[named.group("noun").lower().rstrip("s")]
    for event in previous:
        if event.action in actions and event.duration is None:
            event.duration, event.duration_text = period[0].iso, period[0].text


# a sentence that goes on with the report of the one before: "In addition, ...", "In return,
# ...", "X separately ...", "..., the ministry added."
CONTINUES = re.compile(
    r"^\W*(?:in addition|additionally|in return|separately|likewise)\b"
    r"|\b(?:also|separately)\b"
    r"|,\s+(?:\w+\s+){0,4}added\W*$",
    re.I,
)


def apply_continued_date(events: list[Event], sentence: Sentence, previous: list[Event]) -> None:
    """An undated act in a sentence that continues the report of the sentence before ("In
    return, X will suspend ...", "Y also announced ...", "..., the ministry added") was
    done on that report's day: the one event date of the previous sentence's acts (not
    those recalled as background) dates it, at day precision."""
    if not events or not previous or not CONTINUES.search(sentence.text):
        return
    undated = [
        e
        for e in events
        if e.event_date is None and e.effective_date is None and e.modality != "background"
    ]
    days = {
        e.event_date
        for e in previous
        if e.modality != "background" and e.event_date and len(e.event_date) == 10
    }
    if len(days) == 1:
        (day,) = days
        for event in undated:
            event.event_date = day
    effective = {
        e.effective_date
        for e in previous
        if is_measure(e) and e.modality != "background" and e.effective_date
    }
    if len(effective) == 1:  # "Starting Tuesday, imports are taxed at 25%. In addition, the
        (value,) = effective  # 10% tariff on steel was doubled.": in force from the same day
        for event in undated:
            if is_measure(event):
                event.effective_date = value


# talks named as the occasion of the sentence's act: "reached an agreement on June 10 ...
# during talks in London", "agreed to cut tariffs after talks with Xi", "at their meeting"
TALKS_AS_OCCASION = re.compile(
    r"\b(?:during|at|after|following|on the sidelines of)\s+(?:(?!weeks|months|years|rounds)"
    r"[\w'’-]+\s+){0,6}?(?:talks|meeting|summit|negotiations|consultations)\b",
    re.I,
)


OWN_TIME = re.compile(r"\b(?:week|month|year|\w+day)['’]s?\s", re.I)  # "last week's meeting"


def date_talks_by_their_outcome(events: list[Event]) -> None:
    """Undated talks named as the occasion of a dated act of the same sentence ("The two
    sides reached an agreement on June 10 during talks in London", "Trump said Thursday he
    had agreed to cut tariffs after talks with Xi", "At their meeting in Stockholm in July,
    the sides agreed ...") were held when that act was done: the one event date of the
    sentence's other acts, at the precision it is given.  "After weeks of talks"
    dates nothing."""
    talks = [e for e in events if e.action == "hold_talks" and e.event_date is None]
    occasion = TALKS_AS_OCCASION.search(talks[0].evidence) if talks else None
    if not occasion or OWN_TIME.search(occasion.group()):
        return  # "after last week's meeting": the talks have a time of their own
    days = {e.event_date for e in events if e.action != "hold_talks" and e.event_date}
    if len(days) == 1:
        (day,) = days
        for event in talks:
            event.event_date = day


# a rate tied to one party by the words around it: "30 percent from the US" (the US's own
# tariff), "30% for Chinese exports", "tariffs on US goods ... to 10%" (a tariff on that party)
PARTY_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
PARTY_ON = re.compile(r"\b(?:on|for|against)\s+(?:the\s+)?$", re.I)
PARTY_REACH = 60  # characters between a rate and the party that owns it
CLAUSE_BREAK = re.compile(r"[;,]|\b(?:while|whereas|but|and)\b", re.I)
PARTY_SIDE = re.compile(r"^\W*side\b", re.I)
PARTY_GOODS = re.compile(r"^\W*(?:\w+\s+)?(?:exports|goods|imports|products)\b", re.I)


def rates_by_party(sentence: Sentence, events: list[Event]) -> None:
    """Each side's rate in a sentence that states both ("lower tariffs to 30 percent from the
    US and 10 percent from China", "to 30% for Chinese exports to the US ... while tariffs on
    US exports to China is lowered to 10%"): a tariff event whose "from" and "to" are the two
    sides' rates (a cut "from 30 to 10") takes the one tied to its own side, as actor ("from
    the US") or as target of its goods ("for Chinese exports", "on US exports"; "30% on U.S.
    levies" ties nothing).  Only where the words tie two different rates to the two sides.
    An event that took only the other side's level keeps it: changed, it would merge with a
    measure told elsewhere at that rate (tried: one strict gain, one event lost)."""
    tariffs = [e for e in events if e.action.endswith("tariff") and e.rate_to is not None]
    if not tariffs:
        return
    _changes_by_party(sentence, tariffs)
    owners = _party_rates(sentence)
    if len(set(owners.values())) < 2:
        return
    for event in tariffs:
        own = owners.get(event.actor or "")
        theirs = {rate for party, rate in owners.items() if party != event.actor}
        pair = {event.rate_from, event.rate_to}
        if own is None or own not in pair or not pair & theirs:
            continue  # a cut "from 30 to 10" made of the two sides' rates is no change
        event.rate_from, event.rate_to = None, own


PAIRED_KINDS = frozenset({"from_to", "to_from", "level_upfrom", "pair"})


def _changes_by_party(sentence: Sentence, tariffs: list[Event]) -> None:
    """Each side's change in a sentence that states one per side ("cut US tariffs on Chinese
    goods from 145% to 30% and Chinese tariffs on US goods from 125% to 10%"): a tariff event
    that took the other side's pair takes its own, the pair whose words tie it to its actor
    (as for :func:`rates_by_party`'s levels)."""
    text = sentence.text
    pairs = [r for r in find_rates(text) if r.kind in PAIRED_KINDS and not r.points]
    if len(pairs) < 2:
        return
    owned: dict[str, tuple[float | None, float | None]] = {}
    for index, rate in enumerate(pairs):
        previous_end = pairs[index - 1].end if index else 0
        next_start = pairs[index + 1].start if index + 1 < len(pairs) else len(text)
        # the party before a pair first: its goods are named before the change ("US tariffs
        # on Chinese goods from 145% to 30%"), and words after it begin the next side's
        owner = _party_before(sentence, max(previous_end, rate.start - PARTY_REACH), rate.start)
        owner = owner or _party_after(sentence, rate.end, min(next_start, rate.end + PARTY_REACH))
        if owner and owner not in owned:
            forwards = rate.kind in {"from_to", "pair"}
            owned[owner] = (rate.first, rate.second) if forwards else (rate.second, rate.first)
    if len(owned) < 2:
        return
    for event in tariffs:
        own = owned.get(event.actor or "")
        taken = (event.rate_from, event.rate_to)
        if own is not None and taken != own and taken in owned.values():
            event.rate_from, event.rate_to = own


def other_side_terms(sentence: Sentence, events: list[Event]) -> list[Event]:
    """The other side's term of a sentence that ties a second rate to it ("agreed to lower
    tariffs to 30% for Chinese exports to the US while tariffs on US exports to China is
    lowered to 10%", "brought tariffs down to 55 percent from the US and 10 percent from
    China"): where every tariff change of the sentence is one side's and the words tie another
    rate to the party that side acts on, that party's change at its own rate is an event too
    (the guide's one event per side).  The goods stay the first side's to tell."""
    changes = [e for e in events if e.action in SIDE_TERMS and e.rate_to is not None]
    actors = {e.actor for e in changes}
    if len(actors) != 1 or not changes[0].target:
        return []
    owners = _party_rates(sentence)
    actor, other = changes[0].actor or "", changes[0].target
    own, theirs = owners.get(actor), owners.get(other)
    if own is None or theirs is None or own == theirs:
        return []
    first = next((e for e in changes if own in {e.rate_to, e.rate_from}), None)
    if first is None:
        return []
    return [
        first.model_copy(
            update={
                "actor": other,
                "target": actor,
                "target_inferred": False,
                "rate_from": None,
                "rate_to": theirs,
                "rate_change": None,
                "products": [],
                "product_groups": [],
            }
        )
    ]


SIDE_TERMS = frozenset({"cut_tariff", "suspend_tariff", "raise_tariff", "impose_tariff"})


def _party_rates(sentence: Sentence) -> dict[str, float]:
    """The rate each party imposes, from the parties named next to the sentence's levels."""
    text = sentence.text
    every = find_rates(text)
    rates = [r for r in every if r.kind in {"level", "to"} and not r.points]
    owners: dict[str, float] = {}
    for rate in rates:
        # a party's words lie between the rate and its neighbours of any kind: "to just 30%
        # while Beijing slashed its own levy on US imports from 125% to 10%" ties no party
        # to the 30%
        next_start = min((r.start for r in every if r.start >= rate.end), default=len(text))
        previous_end = max((r.end for r in every if r.end <= rate.start), default=0)
        owner = _party_after(sentence, rate.end, min(next_start, rate.end + PARTY_REACH))
        owner = owner or _party_before(
            sentence, max(previous_end, rate.start - PARTY_REACH), rate.start
        )
        if owner and owner not in owners:
            owners[owner] = rate.first
    return owners


def _party_after(sentence: Sentence, start: int, end: int) -> str | None:
    """The party a rate's next words tie it to: "10% from China" (its own), "30% for Chinese
    exports" (a tariff on China: the other side's)."""
    for mention in sentence.mentions:
        if start <= mention.start <= end:
            lead = sentence.text[start : mention.start]
            if CLAUSE_BREAK.search(lead):
                return None  # "30% while Beijing slashed its levy on US imports": the next clause's
            if PARTY_FROM.search(lead):
                return mention.code
            if PARTY_ON.search(lead) and PARTY_SIDE.match(sentence.text[mention.end :]):
                return mention.code  # "55% on the U.S. side and 10% on the Chinese side"
            if PARTY_ON.search(lead) and PARTY_GOODS.match(sentence.text[mention.end :]):
                return _other_side(mention.code, sentence)
    return None


def _party_before(sentence: Sentence, start: int, end: int) -> str | None:
    """The party a rate's earlier words put the tariff on: "tariffs on US exports to China
    is lowered to 10%" (China's tariff)."""
    for mention in reversed(sentence.mentions):
        if start <= mention.start and mention.end <= end:
            lead = sentence.text[max(start, mention.start - 30) : mention.start]
            if PARTY_ON.search(lead) and PARTY_GOODS.match(sentence.text[mention.end :]):
                return _other_side(mention.code, sentence)
    return None


def _other_side(code: str, sentence: Sentence) -> str | None:
    """The one other party a sentence names (the imposer of a tariff on ``code``)."""
    others = {m.code for m in sentence.mentions if m.code != code and len(m.code) == 3}
    return others.pop() if len(others) == 1 else None


# a deal, truce or pause that sets the levels of tariffs: "that agreement set US tariffs at
# 30% and Chinese tariffs at 10%", "the deal, which capped US tariffs at 30 percent",
# "During the pause, ... China set a 10% tariff"
DEAL_SETS = re.compile(
    r"\b(?:deal|agreement|truce|pact|accord|ceasefire|pause)\b(?:[^.;]|(?<=[A-Z])\.){0,100}?"
    r"\b(?:set|sets|cap|caps|capped|fix|fixes|fixed)\b",
    re.I,
)
# a party as the owner of a tariff: "US tariffs", "Chinese additional duties", "China's at"
OWNER_AFTER = re.compile(
    r"^(?:['’]s?)?\s+(?:(?:[\w-]+\s+){0,2}?(?:tariffs?|duties|levies|rates?)\b|at\s+\d)",
    re.I,
)
GOODS_SIDE = re.compile(r"\b(?:on|for|against|from|to|with)\s+(?:the\s+)?$", re.I)


def deal_levels(sentence: Sentence, events: list[Event]) -> list[Event]:
    """Levels of tariffs that a deal, truce or pause sets are cuts: the deal lowers them
    ("the truce capped US tariffs at 30 percent and China's at 10 percent": one cut per
    side, at its own level, the labelling guide's terms of a deal; "During the pause, ...
    China set a 10% tariff": a cut).  Without a deal or pause, "set a 10% tariff" stays a
    new tariff."""
    setting = DEAL_SETS.search(sentence.text)
    if setting is None:
        return events
    levels = {r.first for r in find_rates(sentence.text[setting.end() :]) if not r.points}
    tariffs = [e for e in events if e.action == "impose_tariff" and e.rate_to in levels]
    if not tariffs:
        return events
    owners = _tariff_owners(sentence, setting.end())
    if len(owners) == 2 and len(set(owners.values())) == 2:
        (first, first_rate), (second, second_rate) = owners.items()
        template = tariffs[0]
        cuts = [
            template.model_copy(
                update={
                    "action": "cut_tariff",
                    "actor": actor,
                    "target": target,
                    "target_inferred": False,
                    "rate_from": None,
                    "rate_to": rate,
                    "rate_change": None,
                }
            )
            for actor, target, rate in ((first, second, first_rate), (second, first, second_rate))
        ]
        owned = set(owners.values())
        kept = [  # the levels' own mentions, and the rate-less ones of the same tariffs
            e
            for e in events
            if not (e.action == "impose_tariff" and (e.rate_to is None or e.rate_to in owned))
        ]
        return kept + cuts
    for event in tariffs:
        event.action, event.rate_from, event.rate_change = "cut_tariff", None, None
    return events


def _tariff_owners(sentence: Sentence, start: int) -> dict[str, float]:
    """Each party named, after ``start``, as the owner of the tariff right before a level
    ("US additional tariffs on Chinese products at 30%", "China's at 10 percent"); the
    goods' country ("on Chinese products") owns nothing."""
    text = sentence.text
    rates = [r for r in find_rates(text) if r.kind in {"level", "to"} and not r.points]
    owners: dict[str, float] = {}
    previous_end = start
    for rate in (r for r in rates if r.start >= start):
        for mention in reversed(sentence.mentions):
            if not previous_end <= mention.start < rate.start:
                continue
            if GOODS_SIDE.search(text[max(0, mention.start - 12) : mention.start]):
                continue
            if OWNER_AFTER.match(text[mention.end :]):
                owners.setdefault(mention.code, rate.first)
                break
        previous_end = rate.end
    return owners


# a sentence that announces several acts of one day before telling them: "China moved on
# two fronts on June 22.", "Beijing moved on two parallel tracks on Monday, ..."
SEVERAL_FRONTS = re.compile(
    r"\b(?:moved|acted|struck back|hit back|retaliated)\s+(?:on|along)\s+"
    r"(?:two|three|four|several|multiple)\s+(?:parallel\s+)?(?:fronts|tracks)\b",
    re.I,
)
FRONTS_REACH = 3  # sentences after the announcement whose acts it dates


def several_fronts_day(sentence: Sentence, dateline: date | None) -> str | None:
    """The one day of a sentence that announces a party's several acts ("China moved on two
    fronts on June 22."), or None."""
    if not (SEVERAL_FRONTS.search(sentence.text) or SEVERAL_MEASURES.search(sentence.text)):
        return None
    days = {
        m.value
        for m in find_dates(sentence.text, dateline)
        if m.role == "event" and m.value and len(m.value) == 10
    }
    return days.pop() if len(days) == 1 else None


def date_fronts(events: list[Event], day: str) -> None:
    """The acts told after "moved on two fronts on June 22" were done that day: each undated
    act not recalled as background takes it."""
    for event in events:
        if event.event_date is None and event.modality != "background":
            event.event_date = day


SAME_DAY = re.compile(r"\b(?:that|the)\s+same\s+day\b", re.I)
SAME_DAY_REACH = 1500  # characters before the sentence where its day is looked for


def apply_same_day(
    sentence: Sentence, events: list[Event], before: str, dateline: date | None
) -> None:
    """ "That same day" and "earlier the same day" name the day last given before: the latest
    full date (day precision) of the text before the sentence dates its undated acts."""
    match = SAME_DAY.search(sentence.text)
    if match is None or not any(event.event_date is None for event in events):
        return
    days = [
        m.value
        for m in find_dates(before[-SAME_DAY_REACH:], dateline)
        if m.value and len(m.value) == 10 and m.role in {"event", "effective"}
    ]
    if not days:
        return
    for event in events:
        if event.event_date is None:
            event.event_date, event.date_text = days[-1], match.group()


# the form fields of a trade alert's head: "DATE May 13, 2025 AGENCY ... EFFECTIVE DATE
# May 14, 2025" (upper case labels, the value after them on the line or the next one)
HEADER_FIELD = re.compile(r"\b(?P<label>EFFECTIVE DATE|DATE)\b[\s|:]*")
HEADER_SPAN = 1500  # characters of the head where such fields stand


def header_dates(text: str, dateline: date | None) -> DateSlots:
    """The act and effective dates a trade alert states in its head's form fields."""
    slots = DateSlots()
    for match in HEADER_FIELD.finditer(text[:HEADER_SPAN]):
        found = [
            m.value
            for m in find_dates(text[match.end() : match.end() + 40], dateline)
            if m.value and len(m.value) == 10 and m.start < 3
        ]
        key = "effective_date" if match.group("label") == "EFFECTIVE DATE" else "event_date"
        if found and getattr(slots, key) is None:
            setattr(slots, key, found[0])
    return slots


def apply_header_dates(events: list[Event], text: str, dateline: date | None) -> None:
    """An alert's head dates the measures it reports: the DATE field is when an undated act
    was done, the EFFECTIVE DATE field when an undated measure applies (acts recalled as
    background keep their own dates, and talks or accusations take effect on no date)."""
    head = header_dates(text, dateline)
    for event in events:
        if event.modality == "background":
            continue
        if event.event_date is None:
            event.event_date = head.event_date
        measure = is_measure(event)
        if measure and event.effective_date is None:
            event.effective_date = head.effective_date


# an act told as the news of the day: present perfect ("have started talks", "has suspended
# the ban"), present progressive ("is imposing"), or "took place"
CURRENT_ACT = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+|now\s+|also\s+|just\s+)?(?!been\b)[a-z]+(?:ed|en|un|ght)\b"
    r"|\b(?:is|are)\s+(?:\w+ly\s+|now\s+|also\s+)?(?!being\b)[a-z]+ing\b"
    r"|\btook place\b",
    re.I,
)
# a measure in force from the moment it is done: "the immediate increase of tariffs", "has
# suspended the ban", "came into effect" (with no date of its own)
IN_FORCE_NOW = re.compile(
    r"\bimmediate\s+(?:\w+\s+)?(?:increase|hike|rise|cut|reduction|removal|suspension|halt|ban|"
    r"imposition|implementation|lifting|restrictions|controls|curbs|export\s+bans?)\b"
    r"|\b(?:came|come|went|gone) into (?:effect|force)\b|\btook effect\b|\bkicked in\b"
    r"|\b(?:has|have)\s+(?:now\s+|also\s+|formally\s+|officially\s+)?(?!been\b)[a-z]+(?:ed|en|ut)\b",
    re.I,
)


# a measure in force the day it is done, from a stated date: "with immediate effect from 22
# June", "effective immediately", "takes effect immediately": that date is the act's too
IMMEDIATE_FROM = re.compile(
    r"\bwith immediate effect\b|\beffective immediately\b|\b(?:takes?|took) effect immediately\b"
    r"|\bimmediately effective\b",
    re.I,
)


# a state that has lasted ("has imposed tariffs since 2018", "in recent months", "already"):
# the present perfect then tells no act of the day
LASTING = re.compile(
    r"\bsince\b|\bin recent (?:days|weeks|months)\b|\b(?:has|have) long\b|\balready\b|\bso far\b",
    re.I,
)


def date_by_tense(events: list[Event], dateline: date | None) -> None:
    """Dates the tense of an undated act gives.  An act told as the day's news (present
    perfect or progressive, "took place") was done on the dateline; a measure done in the
    present perfect ("China has suspended the ban") or "immediate" applies from when it was
    done.  A state that has lasted ("has imposed tariffs since 2018", "in recent months") is
    no act of the day.  Acts recalled as background keep no date they do not state, and
    accusations ("have accused each other of violating the truce") are claims held over
    time."""
    for event in events:
        if event.modality == "background" or event.action == "accuse_violation":
            continue
        if LASTING.search(event.evidence):
            continue
        if event.event_date is None and dateline and CURRENT_ACT.search(event.evidence):
            event.event_date = dateline.isoformat()
        measure = is_measure(event)
        immediate = IMMEDIATE_FROM.search(event.evidence)  # "with immediate effect from 22 June"
        if measure and event.event_date is None and event.effective_date and immediate:
            event.event_date = event.effective_date
        if (
            measure
            and event.modality == "actual"
            and event.effective_date is None
            and event.event_date
            and IN_FORCE_NOW.search(event.evidence)
        ):
            event.effective_date = event.event_date


def after_dateline(value: str | None, dateline: date) -> bool:
    """Whether a date (at day, month or year precision) lies after the dateline, compared at
    the precision both give (a month-precision dateline: by month)."""
    if not value:
        return False
    own = dateline.isoformat()
    precision = min(len(value), len(own))
    return value[:precision] > own[:precision]


def future_dates_apply(events: list[Event], dateline: date | None) -> None:
    """A measure's date after the dateline ("on November 1, we will impose export controls")
    is when it applies, not when it was done: no act is done after its article.  The act is
    then the announcement, which the article reports as of its dateline (as is an undated
    announced measure that applies later).  Talks keep a later date as the day they are
    held."""
    if dateline is None:
        return
    for event in events:
        measure = is_measure(event)
        later = after_dateline(event.event_date, dateline)
        if measure and later and event.effective_date is None:
            event.effective_date, event.event_date = event.event_date, dateline.isoformat()
        applies_later = after_dateline(event.effective_date, dateline)
        if measure and applies_later and event.event_date is None and event.modality == "future":
            event.event_date = dateline.isoformat()  # "Effective April 10, China will raise ..."


EXPORT_FAMILY = frozenset({"impose_export_control", "ease_export_control", "grant_licence"})
PRODUCTS_REACH = 1200  # characters back where the goods of an earlier control are looked for


def inherit_control_goods(events: list[Event]) -> None:
    """An export control, easing or licence that names no goods ("The ban was imposed in
    retaliation ...", "suspending a series of export restrictions") concerns the goods of the
    same party's control told just before it."""
    ordered = sorted(events, key=lambda e: e.evidence_span[0])
    for index, event in enumerate(ordered):
        if event.action not in EXPORT_FAMILY or event.products:
            continue
        for earlier in reversed(ordered[:index]):
            if event.evidence_span[0] - earlier.evidence_span[0] > PRODUCTS_REACH:
                break
            if (
                earlier.action in EXPORT_FAMILY
                and earlier.actor == event.actor
                and earlier.products
            ):
                event.products = list(earlier.products)
                event.product_groups = list(earlier.product_groups)
                break


def settle_article_dates(
    events: list[Event], text: str, dateline: date | None, *, official: bool
) -> None:
    """The article-level date rules, run on the merged events in this order: a summary's
    dates for the detailed measures it sums up (:func:`inherit_summary_dates`), an alert's
    head fields (:func:`apply_header_dates`), measures dated after the dateline
    (:func:`future_dates_apply`), undated reported or official acts
    (:func:`~tradewar.news.merging.default_event_dates`), then the tense of undated acts
    (:func:`date_by_tense`)."""
    inherit_summary_dates(events)
    apply_header_dates(events, text, dateline)
    future_dates_apply(events, dateline)
    default_event_dates(events, dateline, official)
    date_by_tense(events, dateline)
    duration_from_end(events)


MEASURE_FAMILIES = {
    "tariff": frozenset({"impose_tariff", "raise_tariff", "cut_tariff", "suspend_tariff"}),
    "control": frozenset({"impose_export_control", "ease_export_control"}),
}


def share_article_slots(events: list[Event]) -> None:
    """The slots an article states once for several of its acts, given to those told without
    them, after the events are merged and their modalities settled (so that an inferred slot
    changes neither): the one start of a kind of measure (:func:`share_the_one_start`), the
    one day of a party's acts (:func:`share_the_one_day`), the one period of the pauses,
    cuts and easings (:func:`share_the_one_period`), the one earlier level of a party's
    tariff (:func:`share_the_one_earlier_level`), the target's goods its own sentence
    names (:func:`goods_of_the_target`) and a party's country-wide goods
    (:func:`share_country_wide_goods`)."""
    share_the_one_start(events)
    share_the_one_day(events)
    share_the_one_period(events)
    share_the_one_earlier_level(events)
    goods_of_the_target(events)
    share_country_wide_goods(events)


PERIOD_ACTIONS = frozenset({"suspend_tariff", "cut_tariff", "ease_export_control"})


def share_the_one_period(events: list[Event]) -> None:
    """The pauses, cuts and easings an article reports that state one period only ("for 90
    days" once, the measures of both sides listed in sentences of their own) all last that
    period: one told without a period takes it, as a deal's concessions take the deal's
    (:func:`~tradewar.news.wording.carry_deal_duration`).  Two periods, or none, give
    nothing; recalled (background) acts are left as they are."""
    current = [e for e in events if e.action in PERIOD_ACTIONS and e.modality != "background"]
    periods = {e.duration for e in current if e.duration}
    if len(periods) != 1:
        return
    (period,) = periods
    for event in current:
        if event.duration is None:
            event.duration = period


def share_the_one_day(events: list[Event]) -> None:
    """An act left undated (no date in its sentences, no dateline to fall back on) happened on
    the one day the article dates the same party's other acts, as the labels read such an
    article: a page without a dateline that says "On Sunday, May 31, 2026, BIS issued ..."
    and then tells the rule's terms in sentences of their own.  The act's ``date_text`` stays
    empty, so the date shows as inferred.  Two days, or none, give nothing; recalled
    (background) acts are left as they are."""
    current = [e for e in events if e.modality != "background"]
    for actor in {e.actor for e in current}:
        theirs = [e for e in current if e.actor == actor]
        days = {e.event_date for e in theirs if e.event_date}
        if len(days) != 1:
            continue
        (day,) = days
        for event in theirs:
            unresolved = any(m.value is None for m in find_dates(event.evidence, None))
            if event.event_date is None and not unresolved:
                # not "China on Tuesday raised ...": without a dateline a relative date stays
                # empty (the guide's rule 4)
                event.event_date = day


TARIFF_ACTIONS = frozenset({"impose_tariff", "raise_tariff", "cut_tariff", "suspend_tariff"})


def share_the_one_earlier_level(events: list[Event]) -> None:
    """A raise or cut told with its new level only ("China has raised tariffs to 84 per
    cent") starts from the level the article gives the same party's tariff on the same
    target elsewhere ("China's 34% tariff on US goods"), when the article gives exactly one
    such level below the new one (above it, for a cut): the guide's earlier level "stated
    in the text".  Two candidate levels, or none, give nothing."""
    levels = [e for e in events if e.action in LEVEL_ACTIONS and e.rate_to is not None]
    for event in events:
        if event.action not in CHANGE_ACTIONS or event.rate_from is not None:
            continue
        if event.rate_to is None:
            continue
        new = event.rate_to
        rising = event.action == "raise_tariff"
        earlier = {
            other.rate_to
            for other in levels
            if other is not event
            and (other.actor, other.target) == (event.actor, event.target)
            and other.rate_to is not None
            and (other.rate_to < new if rising else other.rate_to > new)
        }
        if len(earlier) == 1:
            event.rate_from = earlier.pop()


LEVEL_ACTIONS = frozenset({"impose_tariff", "raise_tariff"})  # acts that set a level
CHANGE_ACTIONS = frozenset({"raise_tariff", "cut_tariff"})


# all of a party's goods named in words: "on Chinese imports", "against all U.S. products",
# "imports from China"
TARGET_WORDS = {
    "CHN": r"(?:Chinese|China['’]s|China)",
    "USA": r"(?:U\.S\.|US|American|America['’]s|United States['’]?)",
}
TARGET_GOODS = {
    code: re.compile(
        rf"\b(?:on|of|against|for)\s+(?:all\s+|most\s+)?{words}\s+"
        r"(?:goods|imports|products|exports|articles)\b"
        rf"|\bimports\s+from\s+(?:the\s+)?{words}\b"
    )
    for code, words in TARGET_WORDS.items()
}


def goods_of_the_target(events: list[Event]) -> None:
    """A tariff told without goods whose own sentence names all of its target's goods
    ("raise tariffs on Chinese imports from 10 percent to 20 percent", where the goods
    phrase went to another act of the sentence) is on all those goods."""
    for event in events:
        pattern = TARGET_GOODS.get(event.target or "")
        if event.action not in TARIFF_ACTIONS or event.product_groups or pattern is None:
            continue
        match = pattern.search(event.evidence)
        if match:
            event.products = [
                match.group().split(" ", 1)[1]
                if match.group().startswith(("on ", "of ", "against ", "for "))
                else match.group()
            ]
            event.product_groups = ["all_goods"]


def share_country_wide_goods(events: list[Event]) -> None:
    """A party's tariffs told without goods ("the 10% additional tariffs went into effect
    today") are on the goods its other tariffs of the article are on, when those are all of
    a country's goods and nothing narrower ("tariffs on all Chinese imports"): the tariffs
    of such an article are country-wide.  Recalled (background) acts are left as they are."""
    current = [e for e in events if e.action in TARIFF_ACTIONS and e.modality != "background"]
    for actor in {e.actor for e in current}:
        theirs = [e for e in current if e.actor == actor]
        named = [e for e in theirs if e.product_groups]
        if not named or any(e.product_groups != ["all_goods"] for e in named):
            continue
        for event in theirs:
            if not event.product_groups:
                event.products = list(named[0].products)
                event.product_groups = ["all_goods"]


def share_the_one_start(events: list[Event]) -> None:
    """A party's measures of one kind (tariffs, or export controls) that an article dates from
    one day only ("... effective March 10, 2025" in the lead, the duties listed in sentences
    of their own) all apply from that day: a measure told in another sentence, announced the
    same day and without a start of its own takes the one start the article gives the same
    party's measures of its kind.  Two starts, or none, give nothing; a measure in the very
    sentence that dates another (which leaves it undated on purpose), one announced on
    another day, and recalled (background) acts are left as they are.  Run after the
    modalities are settled: a start inferred from another sentence does not make an act
    future."""
    for family in MEASURE_FAMILIES.values():
        current = [e for e in events if e.action in family and e.modality != "background"]
        for actor in {e.actor for e in current}:
            group = [e for e in current if e.actor == actor]
            dated = [e for e in group if e.effective_date]
            if len({e.effective_date for e in dated}) != 1:
                continue
            start = dated[0].effective_date
            announced = {e.event_date for e in dated}
            sentences = {e.evidence for e in dated}
            for event in group:
                if (
                    event.effective_date is None
                    and event.evidence not in sentences
                    and (event.event_date is None or event.event_date in announced)
                ):
                    event.effective_date = start


# round periods of trade truces and suspensions, in days, with the slack of a start told as
# the day of signing rather than the day it applies ("signed on August 11 ... until
# November 10": 91 days, the 90-day extension)
ROUND_PERIODS = (("P90D", 90, 2), ("P1Y", 365, 5))


def duration_from_end(events: list[Event]) -> None:
    """A suspension, cut or easing that states its end ("suspending the higher tariffs until
    November 10", "valid through November 10, 2026") and its start (effective or event date)
    but no period lasts the round period between them (90 days, one year) when the two
    dates are that far apart; any other gap gives no duration."""
    for event in events:
        if event.action not in DURATION_ACTIONS or event.duration or not event.end_date:
            continue
        start = event.effective_date or event.event_date
        if not start or len(start) != 10 or len(event.end_date) != 10:
            continue
        days = (date.fromisoformat(event.end_date) - date.fromisoformat(start)).days
        for iso, length, slack in ROUND_PERIODS:
            if abs(days - length) <= slack:
                event.duration = iso


def inherit_summary_dates(events: list[Event]) -> None:
    """A summary ("China's tariffs on U.S. farm goods took effect today") dates the detailed
    measures it sums up ("chicken faces a 15% tariff, pork 10%"): the rated events of the
    same actor and action (and target, or none named) whose product groups it covers take
    its dates and duration where they state none."""
    for summary in events:
        rateless = summary.rate_to is None and summary.rate_change is None
        if not (rateless and summary.product_groups and summary.action.endswith("tariff")):
            continue
        if summary.modality == "background":
            continue
        for detail in events:
            rated = detail.rate_to is not None or detail.rate_change is not None
            same = (detail.actor, detail.action) == (summary.actor, summary.action) and (
                detail.target in {None, summary.target}
            )
            covered = bool(detail.product_groups) and set(detail.product_groups) <= set(
                summary.product_groups
            )
            if detail is summary or not (rated and same and covered):
                continue
            for name in ("effective_date", "event_date", "end_date", "duration"):
                if getattr(detail, name) is None and getattr(summary, name) is not None:
                    setattr(detail, name, getattr(summary, name))
