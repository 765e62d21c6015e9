"""Roles: who acts on whom, from the actor mentions around a trigger.

The actor is the governing verb's subject when two parties precede a trigger
(:mod:`tradewar.news.roles`), else a possessor right before it ("China's controls"), else the
nearest mention before it that is not acted upon, else the sentence's first speaker, else the
article's current actor (set by headers such as "Chinese Commitments:" and by sentence
subjects).  A mention is a target when it is acted upon ("tariffs on China", "Chinese goods").
Joint acts (talks, agreements) are between the parties named; accusations go from the speaker
to the accused, both ways for "accused each other".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from tradewar.news.frames import parse
from tradewar.news.gazetteer import country_code
from tradewar.news.grammar import (
    COUNTERPART,
    GLOBAL_TARGET,
    GOODS_AFTER,
    PLURAL_SUBJECT,
    SPEAKER_AFTER,
    TARGET_BEFORE,
    TARIFF_TRIGGER,
)
from tradewar.news.roles import EXPERIENCER_VERBS, subject_of
from tradewar.news.schema import JOINT_ACTIONS
from tradewar.news.sentences import ArticleContext, Mention, Sentence
from tradewar.news.triggers import Trigger
from tradewar.news.wording import THE_SIDES, acts_in_with_clause, passive_agent


@dataclass(frozen=True)
class Direction:
    """Who acts and on whom, for one event: ``target_inferred`` when the target was not
    named but taken as the actor's usual counterpart (bilateral tariffs of "both sides")."""

    actor: str | None
    target: str | None
    target_inferred: bool = False


PERSONAL_PRONOUN = re.compile(r"^\W*(?:He|She)\b")
# "the president" named by office alone is the last president the article named (Trump or Xi)
BARE_PRESIDENT = re.compile(r"\b[Tt]he president\b(?!['’]s|\s+of\b)")
PRESIDENT_NAME = re.compile(r"\b(?:trump|xi)\b", re.I)
# a ministry or commission named with its country ("China's Ministry of Finance", "the
# Chinese Commerce Ministry"), and one named bare later ("the ministry said")
COUNTRY_MINISTRY = re.compile(r"^(?:['’]s?)?\s+(?:[A-Z][\w-]*\s+){0,4}?(?:Ministry|Commission)\b")
BARE_MINISTRY = re.compile(r"\b(?:the|its)\s+(?:\w+\s+)?(?:ministry|commission)\b")
COORDINATED = re.compile(r"^[\w\s-]{0,40}?\b(?:and|or)\s+(?:the\s+)?$")
# a country whose conduct is judged or whose sectors are hit undergoes the act ("determined
# China's acts ... are actionable", "due to Mexico's failure to stop ...", "hitting Japan's
# chip sector"): the possessor of a conduct or sector noun is a target, not an actor
UNDERGOER_POSSESSED = re.compile(
    r"^(?:’s|'s)\s+(?:[\w-]+\s+){0,3}?(?:acts?|actions?|polic(?:y|ies)|practices?|failures?|"
    r"conduct|behaviou?r|roles?|involvement|violations?|abuses?|sectors?|industr(?:y|ies)|economy|"
    r"access)\b",  # "curbed China's access to advanced chips": China undergoes the curb
    re.I,
)
# a place adjunct of a meeting ("met ... in Singapore", "talks at Geneva"): where, not whom
# a run-in heading naming a country, before a paragraph with a subject of its own ("China: The
# executive order ... would impose a 10% additional tariff on Chinese products"): the
# paragraph's topic, the country its measures are about, not their actor
RUN_IN_HEADING_AFTER = re.compile(r"^[ \t]*:[ \t]+(?:The|A|An|This|These|That|Those)\b")
# a party that faces a measure undergoes it ("China faces stacked tariffs now reaching up to
# 125%", "with goods from Japan facing an additional 10 percent tariff")
FACING_AFTER = re.compile(
    r"^\s+(?:(?:now|also|still|would|will|could|may)\s+)?fac(?:es?|ed|ing)\b"
    # ... or is given a rate with no goods of its own named ("the European Union will have a
    # 20% levy", "Vietnam is seeing a 46% tariff", "Japan gets 24%")
    r"|^\s+(?:(?:now|also|still|would|will|could|may)\s+)?(?:have|has|get|gets|got|see|sees|"
    r"is\s+seeing|receive[sd]?|was\s+hit\s+with|is\s+hit\s+with)\s+(?:an?\s+)?"
    r"\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)(?:\s+[\w-]+)?(?:\s+(?:levy|tariff|rate|duty))?"
    r"(?!\s+(?:on|against|for)\b)"
    # ... or is said to be subject to it ("China had also been subject to a 10% tariff")
    r"|^\s+(?:is|are|was|were|will|would|has|have|had)\s+(?:(?:also|still|now|already)\s+)?"
    r"(?:been\s+|be\s+)?(?:(?:also|still|now|already)\s+)?subject\s+to\b"
)
# a party given a pause undergoes it: "Canada and Mexico got a one-month reprieve", "Mexico
# managed to secure a temporary 30-day tariff reprieve"
GRANTED_A_PAUSE_AFTER = re.compile(
    r"^(?:\s+and\s+[\w.]+)?\s+(?:(?:also|managed\s+to|were\s+able\s+to)\s+)?"
    r"(?:got|gets?|received?|secured?|won|wins?|obtained?|(?:was|were)\s+(?:given|granted))\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,4}?"
    r"(?:reprieve|pause|delay|exemption|postponement|suspension|respite)\b",
    re.I,
)
# a country compounded with "-specific", "-targeted", "-focused" names what a measure is aimed at,
# and with "-bound" where goods go ("allowing China-bound H200 exports")
AIMED_AT_AFTER = re.compile(r"^-(?:specific|targeted|focused|bound)\b", re.I)
MEETING_PLACE_BEFORE = re.compile(
    r"\b(?:meet\w*|met|talks|summit|negotiations?|discussions?|visit\w*|sidelines|gathering|"
    # (a stop after a capital is an abbreviation's: "between Xi and U.S. President Trump in")
    r"conference|forum)\b(?:[^.;:]|(?<=[A-Z])\.){0,80}?\b(?:in|at)\s+(?:the\s+)?$",
    re.I,
)


def is_target_role(sentence: Sentence, mention: Mention) -> bool:
    """Whether a mention is acted upon ("tariffs on China", "Chinese goods", "goods from
    Hong Kong ... and the Macao region") rather than acting.  Officials and agencies act:
    "the announcement of the Ministry of Commerce" names its author, not a target."""
    if mention.kind in {"official", "agency"}:
        return False
    text = sentence.text
    before = text[max(0, mention.start - 25) : mention.start]
    after = text[mention.end : mention.end + 30]
    possessive = re.match(r"^(’s|'s)\s+(access|exports?|goods|imports|shipments)?", after)
    if UNDERGOER_POSSESSED.match(after):
        return True
    if RUN_IN_HEADING_AFTER.match(after) and not re.search(r"\w", text[: mention.start]):
        return True
    if AIMED_AT_AFTER.match(after):  # "China-specific measures", "the China-specific rate"
        return True
    if FACING_AFTER.match(after) or _granted_a_pause(sentence, mention):
        return True
    if possessive and not possessive.group(2):
        return False  # "Trump's executive order": the possessor acts
    if MEETING_PLACE_BEFORE.search(text[max(0, mention.start - 110) : mention.start]):
        return False
    if acts_in_with_clause(text, mention.start):  # ", with Beijing also announcing ..."
        return False
    if (
        TARGET_BEFORE.search(before)
        or _names_goods_of(sentence, mention, GOODS_AFTER.search(after))
        or re.match(r"^(’s|'s)\s+(access|exports?|goods|imports|shipments)", after)
    ):
        return True
    previous = [m for m in sentence.mentions if m.end <= mention.start]
    return bool(
        previous
        and COORDINATED.match(text[previous[-1].end : mention.start])
        and is_target_role(sentence, previous[-1])
    )


