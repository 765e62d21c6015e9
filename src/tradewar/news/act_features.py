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
