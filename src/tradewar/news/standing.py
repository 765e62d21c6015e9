"""Standing levels: who bears a tariff that a sentence only says exists.

Explainers and wire stories state the levels in force from the side of the party that bears
them: "tariffs China currently faces", "goods from China facing an additional 10 percent
tariff".  The guide (docs/news-labelling.md) labels the act behind such a level with the
imposing party as actor and the party that *faces* the tariff as target; the trigger rules,
which read the subject of the clause as the actor, get the sides the wrong way round.  The
rules here run on the events of one sentence, after they are built.
"""

from __future__ import annotations

import re

from tradewar.news.frames import parse
from tradewar.news.schema import Event
from tradewar.news.sentences import Mention, Sentence

TARIFF_ACTS = frozenset({"impose_tariff", "raise_tariff"})
# what may stand between the facing party and the verb: the goods of the party ("China's
# exports", "goods from China" name it before), an adverb, a modal
FACING_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+(?:goods|imports|exports|products|companies|firms|shipments))?"
    r"(?:\s+(?:currently|also|now|still|already|would|could|will|may|might|must|could\s+soon))*"
    r"\s+fac(?:e|es|ed|ing)\b",
    re.I,
)


def facing_verb_end(mention: Mention, sentence: Sentence) -> int | None:
    """Where the verb "face" ends when the mention is its subject ("China currently faces"),
    else None."""
    match = FACING_AFTER.match(sentence.text[mention.end :])
    return mention.end + match.end() if match else None


def rate_after(event: Event, text: str, start: int) -> bool:
    """Whether the event's rate is written after ``start`` ("faces ... a 20% tariff")."""
    rate = event.rate_to if event.rate_to is not None else event.rate_change
    if rate is None:
        return False
    number = f"{rate:g}"
    return bool(re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text[start:]))


def facing_party(event: Event, sentence: Sentence) -> str | None:
    """The party that the sentence says faces the event's tariff, when the tariff's rate is
    told after the verb; None otherwise."""
    if event.action not in TARIFF_ACTS:
        return None
    for mention in sentence.mentions:
        end = facing_verb_end(mention, sentence)
        if end is not None and rate_after(event, sentence.text, end):
            return mention.code
    return None


def put_facing_party_as_target(events: list[Event], sentence: Sentence) -> None:
    """The party that faces a tariff is its target ("other tariffs China currently faces,
    including ... a 20% tariff": the US imposed it on China).  A party read as the actor
    changes places with the target (or, with none, with the other party the sentence names);
    another target gives way to the facing party."""
    for event in events:
        party = facing_party(event, sentence)
        if party is None or party == event.target:
            continue
        if party == event.actor:
            other = event.target or _other_party(party, sentence)
            if other is None:
                continue
            event.actor, event.target = other, party
        else:
            event.target = party
        event.target_inferred = False


def _other_party(party: str, sentence: Sentence) -> str | None:
    """The one party other than ``party`` that the sentence names, if there is one."""
    others = {mention.code for mention in sentence.mentions if mention.code != party}
    return others.pop() if len(others) == 1 else None


# a statistic over many tariffs: "the (trade-weighted) average tariff rate", "average tariffs
# on its goods", "the overall US tariff rate", "total US tariffs ... as high as 145%", "the
# total new levies": its numbers measure the stack (the guide's "part of a total"), no one act
AVERAGE_LEVEL = re.compile(
    r"\b(?:average|trade-weighted|weighted|total|overall|cumulative|combined)\s+(?:[\w-]+\s+){0,2}?(?:tariffs?|dut(?:y|ies)|rates?|levy|levies)\b"
    r"[^.;%]{0,60}?(?:\d+(?:\.\d+)?\s*(?:%|percent|per\s?cent)[^.;%\d]{0,12}){1,2}",
    re.I,
)
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent|per\s?cent)", re.I)


