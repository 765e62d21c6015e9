"""Dates in article sentences, resolved against the dateline with the sentence's tense.

Rules (those of the development set's labels):

* a weekday in a past-tense clause is the most recent such day on or before the
  dateline; in a future-tense clause (or after "from"/"starting") the next one on or
  after it; the dateline's own weekday is the dateline;
* "today", "yesterday", "tomorrow", "last week", "last month", "next month" are
  relative to the dateline; a month without a year takes the dateline's year (the
  previous year when a past-tense clause names a later month);
* without a dateline, relative dates stay unresolved (None): nothing is invented.

Absolute dates with a year are read by :func:`calendar_date` (the day, month and year the
text gives; the year is never guessed from today's date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tradewar.news.dateline import MONTHS, MonthDateline
from tradewar.news.frames import parse
from tradewar.news.memo import remembered

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_WORD = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# a measure noun before "of <year>" ("the trade deal of 2025"): one fixed-width look-behind each
MEASURE_OF = "|".join(
    rf"(?<=\b{noun} of )"
    for noun in (
        "deal", "truce", "agreement", "accord", "pact", "restrictions", "controls", "curbs",
        "ban", "embargo", "tariffs", "duties", "levies",
    )
)  # fmt: skip
IMMEDIATE_MEASURE = (
    r"(?:tariffs?|dut(?:y|ies)|levies|surcharges?|suspension|pause|ban|controls?|cuts?|"
    r"removal|lifting|halt|reductions?|increases?|restrictions?)\b"
)
DATE_PHRASE = re.compile(
    # a range of days takes the year after it, and the range's first day: "May 14 to 15, 2026"
    rf"\b(?:(?P<md_month>{MONTH_WORD})\.?\s+(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?(?=,?\s*20\d\d))?(?:,?\s*(?P<md_year>20\d\d))?"
    # ... and so does a range written day first: "on 8 and 9 April 2025", "9-10 June 2025"
    rf"|(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{{1,2}}(?:st|nd|rd|th)?(?=\s+(?:{MONTH_WORD})))?\s+(?:of\s+)?(?P<dm_month>{MONTH_WORD})\.?(?:,?\s*(?P<dm_year>20\d\d))?"
    rf"|(?P<iso>20\d\d-[01]\d-[0-3]\d)(?!\d)"  # an ISO date, as legal alerts write it
    rf"|(?P<ago_n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\s+(?P<ago_unit>day|week|month|year)s?\s+ago"
    rf"|(?P<part>early|mid|late|end of|mid-)?[\s-]?(?:(?<=mid-)|(?<![\w-]))(?P<m_month>{MONTH_WORD})\b(?!\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b)(?:,?\s+(?:of\s+)?(?P<m_year>20\d\d|this year))?"  # noqa: E501
    rf"|(?:(?<=\bin )|(?<=\bsince )|(?<=\bduring )|(?<=\buntil )|(?<=\bthrough )|(?<=\bby ))(?:(?:early|mid|late|the end of|the start of)[\s-]+)?(?P<year>20\d\d)(?![\d-])"  # noqa: E501
    # a year that dates a measure it modifies: "the 2023 restrictions", "its 2010 embargo"
    rf"|(?<![\d,.$-])(?<!\bof )(?P<year_of>(?:19|20)\d\d)(?=\s+(?:[\w-]+\s+)?(?:restrictions|controls|curbs|bans?|embargo|tariffs|duties|levies|truce|trade deal|rules|regime|measures|agreement|accord|deal|pact)\b)"  # noqa: E501
    # ... or follows it with "of": "the trade deal of 2025", "the chip restrictions of 2023"
    rf"|(?:{MEASURE_OF})(?P<year_after>(?:19|20)\d\d)(?![\d-])"
    rf"|(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    # a day of the dateline's month by its ordinal alone: "on the 9th, the two sides will ..."
    rf"|(?<=\bon\sthe\s)(?P<nth>\d{{1,2}})(?:st|nd|rd|th)(?=\W*$|\s*[,.;]|\s+(?:to|and|at|in|with|when|after|before|that|as|for|by)\b)"
    r"|(?P<rel>earlier today|today|yesterday|tomorrow|last year|earlier this year|this year|next year|last week|this week|next week|last month|next month|this month|with immediate effect|immediately|date of promulgation|date of issuance|upon promulgation"  # noqa: E501
    # a measure called immediate applies on the day it is announced: "announced an immediate
    # 25% tariff", "the immediate suspension of the tariffs"
    rf"|immediate(?=\s+(?:[\w%-]+\s+){{0,3}}?{IMMEDIATE_MEASURE})))\b",
    re.IGNORECASE,
)
FUTURE_CUES = re.compile(  # "effective" only before a date: not "an effective embargo"
    # "from" not before a rate: "cut to 10% from 20% on Thursday" is done
    r"\b(will|would|shall|'ll|going to|set to|plans? to|to be|scheduled|starting|"
    # a plan told by an adjective: "are due to meet on Thursday", "slated to", "poised to"
    r"(?:is|are|'s|'re)\s+due\s+to(?=\s+[a-z]+\b(?<!the|its))|slated to|poised to|"
    # what a sentence looks ahead of is still to come: "uncertainty ahead of talks in late March"
    r"ahead of|"
    r"from(?!\s+(?:the\s+|a\s+|about\s+)?\d+(?:\.\d+)?\s*(?:%|-?\s?per\s?cent|pc\b))|beginning|expected to|"  # noqa: E501
    r"(?<!became )effective(?=\s+(?:from|on|as of|immediately|today|tomorrow|\w+day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)))\b",  # noqa: E501
    re.IGNORECASE,
)
# "from" as a date's future cue only before a time ("from Thursday", "from 12:01 a.m.", "from
# next month"), not before a place or a rate ("goods imported from China", "cut to 10% from
# 20% on Thursday"): "signed an order on Saturday to impose a tariff on goods from China" is
# Saturday past
FROM_PLACE = re.compile(
    rf"\bfrom(?!\s+(?:now|next|today|tomorrow|midnight|the (?:start|beginning|first|date)|\w+day\b|(?:{MONTH_WORD})\b|\d{{1,2}}(?!\d|\.\d|\s*(?:%|-?\s?per\s?cent|pc\b|percent))))",  # noqa: E501
    re.IGNORECASE,
)
IMMEDIATE = frozenset(
    {
        "immediate", "immediately", "with immediate effect", "date of promulgation",
        "date of issuance", "upon promulgation",
    }
)  # fmt: skip
# a completed act: "by Friday ... had started", "took effect on Friday", "came into force"
PAST_ACT = re.compile(
    r"\b(?:had|took effect|came into (?:effect|force)|went into effect|entered into force|"
    r"became effective|kicked in|began|started|was|were|has been|have been)\b",
    re.I,
)
# "The effective date for the 125 percent rate is April 10, 2025"
EFFECTIVE_DATE_IS = re.compile(
    r"\beffective date\b[^.;]{0,80}?\b(?:is|was|will be|would be)\s+$", re.I
)
# an act done by a date ("By April 9, Washington had paused the duties"), not a measure whose
# effect had started by then ("By Friday, shipments had started")
HAD_DONE = re.compile(
    r"\bhad\s+(?:\w+ly\s+)?(?!started|begun|taken|come|gone|kicked|become)[a-z]+(?:ed|en)\b",
    re.I,
)
PAST_NEAR = re.compile(
    r"\b(said|told|announced|wrote|stated|confirmed|added|took place|began)\b",
    re.I,
)
EFFECTIVE_CUES = re.compile(
    r"(\bfrom|\bstarting(?: from| on)?|\beffective(?: from| on)?|\bbeginning|\bas of|\bprior to|\bbefore|\bby|\bon or after|"  # noqa: E501
    r"took effect|takes effect|take effect|into effect|kicked in|into force|becomes? effective|became effective)\s*"  # noqa: E501
    # a time of day between the cue and the day: "starting just past midnight Tuesday",
    # "from 12:01 a.m. on May 14"
    r"(?:(?:at\s+|just\s+)?(?:past\s+|after\s+)?"
    r"(?:midnight|noon|\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"  # 13:01, 12:01 a.m.
    r"(?:\s+(?:eastern|central|pacific|mountain|beijing)?\s*(?:daylight|standard)?\s*time)?"
    r"(?:\s+\(?[A-Z]{2,4}T?\)?)?,?\s+)?(on\s+)?"
    # a weekday named from the week: "will take effect next Monday", "from this coming Friday"
    r"(?:(?:next|this(?:\s+coming)?|coming)\s+)?$",
    re.IGNORECASE,
)
# a verb in the past tense right after the date: the date's act is done ("The administration
# on Monday informed the company that exports will need a licence")
# ... or just before it: "Trump threatened on Sunday to impose ...", "Beijing announced on
# Friday that it will ..." (a verb of the past told with its day, whatever follows)
PAST_VERB_BEFORE = re.compile(
    r"\b(?!(?:need|speed|proceed|exceed|succeed|scheduled|expected|planned|slated|due)\b)"
    r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )[a-z]{3,}ed\s+(?:\w+ly\s+)?(?:on|last)\s*$"
)
PAST_VERB_AFTER = re.compile(
    r"\s+(?:\w+ly\s+)?(?:(?!(?:need|speed|proceed|exceed|succeed)\b)[a-z]+ed|said|told|took|gave|sent|"
    r"made|wrote|held|met|spoke|began|"
    r"struck|put|set|cut)\b(?!\s+(?:by|to)\b)",
)
STARTS_FROM = re.compile(
    r"\b(?:from|starting(?: from| in)?|beginning(?: in)?|as of|effective(?: from)?)\s*$", re.I
)
# the date of a legal document named in passing ("Executive Order No. 14257 dated April 2,
# 2025"), which dates no act of the sentence
DOCUMENT_DATE = re.compile(
    r"\b(?:orders?|proclamations?|announcements?|circulars?|notices?|decrees?|rules?|"
    r"regulations?|no\.|\d{4,})(?!\w)[^;:()]{0,30}\bdated\s*$",
    re.I,
)  # not "a statement dated April 4", which is the act's own announcement
# the document is cited for another measure ("levied according to Executive Order No. 14257
# dated April 2"), not the one doing the act ("Announcement No. 18 dated April 4 restricts")
REFERENCE = re.compile(
    r"\b(?:according to|under|pursuant to|amended by|levied|imposed|issued)\b",
    re.I,
)
SINCE_CLAUSE = re.compile(r"\bsince\b[^,;]{0,60}$", re.IGNORECASE)
# a clause that opens on "since" and a date ("Since 2022, the bureau has issued rules ...",
# "Since early 2023, ...") dates when the act it frames began; elsewhere "since" dates a
# state or another act ("their first meeting since 2019", "since Trump escalated in April")
# (a month's match may begin at the space before it: "Since| April")
SINCE_DATE = re.compile(
    r"^\W*since\b\s*(?:(?:early|mid|late|the end of|the start of)[\s-]+)?$", re.I
)
# ... and so does "since" right before the date, after a verb in the present perfect: "China
# has required licences for exports ... since April" (not "the first talks since 2019")
PERFECT_SINCE = re.compile(
    r"\b(?:has|have)\s+(?:\w+ly\s+)?(?:been\s+)?(?:requir|restrict|impos|implement|introduc|"
    r"appli|levi|ban|bann|block|bar|barr|limit|control|curb|suspend|paus|exempt|halt|add|"
    r"list|plac|issu|grant|approv|enforc)ed\b[^.;:]*?"
    r"\bsince\s*(?:(?:early|mid|late|the end of|the start of)[\s-]+)?$",
    re.I,
)
END_CUES = re.compile(
    r"(\buntil|\bthrough|\bdeadline to|\bexpire[sd]? on|\bexpire[sd]?|\b(?:to|will|would|shall) end(?: on)?)\s*(on\s+)?(\d{1,2}:\d{2}\s*[ap]\.?m\.?\s+(?:\w+\s+)?on\s+)?$",  # noqa: E501
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    """A date phrase in a sentence and what it resolves to.

    ``value`` is an ISO date or ``YYYY-MM`` at the precision the text gives, or None
    when it cannot be resolved (no dateline).  ``role`` is ``effective``, ``end`` or
    ``event`` from the words before the phrase, ``since`` when it dates the start of
    a period ("since Trump escalated his trade war in April"), or ``document`` when it
    dates a document named in passing ("Executive Order 14257 dated April 2"); neither of
    the last two is an event's date.  ``occasion`` dates an earlier occasion of the act
    ("will suspend the tariffs after last week's meeting"): the talks' date, no other act's.
    """

    text: str
    start: int
    end: int
    value: str | None
    role: str


def is_future(clause: str) -> bool:
    """Whether a clause speaks of the future (will, would, set to, starting...)."""
    return bool(FUTURE_CUES.search(clause))


def dates_future(clause: str) -> bool:
    """Whether a clause's dates resolve forwards: :func:`is_future` without "from" before a
    place ("imported from China"), which says nothing of time."""
    return is_future(FROM_PLACE.sub("of", clause))


def resolve_weekday(weekday: str, dateline: date, *, future: bool) -> date:
    """The weekday nearest the dateline in the direction the tense gives."""
    target = WEEKDAYS.index(weekday.lower())
    delta = (target - dateline.weekday()) % 7
    if future:
        return dateline + timedelta(days=delta)
    return dateline - timedelta(days=(dateline.weekday() - target) % 7)


def _month_number(word: str) -> int:
    low = word.lower().rstrip(".")
    return MONTHS.get(low) or MONTHS.get(low[:3], 0)


def calendar_date(day: int, month_word: str, year: int) -> date | None:
    """The date of a day, a month's name (or its abbreviation) and a year; None when no such
    day exists ("31 April 2025").

    >>> calendar_date(12, "Sept", 2025), calendar_date(31, "April", 2025)
    (datetime.date(2025, 9, 12), None)
    """
    month = _month_number(month_word)
    try:
        return date(year, month, day) if month else None
    except ValueError:
        return None


def _shift_month(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _resolve(match: re.Match[str], dateline: date | None, future: bool) -> str | None:
    groups = match.groupdict()
    if groups["iso"]:
        try:
            return date.fromisoformat(groups["iso"]).isoformat()
        except ValueError:
            return None
    if groups["ago_n"]:
        return _ago(groups["ago_n"], groups["ago_unit"], dateline)
    month_word = groups["md_month"] or groups["dm_month"]
    if month_word:
        day = int(groups["md_day"] or groups["dm_day"])
        year_text = groups["md_year"] or groups["dm_year"]
        if year_text:
            parsed = calendar_date(day, month_word, int(year_text))
            return parsed.isoformat() if parsed else None
        if dateline is None:
            return None
        month = _month_number(month_word)
        year = dateline.year
        if (
            not future
            and (month, day) > (dateline.month, dateline.day)
            and month - dateline.month > 2
        ):
            year -= 1
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    if groups["m_month"]:
        month = _month_number(groups["m_month"])
        year_text = groups["m_year"]
        if year_text and year_text[0].isdigit():
            return f"{year_text}-{month:02d}"
        if dateline is None:
            return None
        year = dateline.year - (1 if month > dateline.month and not future else 0)
        return f"{year}-{month:02d}"
    if groups["year"]:
        return groups["year"]
    if groups["year_of"] or groups["year_after"]:
        return groups["year_of"] or groups["year_after"]
    if dateline is None:
        return None
    noted = DAY_NOTED.match(match.string, match.end())
    if noted and groups["rel"] and groups["rel"].lower() in {"today", "yesterday", "tomorrow"}:
        # "Today (4th), the Customs Tariff Commission issued ...": the day of the month is
        # noted, as the Chinese state press writes it, and the dateline may be days later
        return _day_of_month(int(noted.group(1)), dateline, future=future)
    if isinstance(dateline, MonthDateline) and (
        groups["weekday"] or groups["nth"] or groups["rel"].lower() in DAY_RELATIVE
    ):
        return None  # a day the record's month does not give
    if groups["weekday"]:
        return resolve_weekday(groups["weekday"], dateline, future=future).isoformat()
    if groups["nth"]:
        return _day_of_month(int(groups["nth"]), dateline, future=future)
    return _relative(groups["rel"].lower(), dateline)


AGO_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


def _ago(count_word: str, unit: str, dateline: date | None) -> str | None:
    """'two weeks ago', '3 days ago', 'a year ago' against the dateline, at the precision the
    phrase gives: a day for days, a month for weeks and months (as "last week"), a year."""
    if dateline is None:
        return None
    count = AGO_NUMBERS.get(count_word.lower()) or int(count_word)
    if unit == "day":
        return None if isinstance(dateline, MonthDateline) else str(dateline - timedelta(count))
    if unit == "week":
        return _shift_month(dateline - timedelta(days=7 * count), 0)
    if unit == "month":
        return _shift_month(dateline, -count)
    return str(dateline.year - count)


# a day of the month noted after "today" or "yesterday": "Today (4th)", "yesterday (9th)"
DAY_NOTED = re.compile(r"\s*\((\d{1,2})(?:st|nd|rd|th)?\)")
# relative dates that need the dateline's day, not only its month
DAY_RELATIVE = frozenset({"yesterday", "tomorrow", "last week", "this week", "next week"})


def _day_of_month(day: int, dateline: date, *, future: bool) -> str | None:
    """The day of the dateline's month an ordinal names ("on the 9th"): of the month before
    when a past act names a later day, of the month after when a future one names an earlier
    day; None when that month has no such day."""
    months = 0
    if day > dateline.day and not future:
        months = -1
    elif day < dateline.day and future:
        months = 1
    year_month = _shift_month(dateline, months)
    try:
        return date(int(year_month[:4]), int(year_month[5:]), day).isoformat()
    except ValueError:
        return None


def _relative(word: str, dateline: date) -> str:
    table = {
        "today": dateline.isoformat(),
        "earlier today": dateline.isoformat(),
        "immediately": dateline.isoformat(),
        "immediate": dateline.isoformat(),
        "with immediate effect": dateline.isoformat(),
        "date of promulgation": dateline.isoformat(),
        "date of issuance": dateline.isoformat(),
        "upon promulgation": dateline.isoformat(),
        "yesterday": (dateline - timedelta(days=1)).isoformat(),
        "tomorrow": (dateline + timedelta(days=1)).isoformat(),
        "last week": _shift_month(dateline - timedelta(days=7), 0),
        "this week": _shift_month(dateline, 0),
        "next week": _shift_month(dateline + timedelta(days=7), 0),
        "last year": str(dateline.year - 1),
        "earlier this year": str(dateline.year),
        "this year": str(dateline.year),
        "next year": str(dateline.year + 1),
        "last month": _shift_month(dateline, -1),
        "this month": _shift_month(dateline, 0),
        "next month": _shift_month(dateline, 1),
    }
    return table[word]


def find_dates(clause: str, dateline: date | None, *, offset: int = 0) -> list[DateMention]:
    """Every date phrase of a clause, resolved with the clause's tense.

    Parameters
    ----------
    clause
        The text to search.
    dateline
        The article's date, or None (relative dates then resolve to None).
    offset
        Added to the returned spans (the clause's position in its sentence).
    """
    found = _dates_in(clause, dateline)
    if offset:
        return [replace(m, start=m.start + offset, end=m.end + offset) for m in found]
    return list(found)


# a date that names an earlier occasion of the act: "will suspend the tariffs after last
# week's meeting", "following Monday's call": it dates that occasion, not the act
EARLIER_OCCASION = re.compile(r"\b(?:after|following)\s+(?:the\s+)?$", re.I)
POSSESSIVE_AFTER = re.compile(r"^['’]s?\s+[a-z]")


@remembered
def _dates_in(clause: str, dateline: date | None) -> tuple[DateMention, ...]:
    """The date phrases of a clause at offset 0, remembered: the stages of the pipeline read
    the same sentence's dates several times (its events, their slots, follow-ups)."""
    mentions: list[DateMention] = []
    matches: list[re.Match[str]] = []
    clause_future = dates_future(clause)
    for match in DATE_PHRASE.finditer(clause):
        if not match.group().strip() or (
            match.group("m_month")
            and match.group("m_month").lower() in {"may", "march"}
            and not _month_context(clause, match)
        ):
            continue
        before = clause[max(0, match.start() - 40) : match.start()]
        role = "event"
        cue = EFFECTIVE_CUES.search(clause[max(0, match.start() - 80) : match.start()])
        stated = EFFECTIVE_DATE_IS.search(clause[max(0, match.start() - 120) : match.start()])
        if cue or match.group().lower() in IMMEDIATE or stated:
            role = "effective"
        if cue and cue.group(1).lower() == "by" and HAD_DONE.search(clause):
            role = "event"  # "By April 9, Washington had paused the duties": done by then
        elif END_CUES.search(before):
            role = "end"
        elif SINCE_CLAUSE.search(clause[max(0, match.start() - 60) : match.start()]):
            role = "since"  # "the fifth meeting since Trump escalated ... in April"
            if SINCE_DATE.match(clause[: match.start()]) or PERFECT_SINCE.search(
                clause[: match.start()]
            ):
                role = "event"  # "Since 2022, BIS has issued ...": the act's start
        elif DOCUMENT_DATE.search(before) and REFERENCE.search(
            clause[max(0, match.start() - 80) : match.start()]
        ):
            role = "document"  # "Executive Order 14257 dated April 2, 2025": the order's
        elif EARLIER_OCCASION.search(before) and POSSESSIVE_AFTER.match(clause[match.end() :]):
            role = "occasion"  # "after last week's meeting": the meeting's day, not the act's
        near = clause[max(0, match.start() - 25) : match.end() + 25]
        done_then = bool(PAST_VERB_AFTER.match(clause[match.end() :])) or bool(
            PAST_VERB_BEFORE.search(clause[max(0, match.start() - 30) : match.start()])
        )  # "on Monday informed", "threatened on Sunday to impose"
        future = (
            (clause_future and not PAST_NEAR.search(near) and not done_then)
            or (role == "effective" and not _completed(clause, match))
            or (role == "end" and not ENDED.search(clause))
        )
        if future and role == "event" and match.group("weekday") and _said_then(clause, match):
            future = False  # "On Thursday, a spokesman said Washington would lift ..."
        value = _resolve(match, dateline, future)
        if value and len(value) == 7 and role == "effective" and STARTS_FROM.search(before):
            value += "-01"  # "starting next month": a measure applies from the month's first day
        mentions.append(DateMention(match.group(), match.start(), match.end(), value, role))
        matches.append(match)
    mentions = _months_sharing_a_year(clause, matches, mentions)
    mentions = _later_by_a_count(clause, mentions)
    if dateline is not None and COMES_AFTER.search(clause) and type(dateline) is date:
        mentions.extend(_news_lags(clause, dateline))
        mentions.sort(key=lambda m: m.start)
    return tuple(_without_apposed_weekdays(_years_from_weekdays(mentions)))


# what joins two months that share the year written after the second: "February and April
# 2025", "early February and early April of 2025", "March to May, 2025"
MONTHS_JOINED = re.compile(r"^\s*(?:,|and|or|to|through|-|–|&)\s*$", re.I)


def _months_sharing_a_year(
    clause: str, matches: list[re.Match[str]], mentions: list[DateMention]
) -> list[DateMention]:
    """A month without a year takes the year of the month joined to it ("In early February
    and early April of 2025, the US imposed ..."), the year before when it comes later in the
    calendar ("December and January 2026")."""
    out = list(mentions)
    for index in range(len(matches) - 1):
        first, second = matches[index], matches[index + 1]
        year = second.group("m_year") if second.group("m_month") else None
        if (
            not first.group("m_month")
            or first.group("m_year")
            or not year
            or not year[0].isdigit()
            or not MONTHS_JOINED.match(clause[first.end() : second.start()])
        ):
            continue
        month, later = _month_number(first.group("m_month")), _month_number(second.group("m_month"))
        shared = int(year) - (1 if month > later else 0)
        out[index] = replace(out[index], value=f"{shared}-{month:02d}")
    return out


# the day's news told as coming a lag after an earlier act: "The announcement comes just two
# days after the US imposed ...", "China's move came hours after the tariffs went into force"
COMES_AFTER = re.compile(
    r"\b(?:comes?|came|coming)\s+(?:just\s+|only\s+|barely\s+|some\s+)?"
    r"(?P<count>an?|one|two|three|four|five|six|seven|\d{1,2}|a few|several)?\s*"
    r"(?P<unit>minutes?|hours?|days?)\s+after\b",
    re.I,
)
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
               "six": 6, "seven": 7}  # fmt: skip
