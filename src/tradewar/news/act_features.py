"""Features that tell an act from a mention of one, from the parse and the rules only.

The rules (:mod:`tradewar.news.pipeline`) find candidate events generously; many are
mentions rather than acts: an aim ("seek a deal"), a topic ("talks on tariffs"), a recalled or
averted measure, a headline or caption restating the body, a restatement of an act already
told.  Words of the articles would be learned by heart on a hundred articles, so the
features here are closed-class words, dependency labels and the rules' own decisions:

* the trigger: its family, part of speech and dependency relation; what governs it (a noun,
  a preposition such as of / for / on / about / after, or a verb, by lemma group: aim,
  discuss, threat, avert, consider, report); a relative or adverbial clause, negation and a
  modal on its path to the root;
* the subject of its clause: a pronoun, a named country, a person or agency, another noun,
  or none;
* the sentence: headline-like (no final stop, mostly capitalised, short), quoted, its place
  in the article, how many candidates it holds;
* the article: whether an earlier candidate already gave the same action by the same parties
  (a restatement) and how many sentences were merged into the event;
* the rules' decisions: action, modality and its cues (:class:`~tradewar.news.modality.
  ModalityCues`: tense, date against the dateline, recall and plan cues), the slots filled
  (rate, dates, products, place, duration).

Every feature is a name with value 0-1, for a ``DictVectorizer``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from tradewar.news.frames import parse, prefetch
from tradewar.news.modality import cues_of
from tradewar.news.schema import JOINT_ACTIONS, Event
from tradewar.news.sentences import clauses, sentences
from tradewar.news.triggers import action_for, find_triggers

# closed classes: the words that may govern a trigger
PREPOSITION_WORDS = (
    "of for on about over after amid despite since before during following against with under "
    "to in from by at into without than like as"
)
GOVERNING_PREPOSITIONS = frozenset(PREPOSITION_WORDS.split())
# verbs that may govern a trigger, by what they make of it (lemmas)
VERB_GROUPS: dict[str, frozenset[str]] = {
    name: frozenset(lemmas.split())
    for name, lemmas in {
        "aim": "seek aim hope want push press urge call try strive ask need wish intend look work",
        "discuss": "discuss negotiate address focus cover debate review examine tackle",
        "threat": "threaten warn vow",
        "avert": "avoid avert prevent escape spare delay postpone defer stave head fend forestall",
        "consider": "consider weigh mull study explore",
        "plan": "plan prepare set schedule expect",
        "report": "say announce state tell add write declare confirm claim report note",
        "effect": "impose raise cut lift suspend slap hike lower reduce introduce extend expand "
        "tighten ease pause agree reach hold sign meet",
        "continue": "continue remain keep stay maintain leave",
        "affect": "face hit affect rattle roil",
    }.items()
}
MODALS = frozenset({"will", "would", "could", "may", "might", "can", "should", "must"})
CONDITIONS = frozenset({"if", "unless", "whether"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "this", "that", "which", "who", "i"})
MAX_CLIMB = 8
MENTION_KINDS = ("country", "official", "agency")


def article_act_features(events: Sequence[Event], text_length: int) -> list[dict[str, float]]:
    """The features of every candidate of one article (events in text order)."""
    prefetch(event.evidence for event in events)
    per_sentence: dict[tuple[int, int], int] = {}
    for event in events:
        per_sentence[event.evidence_span] = per_sentence.get(event.evidence_span, 0) + 1
    length = max(text_length, 1)
    first_span = min((e.evidence_span[0] for e in events), default=0)
    rows = []
    for index, event in enumerate(events):
        row = act_features(event)
        row["siblings"] = min(per_sentence[event.evidence_span] - 1, 4) / 4
        row["position"] = event.evidence_span[0] / length
        row["first_candidate_sentence"] = float(event.evidence_span[0] == first_span)
        row.update(_restatement(event, events[:index]))
        row.update(_siblings(event, [e for e in events if e is not event]))
        rows.append(row)
    return rows


def act_features(event: Event) -> dict[str, float]:
    """The features of one candidate that need no other candidate of its article."""
    found: dict[str, float] = {
        f"action={event.action}": 1.0,
        f"modality={event.modality}": 1.0,
        "has_rate": float(event.rate_to is not None or event.rate_change is not None),
        "has_rate_from": float(event.rate_from is not None),
        "has_event_date": float(event.event_date is not None),
        "has_effective_date": float(event.effective_date is not None),
        "has_products": float(bool(event.products)),
        "has_duration": float(event.duration is not None),
        "has_location": float(event.location is not None),
        "has_legal_basis": float(event.legal_basis is not None),
        "no_target": float(event.target is None and event.action not in JOINT_ACTIONS),
        "merged": min(len(event.also_evidence), 3) / 3,
    }
    found.update(_sentence_shape(event.evidence))
    found.update(_cue_features(event))
    found.update(_syntax(event))
    return found


def _sentence_shape(text: str) -> dict[str, float]:
    """A headline, caption or title: no final stop, mostly capitalised words, short."""
    stripped = text.strip()
    words = re.findall(r"[A-Za-z][\w'’-]*", stripped)
    capitalised = sum(1 for w in words if w[0].isupper())
    return {
        "no_final_stop": float(not stripped.endswith((".", "”", '"', ";", ":", "’", "'"))),
        "title_case": float(len(words) > 0 and capitalised / len(words) >= 0.6),
        "short": float(len(words) <= 12),
        "long": float(len(words) > 40),
        "quoted": float(bool(re.search(r"[“”\"]", stripped))),
        "ends_colon": float(stripped.endswith(":")),
    }


#: The modality cues that tell an act from a mention (the others, such as a future time,
#: tell only when an act happens).
ACT_CUES = frozenset(
    {"recall_adverb", "recall_time", "recall_clause", "relative_recall", "reported",
     "expectation", "condition", "planned", "subordinate", "noun_trigger"}
)  # fmt: skip


def _cue_features(event: Event) -> dict[str, float]:
    """The modality cues the rules decided from (tense, modal, date against the dateline,
    recall and plan cues), without the governing lemmas (see :func:`_syntax`)."""
    cues = cues_of(event)
    if cues is None:
        return {"cues=none": 1.0}
    found = {
        f"tense={cues.tense}": 1.0,
        f"date={cues.date_relation}": 1.0,
        f"modal={cues.modal or 'none'}": 1.0,
    }
    for name in cues.flags():
        if name in ACT_CUES:
            found[f"cue={name}"] = 1.0
    return found


def trigger_offset(event: Event) -> tuple[int, str] | None:
    """The offset in the evidence sentence and the family of the trigger that gave the
    event: the first trigger of the sentence whose action is the event's (negated or hedged
    triggers included: the features tell them), else the sentence's first trigger."""
    fallback = None
    for start, clause in clauses(event.evidence):
        for trigger in find_triggers(clause):
            if action_for(trigger, clause) == event.action:
                return start + trigger.start, trigger.family
            if fallback is None:
                fallback = (start + trigger.start, trigger.family)
    return fallback