def average_only(event: Event, sentence: Sentence) -> bool:
    """Whether a tariff event's numbers are only those of an average or a total over the stack
    ("average tariffs on its goods would drop from 57% to 47%", "pushing total US tariffs on
    Chinese goods as high as 145%"): a statistic, not an act.  A rate-less event counts when
    every percentage of the sentence belongs to an average or a total."""
    if "tariff" not in event.action:
        return False
    spans = [m.span() for m in AVERAGE_LEVEL.finditer(sentence.text)]
    if not spans:
        return False
    inside = {float(m.group(1)) for a, b in spans for m in PERCENT.finditer(sentence.text[a:b])}
    outside = {
        float(m.group(1))
        for m in PERCENT.finditer(sentence.text)
        if not any(a <= m.start() < b for a, b in spans)
    }
    rates = {r for r in (event.rate_to, event.rate_from) if r is not None}
    if rates:
        return rates <= inside and not rates & outside
    return event.rate_change is None and not outside


def drop_statistics(events: list[Event], sentence: Sentence) -> list[Event]:
    """The events of a sentence less those whose numbers only describe an average or total."""
    return [event for event in events if not average_only(event, sentence)]


# a level said to stand: "will remain in place", "remain unaffected", "will continue to be
# exempt", "stays in force"
REMAINS = re.compile(
    r"\b(?:remain|remains|remained|remaining|stay|stays|stayed|continues? to be|will still be)\s+"
    r"(?:\w+\s+){0,2}?(?:in place|in effect|in force|unaffected|unchanged|exempt(?:ed)?|intact|"
    r"untouched)\b"
    # ... or still applies: "a default 10 percent duty continues to apply"
    r"|\b(?:continues? to|will continue to|still)\s+appl(?:y|ies)\b",
    re.I,
)
DISCOURSE_LEAD = re.compile(
    r"^(?:however|but|meanwhile|still|instead|(?:this|that|it) means(?: that)?|at the same time|"
    r"in addition|additionally|as a result|for now|also|by contrast|in contrast)\b,?\s*",
    re.I,
)
# a verb by which the sentence recalls the act behind the level ("imposed in response to
# ..."): the guide labels such a recall (background)
RECALLED_ACT = re.compile(
    r"\b(?:imposed|announced|levied|introduced|adopted|raised|cut|reduced|lowered|suspended|"
    r"lifted|added|signed|issued|agreed)\b",
    re.I,
)
LEVEL_ACTS = frozenset({"impose_tariff", "raise_tariff", "cut_tariff", "impose_export_control"})


def standing_level(sentence: Sentence) -> bool:
    """Whether the sentence only says that a level stands ("The remaining 10 percent tariff
    will remain in place for now."; "However, existing Section 301 tariffs ... remain
    unaffected."): its main clause is the level and a verb of remaining, with no recall of
    the act behind it and nothing after the clause but adverbials.  The guide (a level "only
    said to exist, remain, be unaffected") labels no event."""
    parts = STANDING_JOIN.split(sentence.text)
    if len(parts) > 1:  # "Key US tariffs remain in place, and a 10 percent duty continues
        # to apply"; "the universal tariff of 10% stays in place, as do the 25% tariffs"
        return all(_standing_clause(part) or ELLIPTIC_SAME.match(part) for part in parts)
    return _standing_clause(sentence.text)


# clauses joined after a standing level: a second level said to remain, or the same verb left
# out ("as do the separate 25% tariffs on steel")
STANDING_JOIN = re.compile(r",\s+(?=and\s|as\s+(?:do|does|did)\s)", re.I)
ELLIPTIC_SAME = re.compile(r"^as\s+(?:do|does|did)\s", re.I)


def _standing_clause(text: str) -> bool:
    """A clause whose main verb says a level remains (see :func:`standing_level`)."""
    match = REMAINS.search(text)
    if match is None:
        return False
    subject = DISCOURSE_LEAD.sub("", text[: match.start()].strip())
    subject = re.sub(r"^and\s+", "", subject, flags=re.I)
    rest = text[match.end() :]
    return (
        "," not in subject
        and not RECALLED_ACT.search(subject)
        and "," not in rest
        and ";" not in rest
    )