TAKES_EFFECT = re.compile(
    r"^[^.;]{0,80}?\b(?:took effect|take effect|went into (?:force|effect)|"
    r"came into (?:force|effect)|entered into force|kicked in)\b",
    re.I,
)


def _news_lags(clause: str, dateline: date) -> list[DateMention]:
    """The date of an act the day's news "comes N days after": the dateline less the lag
    (minutes and hours: the dateline itself; "a few" or "several" days: unknown).  It is
    the act's effective date when the act is a measure taking effect."""
    found = []
    for match in COMES_AFTER.finditer(clause):
        unit, count = match.group("unit").lower(), (match.group("count") or "").lower()
        if unit.startswith("day"):
            days = int(count) if count.isdigit() else COUNT_WORDS.get(count)
            if days is None:
                continue
        else:
            days = 0
        value = (dateline - timedelta(days=days)).isoformat()
        role = "effective" if TAKES_EFFECT.match(clause[match.end() :]) else "event"
        start = match.start("count") if match.group("count") else match.start("unit")
        found.append(DateMention(clause[start : match.end()], start, match.end(), value, role))
    return found


# a time counted from the date told before it: "on February 4, doubling it to 20% a month
# later", "two weeks later", "three days later"
LATER_BY = re.compile(
    r"\b(?P<count>an?|one|two|three|four|five|six|seven|\d{1,2})\s+"
    r"(?P<unit>days?|weeks?|months?)\s+later\b",
    re.I,
)