def _syntax(event: Event) -> dict[str, float]:
    """The trigger's place in the parse of its sentence."""
    found_trigger = trigger_offset(event)
    if found_trigger is None:
        return {"trigger=none": 1.0}
    offset, family = found_trigger
    doc = parse(event.evidence)
    token = next((t for t in doc if t.idx <= offset < t.idx + len(t.text)), None)
    if token is None:
        return {"trigger=none": 1.0}
    found: dict[str, float] = {
        f"family={family}": 1.0,
        f"trigger_pos={_pos(token)}": 1.0,
        f"trigger_dep={token.dep_}": 1.0,
    }
    found.update(_governor(token))
    if any(child.dep_ in {"relcl", "acl"} for child in token.children):
        found["trigger_has_clause"] = 1.0  # "tariffs that Trump imposed", "tariffs imposed in"
    chain = _chain(token)
    for link in chain[1:]:
        group = _verb_group(link)
        if group is not None:
            found[f"path_verb={group}"] = 1.0
        if link.dep_ == "prep" and link.lower_ in GOVERNING_PREPOSITIONS:
            found[f"path_prep={link.lower_}"] = 1.0
    for link in chain:
        if link.dep_ in {"relcl", "acl", "advcl", "pcomp", "ccomp", "xcomp", "conj"}:
            found[f"path_dep={link.dep_}"] = 1.0
        for child in link.children:
            if child.dep_ == "neg":
                found["negated"] = 1.0
            if child.dep_ == "aux" and child.lower_ in MODALS:
                found["modal_on_path"] = 1.0
            if _conditional(child):
                found["conditional"] = 1.0
    found[f"subject={_subject_kind(chain, event.evidence)}"] = 1.0
    found[f"root_distance={min(len(chain) - 1, 3)}"] = 1.0
    return found


