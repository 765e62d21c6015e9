"""Find an article's dateline: the date it was written, which anchors relative dates."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
ORDINAL = r"(?:st|nd|rd|th)?"
PATTERNS = [
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}}){ORDINAL},?\s*(?P<year>20\d\d)", re.IGNORECASE),
    re.compile(
        rf"\b(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?{MONTH},?\s*(?P<year>20\d\d)", re.IGNORECASE
    ),
    re.compile(
        r"\b(?P<year>20\d\d)[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})(?!\d)"
    ),  # ISO, "T10:00"
    re.compile(r"\((?P<year>20\d\d)/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\)"),
    re.compile(r"\b(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>20\d\d)\b"),
]
HEAD_CHARS = 1500
# a date is the article's own only where a dateline stands: a short line of its own (a byline,
# "(2025/04/04)", "11/1/2025"), after a publishing word, or in a wire dateline; a date inside a
# sentence of the body ("On October 9, 2025, the ministry issued ...") dates an act, not the page
MAX_WORDS_BESIDE_DATELINE = 6
WORD = re.compile(r"[A-Za-z]{2,}")
PUBLISHING_WORD = re.compile(
    r"\b(?:published|updated|posted|release date|released|date|last modified|issued on)\b\W*$",
    re.IGNORECASE,
)

# a publishing word told as a verb of the body ("the six notices were all issued on October 9,
# 2025") dates what the sentence is about, not the page
BODY_VERB_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had)\s+(?:\w+\s+){0,2}?"
    r"(?:published|updated|posted|released|issued on)\b\W*$",
    re.IGNORECASE,
)


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = MONTHS.get((groups.get("month") or "").lower().rstrip(".")[:4].rstrip("t") or "", 0)
    if groups.get("month") and not month:
        month = MONTHS.get(groups["month"].lower().rstrip(".")[:3], 0)
    if groups.get("mnum"):
        month = int(groups["mnum"])
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except (ValueError, TypeError):
        return None


class MonthDateline(date):
    """A dateline known to the month only (a record's ``published`` "2025-10" and no date in
    the text's head).  It gives yearless dates their year ("on 8 November" is 2025-11-08) and
    "today" or an undated reported act its month ("2025-10"), never a day: weekdays,
    "yesterday", "last week" and lags in days stay unresolved.  The day held (the 15th) only
    places the month; it is never written out (:meth:`isoformat` gives ``YYYY-MM``)."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat


def month_dateline(published: str | None) -> MonthDateline | None:
    """The month-precision dateline of a ``YYYY-MM`` record, else None.

    >>> month_dateline("2025-10").isoformat(), month_dateline("2025"), month_dateline(None)
    ('2025-10', None, None)
    """
    if not published or not re.fullmatch(r"\d{4}-(?:0[1-9]|1[0-2])", published):
        return None
    return MonthDateline(int(published[:4]), int(published[5:]), 15)


def find_dateline(text: str, published: str | None = None) -> date | None:
    """Return the article's date.

    Parameters
    ----------
    text
        The article text (its head is searched).
    published
        The record's ``published`` field (ISO date, ``YYYY-MM`` or ``YYYY``) when it has
        one; a full ISO date wins over the text, and a year (and month) completes a wire
        dateline without one ("BEIJING, April 4 (Reuters) -").

    Returns
    -------
    datetime.date or None
        None when neither the record nor the text's head gives a full date: relative
        dates then stay unresolved.
    """
    if published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return date.fromisoformat(published)
    head = text[:HEAD_CHARS]
    found: list[tuple[int, date]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(head):
            value = _to_date(match)
            if value and _stands_as_dateline(head, match):
                found.append((match.start(), value))
    if not found:
        return _wire_dateline(head, published)
    return min(found)[1]


def _stands_as_dateline(head: str, match: re.Match[str]) -> bool:
    """Whether a full date stands where a dateline does (see ``MAX_WORDS_BESIDE_DATELINE``)."""
    line_start = head.rfind("\n", 0, match.start()) + 1
    line_end = head.find("\n", match.end())
    before = head[line_start : match.start()]
    after = head[match.end() : line_end if line_end >= 0 else len(head)]
    if (
        PUBLISHING_WORD.search(before) and not BODY_VERB_BEFORE.search(before)
    ) or WIRE_AFTER_DATE.match(after):
        return True
    return len(WORD.findall(before)) + len(WORD.findall(after)) <= MAX_WORDS_BESIDE_DATELINE


WIRE_AFTER_DATE = re.compile(
    r"\s*\((?:Reuters|AP|AFP|Xinhua|Bloomberg|UPI|PTI|ANI)\)\s*[-–—]", re.IGNORECASE
)

WIRE_DATELINE = re.compile(  # "BEIJING, April 4 (Reuters) -", "WASHINGTON, Oct. 30 (AP) --"
    rf"^\s*[A-Z]{{2}}[A-Za-z .,'-]{{0,40}}?,\s+(?i:{MONTH})\s+(?P<day>\d{{1,2}})\b", re.MULTILINE
)


def _wire_dateline(head: str, published: str | None) -> date | None:
    """A wire dateline's month and day, in the year (and month) of the record's
    ``published`` (``YYYY`` or ``YYYY-MM``); None without one (no year is guessed)."""
    if not published or not re.fullmatch(r"\d{4}(?:-\d{2})?", published):
        return None
    match = WIRE_DATELINE.search(head)
    if match is None:
        return None
    month = MONTHS.get(match.group("month").lower().rstrip(".")) or MONTHS.get(
        match.group("month").lower()[:3], 0
    )
    if len(published) == 7 and int(published[5:]) != month:
        return None  # the record's month contradicts the dateline: trust neither
    try:
        return date(int(published[:4]), month, int(match.group("day")))
    except ValueError:
        return None