def _later_by_a_count(clause: str, mentions: list[DateMention]) -> list[DateMention]:
    """The date "a month later" names, counted from the last date of the clause before it, at
    the precision the phrase gives (a day for days when that date has one, else a month)."""
    found = list(mentions)
    for match in LATER_BY.finditer(clause):
        earlier = [m for m in mentions if m.end <= match.start() and m.value and m.role == "event"]
        if not earlier or len(earlier[-1].value or "") < 7:
            continue
        base = earlier[-1].value or ""
        count = COUNT_WORDS.get(match.group("count").lower()) or int(match.group("count"))
        unit = match.group("unit").lower()
        if unit.startswith("month"):
            value = _shift_month(date.fromisoformat(base[:7] + "-01"), count)
        elif len(base) < 10:
            continue  # "a month" known, weeks or days after it fall in no known month
        else:
            moved = date.fromisoformat(base) + timedelta(days=count * (7 if unit[0] == "w" else 1))
            value = moved.isoformat() if unit.startswith("day") else _shift_month(moved, 0)
        found.append(DateMention(match.group(), match.start(), match.end(), value, "event"))
    return sorted(found, key=lambda m: m.start)


MONTH_DAY = re.compile(
    rf"^\W*(?:(?P<m1>{MONTH_WORD})\.?\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<m2>{MONTH_WORD}))(?:st|nd|rd|th)?\W*$",
    re.I,
)
YEARS_NAMED_BY_WEEKDAY = range(2023, 2028)  # the genre's years: a weekday picks one of them