def _conditional(child: Any) -> bool:
    """A conditional subordinator of a path word, or of an adverbial clause it governs
    ("if talks fail, the US will raise tariffs")."""
    if child.dep_ == "mark":
        return str(child.lower_) in CONDITIONS
    return child.dep_ == "advcl" and any(
        m.dep_ == "mark" and m.lower_ in CONDITIONS for m in child.children
    )


def _pos(token: Any) -> str:
    pos = str(token.pos_)
    return "NOUN" if pos == "PROPN" else pos


def _governor(token: Any) -> dict[str, float]:
    """What governs the trigger: a preposition (by word), a verb (by lemma group), a noun."""
    head = token.head
    if head is token:
        return {"governor=root": 1.0}
    if head.pos_ == "ADP" or head.dep_ in {"prep", "agent"}:
        word = head.lower_ if head.lower_ in GOVERNING_PREPOSITIONS else "other"
        found = {f"governor=prep:{word}": 1.0}
        above = head.head
        if above is not head:
            found[f"prep_head={_pos(above)}"] = 1.0
            group = _verb_group(above)
            if group is not None:
                found[f"prep_head_verb={group}"] = 1.0
        return found
    if head.pos_ in {"VERB", "AUX"}:
        return {f"governor=verb:{_verb_group(head) or 'other'}": 1.0}
    return {f"governor={_pos(head)}": 1.0}


def _verb_group(token: Any) -> str | None:
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    lemma = token.lemma_.lower()
    return next((name for name, lemmas in VERB_GROUPS.items() if lemma in lemmas), None)


def _chain(token: Any) -> list[Any]:
    chain = [token]
    while chain[-1].head is not chain[-1] and len(chain) < MAX_CLIMB:
        chain.append(chain[-1].head)
    return chain


