"""Section 301 product exclusions, read from U.S. notes 20(vvv) and 20(www) of Chapter 99.

USTR's extended exclusions (178 of them, in force to 29 November 2025 and then, as
extended, to 10 November 2026) are claimed under headings 9903.88.69 and 9903.88.70.
The notes list them by subdivision, one subdivision per Section 301 heading
((vvv)(i) for 9903.88.01, (ii) .02, (iii) .03/.04, (iv) .15, (www) .02), each item
either a whole statistical line (``(1) 8483.50.9040``) or a product described within one
(``Pump casings and bodies (described in statistical reporting number 8413.91.9085 ...)``).

A whole line is excluded outright.  A described product is only part of its line: the
ledger cannot tell whether a shipment on that line is the product, so it does not
subtract the exclusion there but says that one may apply.

Examples
--------
>>> text = '''(vvv)  (i) ... the additional duties provided for in heading 9903.88.01 shall not
... apply
... (1) 8483.50.9040
... (2) Pump casings (described in statistical reporting number 8413.91.9085)
... (www) ... the additional duties imposed by heading 9903.88.02 ...
... (1) Band saws (described in statistical reporting number 8486.10.0000)
... (21) (a) Except as provided in notes 21(u) ...'''
>>> for e in parse_exclusions(text):
...     print(e.headings, e.codes, e.whole_line, e.claimed_under)
('9903.88.01',) ('8483509040',) True 9903.88.69
('9903.88.01',) ('8413919085',) False 9903.88.69
('9903.88.02',) ('8486100000',) False 9903.88.70
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SUBDIVISION = re.compile(r"^\s*(?:\((vvv)\)\s+)?\((i|ii|iii|iv)\)\s|^\s*\((www)\)\s")
HEADING = re.compile(
    r"(?:provided for in|imposed by) heading (9903\.88\.\d\d)(?: or in heading (9903\.88\.\d\d))?"
)
ITEM = re.compile(r"^\s*\((\d+)\)\s+(.*)")
STAT_NUMBER = re.compile(r"\b(\d{4}\.\d{2}\.\d{4})\b")
NOTE_END = re.compile(r"^\s*\(\d+\)\s+\(a\)")
#: The line that opens note 20(vvv)(i): "(vvv)  (i)" after any indent, or "(vvv)" and "(i)"
#: apart by any spaces at the start of the line.
NOTES_START = re.compile(r"^(?:[^\S\n]*\(vvv\)  \(i\)|\(vvv\)[^\S\n]+\(i\))", re.MULTILINE)
PAGE_FURNITURE = re.compile(
    r"Harmonized Tariff Schedule of the United States|Annotated for Statistical|^\s*XXII\s*$"
    r"|^\s*99 - [IVX]+ - \d+\s*$|^\s*U\.S\. Notes \(con\.\)\s*$"
)


@dataclass(frozen=True)
class Exclusion:
    """One excluded product: the headings it lifts, its statistical lines and words."""

    headings: tuple[str, ...]
    number: int
    codes: tuple[str, ...]
    whole_line: bool
    text: str
    claimed_under: str = "9903.88.69"


def parse_exclusions(text: str) -> list[Exclusion]:
    """The items of notes 20(vvv) and 20(www) in a Chapter 99 text (empty if absent)."""
    first = NOTES_START.search(text)  # the notes are near the end of a 50,000-line text
    if first is None:
        return []
    lines = [line for line in text[first.start() :].splitlines() if not PAGE_FURNITURE.search(line)]
    found: list[Exclusion] = []
    headings: tuple[str, ...] = ()
    intro: list[str] = []
    item: list[str] = []
    number = 0
    claimed_under = "9903.88.69"

    def close_item() -> None:
        if item and headings:
            words = " ".join(" ".join(item).split())
            codes = tuple(dict.fromkeys(c.replace(".", "") for c in STAT_NUMBER.findall(words)))
            if codes:
                whole = STAT_NUMBER.fullmatch(words.strip()) is not None
                found.append(Exclusion(headings, number, codes, whole, words, claimed_under))
        item.clear()

    for line in lines:
        if NOTE_END.match(line):
            break
        if subdivision := SUBDIVISION.match(line):
            close_item()
            claimed_under = "9903.88.70" if subdivision.group(3) else "9903.88.69"
            intro = [line]
            headings = ()
            continue
        match = ITEM.match(line)
        if match and (not item or int(match.group(1)) == number + 1 or not headings):
            close_item()
            if not headings:
                headings = _headings(" ".join(intro))
            number = int(match.group(1))
            item.append(match.group(2))
        elif item:
            item.append(line)
        else:
            intro.append(line)
    close_item()
    return found


def _headings(intro: str) -> tuple[str, ...]:
    words = " ".join(intro.split())
    match = HEADING.search(words.split("Pursuant to the product exclusion process")[-1])
    if match is None:
        match = HEADING.search(words)
    return tuple(h for h in match.groups() if h) if match else ()
