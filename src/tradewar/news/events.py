"""Events of a sentence: triggers, roles, modality and slots assembled into events.

For each clause of a sentence, every trigger with an action (:mod:`tradewar.news.triggers`)
gets its roles (:mod:`tradewar.news.actors`), its modality (:mod:`tradewar.news.modality`)
and its slots (:mod:`tradewar.news.slots`); a trigger with no actor gives no event unless it
is a joint act between two named sides, and "China agreed to pause its controls" is China's
commitment, not an agreement.  One event per (measure, direction); repeats within a clause
are dropped.  Every event's evidence is the sentence as it stands in the text the user gave,
at ``evidence_span``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from tradewar.news.actors import (
    GAPPED_RATE_BEFORE,
    Roles,
    directions,
    one_sided_promise,
    roles_for,
    two_sides,
    update_context,
)
from tradewar.news.clean import CleanText
from tradewar.news.dates import DateMention, find_dates
from tradewar.news.frames import parse
from tradewar.news.gazetteer import product_groups
from tradewar.news.grammar import HS_CODE, LEGAL_BASIS, LOCATION, PLACES
from tradewar.news.mentions import is_reference
from tradewar.news.modality import (
    PendingModality,
    pending_modality,
    recalling_relative,
    with_pending,
)
from tradewar.news.rates import RateMention, find_rates
from tradewar.news.recalls import (
    TOOK_EFFECT_WORDS,
    rated_recall,
    recalled_imposition,
    took_effect,
)
from tradewar.news.schema import JOINT_ACTIONS, Event
from tradewar.news.sentences import ArticleContext, Sentence, clauses
from tradewar.news.slots import (
    DURATION_NUMBERS,
    DateSlots,
    DurationSlot,
    MeasureSlots,
    act_dates,
    dates_for,
    deal_levels,
    duration_for,
    framing_dates,
    measures_for,
    own_dates,
    pause_with_lowered_rate,
    products_in,
    settle_dates,
    share_effective_date,
    share_goods,
)
from tradewar.news.triggers import (
    ANAPHORIC_OBJECT_CHANGE,
    ANAPHORIC_RATE_CHANGE,
    Trigger,
    clause_actions,
    nearest,
)
from tradewar.news.wording import split_coordinated


@dataclass(frozen=True)
class Evidence:
    """Where an event is stated: its article, and the sentence verbatim at ``span`` of the
    text the user gave."""

    article_id: str
    text: str
    span: tuple[int, int]


def events_in_sentence(
    sentence: Sentence,
    cleaned: CleanText,
    article_id: str,
    dateline: date | None,
    context: ArticleContext,
) -> list[Event]:
    """Every event a sentence states."""
    events: list[Event] = []
    start, end = cleaned.to_original(sentence.start, sentence.start + len(sentence.text))
    evidence = Evidence(article_id, cleaned.original[start:end], (start, end))
    sentence_dates = find_dates(sentence.text, dateline)
    previous_actor = context.actor
    person_before = context.person  # a sentence's opening "He" names someone named before it
    update_context(sentence, context)
    for clause_start, clause in split_coordinated(clauses(sentence.text)):
        clause_dates = find_dates(clause, dateline)
        seen: set[tuple[object, ...]] = set()
        clause_first = len(events)
        actions = clause_actions(clause)
        meetings = [t for t, a in actions if a in JOINT_ACTIONS]
        all_roles = [
            roles_for(
                sentence,
                clause_start,
                clause,
                trigger,
                context.actor,
                person_before,
                context.ministry,
                context.issuer,
                context.president,
            )
            for trigger, _ in actions
        ]
        _share_the_measures_roles(actions, all_roles)
        _continue_the_acts_actor(clause, events, all_roles)
        rate_texts = _own_rate_texts(clause, actions, all_roles)
        rate_texts.update(_gapped_rate_texts(clause, actions))
        for (trigger, action), roles in zip(actions, all_roles, strict=True):
            roles.previous_actor = previous_actor
            if roles.actor is None and not (
                action in JOINT_ACTIONS and (two_sides(sentence) or roles.plural)
            ):  # "The Parties hereby commit to ...": a joint act of both sides
                continue
            if one_sided_promise(clause, trigger, roles):
                continue
            if is_reference(
                sentence.text,
                clause_start + trigger.start,
                clause_start + trigger.end,
                trigger.family,
            ):
                continue
            for event in _build(
                evidence,
                action,
                roles,
                sentence,
                clause,
                trigger,
                own_dates(
                    act_dates(clause, _dates_of(trigger, clause_dates), trigger, action),
                    trigger,
                    meetings,
                ),
                framing_dates(sentence, sentence_dates, clause_start, len(clause)),
                dateline,
                _location(clause, sentence.text, trigger, meetings),
                rate_texts.get(id(trigger), clause),
            ):
                key = (
                    event.action,
                    event.actor,
                    event.target,
                    event.rate_to,
                    event.rate_from if event.rate_to == 0 else None,  # two levels removed
                    event.location,
                    event.event_date,
                    event._planned,
                )
                if key in seen:
                    continue
                seen.add(key)
                events.append(event)
            if trigger.family == "accuse":  # the accuser acts, not the accused subject ("The
                # actions of the United States do not align with the rules", China said)
                accusers = [e.actor for e in events[clause_first:] if e.action == action]
                if accusers and accusers[-1] is not None:
                    context.actor = accusers[-1]
            elif roles.actor and trigger.family not in {"talks", "agree"} and not roles.owned:
                context.actor = roles.actor  # a measure named as another's is no new actor
        events[clause_first:] = split_dated_groups(clause, events[clause_first:], dateline)
        events.extend(fronted_recall(clause, sentence.text, events[clause_first:], dateline))
        events.extend(relative_start(clause, sentence.text, events[clause_first:], dateline))
        events.extend(object_start(clause, sentence, clause_start, events[clause_first:], dateline))
        events.extend(scheduled_steps(clause, events[clause_first:], dateline))
        events.extend(further_levels(clause, events[clause_first:]))
        events.extend(talks_in_each_place(clause, events[clause_first:]))
        events.extend(rated_recall(clause, events[clause_first:], dateline))
        events.extend(recalled_on_two_dates(clause, events[clause_first:], dateline))
    share_effective_date(events, sentence_dates)
    events = deal_levels(sentence, events)
    return pause_with_lowered_rate(share_goods(_truce_told_by_its_cuts(sentence.text, events)))


# words that tell a pause of tariffs (not a truce named by its terms)
PAUSE_WORDS = re.compile(
    r"\b(?:paus|suspen|halt|delay|postpon|defer|reprieve|extend|extension|freez|froze|"
    r"temporar)\w*|\b(?:hold|put|push)\w*\s+(?:off|back)\b",
    re.I,
)


def _truce_told_by_its_cuts(text: str, events: list[Event]) -> list[Event]:
    """A truce whose terms a sentence tells as cuts ("led to a 90-day truce, which brought
    down tariffs sharply to about 55%", "a truce in May, under which the US lowered its China
    duties to 30%") is no pause of tariffs: with no word of pausing in the sentence, its cuts
    are the acts and the pause read from the truce noun is dropped."""
    if PAUSE_WORDS.search(text) or not any(e.action == "cut_tariff" for e in events):
        return events
    return [e for e in events if e.action != "suspend_tariff"]


# a participle that adds an act to the one before it, with no subject of its own: "Trump's
# decision on March 4 to double tariffs on Chinese imports ..., alongside imposing 25% duties
# on goods from Canada and Mexico"
ALONGSIDE_PARTICIPLE = re.compile(
    r"^\W*(?:alongside|along\s+with|as\s+well\s+as|in\s+addition\s+to|besides)\s+\w+ing\b", re.I
)


def _continue_the_acts_actor(clause: str, events: list[Event], all_roles: list[Roles]) -> None:
    """A clause opened by such a participle acts through the actor of the sentence's last
    event (before it); its goods name its target."""
    if not events or not ALONGSIDE_PARTICIPLE.match(clause):
        return
    actor = events[-1].actor
    for roles in all_roles:
        if actor is not None and roles.target != actor:
            roles.actor = actor


# acts that change a measure told before them: the measure may be recalled in a relative clause
CHANGES_OF_A_MEASURE = frozenset(
    {"cut_tariff", "suspend_tariff", "raise_tariff", "ease_export_control"}
)


def _dates_of(trigger: Trigger, clause_dates: list[DateMention]) -> list[DateMention]:
    """The clause's dates an act may take: a second act on a measure named before it ("a 10%
    tariff on February 4, doubling it to 20% a month later") takes only the dates after it."""
    if trigger.later_act:
        return [d for d in clause_dates if d.start >= trigger.start]
    return clause_dates


def _build(
    evidence: Evidence,
    action: str,
    roles: Roles,
    sentence: Sentence,
    clause: str,
    trigger: Trigger,
    clause_dates: list[DateMention],
    sentence_dates: list[DateMention],
    dateline: date | None,
    location: str | None,
    measure_text: str,
) -> list[Event]:
    """The events of one trigger: one per measure of the clause and direction of the act
    (``measure_text`` is the clause with the rates of other actors' tariffs blanked)."""
    relative = recalling_relative(clause, trigger)
    recalled = relative is not None and action not in CHANGES_OF_A_MEASURE
    if relative is not None and not recalled:  # "tariffs imposed in March are hereby lifted":
        # the lifting is the act; the relative clause and its date recall the measure lifted
        clause_dates = [d for d in clause_dates if not relative[0] <= d.start < relative[1]]
        sentence_dates = [
            d for d in sentence_dates if d.text not in clause[relative[0] : relative[1]]
        ]
    dates = dates_for(clause_dates, sentence_dates, talks=action == "hold_talks")
    pending = pending_modality(clause, sentence.text, dates, dateline, trigger, recalled=recalled)
    dates = settle_dates(dates, action, clause_dates, trigger, recalled=recalled)
    duration = duration_for(action, clause, sentence.text)
    measures = measures_for(action, measure_text, sentence.text)
    ways = directions(action, roles, sentence, clause, trigger, one_way=len(measures) > 1)
    events = [
        Event(
            article_id=evidence.article_id,
            evidence=evidence.text,
            evidence_span=evidence.span,
            action=action,
            actor=way.actor,
            target=way.target,
            target_inferred=way.target_inferred,
            actor_text=roles.actor_text,
            modality=pending.provisional,
            legal_basis=_first(LEGAL_BASIS, sentence.text),
            hs_codes=HS_CODE.findall(sentence.text),
            location=location if action in JOINT_ACTIONS else None,
            **_slot_fields(dates, duration, measure),
        )
        for measure in measures
        for way in ways
    ]
    if _pauses_a_plan(clause, trigger, action):
        for event in events:
            event._planned = True
    return with_pending(events, pending)


# a measure halted before it began: "halting plans to implement a 100% tariff", "shelving
# plans for a 100% duty", "hold off on the threatened 100% tariffs"
PLANNED_BEFORE = re.compile(
    r"\b(?:plans?|planned|threat(?:ened)?|scheduled|proposed)\b(?:\s+(?:to|for))?\s+"
    r"(?:[\w%’'-]+\s+){0,5}$",
    re.I,
)


# a rate right before a tariff noun is that tariff's ("an additional 10% tariff", "10 percent
# duties"); any other rate belongs to the tariff noun before it ("tariffs of 15%")
RATE_BEFORE_HEAD = re.compile(r"^(?:\s*[\w-]+){0,2}\s*$")


def _own_rate_texts(
    clause: str, actions: list[tuple[Trigger, str]], all_roles: list[Roles]
) -> dict[int, str]:
    """For tariff triggers of different actors in one clause, each trigger's clause with the
    rates owned by the other actors' tariffs blanked: in "China announced retaliatory tariffs
    after Trump imposed an additional 10% tariff" the 10% is the US tariff's only.  A planned
    tariff halted is owned apart from the tariffs in force paused beside it ("is pausing some
    tariffs ... and is halting plans to implement a 100 percent tariff")."""
    tariffs: list[tuple[Trigger, str | None]] = [
        (trigger, _rate_owner_key(clause, trigger, action, roles.actor))
        for (trigger, action), roles in zip(actions, all_roles, strict=True)
        if trigger.family == "tariff" and action.endswith("tariff") and roles.actor is not None
    ]
    if len({actor for _, actor in tariffs}) < 2:
        return {}
    owners = [
        (rate, _rate_owner(clause, rate.start, rate.end, tariffs)) for rate in find_rates(clause)
    ]
    texts: dict[int, str] = {}
    for trigger, actor in tariffs:
        text = clause
        for rate, owner in owners:
            if owner is not None and owner != actor:
                text = text[: rate.start] + " " * (rate.end - rate.start) + text[rate.end :]
        texts[id(trigger)] = text
    return texts


def _share_the_measures_roles(actions: list[tuple[Trigger, str]], all_roles: list[Roles]) -> None:
    """A second act on a measure named before it in the clause ("As for Chinese tariffs on
    American goods, 91 percent would be removed ..., lowering it to 10 percent") is done by
    the measure's owner on its target."""
    for index, (trigger, _) in enumerate(actions):
        if not trigger.later_act:
            continue
        earlier = [
            i
            for i, (other, _) in enumerate(actions[:index])
            if other.family == "tariff" and other.start < trigger.start
        ]
        if earlier and all_roles[earlier[-1]].actor is not None:
            measure = all_roles[earlier[-1]]
            all_roles[index].actor, all_roles[index].target = measure.actor, measure.target


def _gapped_rate_texts(clause: str, actions: list[tuple[Trigger, str]]) -> dict[int, str]:
    """A gapped rate ("..., and an additional 10% on imports from China") owns the clause from
    it on, and the tariffs before it own the clause up to it."""
    tariffs = [trigger for trigger, _ in actions if trigger.family == "tariff"]
    gaps = [(t, GAPPED_RATE_BEFORE.search(clause[: t.start])) for t in tariffs]
    cuts = [(t, gap.start()) for t, gap in gaps if gap is not None]
    if not cuts:
        return {}
    first_cut = cuts[0][1]
    texts = {id(t): " " * t.start + clause[t.start :] for t, _ in cuts}
    for trigger in tariffs:
        if id(trigger) not in texts and trigger.start < first_cut:
            texts[id(trigger)] = clause[:first_cut] + " " * (len(clause) - first_cut)
    return texts


def _rate_owner_key(clause: str, trigger: Trigger, action: str, actor: str | None) -> str | None:
    """Who owns a tariff's rates: its actor, and for a pause, whether it pauses a plan."""
    return f"{actor} planned" if _pauses_a_plan(clause, trigger, action) else actor


def _pauses_a_plan(clause: str, trigger: Trigger, action: str) -> bool:
    return action == "suspend_tariff" and bool(
        PLANNED_BEFORE.search(clause[max(0, trigger.start - 60) : trigger.start])
    )


def _rate_owner(
    clause: str, start: int, end: int, tariffs: list[tuple[Trigger, str | None]]
) -> str | None:
    """The actor of the tariff noun a rate belongs to: the noun right after it, else the
    nearest noun before it, else the nearest one; a rate that is itself the trigger ("Beijing
    retaliated with 125 percent") is its own tariff's."""
    own = [a for t, a in tariffs if t.start <= start < t.end]
    if own:
        return own[0]
    after = [(t, a) for t, a in tariffs if t.start >= end]
    if after:
        trigger, actor = min(after, key=lambda pair: pair[0].start)
        if RATE_BEFORE_HEAD.match(clause[end : trigger.start]):
            return actor
    before = [(t, a) for t, a in tariffs if t.end <= start]
    if before:
        return max(before, key=lambda pair: pair[0].end)[1]
    return min(tariffs, key=lambda pair: pair[0].start)[1] if tariffs else None


# a date followed by what it dates: "imposed in May 2024 on gallium, in June 2025 on graphite"
DATE_THEN_ON = re.compile(r"\d{4},?\s+(?:on|for|covering)\s", re.I)
DATED_GROUP_LEAD = re.compile(r"^\s*,?\s*(?:on|for|covering)\s+", re.I)
GROUP_END = re.compile(r",\s*(?:and\s+)?(?:other|the|those|which|while)\b|;|\s+and\s+(?:in|on)\b")


def split_dated_groups(clause: str, events: list[Event], dateline: date | None) -> list[Event]:
    """One measure recalled twice in one list ("restrictions imposed in August 2023 on
    gallium, in April 2025 on dysprosium") is two events: each date with the products that
    follow it ("on ...") up to the next date.  Only a clause with two or more such groups,
    each naming products of the gazetteer, is split."""
    if not events or len(DATE_THEN_ON.findall(clause)) < 2:
        return events  # cheap test before the dates are resolved
    groups = _dated_groups(clause, dateline)
    if len(groups) < 2:
        return events
    out: list[Event] = []
    for event in events:
        if event.action in JOINT_ACTIONS or event.action == "accuse_violation":
            out.append(event)
            continue
        for mention, products in groups:
            out.append(
                event.model_copy(
                    update={
                        "event_date": mention.value,
                        "date_text": mention.text,
                        "products": products,
                        "product_groups": product_groups(products),
                    }
                )
            )
    return out


def _dated_groups(clause: str, dateline: date | None) -> list[tuple[DateMention, list[str]]]:
    mentions = [m for m in find_dates(clause, dateline) if m.value and m.role == "event"]
    groups = []
    for index, mention in enumerate(mentions):
        lead = DATED_GROUP_LEAD.match(clause[mention.end :])
        if lead is None:
            continue
        start = mention.end + lead.end()
        stop = mentions[index + 1].start if index + 1 < len(mentions) else len(clause)
        span = GROUP_END.split(clause[start:stop], maxsplit=1)[0]
        products = products_in(span)
        if products:
            groups.append((mention, products))
    if len({m.value for m, _ in groups}) < len(groups):
        return []  # one date twice: not a list of dated measures
    return groups


# a recalled measure's participle with two dates joined: "the removal of controls introduced in
# April 2025 and October 2022", "restrictions imposed on 4 April and 9 October"
TWO_DATES_RECALLED = re.compile(
    r"\b(?:imposed|introduced|announced|implemented|issued|adopted|enacted|levied|unveiled|"
    r"put\s+in\s+place)\s+(?:in|on)\s*$",
    re.I,
)
DATES_JOINED = re.compile(r"^,?\s+and(?:\s+(?:in|on))?\s*$", re.I)


def recalled_on_two_dates(clause: str, events: list[Event], dateline: date | None) -> list[Event]:
    """A measure recalled with two dates ("controls introduced in April 2025 and October
    2022") was imposed twice: the recalled imposition of the clause takes the first date and
    one more event the second."""
    recalled = [e for e in events if e.action.startswith("impose") and e.modality == "background"]
    if len(recalled) != 1 or " and " not in clause:
        return []
    mentions = [m for m in find_dates(clause, dateline) if m.value]
    for first, second in itertools.pairwise(mentions):
        if (
            TWO_DATES_RECALLED.search(clause[max(0, first.start - 40) : first.start])
            and DATES_JOINED.match(clause[first.end : second.start])
            and first.value != second.value
        ):
            event = recalled[0]
            event.event_date, event.date_text = first.value, first.text
            return [event.model_copy(update={"event_date": second.value, "date_text": second.text})]
    return []


# a clause opened by a dated past participle: "Imposed in December 2024, the ban ..."
FRONTED_PARTICIPLE = re.compile(r"^\W*[A-Z][a-z]+ed\s+(?:in|on|last|earlier|since)\b")
RECALL_VERBS = frozenset(
    {"impose", "introduce", "announce", "adopt", "enact", "issue", "place", "unveil",
     "implement", "levy", "put", "set", "expand", "tighten"}
)  # fmt: skip
EXPORT_ACTIONS = frozenset({"impose_export_control", "ease_export_control"})


def fronted_recall(
    clause: str, sentence: str, events: list[Event], dateline: date | None
) -> list[Event]:
    """A dated participle before the subject recalls how the measure began ("Imposed in
    December 2024, the ban will now be suspended"): the measure's imposition is a background
    event with that date, and the clause's own act does not take it."""
    if not FRONTED_PARTICIPLE.match(clause):
        return []
    measures = [  # an imposition's participle ("Announced in March, the tariffs took
        # effect on Monday") dates the same act, which needs no second event
        e
        for e in events
        if e.action.endswith(("tariff", "export_control")) and not e.action.startswith("impose")
    ]
    if not measures:
        return []
    doc = parse(clause)
    participle = next(
        (
            t
            for t in doc
            if t.tag_ == "VBN"
            and t.dep_ == "advcl"
            and t.i < t.head.i
            and t.lemma_.lower() in RECALL_VERBS
        ),
        None,
    )
    if participle is None:
        return []
    end = participle.right_edge.idx + len(participle.right_edge.text)
    dates = [m for m in find_dates(clause[participle.idx : end], dateline) if m.value]
    if not dates:
        return []
    recalled: dict[tuple[str, str | None, str | None], Event] = {}
    for event in measures:
        _free_from_recall(
            event, clause, sentence, (participle.left_edge.idx, end), {dates[0].value}, dateline
        )
        action = "impose_export_control" if event.action in EXPORT_ACTIONS else "impose_tariff"
        recalled.setdefault(
            (action, event.actor, event.target),
            event.model_copy(
                update={
                    "action": action,
                    "event_date": dates[0].value,
                    "date_text": dates[0].text,
                    "effective_date": None,
                    "end_date": None,
                    "duration": None,
                    "duration_text": None,
                    "rate_from": None,
                    "rate_to": None,
                    "rate_change": None,
                    "unit": None,
                    "modality": "background",
                }
            ),
        )
    return list(recalled.values())


CHANGES = frozenset({"raise_tariff", "cut_tariff", "suspend_tariff"})


def relative_start(
    clause: str, sentence: str, events: list[Event], dateline: date | None
) -> list[Event]:
    """A changed tariff whose start a relative clause recalls with its own date ("the 10%
    tariff that Washington placed on steel in March was doubled to 20%"): the start is a
    background impose at the old rate with that date, and the change does not take it."""
    changes = [e for e in events if e.action in CHANGES]
    if not changes:
        return []
    relative = _dated_relative(clause, dateline)
    if relative is None:
        return []
    span, values = relative
    starts: list[Event] = []
    start_date = sorted(values)[0]
    for event in changes:
        _free_from_recall(event, clause, sentence, span, values, dateline)
        starts.append(recalled_imposition(event, start_date, event.date_text))
    return starts


# a measure's own start after it, as a participle or relative clause with a date ("the
# export controls imposed on Oct 9", "the tariffs it introduced in March")
DATED_START = re.compile(
    r"\b(?:imposed|introduced|announced|adopted|enacted|issued|placed|unveiled|implemented|"
    r"levied|put)\s+(?:\w+\s+){0,3}?(?:on|in|last|since)\b"
    # or its taking effect: "the controls that went into effect ... in April", "the rates that
    # became effective on April 9", "the rule, which had been in effect since September 29"
    rf"|{TOOK_EFFECT_WORDS}\s+(?:[\w,-]+\s+){{0,8}}?(?:on|in|last|since)\b",
    re.I,
)
EASINGS = frozenset({"cut_tariff", "suspend_tariff", "ease_export_control"})
RECALLED_MEASURES = frozenset(
    {"tariff", "duty", "levy", "control", "measure", "restriction", "ban", "curb", "rule",
     "countermeasure", "requirement"}
)  # fmt: skip


def object_start(
    clause: str,
    sentence: Sentence,
    clause_start: int,
    events: list[Event],
    dateline: date | None,
) -> list[Event]:
    """A measure that an act eases, cuts or suspends, recalled with its own start ("China
    suspended the export controls imposed on Oct 9", "will roll back the tariffs introduced
    in March"): the start is a background imposition with that date (the labelling guide's
    recalled act with a date), and the easing does not take the date."""
    easings = [e for e in events if e.action in EASINGS]
    if not easings or not DATED_START.search(clause):
        return []
    recalled = _dated_object_start(clause, dateline)
    if recalled is None:
        return []
    span, values, subject = recalled
    start_date = min((v for v in values if v), default=None)
    own_actor = _party_at(sentence, clause_start, subject)  # "controls China imposed in April"
    effect = bool(re.search(TOOK_EFFECT_WORDS, clause[span[0] : span[1]], re.I))
    starts: dict[tuple[str, str | None, str | None], Event] = {}
    for event in easings:
        _free_from_recall(event, clause, sentence.text, span, values, dateline)
        tariff = event.action.endswith("tariff")
        action = "impose_tariff" if tariff else "impose_export_control"
        actor = own_actor or event.actor
        target = event.target if actor == event.actor else None
        starts.setdefault(
            (action, actor, target),
            event.model_copy(
                update={
                    "action": action,
                    "actor": actor,
                    "target": target,
                    "rate_from": None,
                    "rate_to": event.rate_from if tariff else None,
                    "rate_change": None,
                    # a measure that "went into effect" in April took effect then
                    "event_date": None if effect else start_date,
                    "date_text": None,
                    "effective_date": start_date if effect else None,
                    "end_date": None,
                    "duration": None,
                    "duration_text": None,
                    "modality": "background",
                }
            ),
        )
    return list(starts.values())


def _starts_a_measure(token: Any) -> bool:
    """A verb of a measure's start: imposing ("imposed", "announced") or taking effect."""
    return token.lemma_.lower() in RECALL_VERBS or took_effect(token)


def _party_at(sentence: Sentence, clause_start: int, span: tuple[int, int] | None) -> str | None:
    """The party the gazetteer names within a span of the clause, if any."""
    if span is None:
        return None
    start, end = clause_start + span[0], clause_start + span[1]
    codes = {m.code for m in sentence.mentions if start <= m.start and m.end <= end}
    return codes.pop() if len(codes) == 1 else None


def _dated_object_start(
    clause: str, dateline: date | None
) -> tuple[tuple[int, int], set[str | None], tuple[int, int] | None] | None:
    """The span and date values of a dated participle or relative clause of imposing on the
    object of the clause's act ("suspend the controls imposed on Oct 9"), with the span of
    the relative clause's own subject ("the controls China imposed in April"), if any."""
    for token in parse(clause):
        if token.dep_ not in {"relcl", "acl"} or not _starts_a_measure(token):
            continue
        if token.head.dep_ not in {"dobj", "pobj", "conj", "appos"}:
            continue
        start, end = token.idx, token.right_edge.idx + len(token.right_edge.text)
        # a date the dateline cannot resolve ("on March 4" in an undated text) still marks
        # a recalled measure (its value stays None), when the phrase is on a measure noun
        # itself, not on the order or notice that set it ("an executive order issued on ...")
        measure = token.head.lemma_.lower() in RECALLED_MEASURES
        values = {
            m.value
            for m in find_dates(clause[start:end], dateline)
            if (m.role == "event" or took_effect(token)) and (m.value or measure)
        }
        if values:
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            subject = (
                (subjects[0].left_edge.idx, subjects[0].idx + len(subjects[0].text))
                if subjects
                else None
            )
            return (start, end), values, subject
    return _dated_participle_by_words(clause, dateline)


# the same participle read from the words where the parse misses it ("suspend ... the
# implementation of the Affiliates Rule announced on September 29 that expands ...", parsed
# with "announced" as the main verb)
MEASURE_PARTICIPLE = re.compile(
    r"\b(?:rules?|controls?|restrictions?|bans?|curbs?|measures?|tariffs?|duties|levies)\s+"
    r"(?:(?:that|which)\s+(?:was|were|had\s+been|have\s+been)\s+)?"
    r"(?:imposed|introduced|announced|adopted|enacted|issued|unveiled|implemented|levied)\s+"
    r"(?:on|in)\s*$",
    re.I,
)


def _dated_participle_by_words(
    clause: str, dateline: date | None
) -> tuple[tuple[int, int], set[str | None], tuple[int, int] | None] | None:
    for mention in find_dates(clause, dateline):
        participle = MEASURE_PARTICIPLE.search(clause[max(0, mention.start - 80) : mention.start])
        if participle is not None:  # on a measure noun: marks a recall even undated
            start = max(0, mention.start - 80) + participle.start()
            return (start, mention.end), {mention.value}, None
    return None


def _free_from_recall(
    event: Event,
    clause: str,
    sentence: str,
    span: tuple[int, int],
    values: Collection[str | None],
    dateline: date | None,
) -> None:
    """An act whose date was taken from the phrase recalling an earlier measure (at ``span``
    of the clause) takes the clause's own date instead, if any, and the modality of the
    clause without that phrase."""
    if event.event_date not in values:
        return
    own = [
        m
        for m in find_dates(clause, dateline)
        if m.value and m.role == "event" and not span[0] <= m.start < span[1]
    ]
    event.event_date = own[0].value if own else None
    event.date_text = own[0].text if own else None
    blanked = clause[: span[0]] + " " * (span[1] - span[0]) + clause[span[1] :]
    pending = event._modality_cues
    trigger = pending.trigger if isinstance(pending, PendingModality) else None
    renewed = pending_modality(
        blanked,
        sentence.replace(clause, blanked),
        DateSlots(event_date=event.event_date),
        dateline,
        trigger,  # the blanked clause keeps every offset
    )
    event.modality = renewed.provisional
    with_pending([event], renewed)


def _dated_relative(clause: str, dateline: date | None) -> tuple[tuple[int, int], set[str]] | None:
    """The span and date values of a dated relative clause of imposing ("that X placed on
    steel in March", ", imposed in March,") on the subject of the clause's change verb."""
    if not FRONTED_PARTICIPLE_OR_RELATIVE.search(clause):
        return None
    for token in parse(clause):
        if token.dep_ not in {"relcl", "acl"} or not _starts_a_measure(token):
            continue
        if token.head.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if token.head.lemma_.lower() not in RECALLED_MEASURES | {"rate"}:
            continue  # "The two powers announced today, Monday 12 May, ...": no measure's start
        start = token.left_edge.idx
        end = token.right_edge.idx + len(token.right_edge.text)
        values = {m.value for m in find_dates(clause[start:end], dateline) if m.value}
        if values:
            return (start, end), values
    return None


# a relative clause or a participle between commas, in a clause that names a month or year
FRONTED_PARTICIPLE_OR_RELATIVE = re.compile(  # tried at line starts only: ".*" looks ahead
    r"^(?=.*\b(?:that|which)\s|.*,\s*\w+ed\s+(?:in|on|last|since)\b)(?=.*\b(?:20\d\d|jan|feb|"
    r"mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)",
    re.I | re.M,
)


# verbs of a scheduled change of a level: "a 0% tariff, increasing in 18 months to ...",
# "a 10% duty, rising to 20% on July 1", "a 15% tariff, which will fall to 5% next year"
STEP_UP = frozenset({"increase", "rise", "climb", "grow", "double", "triple", "step", "jump"})
STEP_DOWN = frozenset({"decrease", "fall", "drop", "decline", "shrink", "halve", "ease"})
# the step verb as a participle after a comma or "with the rate", or in a relative clause
STEP_STEMS = re.compile(
    r"(?:,\s*|\bwith\s+(?:the\s+|its\s+)?\w+\s+|\b(?:which|that)\s+(?:will\s+|would\s+)?)"
    r"(?:increas\w*|ris(?:e|es|ing|en)|rose|climb\w*|grow\w*|doubl\w*|tripl\w*|step\w*|"
    r"jump\w*|decreas\w*|fall\w*|fell|drop\w*|declin\w*|shrink\w*|halv\w*|eas(?:e|es|ing))\b",
    re.I,
)
# a step has a date or a delay of its own: a year, a month, a weekday or "in N months"
STEP_WHEN = re.compile(
    r"\b(?:20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\w+day|next|"
    r"(?:in|after)\s+\w+\s+(?:days?|weeks?|months?|years?))",
    re.I,
)
LEVEL_NOUNS = frozenset({"rate", "level", "tariff", "duty", "levy", "it"})
DELAY = re.compile(
    r"\b(?:in|after)\s+(?P<n>\d+|an?|one|two|three|four|five|six|nine|twelve)\s+"
    r"(?P<unit>day|week|month|year)s?\b",
    re.I,
)


# a further level told right after a change's new level: "raising the rate from 34 percent to
# 84 percent and eventually 125 percent", "the rates were raised to 84% and 125%"
FURTHER_LEVEL_BETWEEN = re.compile(
    r"^\s*,?\s*(?:and|then|before)\s+(?:(?:then|eventually|later|finally|subsequently)\s+)?"
    r"(?:to\s+)?(?:an?\s+)?$",
    re.I,
)
CHANGED_LEVEL_KINDS = frozenset({"to", "from_to"})
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _new_level_of(rate: RateMention) -> float:
    """The level a "to" or "from ... to" phrase moves a rate to."""
    return rate.second if rate.kind == "from_to" and rate.second is not None else rate.first


def further_levels(clause: str, events: list[Event]) -> list[Event]:
    """A second change in the same direction told as a further level of the first: one more
    event from the first change's new level to the further one, undated (the clause's dates
    are the first change's)."""
    if RESPECTIVELY.search(clause):  # "raised to 25% and 10%, respectively": two measures
        return []
    rates = find_rates(clause)
    further = []
    for event in (e for e in events if e.action in {"raise_tariff", "cut_tariff"}):
        for changed, level in itertools.pairwise(rates):
            if (
                changed.kind not in CHANGED_LEVEL_KINDS
                or level.kind != "level"
                or _new_level_of(changed) != event.rate_to
                or not FURTHER_LEVEL_BETWEEN.match(clause[changed.end : level.start])
            ):
                continue
            rising = level.first > _new_level_of(changed)
            if rising != (event.action == "raise_tariff"):
                continue
            further.append(
                event.model_copy(
                    update={
                        "rate_from": event.rate_to,
                        "rate_to": level.first,
                        "rate_change": None,
                        "event_date": None,
                        "effective_date": None,
                        "date_text": None,
                    }
                )
            )
    return further


def scheduled_steps(clause: str, events: list[Event], dateline: date | None) -> list[Event]:
    """A level set now with a later step told in the same phrase ("an initial tariff level
    of 0%, increasing in 18 months on June 23, 2027"): the step is a second, future event
    from that level, dated by the dates of its own phrase (which the first event loses).

    The step is a participle or a relative clause of a rise or fall verb (by lemma, from the
    parse) with a date or a delay of its own and no subject of its own."""
    levels = [e for e in events if e.action == "impose_tariff" and e.rate_to is not None]
    if not levels or not STEP_STEMS.search(clause) or not STEP_WHEN.search(clause):
        return []
    steps = []
    for token in parse(clause):
        direction = _step_direction(token)
        if direction is None:
            continue
        stretch = clause[token.idx : token.right_edge.idx + len(token.right_edge.text)]
        # the step lies ahead of the level it changes: its dates resolve forwards
        dates = [m for m in find_dates(f"will {stretch}", dateline) if m.value]
        delay = DELAY.search(stretch)
        if not dates and not delay:
            continue
        rates = find_rates(stretch)
        step_end = token.idx + len(stretch)
        in_step = {
            m.value for m in find_dates(clause, dateline) if token.idx <= m.start < step_end
        } | {m.value for m in dates}
        for level in levels:
            if level.effective_date in in_step:
                level.effective_date = None
            if level.event_date in in_step:
                level.event_date = None
            steps.append(
                level.model_copy(
                    update={
                        "action": direction,
                        "rate_from": level.rate_to,
                        "rate_to": _new_level(rates),
                        "rate_change": None,
                        "effective_date": dates[0].value if dates else None,
                        "event_date": None,
                        "date_text": dates[0].text if dates else None,
                        "duration": _delay_iso(delay),
                        "duration_text": delay.group() if delay else None,
                        "modality": "future",
                    }
                )
            )
        break
    return steps


def _new_level(rates: list[RateMention]) -> float | None:
    """The level a step reaches: the last number of its last rate phrase."""
    if not rates:
        return None
    last = rates[-1]
    return last.second if last.second is not None else last.first


def _step_direction(token: Any) -> str | None:
    """The action of a scheduled rise or fall verb, or None when the token is not one: a
    participle with no subject but the level ("..., increasing in 18 months", "with the rate
    rising to 20% in May") or a relative clause ("..., which will climb to 30% in May")."""
    lemma = token.lemma_.lower()
    if lemma not in STEP_UP | STEP_DOWN or token.pos_ != "VERB":
        return None
    participle = token.tag_ == "VBG" and token.dep_ in {"advcl", "acl", "conj", "xcomp", "pcomp"}
    relative = token.dep_ == "relcl"
    if not (participle or relative):
        return None
    subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if participle and any(c.lemma_.lower() not in LEVEL_NOUNS for c in subjects):
        return None  # "with the rate rising ..." steps the level; "as prices kept rising" not
    return "raise_tariff" if lemma in STEP_UP else "cut_tariff"


def _delay_iso(delay: re.Match[str] | None) -> str | None:
    """'in 18 months' as ISO 8601 (``P18M``)."""
    if delay is None:
        return None
    count = delay.group("n").lower()
    number = int(count) if count.isdigit() else DURATION_NUMBERS[count]
    return f"P{number}{delay.group('unit')[0].upper()}"


def _slot_fields(dates: DateSlots, duration: DurationSlot, measure: MeasureSlots) -> dict[str, Any]:
    """The event fields of its slots."""
    return {**vars(dates), **vars(duration), **vars(measure)}


# a place as the modifier of a talks noun: "the Stockholm meeting", "the Geneva talks"
PLACE_MODIFIER = re.compile(rf"\b[Tt]he\s+({PLACES})(?:['’]s?)?\s+(?:[\w-]+\s+)?$")


# talks held in two or three places told together: "Further rounds of negotiations ...
# followed in London and Stockholm", "The terms were refined in London and Stockholm"
PLACE_PAIR = re.compile(
    rf"\b(?:in|at)\s+({PLACES})((?:\s*,\s*(?:{PLACES}))*),?\s+and\s+(?:in\s+)?({PLACES})\b"
)


def talks_in_each_place(clause: str, events: list[Event]) -> list[Event]:
    """One more meeting for each further place of a list of meeting places (the first is the
    clause's own event): each round of talks held somewhere else is a meeting of its own."""
    talks = [e for e in events if e.action == "hold_talks"]
    pair = PLACE_PAIR.search(clause)
    if not talks or pair is None:
        return []
    middle = [p.strip() for p in pair.group(2).split(",") if p.strip()]
    places = [pair.group(1), *middle, pair.group(3)]
    first = talks[0]
    first.location = places[0]
    return [
        first.model_copy(update={"location": place, "event_date": None}) for place in places[1:]
    ]


def _location(clause: str, sentence: str, trigger: Trigger, meetings: list[Trigger]) -> str | None:
    """Where talks were held: "phone" or "video call" for a call, else the place nearest
    this meeting ("in London"), else the sentence's place when the clause has one meeting."""
    if trigger not in meetings:
        return None
    words = clause[max(0, trigger.start - 12) : trigger.end].lower()
    if "video" in words:
        return "video call"
    if re.search(r"\b(?:tele)?phone\b", words) or words.endswith("call"):
        return "phone"
    named = PLACE_MODIFIER.search(clause[: trigger.start])
    if named:  # "the Stockholm meeting", "the Geneva talks": the place names this meeting
        return named.group(1)
    for place in LOCATION.finditer(clause):
        if nearest(place.start(1), place.end(1), meetings) is trigger:
            return place.group(1)
    if len(meetings) == 1 and not LOCATION.search(clause):
        return _first(LOCATION, sentence, group=1)
    return None


def _first(pattern: re.Pattern[str], text: str, group: int = 0) -> str | None:
    match = pattern.search(text)
    return match.group(group) if match else None


def resolve_anaphoric_rates(events: list[Event], sentence: Sentence, earlier: list[Event]) -> None:
    """A rate change whose subject is a pronoun ("This was later raised to 20 percent"), or
    whose object is ("he would raise it to 15%", "later increased this figure to 145
    percent"), goes on from the measure told before: its old rate is that measure's rate,
    its target that measure's target, and a recalled measure's change is recalled too.  A
    pronoun object names the last measure before it, in its own sentence or the one before."""
    changes = [e for e in events if e.action in CHANGES_OF_RATE and e.rate_from is None]
    participle = False  # "a 10% tariff, later raised to 15%": the measure's own change
    if not ANAPHORIC_RATE_CHANGE.match(sentence.text):
        object_change = ANAPHORIC_OBJECT_CHANGE.search(sentence.text)
        if not changes or not object_change:
            return
        participle = bool(object_change.group("participle"))
        changes = changes[-1:]  # the pronoun's act comes after the measure it names
        earlier = [*earlier, *events[: events.index(changes[0])]]
    antecedent = next(
        (e for e in reversed(earlier) if e.action.endswith("tariff") and e.rate_to is not None),
        None,
    )
    if antecedent is None:
        return
    for event in changes:
        event.rate_from = antecedent.rate_to
        if participle:  # the understood object is the measure: its owner changes it
            event.actor, event.target = antecedent.actor, antecedent.target
        if not sentence.mentions and event.actor == antecedent.actor:
            event.target = antecedent.target  # the sentence names no party of its own
        if antecedent.modality == "background":
            event.modality = "background"


CHANGES_OF_RATE = frozenset({"raise_tariff", "cut_tariff"})