def _subject_kind(chain: list[Any], sentence: str) -> str:
    """The subject of the first verb above the trigger: a pronoun, a named country, a named
    official or agency, another noun, or none."""
    verb = next((t for t in chain if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return "none"
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return "none"
    if subject.pos_ == "PRON" or subject.lower_ in PRONOUNS:
        return "pronoun"
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
    kinds = {
        kind for m_start, m_end, kind in _mentions(sentence) if start <= m_start and m_end <= end
    }
    for kind in MENTION_KINDS:
        if kind in kinds:
            return kind
    return "noun"


def _mentions(sentence: str) -> list[tuple[int, int, str]]:
    """The actor mentions of a sentence (the gazetteer's): start, end, kind."""
    found: list[tuple[int, int, str]] = []
    for part in sentences(sentence):
        offset = max(sentence.find(part.text), 0)
        found.extend((offset + m.start, offset + m.end, m.kind) for m in part.mentions)
    return found


def _restatement(event: Event, earlier: Sequence[Event]) -> dict[str, float]:
    """Whether an earlier candidate already gave this act: the same action by the same
    parties (a headline, a lead restated in the body), or the same action at least."""
    same_action = [e for e in earlier if e.action == event.action]
    same_parties = [e for e in same_action if _parties(e) == _parties(event)]
    return {
        "earlier_same_action": float(bool(same_action)),
        "earlier_same_parties": float(bool(same_parties)),
        "earlier_same_rate": float(
            any(e.rate_to == event.rate_to for e in same_parties if event.rate_to is not None)
        ),
    }


def _siblings(event: Event, others: Sequence[Event]) -> dict[str, float]:
    """Other candidates of the same sentence: the mirror act (the same action with actor and
    target swapped, as when "both countries will lower tariffs" is read one way each) and
    another tariff action (one clause read as a cut and as a suspension)."""
    same = [e for e in others if e.evidence_span == event.evidence_span]
    tariff = event.action.endswith("_tariff")
    return {
        "mirror_sibling": float(
            any(
                e.action == event.action and e.actor == event.target and e.target == event.actor
                for e in same
            )
        ),
        "other_tariff_sibling": float(
            tariff and any(e.action.endswith("_tariff") and e.action != event.action for e in same)
        ),
    }


def _parties(event: Event) -> frozenset[str]:
    if event.action in JOINT_ACTIONS:
        return frozenset(p for v in (event.actor, event.target) if v for p in v.split("+"))
    return frozenset({f"actor:{event.actor}", f"target:{event.target}"})


# ---------------------------------------------------------------------------------------
# Extended features (tradewar.news.act_ranker compares models over them; the shipped filter
# keeps the features above, see docs/news.md "Learned decisions")

#: The two parties of the trade war; any other actor or target is a third party.
MAIN_PARTIES = frozenset({"USA", "CHN"})
PERCENT = re.compile(r"\d+(?:\.\d+)?\s*(?:%|per ?cent\b|percent\b)", re.I)
LIST_MARK = re.compile(r"\s*(?:[•\-*–]|\d+[.)])\s")
#: A tariff rate above this (percent) or below the next is more likely another number.
HIGH_RATE, LOW_RATE = 200.0, 5.0


def extended_act_features(
    events: Sequence[Event], text_length: int, published: str | None = None
) -> list[dict[str, float]]:
    """:func:`article_act_features` with the structural features of
    :func:`structural_features` and the roles of :func:`role_features` added."""
    rows = article_act_features(events, text_length)
    for row, extra in zip(rows, structural_features(events, published), strict=True):
        row.update(extra)
    for row, event in zip(rows, events, strict=True):
        row.update(role_features(event))
    return rows


def structural_features(
    events: Sequence[Event], published: str | None = None
) -> list[dict[str, float]]:
    """What the labelling guide asks of an act, and the candidate's place among the others:

    * content: how many of target, products, rate, date, duration and place it has, and
      whether it is a bare reference (none of them) or a recalled act without rate, product,
      date or duration (the guide labels neither);
    * parties: whether its actor and target are named in the sentence, a third party;
    * the rate: a fraction, above 200% or below 5% (a share, a growth figure), and how many
      percentages the sentence holds;
    * the others: a candidate of the same sentence with the same action (another reading of
      one clause) or the same actor, a later candidate that restates it, how many candidates
      the article has and where this one ranks;
    * the sentence: length, a list item, a question; the article has no publication date;
    * the trigger: its lemma (the rules' trigger vocabulary), tag, relative place, the share
      of the sentence it governs.
    """
    rows = []
    for index, event in enumerate(events):
        row = _content(event)
        row.update(_parties_named(event))
        row.update(_rate_shape(event))
        row.update(_neighbours(event, events, index))
        row["no_published"] = float(not published)
        row.update(_trigger_shape(event))
        rows.append(row)
    return rows


def _rate(event: Event) -> float | None:
    return event.rate_to if event.rate_to is not None else event.rate_change


def _content(event: Event) -> dict[str, float]:
    dated = event.event_date is not None or event.effective_date is not None
    rate = _rate(event) is not None
    slots = (event.target is not None, bool(event.products), rate, dated,
             event.duration is not None, event.location is not None)  # fmt: skip
    count = sum(slots)
    background = event.modality == "background"
    return {
        "content_count": min(count, 4) / 4,
        "bare": float(count == 0),
        "bare_background": float(
            background and not (event.products or rate or dated or event.duration)
        ),
        "background_no_rate": float(background and not rate),
        "target_inferred": float(event.target_inferred),
    }


def _parties_named(event: Event) -> dict[str, float]:
    codes = {code for _, _, code, _ in coded_mentions(event.evidence)}
    parts = set(_codes_of(event.actor))
    targets = set(_codes_of(event.target))
    actor_text = event.actor_text or ""
    return {
        "actor_text_in_sentence": float(bool(actor_text) and actor_text in event.evidence),
        "actor_text_none": float(not event.actor_text),
        "actor_named": float(bool(parts & codes)),
        "target_named": float(bool(targets) and targets <= codes),
        "countries_in_sentence": min(len(codes), 4) / 4,
        "third_party": float(bool((parts | targets) - MAIN_PARTIES)),
    }


def _codes_of(value: str | None) -> list[str]:
    return [part for part in (value or "").split("+") if part]


def _rate_shape(event: Event) -> dict[str, float]:
    found = {"percents": min(len(PERCENT.findall(event.evidence)), 4) / 4}
    rate = _rate(event)
    if rate is not None:
        found["rate_fraction"] = float(rate != int(rate))
        found["rate_high"] = float(abs(rate) > HIGH_RATE)
        found["rate_low"] = float(0 < abs(rate) < LOW_RATE)
    return found


def _neighbours(event: Event, events: Sequence[Event], index: int) -> dict[str, float]:
    same = [e for e in events if e is not event and e.evidence_span == event.evidence_span]
    later = events[index + 1 :]
    count = len(events)
    words = len(event.evidence.split())
    return {
        "sentence_same_action": float(any(e.action == event.action for e in same)),
        "sentence_same_actor": float(
            any(e.actor == event.actor and e.action != event.action for e in same)
        ),
        "sentence_actions": min(len({e.action for e in same}), 3) / 3,
        "later_same_parties": float(
            any(e.action == event.action and _parties(e) == _parties(event) for e in later)
        ),
        "later_same_action": float(any(e.action == event.action for e in later)),
        "article_same_action": min(sum(e.action == event.action for e in events) - 1, 4) / 4,
        "article_candidates": min(count, 20) / 20,
        "rank": index / max(count - 1, 1),
        "words": min(words, 60) / 60,
        "list_item": float(bool(LIST_MARK.match(event.evidence))),
        "question": float("?" in event.evidence),
    }


def _trigger_token(event: Event) -> Any | None:
    found = trigger_offset(event)
    if found is None:
        return None
    doc = parse(event.evidence)
    return next((t for t in doc if t.idx <= found[0] < t.idx + len(t.text)), None)


def _trigger_shape(event: Event) -> dict[str, float]:
    token = _trigger_token(event)
    if token is None:
        return {}
    size = max(len(token.doc), 1)
    return {
        f"trigger_lemma={token.lemma_.lower()}": 1.0,
        f"trigger_tag={token.tag_}": 1.0,
        f"trigger_head_dep={token.head.dep_}": 1.0,
        "trigger_place": token.i / size,
        "trigger_span": len(list(token.subtree)) / size,
    }


def role_features(event: Event) -> dict[str, float]:
    """Whether the parse gives the candidate's actor its role: the actor named in the
    subject of the trigger's clause, in the trigger's own phrase or as its possessor or
    modifier ("China's tariffs", "US tariffs"); another party there instead; a passive agent.
    A candidate whose actor the parse puts elsewhere is often a second reading of the
    sentence (actor and target swapped, a third party)."""
    token = _trigger_token(event)
    if token is None:
        return {"roles=none": 1.0}
    mentions = coded_mentions(event.evidence)
    parts = set(_codes_of(event.actor))
    verb = next((t for t in _chain(token) if t.pos_ in {"VERB", "AUX"}), None)
    subject = None
    if verb is not None:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    in_subject = _codes_within(subject, mentions)
    in_phrase = _codes_within(token, mentions)
    modifiers: set[str] = set()
    for child in token.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"}:
            modifiers |= _codes_within(child, mentions)
    return {
        "actor_in_subject": float(bool(parts & in_subject)),
        "other_in_subject": float(bool(in_subject - parts)),
        "subject_names_party": float(bool(in_subject)),
        "actor_in_trigger_phrase": float(bool(parts & in_phrase)),
        "target_in_trigger_phrase": float(event.target is not None and event.target in in_phrase),
        "actor_modifies_trigger": float(bool(parts & modifiers)),
        "other_modifies_trigger": float(bool(modifiers - parts)),
        "passive_agent": float(verb is not None and any(c.dep_ == "agent" for c in verb.children)),
    }


def _codes_within(token: Any | None, mentions: Sequence[tuple[int, int, str, str]]) -> set[str]:
    """The actor codes of the mentions inside a token's phrase (its subtree)."""
    if token is None:
        return set()
    start = token.left_edge.idx
    end = token.right_edge.idx + len(token.right_edge.text)
    return {code for m_start, m_end, code, _ in mentions if start <= m_start and m_end <= end}


def coded_mentions(sentence: str) -> list[tuple[int, int, str, str]]:
    """The actor mentions of a sentence (the gazetteer's): start, end, code, kind."""
    found: list[tuple[int, int, str, str]] = []
    for part in sentences(sentence):
        offset = max(sentence.find(part.text), 0)
        found.extend((offset + m.start, offset + m.end, m.code, m.kind) for m in part.mentions)
    return found


#: The width of en_core_web_sm's context vectors (``Doc.tensor``, from its tok2vec layer).
CONTEXT_WIDTH = 96


def context_vector(event: Event) -> list[float]:
    """The parser's frozen context vectors of the evidence sentence: their mean over the
    sentence, then the trigger token's own (``Doc.tensor``; 2 x CONTEXT_WIDTH numbers,
    the sentence's mean twice when no trigger is found)."""
    doc = parse(event.evidence)
    if len(doc) == 0 or doc.tensor is None or doc.tensor.shape[-1] != CONTEXT_WIDTH:
        return [0.0] * (2 * CONTEXT_WIDTH)
    sentence = doc.tensor.mean(axis=0)
    token = _trigger_token(event)
    trigger = doc.tensor[token.i] if token is not None else sentence
    return [float(v) for v in sentence] + [float(v) for v in trigger]
