"""Earlier deals and measures recalled by a noun and its date.

Articles of the genre recall the deals that set today's tariffs by a noun and its date: "the
agreement reached in Geneva in May", "an agreement in May that suspended ...", "the October
2025 trade agreement", "the Geneva Joint Statement from May 12, 2025".  They recall a
party's measures the same way: "Beijing's April restrictions on rare earth exports", "China's
October 9 export controls".  No verb governs the recalled act, so the triggers read none;
the labelling guide (rule 3) labels such a recall with ``modality: background`` because it
carries a date.  A deal or measure named without a date ("implementing the Geneva
consensus") stays a bare reference.
"""

from __future__ import annotations

import re
from datetime import date

from tradewar.news.dates import DateMention, find_dates
from tradewar.news.grammar import COUNTERPART
from tradewar.news.schema import Event
from tradewar.news.sentences import Sentence

DEAL_NOUN = re.compile(
    r"\b(?:agreement|accord|deal|truce|pact|consensus|joint statement|arrangement)s?\b",
    re.IGNORECASE,
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


# a party's measure named by its date: "Beijing's April restrictions on rare earth exports",
# "China's October 9 export controls", "Washington's February tariffs"
OWNER_BEFORE_DATE = re.compile(r"['’]s?\s*")  # (a month's match may begin at its space)
MEASURE_AFTER_DATE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?P<noun>restrictions|controls|curbs|bans?|tariffs|duties|levies)\b",
    re.IGNORECASE,
)
TARIFF_NOUNS = frozenset({"tariffs", "duties", "levies"})
EXPORT_WORDS = re.compile(r"\bexport|licen[cs]|rare earth|gallium|germanium|chips?\b", re.I)


def dated_measure_recalls(
    sentence: Sentence, events: list[Event], article_id: str, dateline: date | None
) -> list[Event]:
    """A party's earlier measure that a sentence names by its date ("Beijing's April
    restrictions on rare earth exports have hit carmakers"), as a background imposition by
    that party (none when the sentence already tells that party's imposition)."""
    text = sentence.text
    found: list[Event] = []
    for mention in find_dates(text, dateline):
        if not mention.value or not _before_dateline(mention.value, dateline):
            continue
        owner = next(
            (
                m
                for m in sentence.mentions
                if m.end <= mention.start
                and OWNER_BEFORE_DATE.fullmatch(text[m.end : mention.start])
            ),
            None,
        )
        measure = MEASURE_AFTER_DATE.match(text[mention.end :])
        if owner is None or measure is None:
            continue
        tariff = measure.group("noun").lower() in TARIFF_NOUNS
        if not tariff and not EXPORT_WORDS.search(text[mention.end :]):
            continue  # "China's 2023 visa restrictions" are no export control
        action = "impose_tariff" if tariff else "impose_export_control"
        if any(e.action == action and e.actor == owner.code for e in [*events, *found]):
            continue
        found.append(
            Event(
                article_id=article_id,
                actor=owner.code,
                action=action,
                target=COUNTERPART.get(owner.code),
                target_inferred=True,
                event_date=mention.value,
                date_text=mention.text.strip(),
                modality="background",
                evidence=text,
                evidence_span=(sentence.start, sentence.start + len(text)),
            )
        )
    return found