def _granted_a_pause(sentence: Sentence, mention: Mention) -> bool:
    """Whether a party is said to get a pause (its subject undergoes it, the pause is
    another's act)."""
    return bool(GRANTED_A_PAUSE_AFTER.match(sentence.text[mention.end : mention.end + 90]))


def _names_goods_of(sentence: Sentence, mention: Mention, goods: re.Match[str] | None) -> bool:
    """Whether a country names whose goods follow it ("Chinese goods", "China-origin
    products", "US agricultural exports"); a verb between them makes the country the
    subject of that verb ("China banned exports of gallium"), which acts on the goods."""
    if goods is None:
        return False
    between = re.search(r"[A-Za-z]+", sentence.text[mention.end : mention.end + goods.start(1)])
    if between is None:
        return True
    position = mention.end + between.start()
    word = next((t for t in parse(sentence.text) if t.idx == position), None)
    return word is None or word.pos_ not in {"VERB", "AUX"}


@dataclass
class Roles:
    """Who acts, on whom, and the actor's words."""

    actor: str | None
    target: str | None
    actor_text: str | None
    plural: bool = False
    previous_actor: str | None = None  # who acted before this sentence (a complaint's target)
    owned: bool = False  # the actor is the possessor of the measure noun, not the clause's


def roles_for(
    sentence: Sentence,
    clause_start: int,
    clause: str,
    trigger: Trigger,
    context_actor: str | None,
    person: str | None = None,
    ministry: str | None = None,
    issuer: str | None = None,
    president: str | None = None,
) -> Roles:
    """Actor and target of a trigger from the mentions around it; with no actor named, a
    sentence opened by "He" or "She" acts through the last person named (``person``, the
    country of an official), one that names "the ministry" through the country of the last
    ministry named with it (``ministry``), any other through the article's current actor.  In
    an official text a sentence that names no actor ("I imposed tariffs on Chinese products",
    "The tariff rate ... is amended") acts for the text's issuer (``issuer``)."""
    t_start = clause_start + trigger.start
    in_clause = [
        m for m in sentence.mentions if clause_start <= m.start < clause_start + len(clause)
    ]
    gapped = _gapped_roles(sentence, clause_start, clause, trigger, context_actor)
    if gapped is not None:
        return gapped
    responder = _responder_before_colon(sentence, t_start)
    before = [
        m
        for m in in_clause
        if m.end <= t_start
        and (not is_target_role(sentence, m) or heads_the_trigger(sentence, m, trigger, t_start))
        and not _granted_a_pause(sentence, m)
    ]
    opponent = (
        _opponent(sentence, before, clause_start, t_start)
        if trigger.family in {"tariff", "export"}
        else None
    )
    if opponent is not None:  # "China firmly opposes the 10% tariff": China undergoes it
        return _opposed_roles(opponent, in_clause)
    if responder is not None and trigger.family in {"tariff", "export"}:
        target = COUNTERPART.get(responder.code)
        return Roles(responder.code, target, responder.text)
    owner = (
        _owner_of_the_measure(sentence, before, t_start)
        if trigger.family in {"tariff", "export"}
        else None
    )
    # a measure named as one side's, possessed by the other side
    named_owner = _named_over_possessor(sentence, clause, trigger, owner, in_clause)
    actor_mention = owner if named_owner is None else None
    if actor_mention is None and named_owner is None and trigger.family in {"tariff", "export"}:
        actor_mention = _decision_owner(sentence, before, t_start)
    if actor_mention is None and named_owner is None:
        actor_mention = _syntax_actor(sentence, before, t_start)
    if actor_mention is None and named_owner is None:
        actor_mention = _possessive_actor(sentence, in_clause, t_start)
        named_owner = _named_over_possessor(sentence, clause, trigger, actor_mention, in_clause)
    if named_owner is not None:
        actor_mention = None
    if actor_mention is None and named_owner is None:
        actor_mention = _quoted_first_person(sentence, t_start)
    if actor_mention is None and named_owner is None:
        named_owner = _answer_to_fronted_retaliation(sentence, before, trigger, t_start)
    if actor_mention is None and named_owner is None:
        actor_mention = _last_not_taxing_itself(sentence, before, in_clause, trigger, t_start)
    if actor_mention is None:
        actor_mention = _relative_subject(sentence, in_clause, clause_start + trigger.end)
    if actor_mention is None:  # "was cleared for export by the Trump administration"
        actor_mention = _agent_mention(sentence, in_clause, t_start, clause_start + trigger.end)
    if actor_mention is None:  # "the recent increase in tariffs by Washington"
        actor_mention = _nominal_agent(sentence, t_start, clause_start + trigger.end)
    if actor_mention is None and trigger.family == "export":
        actor_mention = _licensing_authority(sentence, in_clause, clause_start + trigger.end)
    if actor_mention is None and clause_start > 0:  # a clause cut at a conjoined verb: "...
        # said Washington will impose tariffs ... and impose export controls": its subject
        earlier = [
            m
            for m in sentence.mentions
            if m.end <= clause_start and not is_target_role(sentence, m)
        ]
        actor_mention = _subject_mention(sentence, earlier, t_start)
    if actor_mention is None:
        subjects = [
            m
            for m in sentence.mentions
            if (m.end <= t_start or SPEAKER_AFTER.match(sentence.text[m.end : m.end + 30]))
            and not is_target_role(sentence, m)
        ]
        actor_mention = subjects[0] if subjects else None
    if actor_mention is None and _in_fronted_participle(sentence.text, t_start):
        # "After imposing a 10% tariff on Chinese goods in February, Trump hiked ...",
        # "Having raised tariffs ..., the US cut ...": the main clause's subject, after it
        parties = [m for m in sentence.mentions if not is_target_role(sentence, m)]
        actor_mention = _subject_mention(sentence, parties, t_start)
    if actor_mention is None and any(_granted_a_pause(sentence, m) for m in in_clause):
        # "Canada and Mexico got a one-month reprieve, but President Trump's new 10% tariff on
        # China went into effect": the one other party of the sentence grants it
        grantors = {
            m.code
            for m in sentence.mentions
            if m.kind in {"official", "agency"} and not is_target_role(sentence, m)
        }
        if len(grantors) == 1:
            actor_mention = next(m for m in sentence.mentions if m.code in grantors)
    actor: str | None
    if named_owner is not None:
        actor = named_owner
    elif actor_mention is not None:
        actor = actor_mention.code
    elif context_actor is not None and _points_to_last_actor(sentence.text, t_start):
        actor = context_actor  # "..., the U.S. side has ceased ... However, it has imposed ..."
    elif _owner_by_name(clause, trigger) is not None:
        actor = _owner_by_name(clause, trigger)  # "the reciprocal tariffs", even in China's text
    elif issuer is not None:
        actor = issuer
    elif person is not None and PERSONAL_PRONOUN.match(sentence.text):
        actor = person
    elif president is not None and BARE_PRESIDENT.search(sentence.text[:t_start]):
        actor = president  # "For 90 days, the president also suspended ...": the last named
    elif ministry is not None and BARE_MINISTRY.search(sentence.text):
        actor = ministry  # "..., the ministry said": the country of the ministry named before
    else:
        actor = context_actor
    if actor_mention is None:
        actor = _not_taxing_own_goods(sentence, in_clause, actor, trigger)
    target = None
    for mention in in_clause + sentence.mentions:
        if mention.code != actor and is_target_role(sentence, mention):
            target = mention.code
            break
    plural = bool(PLURAL_SUBJECT.search(sentence.text[: t_start + 1])) or _pair_subject(
        sentence, t_start, clause_start
    )
    plural = plural or bool(THE_SIDES.search(sentence.text[: t_start + 1]))  # "the sides agreed"
    if target is None and actor in COUNTERPART:
        target = COUNTERPART[actor]
    named_before = actor_mention is not None and actor_mention.end <= t_start
    importer = (
        _importer(sentence, [m for m in in_clause if m.start > t_start])
        if trigger.family == "tariff" and not named_before
        else None
    )
    if importer is not None and importer.code != actor:  # no party named before the trigger
        return _import_roles(sentence, importer, in_clause, plural)
    mention_text = actor_mention.text if actor_mention else None
    return Roles(actor, target, mention_text, plural, owned=owner is not None)