# the transitive form of remaining: a party keeps, maintains or retains a level ("Washington
# kept its 20% fentanyl tariff", "The US will maintain the 10% baseline tariff")
KEEPING_LEMMAS = frozenset({"keep", "maintain", "retain", "leave"})
KEEPING_WORDS = re.compile(r"\b(?:kept|keep|maintain|retain|left|leave|continue to enforce)", re.I)


def kept_level(sentence: Sentence) -> bool:
    """Whether the sentence only says a party keeps a level: its main verb is one of keeping
    and nothing in it cuts, pauses or extends ("Washington kept its 20% fentanyl tariff"; not
    "suspended 24 points while maintaining 10%", a pause that keeps part of the level)."""
    text = sentence.text
    if not KEEPING_WORDS.search(text) or CUT_OR_PAUSE.search(text) or KEPT_WITH_A_DEAL.search(text):
        return False
    root = next((t for t in parse(text) if t.dep_ == "ROOT"), None)
    if root is not None and root.lemma_.lower() == "continue":  # "will continue to enforce a
        # previously implemented 20% tariff": the level it goes on applying is kept
        root = next(
            (c for c in root.children if c.dep_ == "xcomp" and c.lemma_.lower() in GOING_ON),
            root,
        )
    return (
        root is not None
        and root.lemma_.lower() in KEEPING_LEMMAS | GOING_ON
        and any(c.dep_ == "nsubj" for c in (root, root.head)[root.dep_ == "xcomp"].children)
        and any(c.dep_ == "dobj" for c in root.children)
    )


GOING_ON = frozenset({"enforce", "apply", "collect"})  # what a party continues to do to a level


# a level kept under a deal or an extension is part of that act ("keeping the 10% under the
# truce"), which the other rules read
KEPT_WITH_A_DEAL = re.compile(r"\b(?:extend\w*|truce|deal|agreement)\b", re.I)


def drop_standing_levels(events: list[Event], sentence: Sentence) -> list[Event]:
    """The events of a sentence less the measures it only says remain or are kept."""
    if kept_level(sentence):
        return [e for e in events if e.action not in LEVEL_ACTS | {"suspend_tariff"}]
    if not standing_level(sentence):
        return events
    return [event for event in events if event.action not in LEVEL_ACTS]


# an exemption or exclusion from a tariff: out of the guide's vocabulary ("tariff
# exclusions"), and no cut of the tariff it leaves standing
EXEMPTION = re.compile(r"\b(?:exempt\w*|exclusions?|carve-?outs?)\b", re.I)
# the words by which a sentence does cut or pause a tariff as well
CUT_OR_PAUSE = re.compile(
    r"\b(?:cut\w*|reduc\w*|lower\w*|slash\w*|halv\w*|suspend\w*|suspension|paus\w*|lift\w*|"
    r"remov\w*|eliminat\w*|scrap\w*|drop\w*|roll\w* back|end\w*|terminat\w*|cancel\w*|waiv\w*)\b",
    re.I,
)


def exemption_only(event: Event, sentence: Sentence) -> bool:
    """Whether a cut or pause of a tariff is told only as an exemption from it ("China
    exempted tariffs on pharmaceuticals", "Trump has previously exempted metals from
    country-specific tariffs"): the guide leaves tariff exclusions out of its vocabulary."""
    return (
        event.action in {"cut_tariff", "suspend_tariff"}
        and bool(EXEMPTION.search(sentence.text))
        and not CUT_OR_PAUSE.search(sentence.text)
    )


def drop_exemptions(events: list[Event], sentence: Sentence) -> list[Event]:
    """The events of a sentence less the cuts it tells only as exemptions."""
    return [event for event in events if not exemption_only(event, sentence)]
