"""Acts and mentions: whether a trigger states an act or only refers to one.

A news sentence names many acts it does not report: talks as the time of something else
("concessions reached during trade negotiations"), a suspension as the price of another act
("in exchange for the one-year suspension of the rule"), an agreement as the frame of a
measure ("as part of an agreement Washington and Beijing reached").  The dependency parse
(:func:`tradewar.news.frames.parse`) tells them apart from acts: a nominal trigger governed
by a temporal, causal or exchange preposition is a reference, and so is an agreement noun
that is the object of another verb or preposition ("affirmed the consensus reached at ...").
Only closed-class words (prepositions) and the dependency labels decide.
"""

from __future__ import annotations

import re
from typing import Any

from tradewar.news.dates import find_dates
from tradewar.news.frames import parse
from tradewar.news.gazetteer import product_table
from tradewar.news.grammar import (
    AGREE_TRIGGER,
    EXPORT_TRIGGER,
    LOCATION,
    SUSPEND_TRIGGER,
    TALKS_TRIGGER,
    TARIFF_TRIGGER,
)
from tradewar.news.rates import find_rates

# prepositions (and their multiword forms) that make a noun phrase the time, cause or price
# of the clause's act rather than an act of its own
REFERENCE_PREPOSITIONS = re.compile(
    r"\b(?:during|following|after|before|since|amid|amidst|despite|even\s+with|ahead\s+of|"
    r"in\s+exchange\s+for|in\s+return\s+for|as\s+part\s+of|in\s+the\s+wake\s+of)\s*$",
    re.I,
)
# ... and those that make it the cause or basis of the act ("based on ongoing discussions",
# "as a result of the consultations"): mentioned, not held
CAUSE_PREPOSITIONS = re.compile(
    r"\b(?:due\s+to|because\s+of|owing\s+to|based\s+on|on\s+the\s+basis\s+of|"
    r"as\s+a\s+result\s+of|in\s+(?:the\s+)?light\s+of|thanks\s+to)\s*$",
    re.I,
)
# ... and those that make it what the clause's act answers ("withdraw measures enacted in
# response to the US tariffs", "in retaliation for U.S. duties"): the act answered is cited
RESPONSE_PREPOSITIONS = re.compile(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+(?:for|against|to)|in\s+reaction\s+to|"
    r"as\s+a\s+countermeasure\s+(?:to|against)|"
    # ... and the verbs of answering: "China announced that it would retaliate against the
    # levied tariff", "China reacts to US tariffs"
    r"(?:retaliat\w*|respond\w*|react\w*|hit\w*\s+back)\s+(?:\w+\s+){0,3}?(?:against|to|at))\s*$",
    re.I,
)
GOODS_NAMED = re.compile(r"\b(?:on|of)\s+(?:certain\s+|some\s+)?[\w-]+", re.I)
RESPONSE_CUE = re.compile(
    r"\b(?:in\s+response|in\s+retaliation|in\s+reaction|countermeasure|retaliat\w*|"
    r"respond\w*|react\w*|hit\w*\s+back)",
    re.I,
)
AGREEMENT_WORD = re.compile(
    r"\b(?:deal|truce|agreement|pact|consensus|agree[sd]?|agreeing)\b", re.I
)
REFERENCE_CUE = re.compile(
    r"\b(?:during|following|after|before|since|amid|amidst|despite|even\s+with|ahead\s+of|in\s+exchange\s+for|"
    r"in\s+return\s+for|as\s+part\s+of|in\s+the\s+wake\s+of|due\s+to|because\s+of|owing\s+to|"
    r"based\s+on|on\s+the\s+basis\s+of|as\s+a\s+result\s+of|in\s+(?:the\s+)?light\s+of|thanks\s+to)\b",
    re.I,
)
PHRASE_END = re.compile(r"\s*[,;:()–—]\s*|\s+-\s+")  # the referring phrase ends at a comma or dash
AGO = re.compile(r"\b(?:days?|weeks?|months?|years?)\s+(?:earlier|before|ago)\b", re.I)
AGREEMENT_NOUNS = frozenset({"deal", "truce", "agreement", "pact", "consensus"})
NOMINAL_FAMILIES = frozenset({"talks", "agree", "suspend"})
MEASURE_FAMILIES = frozenset({"tariff", "export"})
TALK_NOUNS = frozenset({"talk", "negotiation", "meeting", "discussion"})
ARGUMENT = frozenset({"dobj", "pobj"})
# verbs of sequence, like the prepositions above: "the decision follows talks in ..."
SEQUENCE_VERBS = frozenset({"follow", "precede"})


# a question states no act (labelling rule 1: only what the text states)
QUESTION = re.compile(r"\?[\s\"”’')\]]*$")


# a deal with its parties and the participle of its making ("a new trade agreement between the
# United States and China, reached last week")
REACHED_BETWEEN = re.compile(
    r"\bbetween\b[^.;]{1,70}?,\s+(?:reached|struck|signed|sealed|brokered)$", re.I
)


# a deal noun with its participle of making, then when or by whom it was made: "the trade pact
# agreed to earlier in the week by US President Donald Trump and Chinese President Xi"
MADE_PARTICIPLE = re.compile(
    r"^(?:deal|truce|agreement|pact|accord)\b.*\b(?:agreed|reached|struck)$", re.I
)
MADE_WHEN_OR_BY = re.compile(r"^\s+(?:to\s+|upon\s+)?(?:earlier|last|on|this|by|in)\b", re.I)


def _made_when_or_by(sentence: str, start: int, end: int) -> bool:
    """Whether an agreement trigger is a deal noun with a participle of making followed by
    its time or its makers (it states that the deal was made)."""
    return bool(
        MADE_PARTICIPLE.match(sentence[start:end]) and MADE_WHEN_OR_BY.match(sentence[end:])
    )


