"""Earlier deals recalled by their date ("That accord, reached in Geneva in May, ...").

Articles of the genre recall the deals that set today's tariffs by a noun and its date: "the
agreement reached in Geneva in May", "an agreement in May that suspended ...", "the October
2025 trade agreement", "the Geneva Joint Statement from May 12, 2025".  No verb of agreeing
governs the sentence, so the triggers read no act; the labelling guide (rule 3) labels such
a recall as a ``reach_agreement`` with ``modality: background`` because it carries a date.
A deal named without a date ("implementing the Geneva consensus") stays a bare reference.
"""

from __future__ import annotations

import re
from datetime import date

from tradewar.news.dates import DateMention, find_dates
from tradewar.news.schema import Event
from tradewar.news.sentences import Sentence

DEAL_NOUN = re.compile(
    r"\b(?:agreement|accord|deal|truce|pact|consensus|joint statement)s?\b", re.IGNORECASE
)
# what may stand between a deal noun and its date: "reached in Geneva in May", ", struck at
# Busan on October 30", " of May 12", " from May 12, 2025", " last month" (the date itself
# follows, or "last" is part of it)
NOUN_TO_DATE = re.compile(
    r"^(?:\s*,)?\s+(?:(?:reached|struck|agreed|signed|sealed|brokered|announced|concluded|"
    r"made|secured)\s+)?(?:(?:in|at)\s+(?-i:[A-Z])[\w-]+(?:,?\s+(?-i:[A-Z])[\w-]+)?\s+)?"
    r"(?:(?:in|on|of|from|dated)\s*)?$",
    re.IGNORECASE,
)
# a date written before the deal: "the October 2025 trade agreement", "the May 12 Geneva deal"
DATE_TO_NOUN = re.compile(r"^,?\s+(?:(?:[\w-]+|U\.S\.)\s+){0,2}$")
NOT_RECALLED = re.compile(  # a deal still to come or only wished for
    r"\b(?:no|any|new|future|possible|potential|next|eventual|hoped-for)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
JOINT_PARTIES = ("USA", "CHN")  # the genre's two sides when the sentence names no pair


def dated_deal_recalls(
    sentence: Sentence, events: list[Event], article_id: str, dateline: date | None
) -> list[Event]:
    """The earlier deals a sentence recalls with a date of their own, as background
    ``reach_agreement`` events (none when the sentence already tells an agreement)."""
    if any(e.action == "reach_agreement" for e in events) or not DEAL_NOUN.search(sentence.text):
        return []
    text = sentence.text
    for mention in find_dates(text, dateline):
        if mention.role not in {"event", "since"} or not mention.value:
            continue
        if not _before_dateline(mention.value, dateline):
            continue
        if _dates_a_deal(text, mention):
            return [_recalled_deal(sentence, mention, article_id)]
    return []


def _dates_a_deal(text: str, mention: DateMention) -> bool:
    """Whether the date is a deal noun's own: right after it ("the deal reached in Geneva in
    May") or right before it ("the October 2025 trade agreement")."""
    for noun in DEAL_NOUN.finditer(text[: mention.start]):
        between = text[noun.end() : mention.start]
        if NOUN_TO_DATE.match(between) and not NOT_RECALLED.search(text[: noun.start()]):
            return True
    following = DEAL_NOUN.search(text, mention.end)
    return bool(
        following
        and DATE_TO_NOUN.match(text[mention.end : following.start()])
        and not NOT_RECALLED.search(text[: mention.start])
    )


def _before_dateline(value: str, dateline: date | None) -> bool:
    """A recall is of a day (or month, or year) before the article's; without a dateline
    every stated date may be."""
    if dateline is None:
        return True
    return value < dateline.isoformat()[: len(value)]


def _recalled_deal(sentence: Sentence, mention: DateMention, article_id: str) -> Event:
    named = list(dict.fromkeys(m.code for m in sentence.mentions if len(m.code) == 3))
    first, second = sorted(named) if len(named) == 2 else JOINT_PARTIES
    return Event(
        article_id=article_id,
        actor=f"{min(first, second)}+{max(first, second)}",
        action="reach_agreement",
        target=None,
        event_date=mention.value,
        date_text=mention.text.strip(),
        modality="background",
        evidence=sentence.text,
        evidence_span=(sentence.start, sentence.start + len(sentence.text)),
    )
