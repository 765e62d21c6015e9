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
PATTERNS = [
    re.compile(rf"\b{MONTH}\s+(?P<day>\d{{1,2}}),?\s*(?P<year>20\d\d)", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})\s+{MONTH},?\s*(?P<year>20\d\d)", re.IGNORECASE),
    re.compile(r"\b(?P<year>20\d\d)[-/](?P<mnum>\d{1,2})[-/](?P<day>\d{1,2})\b"),
    re.compile(r"\((?P<year>20\d\d)/(?P<mnum>\d{1,2})/(?P<day>\d{1,2})\)"),
    re.compile(r"\b(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>20\d\d)\b"),
]
HEAD_CHARS = 1500


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


def find_dateline(text: str, published: str | None = None) -> date | None:
    """Return the article's date.

    Parameters
    ----------
    text
        The article text (its head is searched).
    published
        The record's ``published`` field (ISO date or ``YYYY-MM``) when it has one; a
        full ISO date wins over the text.

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
            if value:
                found.append((match.start(), value))
    if not found:
        return None
    return min(found)[1]