def is_reference(sentence: str, start: int, end: int, family: str) -> bool:
    """Whether the trigger at ``[start, end)`` of ``sentence`` only refers to an act (the
    sentence is parsed only when one of the cue words these rules read is in it)."""
    if QUESTION.search(sentence):
        return True  # "Why did China suspend its export controls?": asked, not stated
    if family == "agree" and REACHED_BETWEEN.search(sentence[start:end]):
        return False  # "details of a new trade agreement between A and B, reached last week":
        # the participle states that the deal was made, whatever the sentence says of it
    if family == "agree" and _made_when_or_by(sentence, start, end):
        return False  # "details of the trade pact agreed to earlier in the week by Trump and Xi"
    if not_asserted(sentence, start, end, family):
        return True  # a forecast, a topic, a court's ruling, "meeting their hopes"
    if family in MEASURE_FAMILIES and _titled(sentence, start, end):
        return True  # "Decision on Imposing Export Controls on Items ...": a document's title
    if family in MEASURE_FAMILIES and _judged_measure(sentence, start, end):
        return True  # "the U.S. imposition of tariffs violates WTO rules": the act accused
    if family == "tariff" and STATE_AFTER.match(sentence, end):
        return True  # "with existing tariffs currently paused": a state, no act
    if family == "tariff" and _two_way_summary(sentence):
        return True  # "The two have imposed tariffs on each other's goods this year"
    if (
        family in MEASURE_FAMILIES
        and TIME_CLAUSE_CUE.search(sentence[:start])
        and _bare_time_clause(parse(sentence), sentence, start, end)
    ):
        return True  # "hours after Trump's sweeping new tariffs kicked in": a bare reference
    if not may_refer(sentence, start, family):
        return False
    if family in MEASURE_FAMILIES:
        doc = parse(sentence)
        return _agreement_content(doc, start, end) or _cited_measure(doc, sentence, start, end)
    if family not in NOMINAL_FAMILIES:
        return False
    doc = parse(sentence)
    if family == "agree" and _agreed_to_talk(doc, start, end):
        return True
    if family == "suspend" and _agreed_truce(doc, start, end):
        return True  # "both sides agreed to extend their truce": the agreement is the act
    if family == "suspend" and _agreed_pause(doc, start, end):
        return True  # "Both sides have agreed to a 90-day pause": the agreement is the act
    noun = _trigger_noun(doc, start, end, family)
    if noun is None:
        return False
    if family == "suspend" and _pause_as_cause(noun):
        return True  # "The pause offers both nations additional time": what it brings
    if family == "talks" and _in_title(noun):
        return True  # "the Joint Statement on the ... Economic and Trade Meeting in Geneva"
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.pos_ == "NOUN":
        return True  # an aim or topic: "a pathway for continued trade negotiations"
    if family == "talks" and _circumstance(noun):
        return True  # "as talks continue", "while negotiations go on": the setting of the act
    if family == "agree" and _implemented(noun):
        return True  # "implementing the consensus reached at the talks in Kuala Lumpur"
    phrase = _referring_phrase(sentence[noun.left_edge.idx :])
    if _anchored(phrase):
        return False  # "after talks in Geneva", "a call a week earlier": an act of its own
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in SEQUENCE_VERBS:
        return True  # "This move follows negotiations ...": the verb of "following talks"
    if family == "talks" and _described_noun(noun):
        return True  # "people familiar with the talks", "the consensus reached in talks"
    if family == "talks" and _qualifying_phrase(noun) and not _anchored(sentence):
        return True  # "the results of the meeting", "optimistic about the talks"
    if family == "talks" and _talks_as_cause(noun) and not _anchored(sentence):
        return True  # "Recent discussions resulted in new commitments", "stems from the meeting"
    before = sentence[: noun.left_edge.idx]
    if REFERENCE_PREPOSITIONS.search(before) or CAUSE_PREPOSITIONS.search(before):
        return True
    return family == "agree" and noun.lemma_.lower() in AGREEMENT_NOUNS and noun.dep_ in ARGUMENT


# a two-way summary over a period: the present perfect of imposing, on "each other", over
# "this year" / "since ..." / "in recent months": a state of the war, not one side's act
TWO_WAY_SUMMARY = re.compile(
    r"\b(?:have|has)\s+(?:\w+\s+)?(?:imposed|slapped|levied|placed|put)\b"
    r"(?=.*\beach\s+other)(?=.*\b(?:this\s+year|since|in\s+recent|over\s+the\s+past|so\s+far)\b)",
    re.I,
)


# a tariff noun with a state adverb and a participle of pausing within five words: a state,
# not an act ("with existing tariffs currently paused", "the levies, still suspended, ...")
STATE_AFTER = re.compile(
    r"(?:\s+[\w’'-]+){0,5}?\s*,?\s+(?:currently|still|already)\s+"
    r"(?:paused|suspended|frozen|on\s+hold|in\s+abeyance)\b",
    re.I,
)


# a measure in a subordinate clause of time ("hours after Trump's new tariffs kicked in",
# "since the controls took effect") is the time of the main act; with no rate, date, place or
# goods of its own it is a bare reference, not a background event (labelling rule 3)
TIME_CLAUSE_CUE = re.compile(r"\b(?:after|since|before|once|until)\b", re.I)
TIME_MARKS = frozenset({"after", "since", "before", "once", "until"})


