"""Clean pasted article text (and HTML) while keeping offsets into the original.

Pasted pages carry navigation, advertisement markers, "ALSO READ" teasers, duplicated
photo captions, link-footnote markers and related-story headlines.  The cleaner works
line by line: each dropped line is recorded with the rule that dropped it, and the kept
lines form the cleaned text, whose offsets :meth:`CleanText.to_original` maps back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tradewar.news.genre import normalise_genre

AD_MARKERS = re.compile(
    r"^(advertisement|advertisements|sponsored|story continues below( this ad)?|"
    r"continue reading|skip ad|ad)$",
    re.IGNORECASE,
)
TEASER = re.compile(
    r"^(also read|read more|read also|read next|related|must read|watch|see also|"
    r"don[’']t miss(?: these| this)?|more stories|recommended|you may also like)\b[:\s]?",
    re.IGNORECASE,
)
# a teaser heading alone on its line ("Read next", "Related stories:") heads a list of links:
# each bulleted line under it is a linked story's title and blurb, not the article's text
TEASER_HEADING = re.compile(
    r"^(?:read next|read more|read also|also read|see also|related(?: \w+)?|more stories|"
    r"don[’']t miss(?: these| this)?|recommended(?: for you)?|you may also like)\s*:?$",
    re.IGNORECASE,
)
LINK_ITEM = re.compile(r"^[-•*·]\s*\S")
NAVIGATION = re.compile(
    r"^(home|news|trending:?|quick links|share|subscribe|menu|search|sign in|log in|"
    r"privacy policy|terms of use|contact us|advertise|leave a reply|with inputs from agencies|"
    r"facebook|twitter|x \(twitter\)|instagram|linkedin|whatsapp|email|pinterest|"
    r"sign up|subscribe to|follow us|download (?:the|our) app|get the latest|most read|most popular)\b.{0,60}$",  # noqa: E501
    re.IGNORECASE,
)
SECTION = re.compile(  # a bare section name of a site's menu, alone on its line
    r"^(world|business|tech|technology|politics|markets|economy|opinion|video|videos|live|"
    r"sport|sports|asia|europe|americas|china|us|india|latest|top stories|more)$",
    re.IGNORECASE,
)
BULLET_NAV = re.compile(r"^[•·]\s*\S+(\s\S+){0,3}$")
LINK_MARKER = re.compile(r"\[\d{1,3}\]")
DATE_LINE = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}$", re.IGNORECASE
)
CAPTION_CUES = re.compile(
    r"\((photo|image|file photo|picture)[^)]*\)\s*$|^representational image|"
    r"^(photo|image|picture|file photo|photograph)(?: credit)?\s*:|"
    # a wire's credit at the end ("(AP Photo/Susan Walsh, File)", "(REUTERS File Photo)") and
    # the wire's mark of an archive picture at the start ("FILE - US President ...")
    r"\((?:AP|AFP|REUTERS|Reuters|Xinhua|EPA|Getty)\b[^)]{0,20}\b(?:photo|images?)\b[^)]*\)\s*$|"
    r"^FILE\s+[-–—]\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DroppedLine:
    """A line the cleaner removed: where it was, what it said, and which rule fired."""

    start: int
    end: int
    text: str
    rule: str


@dataclass
class CleanText:
    """Cleaned text plus the map from its offsets back to the original text.

    ``segments`` holds ``(clean_start, original_start, length)`` for each kept run of
    characters, in order.
    """

    original: str
    text: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the cleaned text onto the original text."""
        return self._map(start, at_end=False), self._map(end, at_end=True)

    def _map(self, offset: int, *, at_end: bool) -> int:
        for clean_start, original_start, length in self.segments:
            inside = clean_start <= offset < clean_start + length
            closing = at_end and offset == clean_start + length
            if inside or closing:
                return original_start + offset - clean_start
        return len(self.original) if self.segments else offset


def _drop_reason(line: str, seen: set[str], dateline_seen: bool) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    if AD_MARKERS.match(stripped):
        return "advertisement marker"
    if TEASER.match(stripped):
        return "teaser (also read / read more)"
    if NAVIGATION.match(stripped) and len(stripped.split()) <= 8 and not stripped.endswith("."):
        return "navigation"
    if BULLET_NAV.match(stripped) and not stripped.endswith((".", ":")):
        return "navigation"
    if SECTION.match(stripped):
        return "navigation (section name)"
    if LINK_MARKER.fullmatch(stripped):
        return "link marker"
    if stripped in seen and len(stripped) > 20:  # ``seen`` holds the previous non-blank line
        return "duplicated line (photo caption)"
    if CAPTION_CUES.search(stripped):
        return "photo caption"
    if DATE_LINE.match(stripped) and dateline_seen:
        return "related-story date"
    return None


def clean_text(original: str) -> CleanText:
    """Drop noise lines from pasted text, keeping a record and an offset map.

    Parameters
    ----------
    original
        The text as the user gave it.

    Returns
    -------
    CleanText
        The cleaned text (kept lines joined by their own line breaks), the offset map
        and the dropped lines with their rules.  Link markers such as ``[3]`` inside a
        line are blanked with spaces so that offsets stay aligned.
    """
    result = CleanText(original=original, text="")
    seen: set[str] = set()
    pieces: list[str] = []
    clean_offset = 0
    position = 0
    dateline_seen = False
    lines = normalise_genre(original).splitlines(keepends=True)  # same length as original
    dropped_related = _related_headlines(lines) | _teaser_links(lines)
    for index, line in enumerate(lines):
        start = position
        position += len(line)
        reason = (
            "related-story headline"
            if index in dropped_related
            else _drop_reason(line, seen, dateline_seen)
        )
        if DATE_LINE.match(line.strip()):
            dateline_seen = True
        if line.strip():
            seen = {line.strip()}
        if reason:
            result.dropped.append(DroppedLine(start, start + len(line), line.rstrip("\n"), reason))
            continue
        kept = LINK_MARKER.sub(lambda m: " " * len(m.group()), line)
        pieces.append(kept)
        result.segments.append((clean_offset, start, len(kept)))
        clean_offset += len(kept)
    result.text = "".join(pieces)
    return result


def _related_headlines(lines: list[str]) -> set[int]:
    """Indices of headline lines that are followed by a bare date line of their own."""
    out: set[int] = set()
    stripped = [line.strip() for line in lines]
    date_lines = [i for i, text in enumerate(stripped) if DATE_LINE.match(text)]
    if len(date_lines) < 2:
        return out
    for i in date_lines:
        j = i - 1
        while j >= 0 and not stripped[j]:
            j -= 1
        if j >= 0 and not stripped[j].endswith((".", "”", '"')):
            out.update({i, j})
    return out


def _teaser_links(lines: list[str]) -> set[int]:
    """Indices of the bulleted link lines under a teaser heading ("Read next"), up to the
    first line that is neither blank nor bulleted."""
    out: set[int] = set()
    under_heading = False
    for index, line in enumerate(lines):
        stripped = line.strip()
        if TEASER_HEADING.match(stripped):
            under_heading = True
        elif under_heading and LINK_ITEM.match(stripped):
            out.add(index)
        elif stripped:
            under_heading = False
    return out


def clean_html(html: str) -> CleanText:
    """Extract the main text of an HTML page with trafilatura, then clean it as text.

    Evidence offsets then point into the extracted text (HTML has no usable offsets).
    """
    import trafilatura

    extracted = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    return clean_text(extracted)
