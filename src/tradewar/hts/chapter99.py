"""HTSUS Chapter 99 headings and their rates, parsed from the schedule's text.

Chapter 99 of the Harmonized Tariff Schedule of the United States holds the temporary
additional duties: each ``9903.xx.yy`` heading names the goods it covers and, in its
"General" rate column, the duty as *"The duty provided in the applicable subheading +
25%"*.  The text of a revision (``data/us_notes/chapter99_2026_rev_6.txt`` in the Budget
Lab files, a text export of the USITC PDF) keeps the PDF's columns: the description on the
left, then the General, Special and Column 2 rates.  The rate cells of a page drift up or
down against their rows, but they keep the rows' order, so:

1. A heading row starts a line with its number and the footnote mark ``1/``
   (``9903.88.01 1/ Except as provided ...``); a heading number at the start of a line
   without the mark is a note running onto a new line, not a row.
2. On each page, the General column is the leftmost column of rate cells; each cell
   starts with "The duty" (or "No change", "Free").  The page's n-th General cell is the
   n-th row's rate; its ``N%`` is the addition (none: the row adds no ad valorem duty).
3. Where a page's cells and rows do not pair up one to one, a row's rate is the first
   "+ N%" / "plus N%" within its own lines (``method="row"``).

Examples
--------
>>> rows = parse_chapter99('''
... 9903.88.01 1/ Articles the product of China, as provided for in   The duty
...            U.S. note 20(a) .......................... 1/          provided in the
...                                                                   applicable
...                                                                   subheading plus
...                                                                   25%
... 9903.01.32 1/ Articles classified in the subheadings of note 2(v) The duty provided
...                                                                   in the applicable subheading
... ''')
>>> rows["9903.88.01"].rate_pct, rows["9903.01.32"].rate_pct
(25.0, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tradewar.errors import InvalidData

HEADING_ROW = re.compile(r"^(9903\.\d\d\.\d\d)\s+1/")
PAGE_HEADER = re.compile(r"Harmonized Tariff Schedule of the United States")
CELL_START = re.compile(r"The duty|No [Cc]hange|Free\b")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
#: "+ 25%", "plus 25%", "+25%": an ad valorem addition to the applicable subheading's duty.
ADDITION = re.compile(r"(?:\+|\bplus)\s*(\d+(?:\.\d+)?)\s*%")
RATE_COLUMNS_FROM = 60  # rate cells sit right of the description column (characters)
GENERAL_COLUMN_WIDTH = 18
MAX_ROW_LINES = 80


@dataclass(frozen=True)
class HeadingRow:
    """One Chapter 99 heading as the schedule's table gives it.

    Attributes
    ----------
    heading : the heading number, ``9903.88.01``.
    rate_pct : the additional ad valorem duty of the General column, in percent
        (``25.0`` for "+ 25%"); ``None`` when the row adds no ad valorem duty
        (an exemption heading such as 9903.01.32: "The duty provided in the
        applicable subheading").
    suspended : the row carries the compiler's note that the provision is suspended.
    method : ``"column"`` (paired with its General cell) or ``"row"`` (rule 3).
    text : the row's own lines, whitespace collapsed.
    """

    heading: str
    rate_pct: float | None
    suspended: bool
    method: str
    text: str


def parse_chapter99(text: str) -> dict[str, HeadingRow]:
    """Every heading row of a Chapter 99 text, keyed by heading number (first row wins)."""
    rows: dict[str, HeadingRow] = {}
    for page in _pages(text.splitlines()):
        for row in _page_rows(page):
            rows.setdefault(row.heading, row)
    return rows


def _pages(lines: list[str]) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    for line in lines:
        if PAGE_HEADER.search(line) and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    return pages


def _page_rows(page: list[str]) -> list[HeadingRow]:
    starts = [(i, m.group(1)) for i, line in enumerate(page) if (m := HEADING_ROW.match(line))]
    if not starts:
        return []
    cells = _general_cells(page)
    paired = len(cells) == len(starts)
    rows = []
    for k, (first, heading) in enumerate(starts):
        last = starts[k + 1][0] if k + 1 < len(starts) else len(page)
        body = " ".join(" ".join(page[first : min(last, first + MAX_ROW_LINES)]).split())
        suspended = "compiler" in body.lower() and "suspended" in body.lower()
        if paired:
            rows.append(HeadingRow(heading, cells[k], suspended, "column", body))
        else:
            match = ADDITION.search(body)
            rate = float(match.group(1)) if match else None
            rows.append(HeadingRow(heading, rate, suspended, "row", body))
    return rows


def _general_cells(page: list[str]) -> list[float | None]:
    """The rates of the page's General-column cells, in order (``None``: no addition)."""
    positions = [
        m.start()
        for line in page
        for m in CELL_START.finditer(line)
        if m.start() >= RATE_COLUMNS_FROM
    ]
    if not positions:
        return []
    left = min(positions) - 2
    right = left + GENERAL_COLUMN_WIDTH
    events: list[tuple[int, int, str, str]] = []
    for number, line in enumerate(page):
        events += [(number, m.start(), "cell", m.group()) for m in CELL_START.finditer(line)
                   if left <= m.start() < right]  # fmt: skip
        events += [(number, m.start(), "rate", m.group(1)) for m in PERCENT.finditer(line)
                   if left <= m.start() < right]  # fmt: skip
    cells: list[list[float | None]] = []
    for _, _, what, value in sorted(events):
        if what == "cell":
            cells.append([None] if value == "The duty" else [None, None])
        elif cells and len(cells[-1]) == 1 and cells[-1][0] is None:
            cells[-1][0] = float(value)
    return [cell[0] for cell in cells]


def read_chapter99(path: Path) -> dict[str, HeadingRow]:
    """Parse the Chapter 99 text file at ``path`` (undecodable bytes replaced)."""
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        raise InvalidData(f"{path}: cannot be read ({err}).") from err
    rows = parse_chapter99(text)
    if not rows:
        raise InvalidData(
            f"{path}: no Chapter 99 heading rows found; expected lines such as"
            " '9903.88.01 1/ Articles the product of China ...'."
        )
    return rows