# a further rate whose verb and tariff noun are left out: "imposed 25% tariffs on imports from
# Canada and Mexico, and an additional 10% on imports from China"
GAPPED_RATE_BEFORE = re.compile(r"\band\s+(?:an\s+additional|a\s+further|an\s+extra)\s+$", re.I)


def _gapped_roles(
    sentence: Sentence,
    clause_start: int,
    clause: str,
    trigger: Trigger,
    context_actor: str | None,
) -> Roles | None:
    """A gapped rate acts through the first tariff's actor on the party named after it; None
    for any other trigger."""
    if trigger.family != "tariff" or not GAPPED_RATE_BEFORE.search(clause[: trigger.start]):
        return None
    t_start = clause_start + trigger.start
    first = TARIFF_TRIGGER.search(clause)
    if first is None or first.start() >= trigger.start:
        return None
    earlier = Trigger(trigger.family, first.start(), first.end())
    roles = roles_for(sentence, clause_start, clause[: trigger.start], earlier, context_actor)
    after = [m for m in sentence.mentions if m.start > t_start and m.code != roles.actor]
    target = after[0].code if after else roles.target
    return Roles(roles.actor, target, roles.actor_text, False)


# a party whose own clause holds the trigger: the antecedent of a relative pronoun ("a
# response from Japan, which imposed 40% tariffs", "a deal with Japan, which has in turn
# agreed to pause ...") or the subject of a gerund ("centers on Japan pausing the controls")
RELATIVE_AFTER = re.compile(r"^\s*,\s*(?:which|who)\s", re.I)
GERUND_AFTER = re.compile(r"^\s+(?:\w+ly\s+)?\w+ing\b")


def heads_the_trigger(sentence: Sentence, mention: Mention, trigger: Trigger, t_start: int) -> bool:
    """Whether a mention that looks acted upon ("from Japan", "on Japan") is the subject of
    the clause that holds the trigger, and so acts."""
    after = sentence.text[mention.end : t_start]
    if mention.kind != "country" or not (RELATIVE_AFTER.match(after) or GERUND_AFTER.match(after)):
        return False
    if any(mention.end <= m.start < t_start for m in sentence.mentions):
        return False
    doc = parse(sentence.text)
    head = next((t for t in doc if t.idx <= mention.end - 1 < t.idx + len(t.text)), None)
    if head is None:
        return False
    verbs = [c for c in head.children if c.dep_ == "relcl"]
    if GERUND_AFTER.match(after) and head.i + 1 < len(doc) and doc[head.i + 1].tag_ == "VBG":
        verbs.append(doc[head.i + 1])  # the gerund right after the party
    return any(
        verb.idx <= t_start < verb.right_edge.idx + len(verb.right_edge.text)
        and verb.lemma_.lower() not in EXPERIENCER_VERBS  # "goods from China facing a tariff"
        for verb in verbs
    )


# a party's possessive right before a measure noun: "Washington's 10 percent levies on Chinese
# goods", "Beijing's new export controls" (up to three words between)
OWNER_BEFORE_MEASURE = re.compile(r"^(?:’s|'s)\s+(?:[\w%.-]+\s+){0,3}$")


def _owner_of_the_measure(
    sentence: Sentence, before: list[Mention], t_start: int
) -> Mention | None:
    """The party whose measure the trigger noun names, by the possessive right before it
    ("in retaliation for Washington's 10 percent levies": Washington's levies), whatever
    the clause's subject does."""
    if not before:
        return None
    last = before[-1]
    if all(m.code == last.code for m in before[:-1]):
        return None  # no other party competes: the clause's own rules decide
    if last.kind != "country" or not OWNER_BEFORE_MEASURE.match(sentence.text[last.end : t_start]):
        return None
    if UNDERGOER_POSSESSED.match(sentence.text[last.end :]):
        return None  # "curbed China's access to chips": China undergoes the curb
    if ON_BEFORE.search(sentence.text[max(0, last.start - 12) : last.start]):
        return None  # "the pause on China's tariffs": may be the tariffs on China
    return last


ON_BEFORE = re.compile(r"\bon\s+(?:the\s+)?$", re.I)


# a party's decision or move to act, named by its possessive: "a direct counterpunch to
# Trump's decision on March 4 to double tariffs on Chinese imports", "Washington's move to
# restrict ..."
DECISION_TO_ACT = re.compile(
    r"^(?:’s|'s)\s+(?:[\w-]+\s+){0,2}?(?:decision|move|plan|order|threat|pledge|promise|bid|"
    r"attempt)\s+(?:(?:on|in)\s+[\w ]{1,25}?\s+)?to\s+[\w\s%.-]{0,60}$",
    re.I,
)


def _decision_owner(sentence: Sentence, before: list[Mention], t_start: int) -> Mention | None:
    """The party whose decision or move to act governs the trigger, whatever the clause's
    subject: the possessor of "decision ... to" right before the trigger's phrase."""
    for mention in reversed(before):
        if DECISION_TO_ACT.match(sentence.text[mention.end : t_start]):
            return mention
    return None


# the authority a required licence or approval comes from: "must obtain an export licence
# issued by the Ministry of Commerce of China", "must secure export approval from MOFCOM"
ISSUED_BY = re.compile(
    r"\b(?:(?:issued|granted|approved)\s+by|from)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?$", re.I
)


def _licensing_authority(sentence: Sentence, mentions: list[Mention], t_end: int) -> Mention | None:
    """The party that issues the licence a control requires, named just after the trigger
    (the firms that must obtain it undergo the control; the issuer imposes it)."""
    for mention in mentions:
        if t_end <= mention.start <= t_end + 60 and ISSUED_BY.search(
            sentence.text[t_end : mention.start]
        ):
            return mention
    return None


# the country goods enter is the one that taxes them: "a 10% tariff on all Chinese imports
# into the U.S. took effect", "duties on steel entering Canada"
IMPORT_DESTINATION = re.compile(
    r"(?:\b(?:imports?|goods|products|shipments|[a-z]+s)\s+(?:[\w-]+\s+){0,3}?into|"
    r"\b(?:entering|bound\s+for|headed\s+(?:in)?to|arriving\s+in))\s+(?:the\s+)?$",
    re.I,
)


def _importer(sentence: Sentence, mentions: list[Mention]) -> Mention | None:
    """The country named as where the taxed goods enter, or None."""
    for mention in mentions:
        if mention.kind in {"official", "agency"}:
            continue
        if IMPORT_DESTINATION.search(sentence.text[max(0, mention.start - 60) : mention.start]):
            return mention
    return None


def _import_roles(
    sentence: Sentence, importer: Mention, mentions: list[Mention], plural: bool
) -> Roles:
    """The importer taxes; the goods' origin (another party in a target role) undergoes it."""
    origin = next(
        (m for m in mentions if m.code != importer.code and is_target_role(sentence, m)), None
    )
    target = origin.code if origin is not None else COUNTERPART.get(importer.code)
    return Roles(importer.code, target, importer.text, plural)


# verbs and adjectives of opposing: their subject undergoes the measure it opposes
OPPOSING = frozenset(
    {
        "oppose", "condemn", "denounce", "protest", "criticize", "criticise", "slam", "reject",
        "decry", "deplore", "blast", "dissatisfied", "resent", "object",
    }
)  # fmt: skip
OPPOSING_CUE = re.compile(
    r"\b(?:oppos|condemn|denounc|protest|critici[sz]|slam|reject|decr[iy]|deplor|blast|"
    r"dissatisfied|resent|object)\w*",
    re.I,
)


