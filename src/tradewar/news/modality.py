"""Modality: whether an event is actual, future, expected, threatened, conditional,
reported or background, from the syntax of its trigger and the article's date.

The trigger word is found in the dependency parse of its sentence; its own verb and the
verbs that govern it (up to the root) give the cues (:class:`ModalityCues`):

* tense and aspect of the trigger's verb: past perfect ("had increased"), perfect, past,
  present, an infinitive, a modal auxiliary (will, would, could, may, ...);
* the governing verbs' lemmas: threaten / warn / vow (threatened), expect / likely / poised
  (expected), plan / set / schedule / prepare (future), say / announce / claim (reporting);
* subordinators and prepositions on the path: "if", "unless", "provided that" (conditional);
  "after", "following", "since", or a verb "follow" / "come after" whose object the act is
  (an earlier act recalled as context);
* recall adverbs of the act's clause ("earlier", "previously", "initially", "last month",
  "earlier this year") and attribution of the sentence ("according to a report",
  "reportedly", "people familiar");
* the act's dates against the article's date (dateline): an event date four days or more
  before it makes a finished act background (in the labelled articles every act 4-30 days
  old was background, every act 1-3 days old was news), an earlier month too, and a month
  named without a day ("Beijing in October announced ...") where there is no dateline to
  compare with; an effective date after the dateline is a schedule (future).

The article's dates are settled only after every sentence is read (an undated act may get
the dateline), so the pipeline gives each event a provisional cue-word modality while it
merges mentions and settles dates (:func:`provisional_modality`), and
:func:`settle_modalities` decides the final one from the cues and the final dates.

:func:`decide` turns the cues into a modality with ordered rules; the learned model
(:mod:`tradewar.news.learned`) uses the same cues and the rules' answer as features.
Only closed-class words and verb lemmas are used, never an article's strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date
from itertools import pairwise
from typing import Any

from tradewar.news.dateline import MonthDateline
from tradewar.news.dates import is_future
from tradewar.news.frames import parse, prefetch
from tradewar.news.grammar import MODALITY_CUES
from tradewar.news.schema import Event
from tradewar.news.slots import DateSlots, days_before
from tradewar.news.triggers import Trigger

BACKGROUND_AFTER_DAYS = 4  # an act at least this many days before the dateline is recalled
MAX_CLIMB = 12
# dependencies of a base-form verb that another verb governs ("help cut", "let ... lift")
GOVERNED_VERB = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "aux"})
# tenses that do not recount a finished act: a date days before the dateline in their
# sentence belongs to another clause ("has been in force since May 2", "plans to ...")
NOT_PAST_TENSES = frozenset({"present", "perfect", "infinitive"})
FINISHED_TENSES = frozenset({"past", "past_perfect", "perfect"})

MODALS_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
MODALS_WOULD = frozenset({"would", "'d"})
MODALS_POSSIBLE = frozenset({"could", "may", "might", "can", "should", "must"})
THREAT_LEMMAS = frozenset({"threaten", "threat", "warn", "warning", "vow", "ultimatum"})
EXPECT_LEMMAS = frozenset({"expect", "likely", "poised", "anticipate", "unlikely"})
PLAN_LEMMAS = frozenset(
    {"plan", "schedule", "set", "prepare", "intend", "consider", "due", "slate"}
)
PROMISE_LEMMAS = frozenset({"promise", "pledge", "commit", "vow"})
SAY_LEMMAS = frozenset(
    {"say", "announce", "state", "tell", "add", "write", "declare", "confirm", "claim", "report"}
)
CLAIM_LEMMAS = frozenset({"claim", "allege", "report", "rumor", "rumour"})
RECALL_PREPOSITIONS = frozenset({"after", "following", "since", "despite", "amid"})
RECALL_VERBS = frozenset({"follow", "come"})  # "this follows talks", "comes after talks"
CONDITION_MARKERS = frozenset({"if", "unless"})
RECALL_MODIFIERS = frozenset({"existing", "previous", "former", "earlier"})  # "the existing tariff"
RECALL_ADVERBS = frozenset(
    {"earlier", "previously", "initially", "originally", "formerly", "once", "already"}
)
# phrases of the sentence (closed class: attribution and relative time)
REPORTED = re.compile(
    r"\b(?:according to (?:a |the )?(?:reports?|people|sources|media|news)|reportedly|"
    r"people (?:familiar|briefed|close)|sources (?:said|say|told|familiar)|reports? (?:by|in)"
    r"|(?:is|are|was|were) said to)\b",
    re.I,
)
EXPECTATION = re.compile(r"\b(?:expect\w*|likely|poised)\b", re.I)
CONDITION = re.compile(r"\b(?:provided that|on (?:the )?condition|as long as|so long as)\b", re.I)
RECALL_TIME = re.compile(
    r"\b(?:earlier (?:this|that|in the) (?:year|month|week|spring|summer)|"
    r"last (?:year|month|spring|summer|autumn|fall|winter)|in the past|at one point|"
    r"(?:a|one|two|three|several) (?:years?|months?) (?:ago|earlier)|"
    r"then|first (?:brokered|reached|struck|agreed|announced|"
    r"imposed|introduced))\b",
    re.I,
)
MONTH_NAMED = re.compile(  # "in October", "since early May": a month without a day
    r"\b(?:in|since|during) (?:early |mid-?|late )?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b(?! \d)"
)
# a bullet's heading ("• Rare Earths & Critical Minerals: Eliminate ..."), which the parser
# would take for the subject of the item's verb
HEADING_LABEL = re.compile(r"^\W*(?:(?:(?-i:[A-Z])[\w’'-]*|\d+)\s*(?:[&,]\s*)?){1,6}:\s+")
FUTURE_TIME = re.compile(
    r"\b(?:next (?:year|month|week)|starting (?:from |on )?|from (?:next|tomorrow)|"
    r"(?:to|will) take effect|takes? effect (?:on|from)|come into (?:force|effect))\b",
    re.I,
)


@dataclass(frozen=True)
class ModalityCues:
    """What the syntax and dates say about one trigger's act.

    ``tense`` is one of past_perfect, perfect, past, present, modal, infinitive, gerund,
    participle or none (no verb governs the trigger); ``date_relation`` is none, same
    (the dateline's day), recent (1-3 days before), before (4 days or more), month_before
    (an earlier month at month precision), after (a later date) or defaulted (the clause
    named no date and the article's date was given to the event later).
    """

    tense: str = "none"
    modal: str | None = None
    governors: frozenset[str] = field(default_factory=frozenset)
    markers: frozenset[str] = field(default_factory=frozenset)
    said_past: bool = False
    recall_adverb: bool = False
    recall_time: bool = False
    month_named: bool = False
    recall_clause: bool = False
    relative_recall: bool = False
    reported: bool = False
    expectation: bool = False
    condition: bool = False
    planned: bool = False
    future_time: bool = False
    date_relation: str = "none"
    effective_after: bool = False
    subordinate: bool = False
    noun_trigger: bool = False

    def flags(self) -> tuple[str, ...]:
        """The names of the yes/no cues that are set (``recall_adverb``, ``condition`` ...)."""
        return tuple(
            cue.name for cue in fields(self) if cue.type == "bool" and getattr(self, cue.name)
        )

    def features(self) -> dict[str, float]:
        """The cues as a feature dict for the learned model."""
        found: dict[str, float] = {
            f"tense={self.tense}": 1.0,
            f"modal={self.modal or 'none'}": 1.0,
            f"date={self.date_relation}": 1.0,
            f"tense_date={self.tense}|{self.date_relation}": 1.0,
        }
        for name in self.flags():
            found[f"cue={name}"] = 1.0
        for lemma in self.governors:
            found[f"gov={lemma}"] = 1.0
        for marker in self.markers:
            found[f"mark={marker}"] = 1.0
        return found


def modality_for(
    clause: str,
    sentence: str,
    event_date: str | None,
    dateline: date | None,
    trigger: Trigger | None = None,
    effective_date: str | None = None,
) -> str:
    """The modality of an event from the syntax around its trigger (see :func:`decide`)."""
    dates = DateSlots(event_date=event_date, effective_date=effective_date)
    return decide(cues_for(clause, sentence, dates, dateline, trigger))


def cues_for(
    clause: str,
    sentence: str,
    dates: DateSlots,
    dateline: date | None,
    trigger: Trigger | None = None,
    *,
    recalled: bool = False,
) -> ModalityCues:
    """The modality cues of a trigger (offsets in ``clause``) in its sentence, with the
    event's dates so far; ``recalled`` when the act is recalled in a reduced relative
    clause (:func:`recalled_in_relative`).  Without a trigger the clause's start stands
    for it.
    """
    text, offset = _parse_target(clause, sentence, trigger)
    doc = parse(text)
    token = _token_at(doc, offset)
    chain = _chain(token) if token is not None else []
    verb = _finite_verb(next((t for t in chain if t.pos_ in {"VERB", "AUX"}), None))
    tense, modal = _tense(verb) if verb is not None else ("none", None)
    governors = frozenset(t.lemma_.lower() for t in chain if t is not token)
    if token is not None:
        governors |= {c.lemma_.lower() for c in token.children if c.dep_ == "amod"}
    markers = frozenset(_markers(chain))
    scope = clause if trigger is not None else sentence
    return ModalityCues(
        tense=tense,
        modal=modal,
        governors=governors,
        markers=markers,
        said_past=_said_in_past(chain),
        recall_adverb=_recall_adverb(chain) or bool(governors & RECALL_MODIFIERS),
        recall_time=bool(RECALL_TIME.search(scope)),
        month_named=bool(MONTH_NAMED.search(scope)),
        recall_clause=_recall_clause(chain),
        relative_recall=recalled,
        reported=bool(REPORTED.search(sentence)),
        expectation=bool(EXPECTATION.search(sentence)),
        condition=bool(markers & CONDITION_MARKERS) or bool(CONDITION.search(sentence)),
        planned=_planned(chain),
        future_time=bool(FUTURE_TIME.search(scope)),
        date_relation=date_relation(dates.event_date, dateline),
        effective_after=date_relation(dates.effective_date, dateline) == "after",
        subordinate=any(t.dep_ in {"advcl", "relcl", "acl", "pcomp"} for t in chain),
        noun_trigger=token is not None and token.pos_ in {"NOUN", "PROPN"},
    )


def _parse_target(clause: str, sentence: str, trigger: Trigger | None) -> tuple[str, int]:
    """The text to parse for a trigger and the trigger's offset in it: the sentence, less a
    bullet's heading before the trigger (which the parser would take for a subject)."""
    offset = max(sentence.find(clause), 0) + (trigger.start if trigger is not None else 0)
    label = HEADING_LABEL.match(sentence)
    if label is not None and offset >= label.end():
        return sentence[label.end() :], offset - label.end()
    return sentence, offset


def provisional_modality(
    clause: str, sentence: str, event_date: str | None, dateline: date | None
) -> str:
    """The cue-word modality that steers merging and date settlement while the article is
    read (the first cue of :data:`~tradewar.news.grammar.MODALITY_CUES` in the clause or
    sentence, else background for an event date 20 days or a month before the dateline);
    :func:`settle_modalities` replaces it with :func:`decide`'s once the dates are final."""
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
        < (
            dateline.isoformat()[:7]
            if len(event_date) == 7 or isinstance(dateline, MonthDateline)
            else days_before(dateline, 20)
        )
    ):
        return "background"
    return "actual"


@dataclass(frozen=True)
class PendingModality:
    """What the modality of a trigger's events is decided from once the article's dates are
    settled: the trigger in its clause and sentence, the event date its clause gave, whether
    a reduced relative clause recalls it, and the provisional cue-word modality."""

    clause: str
    sentence: str
    trigger: Trigger | None
    event_date: str | None
    recalled: bool
    provisional: str


def pending_modality(
    clause: str,
    sentence: str,
    dates: DateSlots,
    dateline: date | None,
    trigger: Trigger | None = None,
    *,
    recalled: bool = False,
) -> PendingModality:
    """The provisional modality of a trigger's events and what decides the final one."""
    provisional = (
        "background"
        if recalled
        else provisional_modality(clause, sentence, dates.event_date, dateline)
    )
    return PendingModality(clause, sentence, trigger, dates.event_date, recalled, provisional)


def with_pending(events: list[Event], pending: PendingModality) -> list[Event]:
    """The events, each carrying what its final modality will be decided from."""
    for event in events:
        event._modality_cues = pending
    return events


def cues_of(event: Event) -> ModalityCues | None:
    """The cues an event's modality was decided from (None before
    :func:`settle_modalities`, or for events built otherwise)."""
    cues = event._modality_cues
    return cues if isinstance(cues, ModalityCues) else None


def settle_modalities(events: list[Event], dateline: date | None) -> None:
    """Decide each event's modality from the parse and its final dates (dates found later in
    the article, or settled across sentences, are not known when an event is built).  The
    sentences of the events left after merging are parsed in one batch.  An event whose
    modality a later stage set otherwise than its provisional one (a list item with a later
    effective date, a rate change of a recalled antecedent) keeps it, with its cues."""
    pending = [
        (event, event._modality_cues)
        for event in events
        if isinstance(event._modality_cues, PendingModality)
    ]
    prefetch(_parse_target(p.clause, p.sentence, p.trigger)[0] for _, p in pending)
    for event, source in pending:
        dates = DateSlots(event_date=event.event_date, effective_date=event.effective_date)
        cues = cues_for(
            source.clause, source.sentence, dates, dateline, source.trigger,
            recalled=source.recalled,
        )  # fmt: skip
        if date_relation(source.event_date, dateline) == "none" and cues.date_relation == "same":
            cues = replace(cues, date_relation="defaulted")  # the dateline was given later
        event._modality_cues = cues
        if event.modality == source.provisional:
            event.modality = decide(cues)


def decide(cues: ModalityCues) -> str:
    """The modality the cues give, by ordered rules (first that applies)."""
    governors = cues.governors
    if governors & THREAT_LEMMAS:
        return "threatened"  # "threatened to raise the tariffs to 50% if China did not ..."
    if cues.condition:
        return "conditional"
    if cues.reported or (governors & CLAIM_LEMMAS and cues.modal in MODALS_WOULD):
        return "reported"
    if governors & EXPECT_LEMMAS or (cues.expectation and cues.tense not in FINISHED_TENSES):
        return "expected"  # an expectation word elsewhere does not hedge a finished act
    if cues.modal in MODALS_POSSIBLE - {"can", "should", "must"}:
        return "expected"  # "China could impose controls": a possibility, not an act
    if _recalled(cues):
        return "background"
    if _future(cues):
        return "future"
    return "actual"


def _recalled(cues: ModalityCues) -> bool:
    """An earlier act recalled as context (past perfect outside reported speech, a recall
    adverb or time phrase, an act that a later one follows, or a date well before)."""
    if cues.date_relation in {"same", "recent", "after"}:
        return False
    if cues.recall_clause:
        return True
    if cues.relative_recall:  # "tariffs imposed in March will stay"
        return True
    dated_before = cues.date_relation in {"before", "month_before"}
    if cues.modal in MODALS_WOULD and cues.said_past:
        return dated_before  # "announced on Feb. 1 it would impose": announced days ago
    if cues.modal is not None:
        return False
    if cues.tense == "past_perfect" and not cues.said_past:
        return True
    if cues.recall_adverb or cues.recall_time:
        return True
    if cues.month_named and cues.date_relation == "none":  # no dateline to compare with
        return cues.tense not in NOT_PAST_TENSES  # "Beijing in October announced controls"
    if cues.date_relation == "before":  # a day-precise date: the act's own tense must agree
        return cues.tense not in NOT_PAST_TENSES
    return dated_before


def _future(cues: ModalityCues) -> bool:
    """An act announced for later: will/shall, "would" in reported speech, "plans to",
    "set to", "promised to", or a date after the dateline."""
    if cues.modal in MODALS_FUTURE:
        return True
    if cues.modal in MODALS_WOULD and cues.said_past:
        return True
    if cues.planned or cues.tense == "imperative":
        return True
    if cues.governors & PROMISE_LEMMAS and cues.tense in {"infinitive", "gerund"}:
        return True  # "committed to, among other things, reduce ...", "pledged ending ..."
    if cues.tense in {"past", "past_perfect", "perfect"}:
        return False
    return cues.effective_after or cues.date_relation == "after" or cues.future_time


def date_relation(value: str | None, dateline: date | None) -> str:
    """Where a date (ISO, at day, month or year precision) lies against the dateline."""
    if not value or dateline is None:
        return "none"
    if len(value) == 10 and isinstance(dateline, MonthDateline):
        value = value[:7]  # a dateline known to the month: compare months
    if len(value) == 10:
        days = (dateline - date.fromisoformat(value)).days
        if days < 0:
            return "after"
        if days == 0:
            return "same"
        return "recent" if days < BACKGROUND_AFTER_DAYS else "before"
    own = dateline.isoformat()[: len(value)]
    if value < own:
        return "month_before"
    return "after" if value > own else "same_month"


def _token_at(doc: Any, offset: int) -> Any | None:
    return next((t for t in doc if t.idx <= offset < t.idx + len(t.text) + 1), None)


def _chain(token: Any) -> list[Any]:
    """The token and its heads up to the root."""
    chain = [token]
    while chain[-1].head is not chain[-1] and len(chain) < MAX_CLIMB:
        chain.append(chain[-1].head)
    return chain


def _finite_verb(verb: Any | None) -> Any | None:
    """The verb whose tense a bare gerund complement takes ("will stop exporting", "began
    selling"): its governor's; any other verb is its own."""
    while (
        verb is not None
        and verb.tag_ == "VBG"
        and verb.dep_ == "xcomp"
        and verb.head.i != verb.i
        and verb.head.pos_ in {"VERB", "AUX"}
        and not any(c.dep_ in {"aux", "auxpass", "nsubj"} for c in verb.children)
    ):
        verb = verb.head
    return verb


def _tense(verb: Any) -> tuple[str, str | None]:
    """Tense and aspect of a verb from its tag and auxiliaries, and its modal, if any."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    modal = next((c.lower_ for c in auxiliaries if c.tag_ == "MD"), None)
    if modal is not None:
        return "modal", modal
    words = {c.lower_ for c in auxiliaries}
    if "had" in words or "'d" in words:
        return "past_perfect", None
    if words & {"has", "have", "'ve", "'s"} and verb.tag_ == "VBN":
        return "perfect", None
    if "to" in words:
        return "infinitive", None
    if verb.tag_ == "VB" and verb.dep_ not in GOVERNED_VERB and not _has_subject(verb):
        return "imperative", None  # a commitment or directive: "(i) amend the tariffs ..."
    if words & {"was", "were"} or verb.tag_ == "VBD":
        return "past", None
    if words & {"is", "are", "am", "'re"} or verb.tag_ in {"VBZ", "VBP"}:
        return "present", None
    return {"VBG": "gerund", "VBN": "participle", "VB": "infinitive"}.get(verb.tag_, "none"), None


def _has_subject(verb: Any) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def _planned(chain: list[Any]) -> bool:
    """An infinitive or gerund complement on the path governed by a plan or promise ("plans
    to impose", "is set to take effect", "is considering raising", "has committed to take
    measures, including stopping ...")."""
    return any(
        t.head.lemma_.lower() in PLAN_LEMMAS | PROMISE_LEMMAS
        and (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            or (t.dep_ == "xcomp" and t.tag_ == "VBG")
        )
        for t in chain
    )


def _markers(chain: list[Any]) -> list[str]:
    """Subordinators and prepositions on the path from the trigger to the root, and the
    conditional subordinators of the path's verbs ("if", "unless")."""
    found = [t.lower_ for t in chain if t.dep_ in {"prep", "mark", "agent"}]
    for token in chain:
        for child in token.children:
            if child.dep_ == "mark":
                found.append(child.lower_)
            if child.dep_ == "advcl":
                found.extend(
                    m.lower_
                    for m in child.children
                    if m.dep_ == "mark" and m.lower_ in CONDITION_MARKERS
                )
    return found


def _said_in_past(chain: list[Any]) -> bool:
    """Whether the act is reported speech under a past reporting verb ("said it would",
    "said it had granted"), where tense is shifted back."""
    return any(
        t.lemma_.lower() in SAY_LEMMAS and t.tag_ in {"VBD", "VBN"} and t.dep_ != "amod"
        for t in chain[1:]
    )


def _recall_adverb(chain: list[Any]) -> bool:
    """A recall adverb ("earlier", "previously") modifying a verb of the trigger's path
    below the first reporting verb."""
    for token in chain:
        if any(c.dep_ == "advmod" and c.lower_ in RECALL_ADVERBS for c in token.children):
            return True
        if token.lemma_.lower() in SAY_LEMMAS and token.pos_ == "VERB":
            return False
    return False


def _recall_clause(chain: list[Any]) -> bool:
    """The act is what a later event follows: the object of "after/following/since"
    ("came after talks in Geneva") or of the verb "follow" ("this follows talks ...")."""
    for child, head in pairwise(chain):
        if head.lower_ in RECALL_PREPOSITIONS and head.dep_ in {"prep", "mark"}:
            return True
        if head.lemma_.lower() == "follow" and child.dep_ == "dobj":
            return True
    return any(
        t.dep_ == "advcl"
        and t.tag_ in {"VBD", "VBN"}
        and any(c.dep_ == "mark" and c.lower_ in RECALL_PREPOSITIONS for c in t.children)
        for t in chain
    )


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
    return recalling_relative(clause, trigger) is not None


def recalling_relative(clause: str, trigger: Trigger) -> tuple[int, int] | None:
    """The span in the clause of the reduced relative clause that recalls the trigger's
    measure (:func:`recalled_in_relative`), up to the finite verb after it, or None."""
    after = clause[trigger.end :]
    match = RELATIVE_RECALL.match(after)
    if match is None or AUXILIARY.search(after[: match.start()] + " "):
        return None
    finite = re.search(
        r"\b(?:will|would|shall|is|are|was|were|has|have|remain\w*|stay\w*)\b", after[match.end() :]
    )
    if finite is None:
        return None
    return trigger.end, trigger.end + match.end() + finite.start()
