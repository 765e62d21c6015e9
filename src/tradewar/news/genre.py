"""Genre and page structure: text of a kind the sentence rules would misread, rewritten in place.

Some pages are not prose.  A transcript carries time codes ("00:12Good morning"), WebVTT cue
timings ("0:00:09.080 --> 0:00:11.600") and voice tags ("<v Speaker 1>") between its words, its
sentences run on across cues, and its speakers pause ("Uh, we have reached ...").  The
functions here rewrite such text *in place*: every replacement keeps the length of what it
replaces (marks become spaces, a cue break between two speakers a blank line), so the offsets
of the cleaned text still point into the article as given and the evidence stays verbatim.
:func:`normalise_genre` is called by :func:`tradewar.news.clean.clean_text` before it splits
the text into lines; it also blanks the run-in labels of paragraphs and bullets
("Continuation of Discussions: The order ...").  Two more marks of page structure are read by
the block splitter (:func:`tradewar.news.sentences.split_blocks`): a publication-date line
and the page's first line (its title) are never joined to the text under them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from tradewar.news.gazetteer import actor_entries

# a WebVTT or SRT cue timing line: "0:00:09.080 --> 0:00:11.600" (SRT: "00:00:09,080 --> ...")
CUE_TIMING = re.compile(
    r"(?m)^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}\s+-->\s+(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}"
)
MIN_CUES = 2  # a transcript, not a page that quotes one timing
CUE_NUMBER = re.compile(r"^\s*\d+\s*$")  # SRT numbers its cues on a line of their own
VOICE_TAG = re.compile(r"</?v(?:\s+([^>]*))?>")
# a time code that opens a line of speech, glued to it or not: "00:12Good morning", "1:02:05 We"
SPEECH_TIME_CODE = re.compile(r"(?m)^(\d{1,2}:\d{2}(?::\d{2})?)\s?(?=[A-Za-z“\"])")
MIN_TIME_CODED_LINES = 3  # one time code is a clock ("17:13 JST"); a transcript has many
# a filler of speech that stands before the words it delays ("Uh, we have reached ...")
FILLER = re.compile(r"\b(?:[Uu]h+|[Uu]m+|[Ee]r+m?|[Hh]mm+)\b,?\s")


def normalise_genre(text: str) -> str:
    """The text with the marks of its genre blanked, of the same length as ``text``."""
    if len(CUE_TIMING.findall(text)) >= MIN_CUES:
        text = _join_cues(text)
        text = FILLER.sub(_blank, text)
    elif len(SPEECH_TIME_CODE.findall(text)) >= MIN_TIME_CODED_LINES:
        text = _blank_time_codes(text)
        text = FILLER.sub(_blank, text)
    return blank_run_in_labels(text, names_an_actor)


@lru_cache(maxsize=1)
def _actor_phrases() -> re.Pattern[str]:
    phrases = sorted({e.phrase for e in actor_entries()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)


def names_an_actor(label: str) -> bool:
    """Whether a label names one of the gazetteer's actors (a country, official or agency)."""
    return _actor_phrases().search(label) is not None


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _join_cues(text: str) -> str:
    """Join the cues of a WebVTT/SRT transcript into running text.

    Cue timings, cue numbers and voice tags become spaces; so do the line breaks between two
    cues of one speaker, whose sentences run on across cues.  Where the speaker changes, the
    break becomes a blank line, so each turn is a paragraph of its own.  The lines before the
    first cue (a "WEBVTT" header, a title) are left as they are.
    """
    out: list[str] = []
    speaker: str | None = None
    gap: list[str] = []  # the lines since the last line of speech
    started = False
    for line in text.splitlines(keepends=True):
        if CUE_TIMING.match(line):
            started = True
        if not started:
            out.append(line)
            continue
        if CUE_TIMING.match(line) or CUE_NUMBER.match(line) or not line.strip():
            gap.append(line)
            continue
        voice = VOICE_TAG.search(line)
        turn = voice.group(1).strip() if voice and voice.group(1) else speaker
        out.append(_gap(gap, new_turn=speaker is not None and turn != speaker))
        gap = []
        speaker = turn
        out.append(VOICE_TAG.sub(_blank, line.rstrip("\r\n")))
        gap.append(line[len(line.rstrip("\r\n")) :])  # the line's own break joins the gap
    out.append(_gap(gap, new_turn=False))
    return "".join(out)


def _gap(lines: list[str], *, new_turn: bool) -> str:
    """The lines between two lines of speech, blanked: a space run, or a paragraph break when
    a new speaker takes the turn."""
    length = sum(len(line) for line in lines)
    if new_turn and length >= 2:
        return "\n\n" + " " * (length - 2)
    return " " * length


def _blank_time_codes(text: str) -> str:
    """Blank the time codes that open lines of speech ("00:12Good morning" reads "Good
    morning"), so that no word is glued to a number."""
    return SPEECH_TIME_CODE.sub(_blank, text)


# a page's metadata line: "Published: Oct 12, 2025 11:17 PM", "Updated 10 March 2025",
# "Posted on February 4, 2025"; it stands on its own line, never the end of a wrapped headline
METADATA_LINE = re.compile(
    r"[ \t]*(?:published|updated|last updated|posted|first published|date published)"
    r"(?:[ \t]+(?:on|at))?[ \t]*:?[ \t]*"
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)


def opens_metadata_line(text: str, position: int) -> bool:
    """Whether the line starting at ``position`` is a page's publication-date line."""
    return METADATA_LINE.match(text, position) is not None


def is_title_line(text: str, newline: int) -> bool:
    """Whether the line that ends at ``newline`` is the page's first line, its title: a
    title ends without punctuation, like a hard-wrapped line, but the paragraph under it
    starts a new block ("China expands rare earths export controls ahead of talks\\nChina
    produces ...")."""
    return not text[: text.rfind("\n", 0, newline) + 1].strip()


# the run-in label of a paragraph or bullet: "• Continuation of Discussions: The order ...",
# "Recent Developments from Busan: The tariff cut ..."; two to seven words, capitalised first
LABEL_WORD = r"(?:[A-Z][\w’'&-]*|of|the|and|in|to|for|from|on|with|a)"
RUN_IN_LABEL = re.compile(
    rf"(?m)^([ \t]*(?:[•\-*·][ \t]*)?)"
    rf"([A-Z][\w’'&-]*(?:[ \t]+{LABEL_WORD}){{1,6}}:)(?=[ \t]+[A-Z“\"])"
)
# a label that names who speaks or acts ("China MOFCOM:", "TREASURY SECRETARY SCOTT BESSENT:")
# or a slot ("Effective Date:") is read with its text
SLOT_LABEL = re.compile(
    r"\b(?:effective|date|deadline|duration|period|rate|tariff|products?)\b", re.I
)


def blank_run_in_labels(text: str, names_an_actor: Callable[[str], bool]) -> str:
    """Blank the run-in labels of paragraphs and bullets that name no actor and no slot: a
    label is a heading set in the paragraph ("Continuation of Discussions:"), and its words
    are no part of the sentence after it."""

    def blank(match: re.Match[str]) -> str:
        label = match.group(2)
        if label.isupper() or names_an_actor(label) or SLOT_LABEL.search(label):
            return match.group()  # capitals mark a kicker, a speaker or a teaser ("ALSO READ:")
        if match.group(1) or match.start() == 0:
            return match.group(1) + " " * len(label)
        return "\n" + " " * (len(label) - 1)  # a line break: the paragraph stays its own block

    return RUN_IN_LABEL.sub(blank, text)