def _opponent(
    sentence: Sentence, before: list[Mention], clause_start: int, t_start: int
) -> Mention | None:
    """The party named as the subject of a verb of opposing whose object the measure is
    ("Beijing firmly opposes the 10% additional tariff", "Ottawa condemned the new duties"):
    it is the measure's target, never its actor.  A measure with a subject of its own ("opposes
    the US imposing tariffs") is that subject's act."""
    if not before or not OPPOSING_CUE.search(sentence.text, clause_start, t_start):
        return None
    doc = parse(sentence.text)
    token = next((t for t in doc if t.idx <= t_start < t.idx + len(t.text)), None)
    while token is not None and token.pos_ not in {"VERB", "ADJ", "AUX"}:
        token = token.head if token.head.i != token.i else None  # the word it is object of
    if token is None or token.lemma_.lower() not in OPPOSING:
        return None
    for _ in range(4):  # "is dissatisfied with and opposes ...": the subject of "is"
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            span = list(subjects[0].subtree)
            left, right = span[0].idx, span[-1].idx + len(span[-1].text)
            return next((m for m in before if left <= m.start and m.end <= right), None)
        if token.dep_ not in {"conj", "acomp", "xcomp"}:
            return None
        token = token.head
    return None


def _opposed_roles(opponent: Mention, in_clause: list[Mention]) -> Roles:
    """The opposed measure's actor: another party of the clause, else the opponent's
    counterpart."""
    other = next((m for m in in_clause if m.code != opponent.code), None)
    actor = other.code if other is not None else COUNTERPART.get(opponent.code)
    return Roles(actor, opponent.code, other.text if other is not None else None)


def _syntax_actor(sentence: Sentence, before: list[Mention], t_start: int) -> Mention | None:
    """When two parties are named before a trigger, the one that is the governing verb's
    subject (:mod:`tradewar.news.roles`); None when the parse does not settle it."""
    if len({m.code for m in before}) < 2:
        return None
    return _subject_mention(sentence, before, t_start)


def _subject_mention(sentence: Sentence, before: list[Mention], t_start: int) -> Mention | None:
    """The mention among ``before`` that is the trigger's syntactic subject (through
    conjoined verbs and verbs of saying, :func:`tradewar.news.roles.subject_of`), or None."""
    subject = subject_of(sentence.text, t_start)
    if subject is not None and subject.pronoun:
        return _speaker_of_pronoun(sentence, before, subject.head)
    if subject is None:
        return None
    inside = [m for m in before if subject.start <= m.start and m.end <= subject.end]
    heads = [m for m in inside if m.start <= subject.head < m.end]
    chosen = heads or inside
    return chosen[0] if chosen else None


def _points_to_last_actor(text: str, t_start: int) -> bool:
    """Whether the trigger's subject is "it" or "they", which points to the last actor told
    (even in an official text, whose issuer speaks of itself as "we" or by name)."""
    subject = subject_of(text, t_start)
    return (
        subject is not None
        and subject.pronoun
        and text[subject.start : subject.end].lower() in {"it", "they"}
    )


def _in_fronted_participle(text: str, t_start: int) -> bool:
    """Whether the trigger lies in a participial clause before the main clause, without a
    subject of its own ("After imposing ...,", "Having raised ...,")."""
    doc = parse(text)
    token = next((t for t in doc if t.idx <= t_start < t.idx + len(t.text)), None)
    for _ in range(6):
        if token is None or token.head.i == token.i:
            return False
        if token.pos_ in {"VERB", "AUX"} and token.tag_ in {"VBG", "VBN"}:
            clause_head = token.head if token.dep_ == "pcomp" else token  # "After imposing"
            return (
                token.dep_ in {"advcl", "pcomp"}
                and clause_head.i < clause_head.head.i
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in token.children)
            )
        token = token.head
    return False


# "I" as the subject of the trigger's verb in a quotation: "Trump wrote, '... I am hereby
# raising the Tariff charged to China ... to 125%'"
FIRST_PERSON_BEFORE = re.compile(
    r"\bI\s+(?:(?:am|have|will|shall|hereby|now|also|today)\s+){0,3}[a-z]+\s+"
    r"(?:(?:the|a|an|my|our|these|all)\s+)?(?:[\w%-]+\s+){0,2}$"
)
OPENING_QUOTE = re.compile(r"[\"“]")


def _quoted_first_person(sentence: Sentence, t_start: int) -> Mention | None:
    """The speaker of a quotation whose "I" acts ("Based on the lack of respect that China has
    shown ..., I am hereby raising the Tariff ...": Trump, who wrote it), not the last party
    named inside the quotation: the first party named before its opening quote."""
    text = sentence.text
    if not FIRST_PERSON_BEFORE.search(text[max(0, t_start - 80) : t_start]):
        return None
    quote = OPENING_QUOTE.search(text[:t_start])
    if quote is None:
        return None
    speakers = [m for m in sentence.mentions if m.end <= quote.start()]
    return speakers[0] if speakers else None


def _speaker_of_pronoun(
    sentence: Sentence, before: list[Mention], pronoun_at: int
) -> Mention | None:
    """The speaker a reported "he" or "she" stands for ("Trump said he had agreed with Xi to
    cut ...": Trump), from the subject of the verb of saying above the pronoun's clause."""
    doc = parse(sentence.text)
    pronoun = next((t for t in doc if t.idx == pronoun_at), None)
    if pronoun is None or pronoun.lower_ not in {"he", "she"}:
        return None
    verb = pronoun.head
    for _ in range(3):
        if verb.dep_ not in {"ccomp", "conj"} or verb.head.i == verb.i:
            return None
        verb = verb.head
        speakers = [c for c in verb.children if c.dep_ == "nsubj"]  # a dateline may be one
        speaker = speakers[-1] if speakers else None
        if speaker is not None:  # the mention of its head word, else the last in its phrase
            left, right = speaker.left_edge.idx, speaker.right_edge.idx + len(speaker.right_edge)
            inside = [m for m in before if left <= m.start and m.end <= right]
            heads = [m for m in inside if m.start <= speaker.idx < m.end]
            chosen = heads or inside
            return chosen[-1] if chosen else None
    return None


def _agent_mention(
    sentence: Sentence, mentions: list[Mention], t_start: int, t_end: int
) -> Mention | None:
    """The mention inside the passive agent after a trigger (:func:`wording.passive_agent`)."""
    span = passive_agent(sentence.text, t_start, t_end)
    if span is None:
        return None
    return next((m for m in mentions if span[0] <= m.start and m.end <= span[1]), None)


# the agent of an action noun over the measure: "the recent increase in tariffs by Washington
# on Chinese imports", "the imposition of tariffs by the United States"
ACTION_NOUN_BEFORE = re.compile(
    r"\b(?:increases?|hikes?|imposition|introduction|cuts?|reductions?|removal|lifting|"
    r"suspension)\s+(?:in|of)\s+(?:the\s+)?$",
    re.I,
)
AGENT_AFTER = re.compile(r"^\s+by\s+(?:the\s+)?", re.I)


def _nominal_agent(sentence: Sentence, t_start: int, t_end: int) -> Mention | None:
    """The party after "by" that does the act an action noun names over the trigger."""
    if not ACTION_NOUN_BEFORE.search(sentence.text[max(0, t_start - 30) : t_start]):
        return None
    agent = AGENT_AFTER.match(sentence.text[t_end:])
    if agent is None:
        return None
    start = t_end + agent.end()
    return next((m for m in sentence.mentions if m.start == start), None)


RELATIVE_AFTER = re.compile(r"^\W*(?:that|which)\s", re.I)


def _relative_subject(sentence: Sentence, mentions: list[Mention], t_end: int) -> Mention | None:
    """The subject of a relative clause right after the trigger noun acts for it when no
    party precedes it: "the 10% duty that Ottawa placed on dairy was doubled"."""
    if not RELATIVE_AFTER.match(sentence.text[t_end : t_end + 12]):
        return None
    doc = parse(sentence.text)
    for mention in mentions:
        if mention.start < t_end:
            continue
        token = next((t for t in doc if mention.start <= t.idx < mention.end), None)
        if token is None:
            continue
        while token.dep_ in {"compound", "poss"} and token.head.i != token.i:
            token = token.head
        if token.dep_ == "nsubj" and token.head.dep_ == "relcl" and token.head.head.idx < t_end:
            return mention
    return None