def _years_from_weekdays(mentions: list[DateMention]) -> list[DateMention]:
    """A day and month without a year, in an article without a dateline, takes the one year of
    the trade war in which the weekday set beside it falls on that day ("Earlier on Friday,
    April 4, China imposed ...": April 4 was a Friday in 2025); without such a weekday, or
    with a dateline, nothing changes."""
    out = list(mentions)
    for index, mention in enumerate(mentions):
        day = MONTH_DAY.match(mention.text) if mention.value is None else None
        weekday = next(
            (
                WEEKDAYS.index(other.text.lower())
                for other in mentions
                if other.text.lower() in WEEKDAYS
                and (0 <= mention.start - other.end <= 2 or 0 <= other.start - mention.end <= 2)
            ),
            None,
        )
        if day is None or weekday is None:
            continue
        month_word, number = (
            day.group("m1") or day.group("m2"),
            int(day.group("d1") or day.group("d2")),
        )
        years = [
            found
            for year in YEARS_NAMED_BY_WEEKDAY
            if (found := calendar_date(number, month_word, year)) and found.weekday() == weekday
        ]
        if len(years) == 1:
            out[index] = replace(mention, value=years[0].isoformat())
    return out


def _without_apposed_weekdays(mentions: list[DateMention]) -> list[DateMention]:
    """A weekday set beside a full date ("on Tuesday, June 10, 2025", "on May 14,
    Wednesday") names that date: it is no second date, and the full date keeps the role."""
    full = [m for m in mentions if m.value and len(m.value) == 10 and m.text[:1].isalnum()]
    kept: list[DateMention] = []
    for mention in mentions:
        weekday = mention.text.lower() in WEEKDAYS
        apposed = any(
            0 <= other.start - mention.end <= 2 or 0 <= mention.start - other.end <= 2
            for other in full
            if other is not mention and other.text.lower() not in WEEKDAYS
        )
        if not (weekday and apposed):
            kept.append(mention)
    return [_with_apposed_role(m, mentions) for m in kept]


