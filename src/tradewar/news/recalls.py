"""Earlier acts that a sentence recalls while it tells another act (thirteenth round).

The labelling guide labels a recalled act (``modality: background``) when the sentence
recalls the act itself ("imposed", "levied under ...") and the act carries a rate, product,
duration or date.  :mod:`tradewar.news.events` reads the recalls that carry a date of their
own ("the tariffs imposed in March will be lifted"); the rules here read those that carry
only the old rate.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tradewar.news.dates import find_dates
from tradewar.news.frames import parse
from tradewar.news.schema import Event

# changes of a tariff whose old level may be recalled as imposed earlier
TARIFF_CHANGES = frozenset({"cut_tariff", "suspend_tariff", "raise_tariff"})
# verbs of setting a tariff up ("the 20% tariff imposed on ...", "the duties it levied")
IMPOSING = frozenset({"impose", "levy", "introduce", "place", "slap"})
# adverbs that put an imposing participle in the past ("originally imposed over ...")
EARLIER = frozenset({"previously", "originally", "initially", "first", "already", "earlier"})


def rated_recall(clause: str, events: list[Event], dateline: date | None) -> list[Event]:
    """A tariff change whose tariff the clause recalls as imposed earlier, with its old
    level ("will reduce his 20% tariff hike to 10%, originally imposed over ...", "the
    previously imposed 20% tariff will be lowered to 10%", "will cut the 30% tariff it
    imposed on steel to 15%"): the imposition is a background event at the old level, dated
    only by a date inside the recalling phrase.  Recalls that already gave an imposition
    (a dated relative clause) are not told twice."""
    changes = [e for e in events if e.action in TARIFF_CHANGES and e.rate_from is not None]
    if not changes or not any(word in clause.lower() for word in ("impos", "levi", "introduc")):
        return []
    phrase = _imposing_phrase(clause)
    if phrase is None:
        return []
    start, end = phrase
    values = [m.value for m in find_dates(clause[start:end], dateline) if m.value]
    told = {(e.actor, e.target) for e in events if e.action == "impose_tariff"}
    recalled: dict[tuple[str | None, str | None], Event] = {}
    for event in changes:
        if (event.actor, event.target) in told:
            continue
        recalled.setdefault(
            (event.actor, event.target),
            recalled_imposition(event, values[0] if values else None),
        )
    return list(recalled.values())


def recalled_imposition(
    change: Event, event_date: str | None, date_text: str | None = None
) -> Event:
    """The earlier imposition a tariff change recalls: a background ``impose_tariff`` of the
    same parties and goods at the change's old level (``rate_from``), dated ``event_date``
    (told by ``date_text``); the change's effective date, end and length are not the
    imposition's."""
    return change.model_copy(
        update={
            "action": "impose_tariff",
            "rate_from": None,
            "rate_to": change.rate_from,
            "rate_change": None,
            "event_date": event_date,
            "date_text": date_text,
            "effective_date": None,
            "end_date": None,
            "duration": None,
            "duration_text": None,
            "modality": "background",
        }
    )


def _imposing_phrase(clause: str) -> tuple[int, int] | None:
    """The span of a participle or relative clause of imposing, put in the past by an
    adverb of its own, that recalls a tariff's start ("originally imposed over ...", "the
    previously imposed 20% tariff", "the 20 percent he imposed earlier this year").  A bare
    participle ("tariffs imposed on Chinese imports will be cut") names the tariff changed,
    not an earlier act, and the guide does not label it apart."""
    for token in parse(clause):
        if token.lemma_.lower() not in IMPOSING or token.tag_ not in {"VBN", "VBD"}:
            continue
        if token.dep_ not in {"acl", "relcl", "amod", "advcl"}:
            continue
        if token.dep_ == "amod":  # "the previously imposed 20% tariff"
            start, end = token.left_edge.idx, token.idx + len(token.text)
        else:
            start, end = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
        if EARLIER & {word.lower() for word in clause[start:end].split()}:
            return start, end
    return None


# a measure's taking effect, said of it in a relative clause: "that went into effect in April",
# "that became effective on April 9, 2025", "which had been in effect since September 29"
TOOK_EFFECT_WORDS = (
    r"(?:(?:went|gone|come|came)\s+into\s+(?:effect|force)|(?:took|taken)\s+effect|"
    r"became\s+effective|been\s+in\s+(?:effect|force))"
)
TOOK_EFFECT = re.compile(r"^" + TOOK_EFFECT_WORDS + r"\b", re.I)
EFFECT_VERBS = frozenset({"go", "come", "take", "become", "be"})


def took_effect(token: Any) -> bool:
    """Whether a verb says that a measure took effect ("went into effect", "became
    effective", "had been in effect since"): its start, as "imposed" is."""
    if token.lemma_.lower() not in EFFECT_VERBS:
        return False
    return bool(TOOK_EFFECT.match(token.doc.text[token.idx : token.idx + 40]))