def _possessive_actor(sentence: Sentence, mentions: list[Mention], t_start: int) -> Mention | None:
    for mention in reversed(mentions):
        if mention.end > t_start or t_start - mention.end > 45:
            continue
        after = sentence.text[mention.end :]
        if AIMED_AT_AFTER.match(after) or FACING_AFTER.match(after):  # "China-specific rate"
            continue
        if _granted_a_pause(sentence, mention):  # "Mexico got a one-month reprieve"
            continue
        if UNDERGOER_POSSESSED.match(after):  # "curbed China's access to chips"
            continue
        between = sentence.text[mention.end : t_start]
        adjacent = re.fullmatch(r"(?:’s|'s)?\s*[\"“”’']?\s*(?:[\w-]+\s+){0,5}", between)
        linked = re.search(
            r"\b(on|against|from|to|of|with|for|and|said|has|have|had|will|would|is|was)\b",
            between,
            re.I,
        )
        goods = GOODS_AFTER.search(sentence.text[mention.end : mention.end + 20])
        if adjacent and not linked and not goods:
            return mention
    return None


# what joins the two parties of a pair: "Canada and the US", "Trump and his Chinese
# counterpart Xi Jinping" (the counterpart's country is the second mention)
PAIR_JOINT = re.compile(r"\s+and\s+(?:the\s+|his\s+|her\s+)?")


POSSESSIVE_AFTER = re.compile(r"['’]s?\s")


def _named_over_possessor(
    sentence: Sentence,
    clause: str,
    trigger: Trigger,
    possessor: Mention | None,
    in_clause: list[Mention],
) -> str | None:
    """The side a measure's name gives it when the other side is its possessor ("China's
    higher IEEPA Reciprocal Tariff rate" is the US's tariff on China), unless the clause
    names that side's goods as taxed ("China's reciprocal tariffs on U.S. goods")."""
    if possessor is None or not POSSESSIVE_AFTER.match(sentence.text, possessor.end):
        return None
    named = _owner_by_name(clause, trigger)
    if named is None or named == possessor.code:
        return None
    if any(m.code == named and _goods_taxed(sentence, m) for m in in_clause):
        return None
    return named


# measures whose name says whose they are, read when the clause names no party that acts:
# "24 percentage points of the reciprocal tariffs were suspended", "The fentanyl tariff,
# first imposed in early 2025, ...", "The 50 % 'penetration rule' for export controls is
# suspended for one year" (the US Affiliates Rule)
NAMED_MEASURE_OWNERS = (
    (
        re.compile(
            r"\b(?:fentanyl(?:-related)?|reciprocal|Liberation Day)[\"“”'’ ]+(?:[\w-]+\s+)?"
            r"(?:tariffs?|duties|duty|levies|rates?)\b|\bAffiliates Rule\b|\bpenetration rule\b",
            re.I,
        ),
        "USA",
    ),
    (re.compile(r"\bunreliable entit(?:y|ies) list\b", re.I), "CHN"),
)


def _owner_by_name(clause: str, trigger: Trigger) -> str | None:
    """The party a measure's own name assigns it to, when the name is the trigger's."""
    for pattern, owner in NAMED_MEASURE_OWNERS:
        for match in pattern.finditer(clause):
            if match.start() <= trigger.start < match.end() + 1 or (
                trigger.start <= match.start() < trigger.end + 1
            ):
                return owner
    return None


# the goods a tariff falls on, right after its noun: "duties on U.S. goods", "tariffs on
# imports from China"
TAXED_GOODS_AFTER = re.compile(r"^\s+(?:on|against)\s+(?:[\w’'.-]+\s+){0,3}?$")


# a fronted phrase that names one side's retaliation: "Following additional Chinese
# retaliation, the rate was raised to 125%"
FRONTED_RETALIATION = re.compile(
    r"^\W*(?:Following|After|In\s+response\s+to|In\s+retaliation\s+for)\b[^,.;]{0,50}?"
    r"\b(?:retaliation|countermeasures|retaliatory\s+\w+)\b[^,.;]{0,30},",
    re.I,
)


def _answer_to_fronted_retaliation(
    sentence: Sentence, before: list[Mention], trigger: Trigger, t_start: int
) -> str | None:
    """A measure with no subject of its own after a fronted phrase that names one side's
    retaliation is the other side's answer; None when the sentence says otherwise."""
    fronted = FRONTED_RETALIATION.match(sentence.text)
    if trigger.family not in {"tariff", "export"} or fronted is None or not before:
        return None
    if any(m.start >= fronted.end() for m in before) or fronted.end() > t_start:
        return None
    sides = {m.code for m in before}
    if len(sides) != 1:
        return None
    return COUNTERPART.get(sides.pop())


# the measures listed after a colon as a side's response: "prompting an immediate response
# from Beijing: a 34% tariff on U.S. goods and the rollout of sweeping export controls"
RESPONSE_COLON = re.compile(
    r"\b(?:response|retaliation|reply|answer|countermeasures?)\s+(?:from|by)\s+"
    r"(?P<who>[^:;.]{1,40}?):\s+[^:;]*$",
    re.I,
)


def _responder_before_colon(sentence: Sentence, t_start: int) -> Mention | None:
    """The side whose response a colon introduces, for the measures listed after it."""
    match = RESPONSE_COLON.search(sentence.text[:t_start])
    if match is None:
        return None
    return next(
        (m for m in sentence.mentions if match.start("who") <= m.start < match.end("who")), None
    )


def _last_not_taxing_itself(
    sentence: Sentence,
    before: list[Mention],
    in_clause: list[Mention],
    trigger: Trigger,
    t_start: int,
) -> Mention | None:
    """The last party named before a trigger with no subject of its own, unless the measure
    falls on that party's goods ("China retaliated to new tariffs imposed by President Donald
    Trump, announcing it would raise duties on U.S. goods"): no one taxes its own goods, so
    the party named before that one acts."""
    if not before:
        return None
    if trigger.family != "tariff":
        return before[-1]
    t_end = t_start + (trigger.end - trigger.start)
    taxed = {
        m.code
        for m in in_clause
        if m.start >= t_end
        and TAXED_GOODS_AFTER.match(sentence.text[t_end : m.start])
        and is_target_role(sentence, m)
    }
    if before[-1].code not in taxed:
        return before[-1]
    others = [m for m in before if m.code not in taxed]
    return others[-1] if others else before[-1]


def _not_taxing_own_goods(
    sentence: Sentence, in_clause: list[Mention], actor: str | None, trigger: Trigger
) -> str | None:
    """An actor the clause does not name (the article's current actor, an issuer) is not the
    party whose goods the measure falls on: "The tariffs include an extra 15% on U.S. chicken"
    after a sentence about Washington is the other side's tariff."""
    if actor not in COUNTERPART or trigger.family != "tariff":
        return actor
    taxed = any(m.code == actor and _goods_taxed(sentence, m) for m in in_clause)
    if taxed and not any(m.code == COUNTERPART[actor] for m in in_clause):
        return COUNTERPART[actor]
    return actor


# a party named as whose goods a tariff falls on: "an extra 15% on U.S. chicken", "on all
# Chinese imports"
ON_GOODS_BEFORE = re.compile(r"\b(?:on|against)\s+(?:all\s+|the\s+|certain\s+|some\s+)?$", re.I)


def _goods_taxed(sentence: Sentence, mention: Mention) -> bool:
    before = sentence.text[max(0, mention.start - 20) : mention.start]
    if AIMED_AT_AFTER.match(sentence.text[mention.end :]):
        return False  # "on the US-bound vessel": where the goods go, not whose they are
    return bool(ON_GOODS_BEFORE.search(before)) and mention.kind == "country"


def _pair_subject(sentence: Sentence, t_start: int, clause_start: int = 0) -> bool:
    """Whether two parties joined by "and" act together before the trigger, in its clause
    ("Canada and Mexico got a reprieve, but Trump's tariff on China ..." is Trump's alone)."""
    return _subject_pair(sentence, t_start, clause_start) is not None