def _with_apposed_role(mention: DateMention, mentions: list[DateMention]) -> DateMention:
    """A full date takes the effective role of the weekday set before it ("Effective Monday,
    March 10, Beijing imposed ...": March 10 is when the measure applies)."""
    if mention.role != "event":
        return mention
    for other in mentions:
        if (
            other.role == "effective"
            and other.text.lower() in WEEKDAYS
            and 0 <= mention.start - other.end <= 2
        ):
            return replace(mention, role="effective")
    return mention


# an end told as past: "the truce expired on ...", "the pause lasted until ..."
ENDED = re.compile(r"\b(?:expired|ended|lasted|ran out|had run|lapsed)\b", re.I)


def _completed(clause: str, match: re.Match[str]) -> bool:
    """Whether a date's act is told as done ("by Friday, shipments had started", "the tariffs
    took effect on Monday"), so a weekday resolves backwards even after "by" or "from"."""
    if FUTURE_MODAL.search(clause):
        return False
    return bool(PAST_ACT.search(clause))


def _said_then(clause: str, match: re.Match[str]) -> bool:
    """Whether a weekday dates a verb in the past tense (from the parse): the day a
    statement was made ("On Thursday, the ministry said the US would lift ...", "In a
    statement on Tuesday, the ministry confirmed that ..."), which lies before the dateline
    even when what was said lies ahead."""
    doc = parse(clause)
    token = next((t for t in doc if t.idx == match.start()), None)
    while token is not None and token.pos_ not in {"VERB", "AUX"} and token.head is not token:
        token = token.head
    return token is not None and token.tag_ == "VBD"


FUTURE_MODAL = re.compile(r"\b(?:will|shall|'ll|going to|set to|scheduled to|would)\b", re.I)


def _month_context(clause: str, match: re.Match[str]) -> bool:
    """'may'/'march' are months only after 'in', 'since', 'mid-', 'early', 'late' or before a year."""  # noqa: E501
    before = clause[max(0, match.start() - 8) : match.start()].lower()
    return (
        bool(re.search(r"(in|since|of|mid-|early|late|until|by)\s*$", before))
        or bool(match.group("m_year"))
        or (match.group("m_month")[0].isupper() and match.group("m_month").lower() == "march")
    )