def _bare_time_clause(doc: Any, sentence: str, start: int, end: int) -> bool:
    nouns = [t for t in doc if start <= t.idx < end and t.pos_ in {"NOUN", "PROPN"}]
    if not nouns or nouns[-1].dep_ not in {"nsubj", "nsubjpass", "dobj"}:
        return False
    verb = nouns[-1].head
    if verb.dep_ != "advcl" or not any(
        c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in verb.children
    ):
        return False
    tokens = list(verb.subtree)
    clause = sentence[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    low = clause.lower()
    return not (
        _anchored(clause)
        or find_rates(clause)
        or any(phrase in low for phrase, _ in product_table())
        or PARTY_GOODS.search(clause)
    )


# goods named by their origin anchor a measure as well: "after Washington imposed sweeping
# tariffs on Chinese goods"
PARTY_GOODS = re.compile(
    r"\bon\s+(?:all\s+)?(?:Chinese|U\.S\.|US|American)(?:-made)?\s+(?:goods|imports|products|exports)\b",
    re.I,
)


# an agreement that a clause implements, follows or honours was reached before, even when
# its date or place is named ("implementing the consensus reached at the consultations in
# Kuala Lumpur", "should follow the consensus reached during the June 5 call"): the act is
# the implementing, the agreement a bare reference (labelling rule 3)
IMPLEMENTING_VERBS = frozenset(
    {"implement", "honour", "honor", "uphold", "fulfil", "fulfill", "abide"}
)


def _implemented(noun: Any) -> bool:
    if noun.lemma_.lower() in AGREEMENT_NOUNS and noun.dep_ == "conj":
        noun = noun.head  # "implement the outcomes and consensus reached in ...": the pair's
    if (
        noun.lemma_.lower() not in AGREEMENT_NOUNS | {"outcome", "result"}
        or noun.dep_ not in ARGUMENT
    ):
        return False
    head = noun.head.head if noun.dep_ == "pobj" else noun.head  # "abide by the deal"
    if head.pos_ != "VERB":
        return False
    lemma = head.lemma_.lower()
    if lemma == "follow":  # "should follow the consensus" (comply), not "follows talks" (after)
        return any(c.dep_ == "aux" for c in head.children)
    return lemma in IMPLEMENTING_VERBS


def _two_way_summary(sentence: str) -> bool:
    return bool(TWO_WAY_SUMMARY.search(sentence))


def may_refer(sentence: str, start: int, family: str) -> bool:
    """Whether a sentence has a cue word that the reference rules read for this trigger
    (cheap test before parsing)."""
    if family in MEASURE_FAMILIES:
        return bool(
            AGREEMENT_WORD.search(sentence)
            or REFERENCE_CUE.search(sentence[:start])
            or RESPONSE_CUE.search(sentence[:start])
        )
    return family in NOMINAL_FAMILIES


def wants_reference_parse(sentence: str) -> bool:
    """Whether a sentence may need the parse for a reference rule (to batch-parse it)."""
    return bool(
        TALKS_TRIGGER.search(sentence)
        or AGREE_TRIGGER.search(sentence)
        or SUSPEND_TRIGGER.search(sentence)
        or (
            (TARIFF_TRIGGER.search(sentence) or EXPORT_TRIGGER.search(sentence))
            and (
                AGREEMENT_WORD.search(sentence)
                or REFERENCE_CUE.search(sentence)
                or RESPONSE_CUE.search(sentence)
            )
        )
    )


def _cited_measure(doc: Any, sentence: str, start: int, end: int) -> bool:
    """Whether a measure noun is only cited as the cause, price or time of the clause's act
    ("suspending its guidance due to new U.S. export restrictions", "in exchange for the
    one-year suspension of the Affiliates Rule"), with no rate, date or place of its own."""
    nouns = [t for t in doc if start <= t.idx < end and t.pos_ in {"NOUN", "PROPN"}]
    if not nouns:
        return False
    top = nouns[-1]
    while top.dep_ == "compound" and top.head.pos_ == "NOUN":
        top = top.head  # "the administration's tariff hikes": the phrase is headed by "hikes"
    while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ == "NOUN":
        top = top.head.head  # "the suspension of the rule": the phrase is headed by "suspension"
    if top.dep_ != "pobj":
        return False
    phrase = PHRASE_END.split(sentence[top.left_edge.idx :], maxsplit=1)[0]
    if _anchored(phrase) or any(ch.isdigit() for ch in phrase):
        return False
    before = sentence[: top.left_edge.idx]
    if RESPONSE_PREPOSITIONS.search(before):
        low = phrase.lower()  # answered with its goods named, it is a recalled act of its own
        return not (GOODS_NAMED.search(low) or any(g in low for g, _ in product_table()))
    return bool(REFERENCE_PREPOSITIONS.search(before) or CAUSE_PREPOSITIONS.search(before))


# "as talks continue", "while negotiations are under way": the ongoing setting of the main
# clause's act (subordinator + talks noun + a verb of continuing, no date or place of its own)
CIRCUMSTANCE = re.compile(
    r"\b(?:as|while|whilst)\s+(?:[\w-]+\s+){0,4}?$",
    re.I,
)
CONTINUING_AFTER = re.compile(
    r"^[^,.;:]{0,60}?\b(?:continu(?:e|es|ed|ing)|go(?:es)? on|went on|progress(?:es|ed)?|"
    r"proceed(?:s|ed)?|drag(?:s|ged)? on|(?:are|were) (?:under\s?way|ongoing))\b",
    re.I,
)


def _circumstance(noun: Any) -> bool:
    """Whether a talks noun is the subject of a subordinate "as"/"while" clause of
    continuing, with no date or place of its own: the setting of the main act."""
    sentence = noun.doc.text
    before = sentence[max(0, noun.left_edge.idx - 60) : noun.left_edge.idx]
    after = sentence[noun.idx + len(noun.text) :]
    continuing = CONTINUING_AFTER.match(after)
    if not (CIRCUMSTANCE.search(before) and continuing):
        return False
    return not _anchored(
        sentence[noun.left_edge.idx : noun.idx + len(noun.text) + continuing.end()]
    )


VIOLATION_CUE = re.compile(r"\b(?:violat\w*|breach\w*|contraven\w*)\b", re.I)
VIOLATING_LEMMAS = frozenset({"violate", "breach", "contravene"})
VIOLATION_NOUNS = frozenset({"violation", "breach", "contravention"})


def _judged_measure(sentence: str, start: int, end: int) -> bool:
    """Whether a measure trigger lies in the subject of a verb of violating ("the U.S.
    imposition of elevated tariffs violates international trade rules", "the unilateral
    imposition of tariffs by the US is a serious violation of ..."): the measure is the act
    accused, told without a rate or date of its own, not a new act."""
    if not VIOLATION_CUE.search(sentence, end):
        return False
    for token in parse(sentence):
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in VIOLATING_LEMMAS:
            predicate = token
        elif lemma in VIOLATION_NOUNS and token.dep_ == "attr" and token.head.lemma_ == "be":
            predicate = token.head
        else:
            continue
        subject = next((c for c in predicate.children if c.dep_ == "nsubj"), None)
        if subject is None:
            continue
        span_start = subject.left_edge.idx
        span_end = subject.right_edge.idx + len(subject.right_edge.text)
        if span_start <= start and end <= span_end:
            return not re.search(r"\d", sentence[span_start:span_end])
    return False


TITLE_FUNCTION_WORDS = frozenset({"on", "of", "the", "and", "for", "to", "in", "a", "an"})


def _titled(sentence: str, start: int, end: int) -> bool:
    """Whether a measure trigger is inside a capitalised title after a colon ("Announcement
    No. 5: Measures on Export Controls of Items ..."): the title cites a document whose act
    the text states elsewhere."""
    head, colon, segment = sentence[:start].rpartition(":")
    if not colon or not head.strip():
        return False
    words = segment.split() + sentence[start:end].split()
    content = [w for w in words if w.lower() not in TITLE_FUNCTION_WORDS]
    return len(content) >= 3 and all(w[:1].isupper() for w in content)


def _in_title(noun: Any) -> bool:
    """Whether a talks noun is a word of a capitalised title (not the sentence's first)."""
    previous = noun.nbor(-1) if noun.i > noun.sent.start else None
    return (
        noun.text[:1].isupper()
        and previous is not None
        and previous.text[:1].isupper()
        and previous.i > noun.sent.start
    )


def _agreed_to_talk(doc: Any, start: int, end: int) -> bool:
    """'agreed to further talks', 'agreed to hold more trade talks': the act is the talks
    (a talks trigger of its own), not an agreement."""
    verbs = [t for t in doc if start <= t.idx < end and t.lemma_.lower() == "agree"]
    if not verbs:
        return False
    objects = [
        grandchild
        for child in verbs[0].children
        if (child.dep_ == "prep" and child.lower_ == "to") or child.dep_ == "xcomp"
        for grandchild in child.children
        if grandchild.dep_ in {"pobj", "dobj"}
    ]
    objects += [  # "agreed to launch a new round of talks"
        noun
        for obj in objects
        for prep in obj.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for noun in prep.children
        if noun.dep_ == "pobj"
    ]
    return any(noun.lemma_.lower() in TALK_NOUNS for noun in objects)


# verbs that lower or remove a measure: what two parties agree to do with them is each side's
# act beside the deal (the guide: "both sides agreed to cut tariffs" is one event per side)
LOWERING_VERBS = frozenset(
    {"cut", "lower", "reduce", "slash", "halve", "drop", "roll", "remove", "eliminate"}
)
# verbs that lower a measure only when one side is their own subject: "a trade truce under
# which the US will ease tariffs" (what two parties "agreed to ease" is their agreement's aim)
ONE_SIDE_LOWERING_VERBS = frozenset({"ease", "relax", "lift"})


def _agreement_content(doc: Any, start: int, end: int) -> bool:
    """Whether a measure is only the content of an agreement noun ("an agreement to pause most
    of the steep tariffs", "the truce, which paused escalating tariffs"): the agreement is the
    act; a content with its own rate ("a deal to cut tariffs to 10%") stays an act, and so do
    the cuts two parties agree on ("struck a deal to roll back the tariffs", "the two countries
    agreed to lower tariffs"): each side's cut is labelled beside the deal."""
    inside = [t for t in doc if start <= t.idx < end]
    if not inside:
        return False
    verb = inside[0]
    while verb.pos_ != "VERB" and verb.head.i != verb.i:
        verb = verb.head
    if verb.lemma_.lower() in LOWERING_VERBS or _one_side_lowering(verb):
        return False
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "an agreement to pause ... and walk back ...": read "pause"
    if not (_modifies_agreement(first) or _purpose_of_agreement(first) or _agreed_to(first)):
        return False
    return not any(t.like_num or t.text == "%" for t in verb.subtree)


def _one_side_lowering(verb: Any) -> bool:
    """'under which the US will ease tariffs': an easing verb in a clause of the agreement with
    one party as its own subject is that party's act."""
    return verb.lemma_.lower() in ONE_SIDE_LOWERING_VERBS and any(
        c.dep_ == "nsubj" and c.pos_ == "PROPN" and not _joint(c) for c in verb.children
    )


def _agreed_truce(doc: Any, start: int, end: int) -> bool:
    """'the two sides agreed to extend their truce for another 90 days': a truce two parties
    agree to prolong is the content of their agreement, whatever its period (a truce has no
    rate of its own; the measures it pauses are stated as acts elsewhere)."""
    verbs = [t for t in doc if start <= t.idx < end and t.pos_ == "VERB"]
    return bool(verbs) and _agreed_to(verbs[0])


def _agreed_pause(doc: Any, start: int, end: int) -> bool:
    """'Both sides have agreed to a 90-day pause', 'reached an agreement on a 90-day pause':
    a pause named as what two parties agree to, with no rate of its own, is the content of
    their agreement (as a pause they agree to make is, :func:`_agreed_to`)."""
    nouns = [t for t in doc if start <= t.idx < end and t.pos_ in {"NOUN", "PROPN"}]
    if not nouns or nouns[-1].dep_ != "pobj" or nouns[-1].head.lower_ not in {"to", "on"}:
        return False
    noun, governor = nouns[-1], nouns[-1].head.head
    if any((t.like_num and t.i > noun.i) or t.text == "%" for t in noun.subtree):
        return False  # "a pause on the 125% tariffs" names the rate paused
    if governor.lemma_.lower() in AGREEMENT_NOUNS:
        return True
    if governor.lemma_.lower() != "agree":
        return False
    subjects = [c for c in governor.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return any(_joint(subject) for subject in subjects)


def _agreed_to(verb: Any) -> bool:
    """'both leaders agreed to pause certain tariffs': when two parties agree and no rate is
    given, the measure is the content of their agreement, which is the act reported (one side
    that "agreed to suspend its controls" acts itself; cuts are each side's, above)."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() != "agree":
        return False
    subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return any(_joint(subject) for subject in subjects)


def _joint(subject: Any) -> bool:
    """Whether a subject names two or more parties ("both leaders", "China and the US")."""
    return (
        subject.tag_ in {"NNS", "NNPS"}
        or subject.lower_ in {"both", "they"}
        or any(c.dep_ == "conj" for c in subject.children)
    )


def _modifies_agreement(verb: Any) -> bool:
    """'an agreement to pause ...', 'the truce, which paused ...'.  One party's agreement
    ("Beijing's agreement to suspend its controls", "its commitment to ...") is that party's
    commitment to act, like "Beijing agreed to suspend": the measure stays an act."""
    if verb.dep_ not in {"acl", "relcl"} or verb.head.lemma_.lower() not in AGREEMENT_NOUNS:
        return False
    return not _one_party_possessor(verb.head)


def _one_party_possessor(noun: Any) -> bool:
    """Whether a noun's possessor names one party ("Beijing's", "China's", "its"), not two
    ("their", "the two sides'", "China and the US's")."""
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    return any(
        p.lower_ not in {"their", "our"} and not _joint(p) and p.lower_ != "both"
        for p in possessors
    )


def _purpose_of_agreement(verb: Any) -> bool:
    """'struck a 90-day deal on May 12 to roll back ...': an infinitive attached to the verb
    whose object is the agreement."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in AGREEMENT_NOUNS for c in verb.head.children)


# a participle set off by a comma that still describes the noun before it: "talks between
# Trump and Xi, held on October 30 in Busan"
HELD_AFTER_COMMA = re.compile(r"^\s*,\s+(?:held|hosted|convened|staged)\b", re.I)


def _referring_phrase(text: str) -> str:
    """The phrase a referring noun opens: up to a comma or dash, or through a comma that
    opens a participle of holding (", held on October 30 in Busan")."""
    first = PHRASE_END.search(text)
    if first is None:
        return text
    if HELD_AFTER_COMMA.match(text[first.start() :]):
        rest = PHRASE_END.split(text[first.end() :], maxsplit=1)[0]
        return text[: first.end()] + rest
    return text[: first.start()]


def _anchored(phrase: str) -> bool:
    """Whether a referred act carries its own date or place (then it is labelled as a
    background event, not dropped as a bare reference)."""
    return bool(find_dates(phrase, None) or AGO.search(phrase) or LOCATION.search(phrase))


# verbs by which a pause is told by what it brings, not done: "The pause offers both nations
# additional time", "the truce buys planning room", "The suspension provides companies with
# an opportunity", "The 90-day pause can also give Indonesia time"
CONSEQUENCE_VERBS = frozenset(
    {"give", "offer", "provide", "allow", "buy", "mean", "leave", "create", "help", "pave",
     "demand", "spur", "ease", "calm", "boost", "lift", "limit"}
)  # fmt: skip


def _pause_as_cause(noun: Any) -> bool:
    """Whether a pause noun is the subject of a verb of consequence."""
    return noun.dep_ == "nsubj" and noun.head.lemma_.lower() in CONSEQUENCE_VERBS


def _trigger_noun(doc: Any, start: int, end: int, family: str) -> Any:
    """The noun that heads the trigger's span, or None when the trigger is verbal."""
    inside = [t for t in doc if start <= t.idx < end]
    nouns = [t for t in inside if t.pos_ in {"NOUN", "PROPN"}]
    if family == "agree":
        nouns = [t for t in nouns if t.lemma_.lower() in AGREEMENT_NOUNS]
        return nouns[0] if nouns and nouns[0].idx == inside[0].idx else None
    return nouns[-1] if nouns else None


# --- acts not asserted: forecasts, topics, courts and figurative meetings -------------------

# commentators whose forecast is no party's act ("Experts predict that ... both governments
# could take steps toward lowering tariffs")
COMMENTATORS = frozenset(
    {
        "expert", "analyst", "economist", "observer", "strategist", "commentator", "investor",
        "media", "medium", "report",
    }
)  # fmt: skip
FORECAST_VERBS = frozenset(
    {
        "predict", "expect", "forecast", "anticipate", "believe", "think", "estimate", "project",
        "report", "suggest", "speculate",
    }
)  # fmt: skip
SPECULATIVE = frozenset({"could", "may", "might"})  # not "would", a reported future
HEDGES = frozenset({"could", "may", "might", "would"})
CONDITIONS = frozenset({"if", "unless"})
CONCESSIVE_CUE = re.compile(r"\beven\s+if\b", re.I)
COMMENTATOR_CUE = re.compile(
    r"\b(?:experts?|analysts?|economists?|observers?|strategists?|commentators?|investors?|"
    r"media|reports?)\b",
    re.I,
)
HEDGE_AFTER = re.compile(r"\b(?:could|may|might)\s+(?:also\s+|further\s+)?\w+", re.I)
# a measure's topic: "discussions on extending the truce", "talked about cutting tariffs"
TOPIC_CUE = re.compile(
    r"\b(?:discuss\w*|talks?|talked|negotiations?|consultations?|dialogue|conversations?)\b",
    re.I,
)
TOPIC_PREPOSITIONS = frozenset({"on", "about", "over", "regarding", "concerning"})
TOPIC_NOUNS = TALK_NOUNS | {"consultation", "dialogue", "conversation"}
TOPIC_VERBS = frozenset({"discuss", "talk"})
# verbs by which talks have a subject matter: "The two-day talks covered ... the extension of a
# reciprocal tariff pause", "The discussions focused on prolonging a pause"
COVERING_VERBS = frozenset({"cover", "focus", "center", "centre", "address", "touch", "revolve"})
# courts and their rulings: a judgement is no government's act ("a Supreme Court ruling
# invalidated the emergency tariffs")
COURT_CUE = re.compile(r"\b(?:court|ruling|judges?|tribunal|justices)\b", re.I)
COURT_NOUNS = frozenset({"court", "ruling", "judge", "tribunal", "justice", "judgment"})
# the people one meets; any other object of "meet" is a target met ("meeting their hopes")
MEETABLE = frozenset(
    {
        "counterpart", "official", "delegation", "delegate", "leader", "minister", "president",
        "envoy", "negotiator", "team", "representative", "secretary", "premier", "chancellor",
        "ambassador", "side", "party", "executive", "head", "counterparts", "vice",
    }
)  # fmt: skip
EMBEDDING = frozenset({"relcl", "acl"})
# talks that one side demands of the other are not held: "called for the U.S. to resolve
# differences through consultations", "urged Washington to return to negotiations"
# (and talks that an act aims at: "aims to encourage further negotiations", "paving the way
# for a meeting between the presidents")
DEMAND_VERBS = frozenset(
    {"call", "urge", "press", "demand", "push", "ask", "appeal", "encourage", "pave"}
)
DEMAND_CUE = re.compile(r"\b(?:call|urg|press|demand|push|ask|appeal|encourag|pav)\w*\b", re.I)


def not_asserted(sentence: str, start: int, end: int, family: str) -> bool:
    """Whether the trigger at ``[start, end)`` names an act that nobody is said to do: a
    commentator's hedged forecast, a measure that is the hedged cause of an effect ("lower
    tariffs may encourage companies"), the topic of talks, a court's ruling, or the verb
    "meet" with a goal as its object ("meeting the president's hopes").  Cheap word tests
    come first; the sentence is parsed only when one passes."""
    later = sentence[end:]
    checks = []
    if COMMENTATOR_CUE.search(sentence) and HEDGE_AFTER.search(sentence):
        checks.append(_commentators_forecast)
    if family in MEASURE_FAMILIES and HEDGE_AFTER.search(later):
        checks.append(_hedged_cause)
    if CONCESSIVE_CUE.search(sentence[:start]):
        checks.append(_in_concession)
    if family != "talks" and TOPIC_CUE.search(sentence[:start]):
        checks.append(_topic_of_talks)
    if family != "accuse" and COURT_CUE.search(sentence):
        checks.append(_courts_act)
    if family == "talks" and sentence[start:end].lower().startswith("meet"):
        checks.append(_goal_met)
    if family == "talks" and DEMAND_CUE.search(sentence[:start]):
        checks.append(_demanded)
    if family == "talks" and CITING_CUE.search(sentence[:start]):
        checks.append(_cited)
    if family in MEASURE_FAMILIES | {"suspend"} and COMMENTARY_CUE.search(sentence):
        checks.append(_commented)
    if family in MEASURE_FAMILIES and EFFECT_CUE.search(later):
        checks.append(_measure_with_an_effect)
    if family in MEASURE_FAMILIES and MEANING_CUE.search(sentence[:start]):
        checks.append(_interpreted)
    if family in MEASURE_FAMILIES and PURPOSE_CUE.search(sentence) and _undated(sentence):
        checks.append(_purpose_told)
    if not checks:
        return False
    tokens = [t for t in parse(sentence) if start <= t.idx < end]
    return bool(tokens) and any(check(tokens) for check in checks)


def _ancestors(token: Any, stop_at: frozenset[str] = frozenset()) -> list[Any]:
    """The heads above a token, up to the root or a dependency in ``stop_at``."""
    found = []
    while token.head.i != token.i and token.dep_ not in stop_at:
        token = token.head
        found.append(token)
    return found


def _hedged(verb: Any, hedges: frozenset[str] = HEDGES) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in hedges for c in verb.children)


def _commentators_forecast(tokens: list[Any]) -> bool:
    """'Experts predict that if talks progress, both governments could take steps toward
    lowering tariffs': a hedged clause under a commentator's verb of forecasting."""
    heads = _ancestors(tokens[0])
    for i, verb in enumerate(heads):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if (
            verb.lemma_.lower() in FORECAST_VERBS
            and any(s.lemma_.lower() in COMMENTATORS for s in subjects)
            and any(_hedged(v, SPECULATIVE) for v in [*tokens, *heads[:i]])
        ):
            return True
    return False


def _hedged_cause(tokens: list[Any]) -> bool:
    """'Lower tariffs may encourage companies to ...', 'the gradual reduction of tariffs could
    strengthen confidence': the measure is the subject of a hedged verb with an object of its
    own, an effect it might have, not an act."""
    noun = next((t for t in reversed(tokens) if t.pos_ in {"NOUN", "PROPN"}), None)
    if noun is None:
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head  # "the reduction of tariffs"
    if noun.dep_ != "nsubj" or any(c.like_num or c.text == "%" for c in noun.subtree):
        return False
    verb = noun.head
    return _hedged(verb) and any(
        c.dep_ in {"dobj", "ccomp"} or (c.dep_ == "advcl" and _conditional(c))
        for c in verb.children
    )  # "tariffs could resume at higher rates if no deal is reached": a risk, not an act


def _conditional(verb: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children)


def _in_concession(tokens: list[Any]) -> bool:
    """'Even if the US continues to impose higher tariffs, it will no longer matter': a
    measure inside a concessive condition is supposed, never done.  (A measure in a plain
    "if/unless" condition, "unless the US lifts its curbs", is labelled as a conditional act.)"""
    for head in [tokens[0], *_ancestors(tokens[0])]:
        marks = [c for c in head.children if c.dep_ == "mark" and c.lower_ == "if"]
        if any(m.i > 0 and m.doc[m.i - 1].lower_ == "even" for m in marks):
            return True
    return False


def _topic_of_talks(tokens: list[Any]) -> bool:
    """'will continue discussions on extending the tariff truce', 'talked about cutting
    tariffs': the measure is what talks are about, not an act of either side."""
    heads = _ancestors(tokens[0], stop_at=EMBEDDING)
    for below, head in zip([tokens[0], *heads], heads, strict=False):
        if head.pos_ == "VERB" and head.lemma_.lower() in TOPIC_VERBS and below.dep_ in {
            "dobj", "xcomp", "prep", "pcomp",
        }:  # fmt: skip
            return below.lemma_.lower() not in TOPIC_NOUNS
        if _covered_by_talks(below, head):
            return True
        if (
            head.dep_ == "prep"
            and head.lower_ in TOPIC_PREPOSITIONS
            and head.head.lemma_.lower() in TOPIC_NOUNS
        ):
            return True
    return False


def _covered_by_talks(below: Any, head: Any) -> bool:
    """Whether ``below`` is what talks as the subject of ``head`` cover or focus on."""
    return (
        head.pos_ == "VERB"
        and head.lemma_.lower() in COVERING_VERBS
        and below.dep_ in {"dobj", "prep", "pcomp"}
        and any(c.dep_ == "nsubj" and c.lemma_.lower() in TOPIC_NOUNS for c in head.children)
    )


def _courts_act(tokens: list[Any]) -> bool:
    """'A Supreme Court ruling has invalidated the emergency tariffs, eliminating ...': the
    nearest subject above the trigger (outside a relative clause; through a participle or an
    infinitive: "invalidated the use of a statute to impose tariffs, eliminating the duties")
    is a court or its ruling."""
    token = tokens[0]
    while True:
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return any(_court(s) for s in subjects)
        if token.head.i == token.i or token.dep_ == "relcl":
            return False
        token = token.head


def _court(subject: Any) -> bool:
    """A court, judge or ruling, or a decision whose possessor or modifier is one ("the trade
    court's decision")."""
    owners = [c for c in subject.children if c.dep_ in {"poss", "compound"}]
    return subject.lemma_.lower() in COURT_NOUNS or (
        subject.lemma_.lower() in {"decision", "order", "opinion"}
        and any(o.lemma_.lower() in COURT_NOUNS for o in owners)
    )


def _goal_met(tokens: list[Any]) -> bool:
    """'falling short of meeting the president's hopes': the verb "meet" whose object is a
    thing (hopes, demands, a deadline), not people, is no meeting."""
    verb = tokens[0]
    if verb.pos_ != "VERB" or verb.lemma_.lower() != "meet":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return any(
        o.pos_ == "NOUN" and o.lemma_.lower() not in MEETABLE and o.tag_ != "NNP" for o in objects
    )


def _described_noun(noun: Any) -> bool:
    """'people familiar with the talks', 'officials involved in the negotiations', 'the
    consensus reached in the consultations': a talks noun in a participle or adjective phrase
    that describes another noun (a report's sources, an agreement) names no meeting of its
    own, unless it has its own date or place (tested before)."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep":
        return False
    describer = preposition.head
    return (
        describer.dep_ in {"acl", "amod"}
        and describer.tag_ in {"VBN", "JJ"}
        and describer.head.pos_ in {"NOUN", "PRON"}
    )


# nouns that count a meeting's parts: "a new round of trade talks" is the talks themselves
TALKS_PARTS = frozenset({"round", "series", "session"})


def _qualifying_phrase(noun: Any) -> bool:
    """Whether a talks noun only completes a phrase that qualifies another noun or an
    adjective ("the results of Trump's meeting with Xi", "no mention of such negotiations",
    "an extension to talks", "open to negotiations", "optimistic about the ongoing talks"):
    the talks are what the phrase is about, not a meeting the sentence reports."""
    preposition = noun.head
    return (
        noun.dep_ == "pobj"
        and preposition.dep_ == "prep"
        and preposition.head.pos_ in {"NOUN", "ADJ"}
        and preposition.head.lemma_.lower() not in TALKS_PARTS
    )


# talks named as the cause of what the sentence reports ("Recent discussions between the two
# sides resulted in new commitments", "trade talks lead to a major reduction", "the pause stems
# from the recent meeting"): the result is told, the talks are its source, not a meeting told
RESULT_VERBS = frozenset({"result", "lead", "yield", "bring", "produce", "culminate"})
SOURCE_VERBS = frozenset({"stem", "result", "arise", "come", "flow", "spring"})


def _talks_as_cause(noun: Any) -> bool:
    """A talks noun that is the subject of a verb of resulting, or the object of "from"
    after a verb of arising."""
    head = noun.head
    if noun.dep_ == "nsubj":
        return head.pos_ == "VERB" and head.lemma_.lower() in RESULT_VERBS
    return (
        noun.dep_ == "pobj"
        and head.lower_ == "from"
        and head.head.pos_ == "VERB"
        and head.head.lemma_.lower() in SOURCE_VERBS
    )


# talks that a text cites or refers to are mentioned, not held: "The order cites ongoing
# discussions with China", "the statement referred to the consultations"
CITING_VERBS = frozenset({"cite", "reference", "mention", "refer", "invoke"})
CITING_CUE = re.compile(r"\b(?:cit|referenc|mention|refer|invok)\w*\b", re.I)


def _cited(tokens: list[Any]) -> bool:
    """A talks noun that is the object of a verb of citing ("cites ongoing discussions",
    "referred to the talks"), directly or after its preposition."""
    noun = tokens[0]
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return (
        noun.dep_ in {"dobj", "pobj"}
        and head.pos_ == "VERB"
        and head.lemma_.lower() in CITING_VERBS
    )


# an act named as the subject or object of a verb of commenting is restated, not reported:
# "The decision to suspend the ban does not reverse the earlier move to include the metals
# on the control list", "The suspension of the ban marks the latest easing of controls"
COMMENTARY_VERBS = frozenset(
    {"mark", "reverse", "represent", "signal", "reflect", "amount", "expect"}
)  # ("The decision to extend the truce was widely expected": a comment on the act)
COMMENTARY_CUE = re.compile(
    r"\b(?:marks?|marked|marking|revers\w*|represent\w*|signal\w*|reflect\w*|amount\w*|"
    r"expected)\b",
    re.I,
)
ACT_NOUNS = frozenset({"decision", "move", "step", "suspension", "easing", "removal", "lifting"})


def _commented(tokens: list[Any]) -> bool:
    """A measure inside an act noun ("the decision to suspend the ban", "the latest easing of
    controls") that is the subject or object of a verb of commenting."""
    for head in [tokens[0], *_ancestors(tokens[0])]:
        if head.dep_ == "relcl":  # "The move, which slashes the levy from 20% to 10%,
            return False  # signals ...": the relative clause states the act itself
        act_noun = head.pos_ == "NOUN" and head.lemma_.lower() in ACT_NOUNS
        if not act_noun or head.dep_ not in {"nsubj", "dobj", "nsubjpass"}:
            continue
        verb = head.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in COMMENTARY_VERBS
    return False


# a measure that is the subject of a verb of effect is told for what it does, not done: "The
# retained 10 percent levy ensures that core tools remain in place", "the reduction in tariff
# pressure offers a potential boost", "the 15% levy is likely to compress margins", "The
# 90-day pause can also give Indonesia time to diversify" (explainers and analysis)
EFFECT_VERBS = frozenset(
    {
        "ensure", "offer", "give", "leave", "strengthen", "compress", "provide", "help",
        "boost", "benefit", "hurt", "weaken", "create", "pose", "set",
        "show", "underscore", "highlight", "illustrate", "demonstrate",
    }
)  # fmt: skip
EFFECT_CUE = re.compile(
    r"\b(?:ensur|offer|giv|gave|leav|left|strengthen|compress|provid|help|boost|benefit|hurt|"
    r"weaken|creat|pos|set|show|underscor|highlight|illustrat|demonstrat)\w*",
    re.I,
)
NOUN_STEPS = 3  # compounds and "of"/"in" phrases climbed from the trigger to the subject


def _measure_with_an_effect(tokens: list[Any]) -> bool:
    """A measure trigger inside the subject of a verb of effect that has an object or a
    complement of its own (directly, or through "is likely to")."""
    noun = next((t for t in reversed(tokens) if t.pos_ in {"NOUN", "PROPN"}), None)
    for _ in range(NOUN_STEPS):
        if noun is None or noun.dep_ == "nsubj":
            break
        if noun.dep_ in {"compound", "conj", "nmod"} or (
            noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "NOUN"
        ):  # (a conjoined subject: "the rare earth postponement and tariff adjustments")
            noun = noun.head if noun.dep_ != "pobj" else noun.head.head
        else:
            noun = None
    if noun is None or noun.dep_ != "nsubj":
        return False
    verb = noun.head
    verbs = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
    verbs += [
        x for c in verb.children if c.dep_ == "acomp" for x in c.children if x.dep_ == "xcomp"
    ]
    return any(
        v.pos_ == "VERB"
        and v.lemma_.lower() in EFFECT_VERBS
        and any(c.dep_ in {"dobj", "ccomp", "dative"} for c in v.children)
        for v in verbs
    )


# a participle of meaning after a comma says what the act before it amounts to ("..., the
# White House said, meaning the effective removal of controls", "..., which means exporters
# will need licences"): its measure is that act read again, not another act (a relative clause
# inside it with a date, "controls China imposed in April 2025", is still a recalled act)
MEANING_CUE = re.compile(r",\s*(?:which\s+|that\s+)?mean(?:s|ing)\b", re.I)


def _interpreted(tokens: list[Any]) -> bool:
    """A measure trigger under the participle "meaning" (or "which means") that modifies
    the clause before it, with no relative clause between them."""
    for head in _ancestors(tokens[0], stop_at=frozenset({"relcl"})):
        if head.lemma_.lower() == "mean" and head.dep_ in {"advcl", "relcl", "conj", "xcomp"}:
            phrase = head.doc.text[tokens[0].idx : head.right_edge.idx + len(head.right_edge)]
            return not _anchored(phrase)  # "controls China imposed in April 2025": recalled
    return False


# a measure told with the purpose it was made for, in the passive ("These controls were
# initially implemented to curb China's advances", "The rule was designed to close a loophole
# by extending restrictions"), with no date, place or number: why an act told before was made
MAKING_VERBS = frozenset(
    {"implement", "design", "introduce", "impose", "intend", "adopt", "create", "put", "tailor"}
)  # made for a purpose (not "it is decided to implement ...": the decision is the act)
PURPOSE_CUE = re.compile(r"\b(?:was|were|is|are|been)\s+(?:\w+ly\s+)?\w+ed\s+to\s+\w+", re.I)


def _undated(sentence: str) -> bool:
    return not (_anchored(sentence) or re.search(r"\d", sentence))


def _purpose_told(tokens: list[Any]) -> bool:
    """A measure trigger in the subject of a passive verb of making that has a purpose
    infinitive ("were implemented to curb"), or inside that infinitive's clause."""
    for head in [tokens[0], *_ancestors(tokens[0])]:
        if head.pos_ != "VERB" or head.lemma_.lower() not in MAKING_VERBS:
            continue
        passive = any(c.dep_ == "auxpass" for c in head.children)
        purpose = any(
            c.dep_ in {"xcomp", "advcl"}
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            for c in head.children
        )
        if passive and purpose:
            return True
    return False


def _demanded(tokens: list[Any]) -> bool:
    """A talks noun under a verb of demanding ("called for the U.S. to resolve differences
    through consultations", "urged Beijing to return to talks", "pressed for negotiations"):
    talks asked for, not held (a relative clause stops the climb)."""
    heads = _ancestors(tokens[0], stop_at=frozenset({"relcl"}))
    return any(h.pos_ == "VERB" and h.lemma_.lower() in DEMAND_VERBS for h in heads)