def _subject_pair(sentence: Sentence, t_start: int, clause_start: int = 0) -> set[str] | None:
    """The codes of two parties joined by "and" before the trigger, in its clause, or None."""
    before = [m for m in sentence.mentions if clause_start <= m.start and m.end <= t_start]
    for first, second in itertools.pairwise(before):
        joined = sentence.text[first.end : second.start]
        if (
            first.code != second.code
            and PAIR_JOINT.fullmatch(joined)
            and not is_target_role(sentence, first)
        ):
            return {first.code, second.code}
    return None


MUTUAL = re.compile(r"\b(?:each other|one another|the other)\b", re.I)


def one_sided_promise(clause: str, trigger: Trigger, roles: Roles) -> bool:
    """'China agreed to pause its controls' is China's commitment (the act after it is the
    event), not an agreement; 'the two sides agreed to cut tariffs' is one."""
    words = clause[trigger.start : trigger.end].lower()
    return trigger.family == "agree" and words.startswith("agreed to") and not roles.plural


def two_sides(sentence: Sentence) -> bool:
    """Whether a sentence names two different parties (who meet, talk or agree)."""
    return len({m.code for m in sentence.mentions}) >= 2


HEADER = re.compile(
    r"^\W*(?P<who>[\w.’' -]{2,40}?)\s+(?:commitments|actions|measures|obligations|commits to\b|"
    r"(?:shall|will|agrees? to|commits? to)\s*:\s*$)",
    re.I,
)


def update_context(sentence: Sentence, context: ArticleContext) -> None:
    """Headers ("Chinese Commitments:") and sentence subjects set the actor of what follows."""
    header = HEADER.search(sentence.text)
    lead = [m for m in sentence.mentions if m.start < 40 and not is_target_role(sentence, m)]
    if header:
        inside = [
            m
            for m in sentence.mentions
            if m.start <= header.end("who") and not is_target_role(sentence, m)
        ]
        if inside:
            context.actor = inside[-1].code
            return
    if lead and lead[0].code in COUNTERPART:
        context.actor = lead[0].code
    officials = [m for m in sentence.mentions if m.kind == "official"]
    if officials:
        context.person = officials[0].code
    presidents = [m for m in officials if PRESIDENT_NAME.search(m.text)]
    if presidents:
        context.president = presidents[0].code
    ministries = [m for m in sentence.mentions if COUNTRY_MINISTRY.match(sentence.text[m.end :])]
    if ministries:
        context.ministry = ministries[0].code


def participants(sentence: Sentence, roles: Roles, trigger_start: int) -> list[Direction]:
    codes: list[str] = []
    for mention in sentence.mentions:
        if mention.code not in codes:
            codes.append(mention.code)
    if roles.actor and roles.actor not in codes:
        codes.insert(0, roles.actor)
    core = [c for c in codes if c in COUNTERPART]
    named = list(dict.fromkeys(m.code for m in sentence.mentions))
    if len(named) >= 2 and not any(c in COUNTERPART for c in named):  # no US or Chinese party
        return [Direction("+".join(sorted(named[:2])), None)]  # "Canada and Japan agreed"
    partners = {m.code for m in sentence.mentions if named_as_partner(sentence, m)}
    others = [c for c in codes if c not in COUNTERPART and c in partners]
    if len(core) < 2 and not others and _third_country_partner(sentence.text):
        return []  # "Bessent arrives to meet Spain's foreign minister": not US-China talks
    if len(core) < 2 and FIRM_CHIEF.search(sentence.text[:trigger_start]):
        return []  # "Nvidia chief executive Jensen Huang met President Trump": no state talks
    if OTHER_PARTIES_BEFORE.search(sentence.text[max(0, trigger_start - 90) : trigger_start]):
        return []  # "the 50+ trade partners that initiated talks with ...": not US-China talks
    if ALLIES_AFTER.match(sentence.text, trigger_start):
        return []  # "its discussions with key allies and partners on shipbuilding"
    if others and core:
        lead = roles.actor if roles.actor in COUNTERPART else core[0]
        with_others = re.search(r"\b(with|including)\b", sentence.text)
        near = _partners_near(sentence, trigger_start)
        if with_others and COUNTERPART[lead] not in near:  # "talks with Xi": US-China
            return [Direction(lead, other) for other in others]
    thirds = _third_parties(sentence)
    if "CHN" not in codes and thirds:  # "the EU and the United States formalised a trade
        # agreement": no Chinese party named, so the deal is with the party named
        return [Direction("+".join(sorted({"USA", thirds[0]})), None)]
    return [Direction("CHN+USA", None)]


# a group of other countries as the side that holds talks ("the 50+ trade partners that
# reportedly initiated talks with the Trump administration", "more than 70 countries have
# asked for talks with the United States", "other nations in negotiations with ...")
# talks held with allies or partners named as a group, after the talks noun
ALLIES_AFTER = re.compile(
    r"\w+\s+with\s+(?:(?:its|their|key|close|other|major|European|Asian|regional)\s+)*"
    r"(?:allies|partners|trading\s+partners)\b(?![^.;\w]{0,6}(?:including|such\s+as|like)\b)",
    re.I,
)
OTHER_PARTIES_BEFORE = re.compile(
    r"\b(?:\d+\+?|dozens\s+of|scores\s+of|many|several|numerous|other|more\s+than\s+\d+)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:partners|countries|nations|economies|governments|allies)\b"
    r"(?:\s+(?:that|which|who))?(?:\s+[\w-]+){0,4}?\s+(?:(?:for|in|into|to)\s+)?$",
    re.I,
)


# a country named as the other side of a meeting: "meet Spain's foreign minister", "talks
# with Sweden", "met Swiss ..." is not covered (a demonym)
MEETING_PARTNER = re.compile(
    r"\b(?:meet|meets|met|meeting|with)\s+(?:the\s+)?(?-i:([A-Z][a-z]+(?:\s[A-Z][a-z]+)?))(?:['’]s)?\b",
    re.I,
)


# a leader or minister named by a national adjective as the other side of a meeting ("meeting
# on Friday with Spanish Prime Minister Pedro Sanchez", "met Australian Prime Minister ...")
LEADER_PARTNER = re.compile(
    r"\b(?:meet|meets|met|meeting|with)\s+(?:[\w,]+\s+){0,3}?(?-i:([A-Z][a-z]+))\s+"
    r"(?-i:(?:Prime Minister|President|Chancellor|Premier|King|Foreign Minister|Trade Minister))\b",
    re.I,
)
# a firm's chief as the other side: "Nvidia chief executive Jensen Huang met President Trump"
FIRM_CHIEF = re.compile(r"\b(?:chief executive|CEO|chief executives|CEOs|executives)\b")
OTHER_SIDE = "other"  # a third party known only by its adjective or office


def _third_country_partner(text: str) -> str | None:
    """A country other than the US and China named as the other side of a meeting (from the
    GeoNames and ``pycountry`` names, so countries outside the actor gazetteer count too), or
    a leader of one named by a national adjective (``OTHER_SIDE``)."""
    for match in MEETING_PARTNER.finditer(text):
        code = country_code(match.group(1))
        if code is not None and code not in COUNTERPART:
            return code
    for match in LEADER_PARTNER.finditer(text):
        if match.group(1).lower() not in SIDE_ADJECTIVES:
            return OTHER_SIDE
    return None


SIDE_ADJECTIVES = frozenset({"american", "chinese", "us", "u.s.", "vice", "the"})


PARTNER_REACH = 60  # characters after a talks word within which its partner is named


def _partners_near(sentence: Sentence, trigger_start: int) -> set[str]:
    """The parties named as partners right after a talks word ("talks with Xi in ...")."""
    return {
        m.code
        for m in sentence.mentions
        if trigger_start <= m.start <= trigger_start + PARTNER_REACH
        and named_as_partner(sentence, m)
    }


PARTNER_BEFORE = re.compile(r"\b(?:with|including|and)\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,3}$", re.I)
PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|across|around)\s+(?:the\s+)?$", re.I)
PLACE_AFTER = re.compile(r"^\s*(?:city|capital|town|port|resort|airbase)\b", re.I)


