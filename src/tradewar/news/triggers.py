"""Triggers and their actions: which act a clause announces.

A *trigger* is a word or phrase of one family (tariff nouns, export-control nouns and verbs,
talks, agreements, suspensions, accusations, licences) found by the patterns of
:mod:`tradewar.news.grammar`, or an export-control frame of the dependency parse
(:mod:`tradewar.news.frames`), which already decides its action.  A trigger's action comes
from the verbs around it (suspend > cut > raise > impose; ease > impose) and, for tariffs,
from the direction of a "from X to Y" rate.  :func:`clause_actions` keeps one tariff action
per clause (the strongest) and drops triggers that are negated, unrealised, counterfactual,
or talks that are only an aim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tradewar.news.dates import find_dates
from tradewar.news.frames import frames_in, parse
from tradewar.news.grammar import (
    ACCUSE_TRIGGER,
    AGREE_TRIGGER,
    AGREED_TO_HOLD_OFF,
    AVERTED_THREAT_BEFORE,
    CONTROLS_TAKE_EFFECT,
    COUNTERFACTUAL,
    CURRENT_LEVEL,
    DECLINED,
    EASING_PHRASE,
    EXPORT_CUES,
    EXPORT_TRIGGER,
    IMPOSING_PHRASE,
    IN_QUESTION,
    LICENCE_OBLIGATION,
    LICENCE_TRIGGER,
    LOCATION,
    MATCHED,
    NEGATED,
    NEVER_IN_EFFECT,
    NOT_EASE,
    OFF_THE_TABLE_AFTER,
    PASSIVE_AFTER,
    POWER_TO_IMPOSE,
    PURPOSE,
    SUSPEND_TRIGGER,
    TALKS_TRIGGER,
    TARIFF_CUES,
    TARIFF_PARTICIPLE_AFTER,
    TARIFF_TRIGGER,
    THREAT_BEFORE,
    UNREALISED,
)
from tradewar.news.rates import find_rates
from tradewar.news.wording import (
    commentators_forecast,
    describes_eased_rule,
    imposed_range,
    joint_truce_extension,
    names_a_pause,
    overlaps,
    policy_triggers,
    possible_meeting,
    rise_or_fall,
    states_a_level,
)


@dataclass
class Trigger:
    """A word or phrase that announces an event of one family; ``action`` is set when a
    parsed frame already decided it (:mod:`tradewar.news.frames`)."""

    family: str
    start: int
    end: int
    action: str | None = None
    later_act: bool = False  # a second act on a measure named before it: its dates follow it


# agreements named by other words than the grammar's deal nouns: "agreed on a 90-day truce",
# "reached a landmark understanding", "reached a detente", "struck an accord", "came to
# initial terms on a temporary agreement", "produced a fragile truce", and their plurals
# ("reached several 'common understandings'")
SETTLEMENT_TRIGGER = re.compile(
    r"\bagree[sd]?\s+(?:up)?on\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:deal|truce|agreement|pact)\b"
    r"|\b(?:reach\w*|struck|strike|secur\w*|sign\w*)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
    r"[\"“‘']?(?:[\w-]+\s+)?(?:understanding|detente|accord|ceasefire)s?\b"
    r"|\bc(?:ame|ome|omes|oming)\s+to\s+(?:[\w-]+\s+)?terms\b"
    # the outcome of a meeting, or "agree" with a direct object: "the summit produced a
    # fragile truce", "negotiators had agreed a framework deal"
    r"|\b(?:produc(?:e|es|ed|ing)|yield(?:s|ed|ing)?|agreed)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:truce|deal|agreement|pact|framework)s?\b",
    re.IGNORECASE,
)


# a case brought at the WTO by other words than the grammar's complaint phrases (labelling
# rule 6: WTO complaints are accusations): "would sue the U.S. at the World Trade
# Organization", "took Washington to the WTO", "will challenge the duties at the WTO"
WTO_CASE_TRIGGER = re.compile(
    r"\b(?:su(?:e|es|ed|ing)|challeng\w*|t(?:ake|akes|ook|aking))\b"
    r"(?:[^.;]|(?<=[A-Z])\.){0,60}?"
    r"\b(?:at|before|in|to)\s+the\s+(?:WTO|World\s+Trade\s+Organi[sz]ation)\b",
    re.IGNORECASE,
)


def find_triggers(clause: str) -> list[Trigger]:
    """Every trigger of a clause, by family."""
    families = [
        ("tariff", TARIFF_TRIGGER),
        ("export", EXPORT_TRIGGER),
        ("talks", TALKS_TRIGGER),
        ("agree", AGREE_TRIGGER),
        ("agree", SETTLEMENT_TRIGGER),
        ("suspend", SUSPEND_TRIGGER),
        ("accuse", ACCUSE_TRIGGER),
        ("accuse", WTO_CASE_TRIGGER),
        ("licence", LICENCE_TRIGGER),
    ]
    found = [
        Trigger(family, m.start(), m.end())
        for family, pattern in families
        for m in pattern.finditer(clause)
    ]
    found = [
        t
        for t in found
        if not (t.family == "agree" and re.search(r"violat\w*\W+(\w+\W+){0,4}$", clause[: t.start]))
        and not _rate_of_money(clause, t)
    ]
    licences = [t for t in found if t.family == "licence"]
    found = [
        t
        for t in found
        if not (t.family == "export" and any(lic.start <= t.start < lic.end for lic in licences))
    ]
    anaphor = _anaphoric_tariff(clause, found)
    if anaphor is not None:
        found.append(anaphor)
    paused = PAUSED_MEASURES.match(clause)
    measures = [t for t in found if t.family in {"tariff", "export", "suspend"}]
    if paused is not None and not measures:  # "..., but the measures were frozen after talks"
        found.append(Trigger("tariff", paused.start(1), paused.end(1), "suspend_tariff"))
    worded = policy_triggers(clause)  # licence policy, clearances, approvals, waivers, WTO
    found = [t for t in found if not overlaps(t.start, t.end, worded)]
    found += [Trigger(w.family, w.start, w.end, w.action) for w in worded]
    framed = [Trigger("export", f.start, f.end, f.action) for f in frames_in(clause)]
    withheld = [f for f in framed if f.action == "impose_export_control"]
    unframed = [
        t
        for t in found
        if not (
            t.family == "export"
            and (
                any(t.start < f.end and f.start < t.end for f in framed)
                or _inside_eased_object(clause, t, framed)
            )
        )
        # "stopped issuing licences": the licence a frame withholds is granted to no one
        and not (
            t.family == "licence" and any(t.start < f.end and f.start < t.end for f in withheld)
        )
    ]
    return sorted(unframed + framed, key=lambda t: t.start)


# words of money and credit: a bare "rate" moved to a level in their clause is a bank's rate
MONEY_WORDS = re.compile(
    r"\b(?:central bank|bank|Fed|Federal Reserve|interest|inflation|monetary|mortgage|lending|"
    r"borrowing|loans?|bonds?|yields?|currency|yuan|renminbi|dollar)\b",
    re.IGNORECASE,
)


def _rate_of_money(clause: str, trigger: Trigger) -> bool:
    """A bare "rate" trigger (``grammar.RATE_MOVED_TO_A_LEVEL``) in a clause about money:
    "The central bank cut the rate to 3%" changes no tariff."""
    word = clause[trigger.start : trigger.end].lower()
    return (
        trigger.family == "tariff"
        and word.startswith("rate")
        and not clause[: trigger.start].lower().endswith("reciprocal ")
        and MONEY_WORDS.search(clause) is not None
    )


# a pronoun or demonstrative subject of a rate change names the measure of the sentence before:
# "This was later raised to 20 percent", "and it will be cut to 10% in May"
ANAPHORIC_RATE_CHANGE = re.compile(
    r"^\W*(?:(?:and|but|then)\s+)?(?P<anaphor>this|that|it|(?:the|this|that)\s+(?:rate|levy|duty))"
    r"\s+(?:was|were|is|has been|had been|will be|would be|is to be)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:rais|increas|hik|doubl|tripl|lower|reduc|cut|halv|slash)\w*\b",
    re.I,
)


# ... or a pronoun object of a verb of change with a rate after it: "he would raise it to
# 15%", "will raise this further to a 'legally tested' 15 percent", "increased this figure"
ANAPHORIC_OBJECT_CHANGE = re.compile(
    r"\b(?:rais|increas|hik|doubl|tripl|lower|reduc|cut|halv|slash)\w*\s+"
    r"(?P<anaphor>it|this(?:\s+(?:figure|rate|level))?|that\s+(?:figure|rate|level))"
    r"\s+(?:further\s+|again\s+)?(?:to|by)\b(?=[^.;\d]{0,60}\d)"
    # a participle after the measure, its object understood: "a 10% tariff, later raised to 15%"
    r"|(?:^|(?<=,\s))(?:later|then|subsequently|since)\s+"
    r"(?P<participle>(?:rais|increas|hik|doubl|tripl|lower|reduc|cut|halv|slash)\w*)"
    r"\s+(?:to|by)\b(?=[^.;\d]{0,60}\d)",
    re.I,
)


# measures named before, paused in a clause of their own: "President Donald Trump had also
# announced 25 percent tariffs on Canada and Mexico, but the measures were frozen after talks"
PAUSED_MEASURES = re.compile(
    r"^\W*(?:but|and|yet)?\s*(?:the|these|those)\s+(measures)\s+(?:were|was|have\s+been|had\s+been|"
    r"will\s+be|would\s+be)\s+(?:(?:later|then|quickly|temporarily)\s+)?(?:frozen|suspended|paused|"
    r"delayed|postponed|put\s+on\s+hold)\b",
    re.I,
)


def _anaphoric_tariff(clause: str, found: list[Trigger]) -> Trigger | None:
    """A tariff trigger on the anaphoric subject of a rate change with a stated rate, when the
    clause names no measure of its own (the actor then comes from the article's context), or
    on the pronoun object of such a change when no measure is named before it."""
    measures = [t for t in found if t.family in {"tariff", "export", "suspend"}]
    match = ANAPHORIC_RATE_CHANGE.match(clause)
    if match is None:
        match = ANAPHORIC_OBJECT_CHANGE.search(clause)
        if match is None:
            return None
        if any(t.start < match.start() for t in measures):
            return _second_change(clause, match, measures)
    elif measures:
        return None
    if not find_rates(clause[match.end() :]):
        return None
    if match.group("anaphor"):
        return Trigger("tariff", match.start("anaphor"), match.end("anaphor"))
    rising = re.match(r"rais|increas|hik|doubl|tripl", match.group("participle"), re.I)
    action = "raise_tariff" if rising else "cut_tariff"  # the participle is the act
    return Trigger("tariff", match.start("participle"), match.end("participle"), action)


# the pronoun's change follows the measure as a predicate of its own: "slapping a 10% tariff
# on February 4, doubling it to 20% a month later", "imposed a 10% tariff and raised it to 20%"
SECOND_PREDICATE = re.compile(r"(?:,|\band\b|\bthen\b)\s*(?:(?:later|then|again)\s+)?$", re.I)


def _second_change(clause: str, match: re.Match[str], measures: list[Trigger]) -> Trigger | None:
    """The change of a pronoun object after a measure named in the same clause, when the
    change is a second predicate: a second act on the measure (its own action, from the verb),
    not the first one restated."""
    if not match.group("anaphor") or not SECOND_PREDICATE.search(clause[: match.start()]):
        return None
    if not find_rates(clause[match.end() :]):
        return None
    verb = clause[match.start() : match.start("anaphor")]
    rising = re.match(r"rais|increas|hik|doubl|tripl", verb, re.I)
    action = "raise_tariff" if rising else "cut_tariff"
    return Trigger("tariff", match.start(), match.start() + len(verb.rstrip()), action, True)


def _inside_eased_object(clause: str, trigger: Trigger, framed: list[Trigger]) -> bool:
    """Whether an export trigger is part of the object an easing frame eases ("the
    suspension of other export controls ..., including expanded curbs on rare earths")."""
    eased = [f for f in framed if f.action == "ease_export_control"]
    if not eased:
        return False
    token = next((t for t in parse(clause) if trigger.start <= t.idx < trigger.end), None)
    if token is None:
        return False
    return any(f.start <= a.idx < f.end for a in token.ancestors for f in eased)


# a pause or truce named as the time of the clause's act is no cue for it: "During the
# pause, U.S. tariffs were lowered to 30%" is a cut
TIME_FRAME = re.compile(
    r"\b(?:during|amid|since|after|following)\s+(?:the|this|that|its|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:pause|truce|suspension|reprieve|period)\b"
    # the end of a stretch of time is no ending of a measure: "by the end of the week"
    r"|\bend\s+of\s+(?:the\s+|this\s+|that\s+|next\s+|last\s+)?(?:week|month|year|quarter|"
    r"day|decade|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|\d{4})\b",
    re.I,
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


# a participle with no auxiliary right after the noun is a reduced relative ("the 24% tariff
# rate imposed on imported goods ... will continue to be suspended"): the clause's own verb,
# with its auxiliary, comes after it
REDUCED_RELATIVE = re.compile(r"^\W*(?:\w+\W+){0,6}?(imposed|levied|introduced|applied)\b", re.I)
AUXILIARY_PASSIVE = re.compile(
    r"\b(?:(?:will|would|shall)\s+(?:(?:continue|remain)\s+to\s+be|remain|be)|were|was|are|is|"
    r"have\s+been|has\s+been|remains?|continues?\s+to\s+be)\s+"
    r"(suspended|paused|lifted|removed|eliminated|delayed|postponed|deferred)\b",
    re.I,
)


# the words between a tariff noun and its verb: its own phrase and one aside between commas
ASIDE_BETWEEN = re.compile(r"[^,;.]{0,60},[^,;.]{1,60},\s*")


def _main_passive(after: str, rest: str) -> re.Match[str] | None:
    """The passive verb in ``after`` (the words after a trigger); past a reduced relative,
    the clause's own verb in ``rest`` (the clause after the trigger), before any comma."""
    passive = PASSIVE_AFTER.search(after)
    if passive is None:  # past an aside: "the triple-digit tariffs on each other's goods,
        # announced earlier this year, would be suspended for another 90 days"
        later = AUXILIARY_PASSIVE.search(rest)
        between = rest[: later.start()] if later else ""
        return later if later and ASIDE_BETWEEN.fullmatch(between) else None
    relative = REDUCED_RELATIVE.match(after)
    if relative is None or passive.start(1) != relative.start(1):
        return passive
    later = AUXILIARY_PASSIVE.search(rest, relative.end())
    if later is None or "," in rest[relative.end() : later.start()]:
        return passive
    return later


def _nearest_cue(
    cues: list[tuple[str, re.Pattern[str]]], clause: str, trigger: Trigger
) -> str | None:
    window_start = max(0, trigger.start - 70)
    if window_start > 0 and clause[window_start - 1].isalnum():  # no word cut in two
        space = clause.find(" ", window_start, trigger.start)  # ("overs|eas" is no "eas")
        window_start = trigger.start if space < 0 else space + 1
    before = TIME_FRAME.sub(_blank, clause[window_start : trigger.start])
    after = clause[trigger.end : trigger.end + 70]
    passive = _main_passive(after, clause[trigger.end : trigger.end + 160])
    if passive is None and trigger.family == "tariff":
        passive = TARIFF_PARTICIPLE_AFTER.search(after)
    passive_text = passive.group() if passive else ""
    for action, pattern in cues:
        if pattern.search(before) or (passive_text and pattern.search(passive_text)):
            return action
    if trigger.family == "export" and CONTROLS_TAKE_EFFECT.search(passive_text):
        return "impose_export_control"
    return None


# a pause or reprieve of export controls eases them: "a one-year pause on export controls"
CONTROLS_PAUSED = re.compile(
    r"^\s+(?:on|of|in)\s+(?:[\w’'-]+\s+){0,3}?(?:export\s+)?(?:controls?|restrictions?|curbs?|bans?)\b",
    re.I,
)


# "lift" with the level it goes to raises ("lifting its tariffs on US goods to 125%"); "lift
# the tariffs" alone removes them
LIFTED_TO = re.compile(
    r"\blift(?:s|ed|ing)?\s+(?:[\w’'.-]+\s+){0,6}?(?<!\bup\s)to\s+(?:about\s+|nearly\s+)?[1-9]\d*\s*"
    r"(?:%|per)",
    re.I,
)


# a tariff called new is imposed, whatever verb brings it: "hit Chinese imports with new
# tariffs that quickly escalated" (a raise changes a tariff already there)
NEW_MEASURE_BEFORE = re.compile(r"\bnew\s+(?:[\w%-]+\s+){0,2}?$", re.I)


# a tariff that takes effect, told a few words after its noun (a dot inside "U.S. goods" is
# no sentence's end; the passive cues of
# :data:`tradewar.news.grammar.PASSIVE_AFTER` reach six words)
TAKING_EFFECT_AFTER = re.compile(
    r"(?:[^.;,]|\.(?!\s+(?-i:[A-Z])|\s*$)){0,50}?\b(?:will|would|is\s+to|are\s+to|set\s+to)\s+(?:go|come|enter)\s+into\s+"
    r"(?:effect|force)\b",
    re.I,
)


# a tariff said to be adjusted, modified or amended, with no rate to tell which way: the
# labelling guide's open content ("adjusting tariffs on imports originating from the U.S.",
# "to adjust duties related to the synthetic opioid supply chain")
ADJUSTED_BEFORE = re.compile(
    r"\b(?:adjust\w*|modif\w*|amend\w*|revis\w*)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)


def action_for(trigger: Trigger, clause: str) -> str | None:
    """The action a trigger announces in its clause, or None when no verb supports one."""
    if trigger.action is not None:
        return trigger.action
    if trigger.family == "tariff":
        if clause[trigger.start].isdigit():
            return "impose_tariff"  # "Beijing responded with 125 percent": the answer's rate
        if names_a_pause(clause, trigger.end):
            return "suspend_tariff"  # "announcing an extension of its tariff pause"
        if imposed_range(clause, trigger.start, trigger.end):
            return "impose_tariff"  # "levied 10% to 50% tariffs": a range, not a raise
        moved = rise_or_fall(clause, trigger.end)
        if moved is not None:
            return moved  # "tariffs rose to 104 percent"
        action = _nearest_cue(TARIFF_CUES, clause, trigger)
        stopped = STOPPED_FOR_A_PERIOD.search(clause)
        if action == "cut_tariff" and stopped and stopped.start() < trigger.start:
            action = "suspend_tariff"  # "will stop 24% of the tariff for 90 days": a pause
        rates = find_rates(clause)
        for rate in rates:
            if (
                rate.kind in {"from_to", "pair", "to_from", "level_upfrom"}
                and rate.second is not None
                and action != "suspend_tariff"
            ):
                low_first = rate.kind in {"from_to", "pair"}
                rising = (rate.second > rate.first) if low_first else (rate.first > rate.second)
                action = "raise_tariff" if rising else "cut_tariff"
        if action in {None, "impose_tariff"}:
            action = (
                _governing_change(clause, trigger) or _particle_change(clause, trigger) or action
            )
        if action == "cut_tariff" and LIFTED_TO.search(clause):
            action = "raise_tariff"  # "lifting its tariffs on US goods to 125%": up to a level
        if action == "raise_tariff" and NEW_MEASURE_BEFORE.search(clause[: trigger.start]):
            action = "impose_tariff"  # "hit Chinese imports with new tariffs": a new measure
        if action == "impose_tariff" and _threatened_increase(clause, trigger):
            action = "raise_tariff"  # "threaten China with a massive tariff increase"
        adjusted = ADJUSTED_BEFORE.search(clause[: trigger.start])
        if action in {"impose_tariff", "suspend_tariff"} and not rates and adjusted:
            return None  # "issued an announcement adjusting tariffs on imports": which way,
            # unsaid; a cue before the verb is another act's ("suspending port fees on both
            # sides and adjusting tariffs on Chinese goods")
        if action is None and rates and not CURRENT_LEVEL.search(clause):
            action = "impose_tariff"  # "84 per cent tariffs on US goods from Thursday"
        if action is None and TAKING_EFFECT_AFTER.match(clause, trigger.end):
            action = "impose_tariff"  # "its matching tariff rate on U.S. products will go
            # into effect Thursday"
        return action
    if trigger.family == "export":
        if NOT_EASE.search(clause):
            return "impose_export_control"
        text = clause[trigger.start : trigger.end].lower()
        if LICENCE_OBLIGATION.match(text):  # "must obtain a licence", unless it is lifted
            eased = _nearest_cue(EXPORT_CUES, clause, trigger) == "ease_export_control"
            return "ease_export_control" if eased else "impose_export_control"
        if EASING_PHRASE.match(text):
            return "ease_export_control"
        if IMPOSING_PHRASE.match(text):
            return "impose_export_control"
        return _nearest_cue(EXPORT_CUES, clause, trigger)
    if joint_truce_extension(clause, trigger.family, trigger.start, trigger.end):
        return "reach_agreement"  # "the two sides agreed to extend their truce"
    if trigger.family == "suspend" and CONTROLS_PAUSED.match(clause[trigger.end :]):
        return "ease_export_control"  # "agreed to a one-year pause on export controls"
    if trigger.family == "suspend" and EXPORT_PAUSE.search(clause[trigger.start : trigger.end]):
        return "ease_export_control"  # "extending the rare earth export suspension"
    return {
        "suspend": "suspend_tariff",
        "talks": "hold_talks",
        "agree": "reach_agreement",
        "accuse": "accuse_violation",
        "licence": "grant_licence",
    }[trigger.family]


# a threatened increase or hike of a side's tariffs is a threatened raise ("threaten China with
# a massive tariff increase", "threatened a 50% tariff hike"): the compound told alone is
# often a new tariff's name ("the recent 34% tariff hike" on U.S. goods), so only a threat
THREATENED_BEFORE = re.compile(r"\bthreat\w*\b(?:[^.;]|(?<=[A-Z])\.){0,60}$", re.I)
INCREASE_AFTER = re.compile(r"^\s+(?:increases?|hikes?)\b", re.I)


def _threatened_increase(clause: str, trigger: Trigger) -> bool:
    """Whether a tariff noun heads "increase" or "hike" in a threat."""
    return bool(
        INCREASE_AFTER.match(clause[trigger.end :])
        and THREATENED_BEFORE.search(clause[: trigger.start])
    )


# a pause named by the exports it concerns is a pause of export controls
EXPORT_PAUSE = re.compile(r"\bexport(?:[\s-]+control)?\s+(?:suspension|pause|moratorium)\b", re.I)


# a verb of stopping with a period is a pause ("will stop 24% of its added tariffs on US goods
# for 90 days", "halted the duties for three months"); a cut for a period stays a cut (the
# guide: "reduce the reciprocal tariffs to 10% for 90 days")
STOPPED_FOR_A_PERIOD = re.compile(
    r"\b(?:stop|stops|stopped|stopping|halt|halts|halted|halting|cease[sd]?|ceasing)\b(?=(?:[^.;]|(?<=[A-Z])\.){0,80}?"
    r"\bfor\s+(?:a\s+period\s+of\s+)?(?:\d+|one|two|three|six|nine|ninety)[\s-]+"
    r"(?:days?|weeks?|months?|years?)\b)",
    re.I,
)


# the verb whose subject a tariff noun is decides its act, however far it stands: "the 10%
# tariff that Washington placed on steel in March was doubled to 20%"
CHANGE_VERBS = {
    **dict.fromkeys(("raise", "increase", "double", "triple", "hike"), "raise_tariff"),
    **dict.fromkeys(("cut", "reduce", "lower", "halve", "slash"), "cut_tariff"),
    # ending verbs: "the additional tariffs on certain other imports will be terminated"
    **dict.fromkeys(
        (
            "terminate",
            "remove",
            "eliminate",
            "lift",
            "scrap",
            "cancel",
            "repeal",
            "rescind",
            "discontinue",
            "cease",
            "abolish",
            "withdraw",
            "revoke",
        ),
        "cut_tariff",
    ),
    **dict.fromkeys(("suspend", "pause"), "suspend_tariff"),
}
CHANGE_AFTER = re.compile(
    r"\b(?:is|are|was|were|be|been|will\s+be|remains?|remained|stays?|stayed)\s+(?:\w+\s+)?"
    r"(?:rais|increas|doubl|tripl|hik|cut|reduc|lower|halv|slash|suspend|paus|"
    r"terminat|remov|eliminat|lift|scrap|cancel|repeal|rescind|discontinu|ceas|abolish|"
    r"withdr[ae]w|revok)\w*",
    re.I,
)


STATE_VERBS = frozenset({"remain", "stay"})
RATE_NOUNS = frozenset({"rate", "level", "measure"})


def _governing_change(clause: str, trigger: Trigger) -> str | None:
    """The act of the verb whose (passive) subject the tariff noun is, when it is a change
    verb and not negated ("the tariff ... was doubled to 20%": a raise; "the 24% rate will
    remain suspended": a suspension)."""
    if not CHANGE_AFTER.search(clause, trigger.end):
        return None
    noun = next((t for t in parse(clause) if trigger.start <= t.idx < trigger.end), None)
    if noun is not None and noun.dep_ == "compound" and noun.head.lemma_.lower() in RATE_NOUNS:
        noun = noun.head  # "the 24% additional tariff rate ... will remain suspended"
    if noun is not None and noun.dep_ not in {"nsubj", "nsubjpass"}:
        noun = _of_phrase_head(noun)
    if noun is None or noun.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    verb = noun.head
    if verb.lemma_.lower() in STATE_VERBS:  # "the 24% rate will remain suspended": the
        verb = _state_participle(verb)  # suspension goes on (parsed either way)
    if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return None
    return CHANGE_VERBS.get(verb.lemma_.lower())


def _of_phrase_head(noun: Any) -> Any:
    """The noun an of-phrase holding the tariff noun hangs on, the official register's
    nominal subjects: "the implementation of the 24% additional tariff ... will be
    suspended", "the measures of imposing additional tariffs ... will be terminated"; else
    the noun itself."""
    token = noun
    if token.dep_ == "dobj" and token.head.tag_ == "VBG":  # "imposing additional tariffs"
        token = token.head
    if token.dep_ in {"pobj", "pcomp"} and token.head.lower_ == "of":
        head = token.head.head
        if head.pos_ in {"NOUN", "PROPN"}:
            return head
    return noun


def _state_participle(verb: Any) -> Any:
    """The participle a verb of state carries ("remain suspended"), else the verb itself."""
    if verb.dep_ == "auxpass":
        return verb.head
    participle = [
        c for c in verb.children if c.dep_ in {"acomp", "oprd", "xcomp"} and c.tag_ == "VBN"
    ]
    return participle[0] if participle else verb


# a phrasal verb's particle gives the direction of the tariff noun it governs: "will move
# their tariffs down 115 points", "ratcheted its duties on steel up to 50%"
PARTICLE_LATER = re.compile(r"\b(?:down|up)\b", re.I)
PARTICLE_NEXT = re.compile(r"\s*(down|up)\s+(?:by\s+)?\d", re.I)
PARTICLES = {"down": "cut_tariff", "up": "raise_tariff"}


def _particle_change(clause: str, trigger: Trigger) -> str | None:
    """A cut or raise told by the particle of the verb whose object or subject the tariff
    noun is ("move tariffs down", "tariffs came down to 30%"), not by a verb of change."""
    if not PARTICLE_LATER.search(clause, trigger.end):
        return None
    right_after = PARTICLE_NEXT.match(clause, trigger.end)
    if right_after:  # "move their tariffs down 115 per cent" (however it parses)
        return PARTICLES[right_after.group(1).lower()]
    noun = next((t for t in parse(clause) if trigger.start <= t.idx < trigger.end), None)
    if noun is None or noun.dep_ not in {"dobj", "nsubj", "nsubjpass"}:
        return None
    particles = [
        c.lower_ for c in noun.head.children if c.dep_ in {"prt", "advmod"} and c.i > noun.i
    ]
    return next((PARTICLES[p] for p in particles if p in PARTICLES), None)


TARIFF_PRIORITY = ("suspend_tariff", "cut_tariff", "raise_tariff", "impose_tariff")
# the pairs of tariff actions that one clause tells as two acts, each trigger keeping its own:
# a cut and a suspension of two measures ("agreed to lower fentanyl-related tariffs from 20
# percent to 10 percent and maintain its suspension of heightened reciprocal tariffs", "will
# remove the 10-percent fentanyl tariffs ... and will continue to suspend the 24%"), and an
# imposition and a later raise ("After imposing a blanket 10 percent tariff ..., Trump hiked
# the rate to 20 percent").  An imposition beside a cut or a suspension is most often the
# measure eased, recalled ("suspend all retaliatory tariffs imposed since March 4"; the
# recall rules date it), so those clauses keep their strongest action only: measured over
# the labelled articles, keeping them apart added 17 and 14 events for 6 and 5 true ones.
TWO_TARIFF_ACTS = frozenset(
    {
        frozenset({"cut_tariff", "suspend_tariff"}),
        frozenset({"impose_tariff", "raise_tariff"}),
    }
)


# a modal perfect before a trigger makes it hypothetical: "an escalation that could have seen
# tariffs soar to 145%", "might have imposed"
HYPOTHETICAL = re.compile(
    r"\b(?:could|might|would)\s+(?:not\s+)?have\b"
    # a condition told by inversion: "potential impacts should the Mexican and Canadian
    # tariffs go into effect"
    r"|\bshould\s+(?:the|these|those|its|their|any)\s+(?:[\w-]+\s+){0,4}$"
    # an act put off: "they will wait 18 months before imposing new punitive tariffs"
    r"|\bwait\w*\b[^.;]{0,40}\bbefore\s+\w+ing\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
# an option kept open or only worked toward, not taken: "reserves the right to implement other
# forms of countermeasures", "were considering identifying ... goods on which each side could
# lower tariffs", "had agreed to work toward a 90-day extension of the current pause"
OPEN_OPTION = re.compile(
    r"\b(?:reserv\w*\s+(?:the|its)\s+right\s+to|consider(?:ing|s|ed)?\s+(?:identifying|whether)|"
    r"(?:stands?|stood)\s+ready\s+to|"
    r"work(?:ing)?\s+toward)\b(?:[^.;]|(?<=[A-Z])\.)*$",
    re.I,
)


def _option_open(clause: str, start: int) -> bool:
    """Whether the words before a trigger keep its act an open option (:data:`OPEN_OPTION`)."""
    return bool(OPEN_OPTION.search(clause[max(0, start - 160) : start]))


# a possible outcome told by an adverb and a participle: "..., potentially raising the average
# U.S. tariffs on many Chinese goods above 150%", "potentially lifting commodity prices"
POSSIBLE_OUTCOME = re.compile(
    r"\b(?:potentially|possibly)\s+\w+ing\b(?:[^.;]|(?<=[A-Z])\.){0,50}$", re.I
)


# a measure that goes on is a state, not an act: "the remaining 10% tariffs will continue to
# be imposed"
# (a pause that goes on is still labelled a pause: "will continue to be suspended")
CONTINUING = re.compile(
    r"^\W*(?:\w+\s+){0,3}?continu\w*\s+to\s+be\b(?!\s+(?:suspended|paused|deferred)\b)", re.I
)


# the counterfactual's reach ends at a comma or dash: in "claimed Beijing would issue general
# licences, a measure that would have lifted controls" only the lifting is hypothetical
SCOPE_END = re.compile(r"[,;:()\u2013\u2014]")


def _counterfactual(clause: str, trigger: Trigger) -> bool:
    """Whether a trigger lies in the reach of a counterfactual ("without the order, tariffs
    would have surged", "tariffs could have climbed from 30%"): a modal perfect before it or
    in its own stretch of the clause after it, or a "without the ..." condition anywhere in
    the clause."""
    for match in COUNTERFACTUAL.finditer(clause):
        if match.group().lower().startswith("without"):
            return True
        if match.start() < trigger.start:
            return True
        if RELATIVE_BEFORE.search(clause, trigger.end, match.start()):
            continue  # "postpone a rule that would have blacklisted ...": what the rule does
        if not SCOPE_END.search(clause[trigger.end : match.start()]):
            return True
    return False


def _averted_threat(clause: str, start: int, end: int) -> bool:
    """Whether a tariff trigger names a threat that is averted, ended or taken off the table."""
    before = clause[max(0, start - 100) : start]
    if AVERTED_THREAT_BEFORE.search(before):
        return True
    return bool(THREAT_BEFORE.search(before) and OFF_THE_TABLE_AFTER.match(clause[end:]))


def _power_to_impose(clause: str, start: int) -> bool:
    """Whether a tariff trigger is what a statute or office empowers someone to do
    ("Section 122 authorizes the President to impose ..."): a power, not an act."""
    return bool(POWER_TO_IMPOSE.search(clause[max(0, start - 80) : start]))


# a relative pronoun right before a "would have" after the trigger: the relative clause says
# what the measure would have done, and the act on the measure is real
RELATIVE_BEFORE = re.compile(r"\b(?:that|which)\s+(?:[\w’'-]+\s+){0,1}$", re.I)


# a quoted title: "Announcement of the ... Commission on Imposing Additional Tariffs on ...",
# "Tariff Law of the People's Republic of China", in straight or curly quotes
QUOTED = re.compile(r"[\"“]([^\"“”]{20,300})[\"”]")
TITLE_SMALL_WORDS = frozenset(
    {"on", "of", "the", "and", "for", "to", "in", "a", "an", "at", "by", "from", "or", "with"}
)
# "a proclamation titled 'Imposing a Temporary Import Surcharge'": the document issued
NAMING = re.compile(r"\b(?:titled|entitled|called|named|dubbed)\s*$", re.I)


# an unquoted title of an official document: "the Announcement of the Customs Tariff
# Commission of the State Council on Imposing Additional Tariffs on Imported Goods
# Originating from the United States" (a document noun, "on", a capitalised gerund, and
# capitalised words but for small ones)
SMALL = r"(?:of|the|and|for|in|on|to|from)"
UNQUOTED_TITLE = re.compile(
    rf"\b(?:Announcement|Notice|Decision|Circular|Order|Proclamation)(?:\s+No\.\s?\d+)?"
    rf"(?:\s+of\s+the(?:\s+[A-Z][\w'’-]*|\s+{SMALL})+?)?\s+on\s+[A-Z]\w+ing\b"
    rf"(?:\s+(?:[A-Z][\w'’-]*|{SMALL}))*(?<=[A-Za-z])"
)


def _blank_title(clause: str, start: int, end: int) -> str:
    """The clause with ``[start, end)`` replaced by a plain noun of the same length."""
    return clause[:start] + "document".ljust(end - start) + clause[end:]


def without_titles(clause: str) -> str:
    """The clause with the quoted titles it cites replaced by a plain noun (offsets kept): a
    title names a document, not the act the clause states ("the additional tariff measures
    stipulated in the 'Announcement ... on Imposing Additional Tariffs on Certain Imported
    Goods ...' will be suspended": a suspension, not an imposition), and its words are no
    cues.  A title is a quoted run of five or more words, capitalised but for small ones;
    one the clause gives to the document it issues ("a proclamation titled 'Imposing a
    Temporary Import Surcharge ...'") still states its act."""
    for match in QUOTED.finditer(clause):
        words = re.findall(r"[A-Za-z][\w'’-]*", match.group(1))
        content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
        if (
            len(words) >= 5
            and all(w[0].isupper() for w in content)
            and not NAMING.search(clause[: match.start()])
        ):
            clause = _blank_title(clause, match.start(1), match.end(1))  # a noun to parse
    for match in UNQUOTED_TITLE.finditer(clause):
        end = match.end()
        while (word := re.search(rf"\s+{SMALL}$", clause[match.start() : end])) is not None:
            end = match.start() + word.start()  # "... from the United States": no "the" left
        if not NAMING.search(clause[: match.start()]):
            clause = _blank_title(clause, match.start(), end)
    return clause


def clause_actions(clause: str) -> list[tuple[Trigger, str]]:
    """Triggers of a clause with their actions; one tariff action per clause (the strongest),
    except for the pairs of :data:`TWO_TARIFF_ACTS`.
    Quoted document titles are neither triggers nor cues (:func:`without_titles`)."""
    clause = without_titles(clause)
    pairs = [
        (t, a)
        for t in find_triggers(clause)
        if (a := action_for(t, clause)) is not None
        and not _counterfactual(clause, t)
        and not NEGATED.search(clause[: t.start])
        and not HYPOTHETICAL.search(clause[: t.start])
        and not (t.family == "tariff" and POSSIBLE_OUTCOME.search(clause[: t.start]))
        and not (t.family != "agree" and _option_open(clause, t.start))
        and not CONTINUING.match(clause[t.end :])
        and not (t.family != "talks" and UNREALISED.search(clause[max(0, t.start - 120) : t.start]))
        and not _declined(clause[max(0, t.start - 80) : t.start])
        and not (t.family == "tariff" and MATCHED.search(clause[max(0, t.start - 80) : t.start]))
        and not IN_QUESTION.search(clause[: t.start])
        and not (t.family in {"tariff", "export"} and NEVER_IN_EFFECT.match(clause[t.end :]))
        and not (t.family == "tariff" and _averted_threat(clause, t.start, t.end))
        and not (t.family == "tariff" and _power_to_impose(clause, t.start))
        and not (t.family == "talks" and PURPOSE.search(clause[max(0, t.start - 30) : t.start]))
        and not (t.family == "talks" and _ongoing_talks(clause, t.start, t.end))
        and not (t.family == "talks" and _called_off(clause[max(0, t.start - 60) : t.start]))
        and not (t.family == "talks" and _negotiations_in_passing(clause, t.start, t.end))
        and not (t.family == "talks" and _talks_as_a_time(clause, t.start, t.end))
        and not (t.family in {"tariff", "export"} and _judged_gerund(clause, t.start))
        and not (t.family in {"tariff", "export"} and _bare_countermeasures_paused(clause, t))
        and not (
            t.family in {"suspend", "agree"}
            and VIEWED_AS.search(clause[max(0, t.start - 60) : t.start])
        )
        and not states_a_level(clause, t.family, t.start, t.end)
        and not possible_meeting(clause, t.family, t.start, t.end)
        and not commentators_forecast(clause, t.start)
        and not (t.family == "export" and _described_measure(clause, t.start))
        and not (t.family == "agree" and CONTENTLESS_CONSENSUS.search(clause, t.start, t.end + 90))
        and not (
            t.family == "agree" and TIME_TO_AGREE.search(clause[max(0, t.start - 80) : t.start])
        )
        and not (
            t.family in {"suspend", "agree"}
            and MEETING_AIM.search(clause[max(0, t.start - 110) : t.start])
        )
        and not (t.family == "agree" and SOUGHT_DEAL.search(clause[max(0, t.start - 40) : t.start]))
        and not (t.family == "tariff" and _extension_aimed_at(clause, t.start))
    ]
    pairs = [  # "suspend the rule that expands export restrictions": the controls are eased
        (t, "ease_export_control" if describes_eased_rule(clause, t.family, t.start) else a)
        for t, a in pairs
    ]
    tariff = [a for _, a in pairs if a in TARIFF_PRIORITY]
    if frozenset(tariff) in TWO_TARIFF_ACTS:
        return pairs
    if len(set(tariff)) > 1:
        best = min(tariff, key=TARIFF_PRIORITY.index)
        pairs = [(t, best if a in TARIFF_PRIORITY else a) for t, a in pairs]
    return pairs


# a consensus that says only that issues were agreed is no deal (the guide: a "consensus" is
# a `reach_agreement` only when the text says what was agreed): "reached a basic consensus on
# several trade and economic issues", "reached agreement on key issues of mutual interest"
CONTENTLESS_CONSENSUS = re.compile(
    r"\b(?:consensus(?:es)?|agreement)\s+on\s+(?:several|various|a\s+range\s+of|a\s+number\s+of|"
    r"multiple|many|some|a\s+series\s+of|key|major|main|important)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:issues|matters|topics|areas|fronts)\b"
    r"(?!\s*(?:,\s*)?(?:including|such\s+as|like|:))",
    re.I,
)


# a deal that time is given for is an aim: "allowing more time for the U.S. and China to
# finalize a trade agreement", "the window to finalize terms"
TIME_TO_AGREE = re.compile(
    r"\b(?:time|chance|opportunity|window|room|space)\s+(?:for\s+(?:[^.;]|(?<=[A-Z])\.){1,50}?\s+)?"
    r"to\s+$",
    re.I,
)


# a deal sought or hoped for is an aim: "as they sought to clinch a new trade deal with
# Washington", "hoping to reach an agreement"
SOUGHT_DEAL = re.compile(
    r"\b(?:seek(?:s|ing)?|sought|hop(?:e|es|ed|ing)|tr(?:y|ies|ied|ying)|attempt(?:s|ed|ing)?|"
    r"striv(?:e|es|ing)|strove)\s+to\s+$",
    re.I,
)


# a pause that a meeting is to bring is the meeting's aim (the guide: talks "to try to extend
# the truce" label no pause): "Trump and Xi set to meet in Beijing early April 2026 to extend
# the Busan trade truce", "The Stockholm meeting — ... — is set to extend a 90-day pause"
MEETING_AIM = re.compile(
    r"\b(?:meet|meeting|talks|summit|visit)\b[^.;,]{0,100}?\b(?:to|set\s+to|expected\s+to)\s+$",
    re.I,
)


# ... and the tariffs that pause names ("to extend the Busan trade truce by up to one year,
# including tariff rollbacks", "is set to extend a 90-day pause on those tariffs")
AIMED_EXTENSION = re.compile(
    r"\b(?:meet|meeting|talks|summit|visit)\b[^.;,]{0,100}?\b(?:to|set\s+to|expected\s+to)\s+"
    r"(?:extend|prolong)\w*\b[^.;]{0,70}$",
    re.I,
)


def _extension_aimed_at(clause: str, start: int) -> bool:
    """Whether a tariff trigger at ``start`` lies in an extension that a meeting aims at."""
    return bool(AIMED_EXTENSION.search(clause[max(0, start - 180) : start]))


# a measure described, not done: "The designation is a full ban on dual-use exports to the
# named firms", "The curbs are mostly symbolic", "the restrictions acted as a near-total freeze
# on exports" (the copula's predicate is a noun or an adjective, not a participle: "the ban was
# imposed in retaliation ..." states the act)
DESCRIBED_MEASURE = re.compile(
    r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:curbs|restrictions|controls|bans?|designation|"
    r"listing|move|measures?|limits)\s+(?:is|are|was|were|acts?\s+as|acted\s+as|amounts?\s+to|amounted\s+to)\s+"
    r"(?=(?:an?|mostly|largely|merely|only|purely|symbolic|effectively)\b)[^,;]{0,60}"
    # with the participle that goes on describing it (", tightening rules that ...")
    r"(?:,\s+\w+ing\b[^,;]*)?",
    re.I,
)


def _described_measure(clause: str, start: int) -> bool:
    """Whether an export trigger at ``start`` is in a description of a measure (the subject
    or the predicate of :data:`DESCRIBED_MEASURE`)."""
    return any(m.start() <= start < m.end() for m in DESCRIBED_MEASURE.finditer(clause))


# an act named by a gerund that a copula judges is the idea of the act, not one done: "But
# imposing steep tariffs on three of our closest trading partners is a serious step"
JUDGED_GERUND = re.compile(
    r"^\W*(?:(?:but|and|yet)\s+)?(?:imposing|raising|cutting|lifting|slapping|levying|removing|"
    r"hiking|easing|banning|restricting)\b[^,;.]{0,80}?\b(?:is|was|would\s+be|will\s+be|"
    r"could\s+be|might\s+be)\b",
    re.I,
)


def _judged_gerund(clause: str, start: int) -> bool:
    """Whether a measure trigger lies in a gerund subject that a copula judges."""
    match = JUDGED_GERUND.match(clause)
    return match is not None and start < match.end()


# countermeasures paused with nothing said of them but their target: "China will also
# suspend its countermeasures against the US for one year" (the guide labels no act whose
# content is open)
PAUSED_BEFORE = re.compile(
    r"\b(?:suspend|lift|remov|halt|paus)\w*\s+(?:its|their|all|the)\s+(?:retaliatory\s+)?$", re.I
)
ONLY_TARGET_AFTER = re.compile(
    r"^\s+(?:against|on)\s+(?:the\s+)?(?:US|U\.S\.|United\s+States|America|China|Washington|"
    r"Beijing)\b(?!\s+(?:goods|products|imports|exports|companies|firms|entities))",
)


def _bare_countermeasures_paused(clause: str, trigger: Trigger) -> bool:
    """Whether a paused "countermeasures" trigger names only its target."""
    return (
        clause[trigger.start : trigger.end].lower() == "countermeasures"
        and bool(PAUSED_BEFORE.search(clause[max(0, trigger.start - 40) : trigger.start]))
        and bool(ONLY_TARGET_AFTER.match(clause[trigger.end :]))
        and not re.search(r"\d", clause)
    )


# a deal or truce named as what an act is seen as: "experts view it as a one-year truce
# rather than a lasting solution"
VIEWED_AS = re.compile(
    r"\b(?:view|see|saw|seen|describ|regard|call|characteri[sz])\w*\s+(?:it|this|that|the\s+\w+)\s+"
    r"as\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}$",
    re.I,
)


# talks that only tell the time of another act: "Bessent left London before the talks
# ended", "did not provide details after the talks concluded around midnight"
TIME_OF_TALKS_BEFORE = re.compile(
    r"\b(?:before|after|until|when|once|as)\s+the\s+(?:[\w-]+\s+)?$", re.I
)
TALKS_ENDING_AFTER = re.compile(
    r"^\s+(?:had\s+)?(?:ended|concluded|began|started|finished|wrapped\s+up|got\s+underway)\b", re.I
)


def _talks_as_a_time(clause: str, start: int, end: int) -> bool:
    """Whether a talks trigger is the subject of a bare time clause."""
    return bool(
        TIME_OF_TALKS_BEFORE.search(clause[max(0, start - 30) : start])
        and TALKS_ENDING_AFTER.match(clause[end:])
    )


# a meeting called off, not held ("intended to cancel his upcoming meeting", "saw no reason to
# proceed with a planned meeting"); one only hinted or threatened to be called off is still
# planned ("hinted he might cancel an upcoming meeting")
CALLED_OFF = re.compile(
    r"\b(?:cancel\w*|call(?:ed|ing|s)?\s+off|scrap\w*|scuttl\w*|no\s+reason\s+to\s+(?:proceed|go\s+ahead)"
    r"\s+with)\b[^.;]{0,40}$",
    re.I,
)
CALL_OFF_HEDGED = re.compile(r"\b(?:might|may|could|threat\w*|hint\w*|consider\w*)\b", re.I)


# negotiations held, begun or ended: the verbs that make a bare "negotiations" a meeting
NEGOTIATIONS_HELD = re.compile(
    r"\b(?:hold|held|holding|engag\w*\s+in|enter\w*\s+(?:into\s+)?|beg[iau]n\w*|start\w*|launch\w*|"
    r"open\w*|conclud\w*|wrap\w*\s+up|resum\w*)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
HELD_AFTER = re.compile(r"^\s+(?:[\w-]+\s+){0,3}?(?:were|was|are|is|will\s+be)\s+held\b", re.I)


def _negotiations_in_passing(clause: str, start: int, end: int) -> bool:
    """Negotiations named with no place, date or holding verb ("negotiations with China have
    yet to yield any progress", "announced plans to pursue negotiations with China"): the
    labelling guide's talks in passing, no meeting."""
    if clause[start:end].lower() != "negotiations":
        return False
    if find_dates(clause, None) or LOCATION.search(clause):
        return False
    return not (NEGOTIATIONS_HELD.search(clause[:start]) or HELD_AFTER.match(clause[end:]))


def _called_off(before: str) -> bool:
    """Whether the words before a talks trigger call the meeting off."""
    match = CALLED_OFF.search(before)
    return match is not None and not CALL_OFF_HEDGED.search(before[: match.start()][-40:])


def _declined(before: str) -> bool:
    """Whether the words before a trigger refuse or avert its act; holding off on a measure
    as agreed in a deal is its pause, not a refusal."""
    return bool(DECLINED.search(before)) and not AGREED_TO_HOLD_OFF.search(before)


# talks that go on, or that an act makes room for, with no time or place of their own: "the
# U.S. continues negotiations with China", "to continue trade talks", "leaving room for
# talks", "to allow more substantive talks" (a state or an aim, not a meeting held)
ONGOING_TALKS_BEFORE = re.compile(
    r"\b(?:continu(?:e|es|ed|ing)(?:\s+to\s+(?:have|hold))?|room\s+for|the\s+way\s+for|"
    r"to\s+allow(?:\s+for)?)\s+(?:(?:its|their|the|more|further|substantive|ongoing)\s+)*"
    r"(?:(?:[\w-]+\s+){0,2})$",
    re.I,
)
OWN_TIME_OR_PLACE_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:in|at|on|next|this|last)\s+(?:(?-i:[A-Z])|\d|week|month|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)",
    re.I,
)


def _ongoing_talks(clause: str, start: int, end: int) -> bool:
    """Talks that continue or that an act makes room for, without a time or place."""
    return bool(
        ONGOING_TALKS_BEFORE.search(clause[max(0, start - 50) : start])
        and not OWN_TIME_OR_PLACE_AFTER.match(clause[end:])
    )


def nearest(start: int, end: int, triggers: list[Trigger]) -> Trigger | None:
    """The trigger closest to the span ``[start, end)`` of the same clause."""
    return min(
        triggers,
        key=lambda t: max(start - t.end, t.start - end, 0),
        default=None,
    )
