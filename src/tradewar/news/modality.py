"""Modality: whether an event is actual, future, expected, threatened, conditional,
reported or background, from cue words of its clause and sentence and its date.

A date more than 20 days before the dateline (or an earlier month) makes an act background;
an act recalled in a reduced relative clause ("tariffs imposed in March will stay") is
background too.
"""

from __future__ import annotations

import re
from datetime import date

from tradewar.news.dates import is_future
from tradewar.news.grammar import MODALITY_CUES
from tradewar.news.slots import days_before
from tradewar.news.triggers import Trigger


def modality_for(clause: str, sentence: str, event_date: str | None, dateline: date | None) -> str:
    """The modality of an event from cue words in its clause (and sentence)."""
    for modality, pattern in MODALITY_CUES:
        scope = sentence if modality in {"reported", "conditional", "expected"} else clause
        if pattern.search(scope):
            if modality == "background" and is_future(clause):
                continue
            return modality
    if (
        event_date
        and dateline
        and event_date
        < (dateline.isoformat()[:7] if len(event_date) == 7 else days_before(dateline, 20))
    ):
        return "background"
    return "actual"


RELATIVE_RECALL = re.compile(  # "tariffs imposed in March will stay": a reduced relative clause
    r"^\W*(?:[\w’'%-]+\s+){0,3}?(?:that|which)?\s*(?:imposed|introduced|announced|levied|placed|"
    r"adopted|unveiled|issued)\s+(?:in|on|last|earlier|since|during|by|under|after)\b",
    re.I,
)
AUXILIARY = re.compile(r"\b(?:was|were|is|are|be|been|being|has|have|had|will|would)\s*$", re.I)


def recalled_in_relative(clause: str, trigger: Trigger) -> bool:
    """Whether the trigger's act is only recalled in a reduced relative clause ("tariffs
    imposed in March will stay", "controls announced on Oct. 9, including ..."): a past
    participle right after the trigger with no auxiliary, and a finite verb after it."""
    after = clause[trigger.end :]
    match = RELATIVE_RECALL.match(after)
    if match is None or AUXILIARY.search(after[: match.start()] + " "):
        return False
    rest = after[match.end() :]
    return bool(re.search(r"\b(?:will|would|is|are|was|were|has|have|remain\w*|stay\w*)\b", rest))