def _third_parties(sentence: Sentence) -> list[str]:
    """Whether a sentence names a country other than the US and China, and not as a place
    ("Mexican and Canadian leaders agreed", "the EU and the United States formalised"; not
    "in Geneva, Switzerland"): with no Chinese party named, talks and deals are the US's with
    the first of them, not US-China ones.  The codes of those countries, in order."""
    found: list[str] = []
    for mention in sentence.mentions:
        if mention.code in COUNTERPART or mention.kind in {"official", "agency"}:
            continue
        before = sentence.text[max(0, mention.start - 40) : mention.start]
        after = sentence.text[mention.end : mention.end + 20]
        place = PLACE_BEFORE.search(before) or PLACE_AFTER.match(after)
        if not place and not before.rstrip().endswith(",") and mention.code not in found:
            found.append(mention.code)
    return found


def named_as_partner(sentence: Sentence, mention: Mention) -> bool:
    """Whether a third country takes part in talks ("talks with Japan"), rather than naming
    where they were held ("in the South Korean city of Busan", "in Gyeongju, South Korea")."""
    before = sentence.text[max(0, mention.start - 40) : mention.start]
    after = sentence.text[mention.end : mention.end + 20]
    if PLACE_BEFORE.search(before) or PLACE_AFTER.match(after) or before.rstrip().endswith(","):
        return False
    return bool(PARTNER_BEFORE.search(before))


def accusations(sentence: Sentence, clause: str, trigger: Trigger, roles: Roles) -> list[Direction]:
    """Who accuses whom; "both sides accused each other" is one accusation each way
    (between the two named sides, else the US and China, as for bilateral tariffs)."""
    if roles.plural and MUTUAL.search(clause):
        named = list(dict.fromkeys(m.code for m in sentence.mentions))
        first, second = named if len(named) == 2 else ("USA", "CHN")
        return [
            Direction(first, second),
            Direction(second, first),
        ]
    return [accusation(sentence, clause, trigger, roles)]


# a party followed by a relative clause whose own subject speaks is what is spoken of: "what
# China calls the 'unilateral tariff hike' by the US, which the Ministry claims 'violates WTO
# rules'" (the US is accused; China, which calls it so, accuses)
OTHERS_CLAIM_AFTER = re.compile(
    r"^\W*(?:which|that)\s+(?:the\s+)?(?:[A-Za-z’'.-]+\s+){1,3}?"
    r"(?:claims|claimed|says|said|argues|argued|calls|called|describes|described)\b",
    re.I,
)


def accusation(sentence: Sentence, clause: str, trigger: Trigger, roles: Roles) -> Direction:
    text = sentence.text
    position = sentence.text.find(clause) + trigger.start
    before = [m for m in sentence.mentions if m.end <= position]
    speech = re.compile(
        r"\b(said|says|claimed|claims|accus\w*|charged|complain\w*|argued|filed|calls|(?<!so-)called)\b",
        re.I,
    )
    accuser = None
    for mention in reversed(before):
        if OTHERS_CLAIM_AFTER.match(text[mention.end : position]):
            continue  # "the hike by the US, which the Ministry claims violates ...": accused
        if speech.search(text[mention.end : position]):
            accuser = mention.code
            break
    if accuser is None:  # "“... does not comply with the rules,” the Chinese State Council said"
        accuser = _quoted_speaker(sentence, position)
    accused_pattern = re.search(r"accus\w*\s+(\w+(?:\s\w+)?)\s+of", text[:position], re.I)
    accused = None
    if accused_pattern:
        for mention in sentence.mentions:
            if accused_pattern.start(1) <= mention.start < accused_pattern.end(1) + 10:
                accused = mention.code
    if accused is None:  # the object of a case brought: "sue Japan at the WTO"
        end = position + trigger.end - trigger.start
        sued = [m for m in sentence.mentions if position <= m.start < end and m.code != accuser]
        accused = sued[0].code if sued else None
    if accused is None:
        later = [m for m in before if m.code != accuser]
        accused = later[-1].code if later else None
    actor = accuser or roles.actor
    if accused_pattern and accused is not None and actor == accused:
        # "The newly released white paper accused Washington of violating ...": the party
        # accused is never the accuser, whose subject names no party; the other side accuses
        actor = next(
            (
                c
                for c in (roles.previous_actor, COUNTERPART.get(accused))
                if c not in {None, accused}
            ),
            None,
        )
    parsed = violation_parties(sentence, position, roles.previous_actor)
    if parsed is not None:
        violator, speaker = parsed
        candidates = (speaker, actor, roles.target, roles.previous_actor)
        accuser = next((c for c in candidates if c not in {None, violator}), None)
        return Direction(accuser or COUNTERPART.get(violator), violator)
    if accused is None or accused == actor:
        earlier = roles.previous_actor  # "The EU imposed duties. Beijing filed a complaint."
        accused = earlier if earlier not in {None, actor} else COUNTERPART.get(actor or "")
    return Direction(actor, accused)


VIOLATING_VERBS = frozenset({"violate", "breach", "contravene", "flout", "undermine"})
SPEECH_VERB_HEADS = frozenset({"ccomp", "advcl", "conj", "xcomp", "parataxis"})


# a speaker named right after the closing quote of what was said: "...,” the Chinese State
# Council said", "...,” said China's commerce ministry"
QUOTE_CLOSED_BEFORE = re.compile(r"[”\"],?\s+(?:said\s+)?(?:[\w’'.-]+\s+){0,3}$")


def _quoted_speaker(sentence: Sentence, position: int) -> str | None:
    """The party named as the speaker after a quotation that holds ``position``."""
    text = sentence.text
    for mention in (m for m in sentence.mentions if m.start > position):
        quoted = text[position : mention.start]
        if QUOTE_CLOSED_BEFORE.search(quoted) and (
            SPEAKER_AFTER.match(text[mention.end :]) or re.search(r"\bsaid\s+", quoted[-40:])
        ):
            return mention.code
    return None


def violation_parties(
    sentence: Sentence, position: int, previous_actor: str | None = None
) -> tuple[str, str | None] | None:
    """The party whose acts violate the rules, and who says so, from the parse of a clause
    whose verb is "violate" ("Beijing argues that the U.S. actions violate WTO rules",
    "Washington's decision seriously violates WTO rules, it said") or whose predicate is a
    violation ("the imposition of tariffs by the US is a serious violation of ..."): the
    country named in the subject is accused, the subject of the verb of saying above it
    accuses (None when that subject is a pronoun or names no country).  A subject that
    points back ("This violates ...", "The move breaches ...") accuses the actor of the
    sentence before (``previous_actor``).  None when the subject names no country (the
    surface rules decide)."""
    doc = parse(sentence.text)
    verb = _violating_predicate(doc, position)
    if verb is None:
        return None
    subject = _subject_through_conjuncts(verb) or _shared_subject(verb)
    if subject is None:
        return None
    violator = _country_in(sentence, subject)
    if violator is None and _points_back(subject):
        violator = previous_actor
    if violator is None:
        return None
    speaker = None
    head = verb
    for _ in range(4):
        if head.dep_ not in SPEECH_VERB_HEADS or head.head.i == head.i:
            break
        head = head.head
        said_by = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if said_by is not None:
            speaker = _country_in(sentence, said_by)
            break
    return violator, speaker


VIOLATION_NOUNS = frozenset({"violation", "breach", "contravention"})
# a subject that points back to the act told before: "This violates ...", "the move breaches"
ANAPHORS = frozenset({"this", "that", "it"})
ACT_NOUNS = frozenset({"move", "act", "action", "measure", "step", "decision", "practice"})


def _violating_predicate(doc: Any, position: int) -> Any | None:
    """The verb that says a violation at ``position``: "violate" itself, or the copula of a
    violation noun ("... is a serious violation of WTO rules")."""
    token = next((t for t in doc if t.idx <= position < t.idx + len(t.text)), None)
    if token is None:
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in VIOLATING_VERBS:
        return token
    if lemma in VIOLATION_NOUNS and token.dep_ == "attr" and token.head.lemma_ == "be":
        return token.head
    if token.dep_ == "neg" and token.head.lemma_.lower() in NOT_COMPLYING_VERBS:
        return token.head  # "the actions of the United States do not align with the rules"
    return None


# the verbs that, negated, put a practice outside the rules ("does not comply with", "is not in
# line with")
NOT_COMPLYING_VERBS = frozenset({"comply", "conform", "align", "accord", "be"})


def _shared_subject(verb: Any) -> Any | None:
    """The subject of the predicate before a subjectless one under the same head ("the
    U.S. action 'is a mistake, seriously violates ...'", which the parser reads as two
    clauses of the verb of saying)."""
    if verb.dep_ not in {"ccomp", "conj"} or verb.head.i == verb.i:
        return None
    before = [
        c
        for c in verb.head.children
        if c.dep_ == verb.dep_ and c.i < verb.i and c.pos_ in {"VERB", "AUX"}
    ]
    if not before:
        return None
    return next((c for c in before[-1].children if c.dep_ == "nsubj"), None)


def _points_back(subject: Any) -> bool:
    """Whether a subject names the act told before ("this", "the move", "such steps")."""
    if subject.lower_ in ANAPHORS:
        return True
    determiners = {c.lower_ for c in subject.children if c.dep_ == "det"}
    return subject.lemma_.lower() in ACT_NOUNS and bool(
        determiners & {"this", "that", "the", "such", "these"}
    )


def _subject_through_conjuncts(verb: Any) -> Any | None:
    """A verb's subject; a conjoined verb without one shares its first conjunct's ("The US
    imposed tariffs ..., ignored ... and violated ..."); a relative "which" or "that" is
    resolved to its antecedent."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.lower_ in {"which", "that"} and verb.dep_ == "relcl":
                return _antecedent(verb.head)
            return subject
        if verb.dep_ != "conj" or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _antecedent(noun: Any) -> Any:
    """What a relative "which" refers to: the noun it follows, except a noun in a verb's
    object ("imposed tariffs on China, which violated ..."): the relative then judges the
    act, whose doer is the verb's subject."""
    token = noun
    for _ in range(4):
        if token.dep_ not in {"dobj", "pobj", "prep"} or token.head.i == token.i:
            return noun
        token = token.head
        if token.pos_ == "VERB":
            doer = next((c for c in token.children if c.dep_ == "nsubj"), None)
            return doer if doer is not None else noun
    return noun


def _country_in(sentence: Sentence, phrase: Any) -> str | None:
    """The one country named in a phrase's subtree ("Trump's tariff actions"), else None."""
    tokens = list(phrase.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    codes = {m.code for m in sentence.mentions if start <= m.start < end}
    return codes.pop() if len(codes) == 1 else None


def directions(
    action: str, roles: Roles, sentence: Sentence, clause: str, trigger: Trigger, *, one_way: bool
) -> list[Direction]:
    """Who acts on whom for each event of a trigger: the parties of a joint act, the accuser
    and accused, or the actor and target; a measure on all countries ("on all imports") has
    no target unless one is named as acted upon; "both sides raised tariffs" is one measure
    each way, unless the clause was cut into one measure per rate (``one_way``)."""
    if action in JOINT_ACTIONS:
        return participants(sentence, roles, sentence.text.find(clause) + trigger.start)
    if action == "accuse_violation":
        return accusations(sentence, clause, trigger, roles)
    target = roles.target
    if GLOBAL_TARGET.search(clause) and not any(
        m.code == target and is_target_role(sentence, m) for m in sentence.mentions
    ):
        target = None
    mutual = action.endswith("tariff") and _mutual_measure(clause, trigger)
    if mutual and not one_way:  # "paused tit-for-tat tariffs", "the mutual 24% tariffs"
        return [Direction("USA", "CHN", True), Direction("CHN", "USA", True)]
    pair = _subject_pair(sentence, sentence.text.find(clause) + trigger.start)
    if pair is not None and pair != {"USA", "CHN"}:  # two other parties: each other's
        # measures ("Japan and India imposed duties on each other's imports"), or one act
        # ("Mexican and Canadian leaders agreed to pause retaliatory tariffs")
        first, second = sorted(pair)
        if MUTUAL.search(clause):
            return [Direction(first, second), Direction(second, first)]
        return [Direction(roles.actor, target)]
    if roles.plural and action.endswith("tariff") and not one_way:
        own = _one_sides_measure(sentence, clause, trigger)
        if own is not None:  # "reducing U.S. tariffs to 30% and China's levies to 10%"
            return [Direction(own, COUNTERPART[own])]
        return [Direction("USA", "CHN", True), Direction("CHN", "USA", True)]
    return [Direction(roles.actor, target)]


# a measure that both sides hold, by the words around its noun: "tit-for-tat tariffs",
# "the mutual 24 percentage points tariffs", "tariffs on each other's goods", "the tariffs of
# each country"
MUTUAL_BEFORE = re.compile(
    r"\b(?:tit[- ]for[- ]tat|mutual|reciprocal\s+and\s+retaliatory)\s+(?:[\w%.-]+\s+){0,4}$", re.I
)
MUTUAL_AFTER = re.compile(
    r"^\s+(?:(?:they|the\s+two(?:\s+\w+)?)\s+(?:had\s+|have\s+)?(?:placed|imposed|levied|put)\s+)?"
    r"(?:on|against|of)\s+(?:each\s+other(?:['’]s)?|one\s+another(?:['’]s)?|each\s+country|"
    r"both\s+(?:sides|countries))\b",
    re.I,
)


def _mutual_measure(clause: str, trigger: Trigger) -> bool:
    """Whether the tariff noun of ``trigger`` names both sides' measures."""
    before = clause[max(0, trigger.start - 50) : trigger.start]
    return bool(MUTUAL_BEFORE.search(before) or MUTUAL_AFTER.match(clause[trigger.end :]))


# a party named right before a measure noun as its owner: "China's levies", "Washington's
# duties", or an adjective of a side ("U.S. tariffs", "Chinese reciprocal levies"); a country
# noun as a modifier names the target instead ("its China duties")
POSSESSIVE_AHEAD = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,2}$")
ADJECTIVE_AHEAD = re.compile(r"^\s+(?:[\w-]+\s+){0,1}$")
SIDE_ADJECTIVE = re.compile(r"^(?:U\.S\.|US|American|Chinese)$")


def _owner_ahead(sentence: Sentence, mention: Mention, t_start: int) -> bool:
    between = sentence.text[mention.end : t_start]
    if mention.kind != "country":
        return False
    if POSSESSIVE_AHEAD.match(between):
        return True
    return bool(SIDE_ADJECTIVE.match(mention.text) and ADJECTIVE_AHEAD.match(between))


def _one_sides_measure(sentence: Sentence, clause: str, trigger: Trigger) -> str | None:
    """The one side whose measure a trigger of a two-sided sentence names: its owner right
    before it ("the two sides agreed ..., reducing U.S. tariffs to 30% and China's levies to
    10%"), or the one party that is its verb's subject ("a truce under which Washington
    reduced its reciprocal tariff to 10%"); None when the trigger is both sides' measure."""
    if len(PAIRED_RATES.findall(sentence.text)) >= 2:
        return None  # each side's from-to pair is sorted out later (slots.rates_by_party)
    t_start = sentence.text.find(clause) + trigger.start
    before = [m for m in sentence.mentions if m.end <= t_start and m.code in COUNTERPART]
    noun = MEASURE_NOUN.match(clause[trigger.start : trigger.end])
    if noun and before and _owner_ahead(sentence, before[-1], t_start):
        return before[-1].code
    subject = subject_of(sentence.text, t_start)
    if subject is None or subject.pronoun:
        return None
    text = re.sub(r"^the\s+", "", sentence.text[subject.start : subject.end], flags=re.I)
    named = [m for m in before if m.text == text]  # the subject is the party itself
    return named[0].code if len(named) == 1 else None


MEASURE_NOUN = re.compile(r"(?:tariffs?|dut(?:y|ies)|levy|levies)$", re.I)
PAIRED_RATES = re.compile(
    r"\bfrom\s+(?:about\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)\s+to\s+", re.I
)
