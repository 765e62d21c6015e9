"""Rule-based event extraction: spaCy's blank English pipeline plus a trade-war grammar.

For each sentence of the cleaned text:

1. actors are found with a :class:`spacy.matcher.PhraseMatcher` over the gazetteer
   (countries, demonyms, capitals, officials, agencies);
2. the sentence is cut into clauses (";", ", while", ", and", coordinated verbs), and in
   each clause *triggers* are found: tariff nouns, export-control nouns and verbs, talks,
   agreements, violations, licences;
3. each trigger's action comes from the verbs around it (suspend > cut > raise > impose,
   ease > impose), its actor from the possessive or subject before it, its target from
   "on/against/from X" or "X goods", products and rates from the words near it;
   demands and aims ("urged Washington to stop ...", "a deal to ease ..."), described
   levels ("tariffs are set at 30%") and counterfactuals give no event;
4. dates are resolved against the dateline with the clause's tense; a date belongs to
   the act it qualifies (not to the earlier measure an act eases, nor to another meeting
   of the clause); modality comes from cue words (will, expected, threat, according to a
   report, provided that, earlier);
5. repeated mentions of one event are merged (``also_evidence``), and a target the
   article never names (only the actor's usual counterpart) becomes unknown.

Every event's evidence is the sentence as it stands in the text the user gave, at
``evidence_span``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from tradewar.news.clean import CleanText, clean_html, clean_text
from tradewar.news.dateline import find_dateline
from tradewar.news.dates import DateMention, find_dates, is_future
from tradewar.news.frames import frames_in, prefetch, wants_frames
from tradewar.news.gazetteer import actor_entries, product_groups, product_table
from tradewar.news.grammar import (
    ABBREVIATIONS,
    ACCUSE_TRIGGER,
    AGREE_TRIGGER,
    BLOCK_BREAK,
    CASE_SENSITIVE,
    CLAUSE_BREAK,
    COUNTERFACTUAL,
    COUNTERPART,
    CURRENT_LEVEL,
    DURATION,
    EASING_PHRASE,
    ELIMINATES,
    EXPORT_CUES,
    EXPORT_TRIGGER,
    GLOBAL_TARGET,
    GOODS_AFTER,
    HS_CODE,
    IMPOSING_PHRASE,
    LEGAL_BASIS,
    LICENCE_OBLIGATION,
    LICENCE_TRIGGER,
    LOCATION,
    MODALITY_CUES,
    NEGATED,
    NOT_EASE,
    NUMBER_WORDS,
    PASSIVE_AFTER,
    PLURAL_SUBJECT,
    PURPOSE,
    SPEAKER_AFTER,
    SUSPEND_TRIGGER,
    TALKS_TRIGGER,
    TARGET_BEFORE,
    TARIFF_CUES,
    TARIFF_TRIGGER,
    UNREALISED,
    WRAPPED_LINE_END,
)
from tradewar.news.learned import ActClassifier
from tradewar.news.merging import absorb_summaries, default_event_dates, merge_events
from tradewar.news.rates import factor_in, find_rates, rate_for_action
from tradewar.news.roles import subject_of
from tradewar.news.schema import JOINT_ACTIONS, Event
from tradewar.news.statements import is_official_statement


@dataclass(frozen=True)
class Article:
    """An article record: ``id``, ``text`` and, when known, ``url``, ``outlet``, ``published``."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    html: bool = False

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        """Build an article from a JSONL record of the development-set schema."""
        return cls(
            id=str(record["id"]),
            text=str(record.get("text") or ""),
            url=record.get("url"),
            outlet=record.get("outlet"),
            published=record.get("published"),
        )


@dataclass(frozen=True)
class Mention:
    """An actor phrase in a sentence (offsets relative to the sentence)."""

    start: int
    end: int
    code: str
    kind: str
    text: str


@dataclass
class Sentence:
    """A sentence with its offsets in the cleaned text and its actor mentions."""

    text: str
    start: int
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Trigger:
    """A word or phrase that announces an event of one family; ``action`` is set when a
    parsed frame already decided it (:mod:`tradewar.news.frames`)."""

    family: str
    start: int
    end: int
    action: str | None = None


@lru_cache(maxsize=1)
def pipeline() -> tuple[Language, PhraseMatcher, dict[str, tuple[str, str]]]:
    """spaCy's blank English pipeline with a sentencizer and the actor PhraseMatcher."""
    nlp = spacy.blank("en")
    table_marks = [r"\|", "•", "·"]  # table cells and bullets glued to words ("|China")
    prefixes = list(nlp.Defaults.prefixes or []) + table_marks
    suffixes = list(nlp.Defaults.suffixes or []) + table_marks
    tokenizer: Any = nlp.tokenizer
    tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    infixes = [*list(nlp.Defaults.infixes or []), r"(?<=[.\w])[–—](?=\w)"]  # "U.S.–China"
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for abbreviation in ABBREVIATIONS:  # "Announcement No. 18", "Commerce Dept. said"
        for form in {abbreviation, abbreviation.lower(), abbreviation.capitalize()}:
            tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.add_pipe("sentencizer")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    labels: dict[str, tuple[str, str]] = {}
    for index, entry in enumerate(actor_entries()):
        key = f"A{index}"
        labels[key] = (entry.code, entry.kind)
        matcher.add(key, _phrase_docs(nlp, entry.phrase))
    return nlp, matcher, labels


def _phrase_docs(nlp: Language, phrase: str) -> list[Any]:
    """The phrase tokenized as written, in capitals and in title case: the tokenizer keeps
    "U.S." whole but splits "u.s." into "u.s" + ".", so one casing alone would miss it."""
    docs: dict[tuple[str, ...], Any] = {}
    for form in (phrase, phrase.upper(), phrase.title()):
        doc = nlp.make_doc(form)
        docs.setdefault(tuple(token.lower_ for token in doc), doc)
    return list(docs.values())


def split_blocks(text: str) -> Iterator[tuple[int, str]]:
    """Paragraphs, bullets and table rows of the cleaned text, with their offsets."""
    position = 0
    for match in BLOCK_BREAK.finditer(text):
        if match.group() == "\n" and (
            WRAPPED_LINE_END.search(text[position : match.start()])
            or _wrapped_before_capital(text, match.start())
        ):
            continue  # a hard-wrapped sentence goes on after "of\nthe United States"
        yield position, text[position : match.start()]
        position = match.end()
    yield position, text[position:]


WRAP_MIN_CHARS = 50  # a wrapped line is long; a title or a table cell is short or capitalised
SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]\s*$")


def _wrapped_before_capital(text: str, newline: int) -> bool:
    """Whether a line break before a capital only wraps a long line ("... titled “One\nYear
    Suspension of ..."): the line is long, ends without punctuation and is not a title."""
    line = text[text.rfind("\n", 0, newline) + 1 : newline]
    if (
        len(line) < WRAP_MIN_CHARS
        or SENTENCE_END.search(line)
        or not text[newline + 1 : newline + 2].isalpha()
    ):
        return False
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    capitalised = sum(1 for w in words if w[0].isupper())
    return bool(words) and capitalised / len(words) < 0.5


def sentences(text: str) -> list[Sentence]:
    """Sentences of the cleaned text with their actor mentions."""
    nlp, matcher, labels = pipeline()
    blocks = [(start, block) for start, block in split_blocks(text) if block.strip()]
    out: list[Sentence] = []
    for (block_start, _), doc in zip(blocks, nlp.pipe(block for _, block in blocks), strict=True):
        spans = _mention_spans(doc, matcher, labels)
        if is_headline(doc.text):
            continue
        for sent in doc.sents:
            stripped = sent.text.strip()
            if len(stripped) < 12 and not stripped.startswith("("):
                continue
            if (
                stripped.startswith("(")
                and out
                and len(stripped) < 80
                and out[-1].start + len(out[-1].text) >= block_start
            ):
                _extend(
                    out[-1],
                    text,
                    block_start
                    + sent.start_char
                    + len(sent.text)
                    - len(sent.text.lstrip())
                    + len(stripped),
                )
                continue
            lead = len(sent.text) - len(sent.text.lstrip())
            start = sent.start_char + lead
            mentions = [
                Mention(m.start - start, m.end - start, m.code, m.kind, m.text)
                for m in spans
                if start <= m.start and m.end <= start + len(stripped)
            ]
            out.append(Sentence(stripped, block_start + start, mentions))
    return out


HEADLINE_END = re.compile(r"[.!?:;\"”’)]\s*$")


def is_headline(block: str) -> bool:
    """A block that is one short line without closing punctuation (a title or teaser)."""
    stripped = block.strip()
    return (
        "\n" not in stripped and not HEADLINE_END.search(stripped) and len(stripped.split()) <= 20
    )


def _extend(sentence: Sentence, text: str, new_end: int) -> None:
    sentence.text = text[sentence.start : new_end]


def _mention_spans(
    doc: Any, matcher: PhraseMatcher, labels: dict[str, tuple[str, str]]
) -> list[Mention]:
    found: list[Mention] = []
    matches = sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
    last_end = -1
    for match_id, start, end in matches:
        if start < last_end:
            continue
        span = doc[start:end]
        cased = CASE_SENSITIVE.get(span.text.lower())
        if cased is not None and span.text not in {cased, cased.upper()}:
            continue
        code, kind = labels[doc.vocab.strings[match_id]]
        found.append(Mention(span.start_char, span.end_char, code, kind, span.text))
        last_end = end
    return found


def clauses(sentence: str) -> list[tuple[int, str]]:
    """Clauses of a sentence with their offsets in it."""
    out: list[tuple[int, str]] = []
    position = 0
    for match in CLAUSE_BREAK.finditer(sentence):
        out.append((position, sentence[position : match.start()]))
        position = match.end()
    out.append((position, sentence[position:]))
    return [(start, text) for start, text in out if text.strip()]


def find_triggers(clause: str) -> list[Trigger]:
    """Every trigger of a clause, by family."""
    families = [
        ("tariff", TARIFF_TRIGGER),
        ("export", EXPORT_TRIGGER),
        ("talks", TALKS_TRIGGER),
        ("agree", AGREE_TRIGGER),
        ("suspend", SUSPEND_TRIGGER),
        ("accuse", ACCUSE_TRIGGER),
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
    ]
    licences = [t for t in found if t.family == "licence"]
    found = [
        t
        for t in found
        if not (t.family == "export" and any(lic.start <= t.start < lic.end for lic in licences))
    ]
    framed = [Trigger("export", f.start, f.end, f.action) for f in frames_in(clause)]
    unframed = [
        t
        for t in found
        if not (t.family == "export" and any(t.start < f.end and f.start < t.end for f in framed))
    ]
    return sorted(unframed + framed, key=lambda t: t.start)


def _nearest_cue(
    cues: list[tuple[str, re.Pattern[str]]], clause: str, trigger: Trigger
) -> str | None:
    before = clause[max(0, trigger.start - 70) : trigger.start]
    after = clause[trigger.end : trigger.end + 45]
    passive = PASSIVE_AFTER.search(after)
    passive_text = passive.group() if passive else ""
    for action, pattern in cues:
        if pattern.search(before) or (passive_text and pattern.search(passive_text)):
            return action
    return None


def action_for(trigger: Trigger, clause: str) -> str | None:
    """The action a trigger announces in its clause, or None when no verb supports one."""
    if trigger.action is not None:
        return trigger.action
    if trigger.family == "tariff":
        action = _nearest_cue(TARIFF_CUES, clause, trigger)
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
        if action is None and rates and not CURRENT_LEVEL.search(clause):
            action = "impose_tariff"  # "84 per cent tariffs on US goods from Thursday"
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
    return {
        "suspend": "suspend_tariff",
        "talks": "hold_talks",
        "agree": "reach_agreement",
        "accuse": "accuse_violation",
        "licence": "grant_licence",
    }[trigger.family]


COORDINATED = re.compile(r"^[\w\s-]{0,40}?\b(?:and|or)\s+(?:the\s+)?$")


def _is_target_role(sentence: Sentence, mention: Mention) -> bool:
    """Whether a mention is acted upon ("tariffs on China", "Chinese goods", "goods from
    Hong Kong ... and the Macao region") rather than acting.  Officials and agencies act:
    "the announcement of the Ministry of Commerce" names its author, not a target."""
    if mention.kind in {"official", "agency"}:
        return False
    text = sentence.text
    before = text[max(0, mention.start - 25) : mention.start]
    after = text[mention.end : mention.end + 30]
    possessive = re.match(r"^(’s|'s)\s+(access|exports?|goods|imports|shipments)?", after)
    if possessive and not possessive.group(2):
        return False  # "Trump's executive order": the possessor acts
    if (
        TARGET_BEFORE.search(before)
        or GOODS_AFTER.search(after)
        or re.match(r"^(’s|'s)\s+(access|exports?|goods|imports|shipments)", after)
    ):
        return True
    previous = [m for m in sentence.mentions if m.end <= mention.start]
    return bool(
        previous
        and COORDINATED.match(text[previous[-1].end : mention.start])
        and _is_target_role(sentence, previous[-1])
    )


@dataclass
class Roles:
    """Who acts, on whom, and the actor's words."""

    actor: str | None
    target: str | None
    actor_text: str | None
    plural: bool = False
    previous_actor: str | None = None  # who acted before this sentence (a complaint's target)


def roles_for(
    sentence: Sentence, clause_start: int, clause: str, trigger: Trigger, context_actor: str | None
) -> Roles:
    """Actor and target of a trigger from the mentions around it."""
    t_start = clause_start + trigger.start
    in_clause = [
        m for m in sentence.mentions if clause_start <= m.start < clause_start + len(clause)
    ]
    before = [m for m in in_clause if m.end <= t_start and not _is_target_role(sentence, m)]
    actor_mention = _syntax_actor(sentence, before, t_start)
    if actor_mention is None:
        actor_mention = _possessive_actor(sentence, in_clause, t_start)
    if actor_mention is None:
        actor_mention = before[-1] if before else None
    if actor_mention is None:
        subjects = [
            m
            for m in sentence.mentions
            if (m.end <= t_start or SPEAKER_AFTER.match(sentence.text[m.end : m.end + 30]))
            and not _is_target_role(sentence, m)
        ]
        actor_mention = subjects[0] if subjects else None
    actor = actor_mention.code if actor_mention else context_actor
    target = None
    for mention in in_clause + sentence.mentions:
        if mention.code != actor and _is_target_role(sentence, mention):
            target = mention.code
            break
    plural = bool(PLURAL_SUBJECT.search(sentence.text[: t_start + 1])) or _pair_subject(
        sentence, t_start
    )
    if target is None and actor in COUNTERPART:
        target = COUNTERPART[actor]
    return Roles(actor, target, actor_mention.text if actor_mention else None, plural)


def _syntax_actor(sentence: Sentence, before: list[Mention], t_start: int) -> Mention | None:
    """When two parties are named before a trigger, the one that is the governing verb's
    subject (:mod:`tradewar.news.roles`); None when the parse does not settle it."""
    if len({m.code for m in before}) < 2:
        return None
    subject = subject_of(sentence.text, t_start)
    if subject is None or subject.pronoun:
        return None
    inside = [m for m in before if subject.start <= m.start and m.end <= subject.end]
    heads = [m for m in inside if m.start <= subject.head < m.end]
    chosen = heads or inside
    return chosen[0] if chosen else None


def _possessive_actor(sentence: Sentence, mentions: list[Mention], t_start: int) -> Mention | None:
    for mention in reversed(mentions):
        if mention.end > t_start or t_start - mention.end > 45:
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


def _pair_subject(sentence: Sentence, t_start: int) -> bool:
    before = [m for m in sentence.mentions if m.end <= t_start]
    for first, second in itertools.pairwise(before):
        joined = sentence.text[first.end : second.start]
        if (
            first.code != second.code
            and re.fullmatch(r"\s+and\s+(?:the\s+)?", joined)
            and not _is_target_role(sentence, first)
        ):
            return True
    return False


def products_in(text: str) -> list[str]:
    """Product phrases of a text span: gazetteer phrases and 'X goods/imports'."""
    low = text.lower()
    found: list[tuple[int, str]] = []
    for phrase, _group in product_table():
        for match in re.finditer(re.escape(phrase), low):
            if any(start <= match.start() < start + len(p) for start, p in found):
                continue
            found.append((match.start(), text[match.start() : match.end()]))
    generic = re.compile(
        r"\b(?:(?:all\s+)?(?:U\.S\.|US|American|Chinese|China's)(?:-origin)?\s+(?:agricultural\s+)?(?:goods|imports|products|supplies|exports)"
        r"|(?:all\s+)?goods\s+(?:imported\s+)?from\s+(?:China|the United States|the US)|imports\s+from\s+(?:China|the United States|the US))\b"  # noqa: E501
    )
    for match in generic.finditer(text):
        if not any(match.start() <= start < match.end() for start, _ in found):
            found.append((match.start(), match.group()))
    return [phrase for _, phrase in sorted(found)]


def durations_in(text: str) -> tuple[str | None, str | None]:
    """The first duration of a text as ISO 8601 (``P90D``) and its phrase."""
    matches = [
        m
        for m in DURATION.finditer(text)
        if m.group().lower().startswith("for") or "-" in m.group()
    ]
    if not matches:
        return None, None
    match = matches[0]
    count = match.group("n").lower()
    number = NUMBER_WORDS.get(count) or int(count)
    unit = match.group("unit").lower()[0].upper()
    return f"P{number}{unit}", match.group().strip()


def modality_for(clause: str, sentence: str, event_date: str | None, dateline: date | None) -> str:
    """The modality of an event from cue words in its clause (and sentence)."""
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
        < (dateline.isoformat()[:7] if len(event_date) == 7 else _days_before(dateline, 20))
    ):
        return "background"
    return "actual"


RELATIVE_RECALL = re.compile(  # "tariffs imposed in March will stay": a reduced relative clause
    r"^\W*(?:[\w’'%-]+\s+){0,3}?(?:that|which)?\s*(?:imposed|introduced|announced|levied|placed|"
    r"adopted|unveiled|issued)\s+(?:in|on|last|earlier|since|during|by|under|after)\b",
    re.I,
)
AUXILIARY = re.compile(r"\b(?:was|were|is|are|be|been|being|has|have|had|will|would)\s*$", re.I)


def _recalled_in_relative(clause: str, trigger: Trigger) -> bool:
    """Whether the trigger's act is only recalled in a reduced relative clause ("tariffs
    imposed in March will stay", "controls announced on Oct. 9, including ..."): a past
    participle right after the trigger with no auxiliary, and a finite verb after it."""
    after = clause[trigger.end :]
    match = RELATIVE_RECALL.match(after)
    if match is None or AUXILIARY.search(after[: match.start()] + " "):
        return False
    rest = after[match.end() :]
    return bool(re.search(r"\b(?:will|would|is|are|was|were|has|have|remain\w*|stay\w*)\b", rest))


def _days_before(day: date, days: int) -> str:
    from datetime import timedelta

    return (day - timedelta(days=days)).isoformat()


@dataclass
class Draft:
    """An event in the making (before merging and numbering)."""

    event: Event
    sentence_index: int


def _dates_for(
    clause_dates: list[DateMention], sentence_dates: list[DateMention]
) -> dict[str, str | None]:
    slots: dict[str, str | None] = {
        "effective_date": None,
        "event_date": None,
        "end_date": None,
        "date_text": None,
    }
    for mention in clause_dates + sentence_dates:
        if mention.role == "since":
            continue
        key = {"effective": "effective_date", "event": "event_date", "end": "end_date"}[
            mention.role
        ]
        if slots[key] is None and mention.value:
            slots[key] = mention.value
            slots["date_text"] = slots["date_text"] or mention.text
    return slots


def events_in_sentence(
    sentence: Sentence,
    cleaned: CleanText,
    article: Article,
    dateline: date | None,
    context: dict[str, str | None],
) -> list[Event]:
    """Every event a sentence states."""
    events: list[Event] = []
    start, end = cleaned.to_original(sentence.start, sentence.start + len(sentence.text))
    evidence = cleaned.original[start:end]
    sentence_dates = find_dates(sentence.text, dateline)
    previous_actor = context.get("actor")
    _update_context(sentence, context)
    for clause_start, clause in clauses(sentence.text):
        clause_dates = find_dates(clause, dateline)
        seen_actions: set[tuple[Any, ...]] = set()
        actions = _clause_actions(clause)
        meetings = [t for t, a in actions if a in JOINT_ACTIONS]
        for trigger, action in actions:
            roles = roles_for(sentence, clause_start, clause, trigger, context.get("actor"))
            roles.previous_actor = previous_actor
            if roles.actor is None and not (action in JOINT_ACTIONS and _two_sides(sentence)):
                continue
            if _one_sided_promise(clause, trigger, roles):
                continue
            for built in _build(
                action,
                roles,
                sentence,
                clause,
                trigger,
                _own_dates(_act_dates(clause, clause_dates, trigger, action), trigger, meetings),
                _framing_dates(sentence, sentence_dates, clause_start, len(clause)),
                dateline,
                _location(clause, sentence.text, trigger, meetings),
            ):
                key = (
                    built["action"],
                    built["actor"],
                    built["target"],
                    built.get("rate_to"),
                    built.get("location"),
                    built.get("event_date"),
                )
                if key in seen_actions:
                    continue
                seen_actions.add(key)
                events.append(
                    Event(
                        article_id=article.id,
                        evidence=evidence,
                        evidence_span=(start, end),
                        **built,
                    )
                )
            if roles.actor and trigger.family not in {"talks", "agree"}:
                context["actor"] = roles.actor
    _share_effective_date(events, sentence_dates)
    return _pause_with_lowered_rate(_share_goods(events))


def _share_effective_date(events: list[Event], sentence_dates: list[DateMention]) -> None:
    """A sentence's one effective date ("... products of China. (Effective December 1,
    2025)") applies to its undated measures, whichever clause states them; talks, agreements
    and accusations take effect on no date, and an act recalled as background keeps its own."""
    effective = {m.value for m in sentence_dates if m.role == "effective" and m.value}
    if len(effective) != 1 or len({e.actor for e in events}) != 1:
        return  # two actors: the date is one act's ("..., in response to Trump raising ...")
    (value,) = effective
    for event in events:
        measure = event.action not in JOINT_ACTIONS and event.action != "accuse_violation"
        if measure and event.effective_date is None and event.modality != "background":
            event.effective_date = value


LEADING = re.compile(r"^\W*(?:\w+\W+){0,3}$")  # "On May 12, ...", "Effective April 10, ..."
REPORT_VERBS = r"(?:said|announced|told|stated|confirmed|wrote|added)"
SAID_ON = re.compile(rf"\b{REPORT_VERBS}\s+(?:on\s+)?$", re.I)  # "..., the ministry said on Friday"
SAID_THEN = re.compile(rf"^\s*{REPORT_VERBS}\b", re.I)  # "Hassett on Monday said that ..."


def _framing_dates(
    sentence: Sentence, mentions: list[DateMention], clause_start: int, clause_length: int
) -> list[DateMention]:
    """Dates of other clauses that frame this one: a leading adverbial ("On May 12, ...")
    or the report's own date ("..., the ministry said on Friday"); a date inside another
    clause's act ("in response to Trump raising tariffs in March") is that act's."""
    outside = [
        m for m in mentions if m.end <= clause_start or m.start >= clause_start + clause_length
    ]
    return [
        m
        for m in outside
        if (m.end <= clause_start and LEADING.match(sentence.text[: m.start]))
        or SAID_ON.search(sentence.text[max(0, m.start - 25) : m.start])
        or SAID_THEN.match(sentence.text[m.end : m.end + 25])
    ]


MUTUAL = re.compile(r"\b(?:each other|one another|the other)\b", re.I)
# acts on an earlier measure or deal, whose own date may follow the trigger
ACTS_ON_EARLIER = frozenset(
    {"cut_tariff", "suspend_tariff", "ease_export_control", "accuse_violation"}
)
EARLIER_MEASURE = re.compile(
    r"\b(?:that|which|it|they)\s+(?:had\s+|has\s+|have\s+)?(?:\w+\s+)?"
    r"(?:announced|imposed|introduced|unveiled|adopted|issued|took effect|came into effect)(?:\s+(?:on|in))?\s*$"  # noqa: E501
    r"|\b(?:deal|truce|agreement|pact|consensus|understandings?)\s+(?:\w+\s+)?"
    r"(?:reached|agreed|signed|struck)(?:\s+(?:on|in))?\s*$",
    re.I,
)


def _act_dates(
    clause: str, mentions: list[DateMention], trigger: Trigger, action: str
) -> list[DateMention]:
    """The dates of an act on an earlier measure, without the measure's own ("pause the
    controls it announced on Oct. 9", "violating the truce reached last month")."""
    if action not in ACTS_ON_EARLIER:
        return mentions
    return [
        m
        for m in mentions
        if m.start < trigger.start
        or not EARLIER_MEASURE.search(clause[max(0, m.start - 40) : m.start])
    ]


def _one_sided_promise(clause: str, trigger: Trigger, roles: Roles) -> bool:
    """'China agreed to pause its controls' is China's commitment (the act after it is the
    event), not an agreement; 'the two sides agreed to cut tariffs' is one."""
    words = clause[trigger.start : trigger.end].lower()
    return trigger.family == "agree" and words.startswith("agreed to") and not roles.plural


def _two_sides(sentence: Sentence) -> bool:
    """Whether a sentence names two different parties (who meet, talk or agree)."""
    return len({m.code for m in sentence.mentions}) >= 2


def _pause_with_lowered_rate(events: list[Event]) -> list[Event]:
    """'A 90-day pause, and a lowered tariff of 10pc': one suspension at 10, not a cut too."""
    out = list(events)
    for pause in events:
        if (
            pause.action != "suspend_tariff"
            or pause.rate_to is not None
            or pause.rate_change is not None
        ):
            continue
        for cut in events:
            if (
                cut.action == "cut_tariff"
                and cut.actor == pause.actor
                and cut.rate_to
                and cut in out
            ):
                pause.rate_to, pause.unit = cut.rate_to, cut.unit
                out.remove(cut)
    return out


def _share_goods(events: list[Event]) -> list[Event]:
    """Tariff events of one actor in a sentence share a generic goods phrase
    ('Lower tariffs on Chinese imports ..., while maintaining a 10% tariff')."""
    for event in events:
        if event.products or not event.action.endswith("tariff"):
            continue
        donor = next(
            (
                other
                for other in events
                if other is not event
                and other.actor == event.actor
                and other.action.endswith("tariff")
                and other.product_groups == ["all_goods"]
            ),
            None,
        )
        if donor is not None:
            event.products, event.product_groups = list(donor.products), ["all_goods"]
    return events


TARIFF_PRIORITY = ("suspend_tariff", "cut_tariff", "raise_tariff", "impose_tariff")
HEADER = re.compile(
    r"^\W*(?P<who>[\w.’' -]{2,40}?)\s+(?:commitments|actions|measures|obligations|commits to\b|"
    r"(?:shall|will|agrees? to|commits? to)\s*:\s*$)",
    re.I,
)


def _clause_actions(clause: str) -> list[tuple[Trigger, str]]:
    """Triggers of a clause with their actions; one tariff action per clause (the strongest)."""
    if COUNTERFACTUAL.search(clause):
        return []
    pairs = [
        (t, a)
        for t in find_triggers(clause)
        if (a := action_for(t, clause)) is not None
        and not NEGATED.search(clause[: t.start])
        and not (t.family != "talks" and UNREALISED.search(clause[max(0, t.start - 80) : t.start]))
        and not (t.family == "talks" and PURPOSE.search(clause[max(0, t.start - 30) : t.start]))
    ]
    tariff = [a for _, a in pairs if a in TARIFF_PRIORITY]
    if len(set(tariff)) > 1:
        best = min(tariff, key=TARIFF_PRIORITY.index)
        pairs = [(t, best if a in TARIFF_PRIORITY else a) for t, a in pairs]
    return pairs


LIST_ITEM = re.compile(r"^\W{0,3}(?:[-•*·]|\(\w{1,4}\)|\d+\.)")


def _list_item_events(
    sentence: Sentence, cleaned: CleanText, lead_in: list[Event], dateline: date | None
) -> list[Event]:
    """A list item under a lead-in ("must obtain a licence before exporting the following
    items:") is an event of the lead-in's kind for the item's own products and dates."""
    products = products_in(sentence.text)
    if not products:
        return []
    start, end = cleaned.to_original(sentence.start, sentence.start + len(sentence.text))
    dates = _dates_for(find_dates(sentence.text, dateline), [])
    out: list[Event] = []
    for template in lead_in:
        event = template.model_copy(deep=True)
        event.products, event.product_groups = products, product_groups(products)
        event.evidence, event.evidence_span, event.also_evidence = (
            cleaned.original[start:end],
            (start, end),
            [],
        )
        event.effective_date = dates["effective_date"] or template.effective_date
        event.event_date = dates["event_date"] or template.event_date
        event.modality = (
            "future"
            if event.effective_date and dateline and event.effective_date > dateline.isoformat()
            else template.modality
        )
        out.append(event)
    return out


def _apply_list_date(
    sentence: Sentence, events: list[Event], dateline: date | None, context: dict[str, str | None]
) -> None:
    """A lead-in ("...the following actions prior to May 14, 2025:") dates its list items."""
    text = sentence.text.rstrip()
    if text.endswith(":"):
        effective = [
            m.value for m in find_dates(text, dateline) if m.role == "effective" and m.value
        ]
        if effective:
            context["list_effective"] = effective[0]
        return
    if not LIST_ITEM.match(text):
        context["list_effective"] = None
        return
    inherited = context.get("list_effective")
    for event in events:
        if event.effective_date is None and inherited and LIST_ITEM.match(text):
            event.effective_date = inherited


def _update_context(sentence: Sentence, context: dict[str, str | None]) -> None:
    """Headers ("Chinese Commitments:") and sentence subjects set the actor of what follows."""
    header = HEADER.search(sentence.text)
    lead = [m for m in sentence.mentions if m.start < 40 and not _is_target_role(sentence, m)]
    if header:
        inside = [m for m in sentence.mentions if m.start <= header.end("who")]
        if inside:
            context["actor"] = inside[-1].code
            return
    if lead and lead[0].code in COUNTERPART:
        context["actor"] = lead[0].code


def _build(
    action: str,
    roles: Roles,
    sentence: Sentence,
    clause: str,
    trigger: Trigger,
    clause_dates: list[DateMention],
    sentence_dates: list[DateMention],
    dateline: date | None,
    location: str | None = None,
) -> list[dict[str, Any]]:
    dates = _dates_for(clause_dates, sentence_dates)
    duration, duration_text = (
        durations_in(clause) if DURATION.search(clause) else durations_in(sentence.text)
    )
    base: dict[str, Any] = {
        "action": action,
        "actor_text": roles.actor_text,
        "duration": duration
        if action in {"suspend_tariff", "cut_tariff", "reach_agreement", "ease_export_control"}
        else None,
        "duration_text": duration_text,
        "modality": "background"
        if _recalled_in_relative(clause, trigger)
        else modality_for(clause, sentence.text, dates["event_date"], dateline),
        "legal_basis": _first(LEGAL_BASIS, sentence.text),
        "hs_codes": HS_CODE.findall(sentence.text),
        "location": location if action in JOINT_ACTIONS else None,
        **dates,
    }
    if base["modality"] == "background" and _recalled_in_relative(clause, trigger):
        own = [m for m in clause_dates if m.start >= trigger.end and m.role == "event" and m.value]
        if own:  # "tariffs imposed in March": the recalled act's own date
            base["event_date"], base["date_text"] = own[0].value, own[0].text
    if action == "hold_talks" and dates["effective_date"]:  # "talks from Sunday": when held
        base["event_date"], base["effective_date"] = dates["effective_date"], None
    if action in JOINT_ACTIONS:
        return [{**base, **p} for p in _participants(sentence, roles)]
    if action == "accuse_violation":
        return [{**base, **one} for one in _accusations(sentence, clause, trigger, roles)]
    if GLOBAL_TARGET.search(clause) and not any(
        m.code == roles.target and _is_target_role(sentence, m) for m in sentence.mentions
    ):
        roles.target = None
    segments = _rate_segments(clause) if action in {"impose_tariff", "raise_tariff"} else []
    if len(segments) > 1:
        out: list[dict[str, Any]] = []
        for rate_mentions, products in segments:
            one = _slots(base, action, clause, products, rate_mentions)
            out.append(
                {**one, "actor": roles.actor, "target": roles.target, "target_inferred": False}
            )
        return out
    products = products_in(clause)
    if not action.endswith("tariff"):
        products = [p for p in products if product_groups([p]) != ["all_goods"]]
    slots = _slots(base, action, clause, products, find_rates(clause))
    return _directed(slots, roles, action)


def _slots(
    base: dict[str, Any], action: str, clause: str, products: list[str], rates: list[Any]
) -> dict[str, Any]:
    rate = rate_for_action(
        action, rates, eliminates=bool(ELIMINATES.search(clause)), factor=factor_in(clause)
    )
    return {
        **base,
        "unit": "percent" if not rate.empty else None,
        "products": products,
        "product_groups": product_groups(products),
        "rate_from": rate.rate_from,
        "rate_to": rate.rate_to,
        "rate_change": rate.rate_change,
    }


def _rate_segments(clause: str) -> list[tuple[list[Any], list[str]]]:
    """Split a clause with several plain rates into (rates, products) pairs.

    A rate followed by "on"/"for" owns the products after it (up to the next rate);
    otherwise it owns the products written before it (since the previous rate).
    """
    rates = [r for r in find_rates(clause) if r.kind == "level"]
    if len(rates) < 2 or len({r.first for r in rates}) < 2:
        return []
    segments: list[tuple[list[Any], list[str]]] = []
    for index, rate in enumerate(rates):
        after_end = rates[index + 1].start if index + 1 < len(rates) else len(clause)
        before_start = rates[index - 1].end if index else 0
        looks_forward = re.match(
            r"^\W*(?:\w+\W+){0,5}?(on|for|appl(?:y|ies|ied) to)\b", clause[rate.end : rate.end + 45]
        )
        span = clause[rate.end : after_end] if looks_forward else clause[before_start : rate.start]
        if looks_forward and index + 1 < len(rates):
            span = re.split(r",\s*and\s*a?\s*$|\band\s*$", span)[0]
        products = [p for p in products_in(span) if product_groups([p]) != ["all_goods"]]
        if not products:
            return []
        segments.append(([rate], products))
    return segments


def _directed(slots: dict[str, Any], roles: Roles, action: str) -> list[dict[str, Any]]:
    if roles.plural and action.endswith("tariff"):
        return [
            {**slots, "actor": "USA", "target": "CHN", "target_inferred": True},
            {**slots, "actor": "CHN", "target": "USA", "target_inferred": True},
        ]
    return [{**slots, "actor": roles.actor, "target": roles.target, "target_inferred": False}]


def _distance(mention: DateMention, trigger: Trigger) -> int:
    """Characters between a date phrase and a trigger in the same clause."""
    return max(mention.start - trigger.end, trigger.start - mention.end, 0)


def _nearest(start: int, end: int, triggers: list[Trigger]) -> Trigger | None:
    """The trigger closest to the span ``[start, end)`` of the same clause."""
    return min(
        triggers,
        key=lambda t: max(start - t.end, t.start - end, 0),
        default=None,
    )


def _own_dates(
    mentions: list[DateMention], trigger: Trigger, meetings: list[Trigger]
) -> list[DateMention]:
    """The clause's dates, nearest first, for a meeting; a date nearer another meeting of
    the clause is that one's ("the talks on Monday follow a call last week")."""
    if trigger not in meetings:
        return mentions
    own = [m for m in mentions if _nearest(m.start, m.end, meetings) is trigger]
    return sorted(own, key=lambda m: _distance(m, trigger))


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
    for place in LOCATION.finditer(clause):
        if _nearest(place.start(1), place.end(1), meetings) is trigger:
            return place.group(1)
    if len(meetings) == 1 and not LOCATION.search(clause):
        return _first(LOCATION, sentence, group=1)
    return None


def _first(pattern: re.Pattern[str], text: str, group: int = 0) -> str | None:
    match = pattern.search(text)
    return match.group(group) if match else None


def _participants(sentence: Sentence, roles: Roles) -> list[dict[str, Any]]:
    codes: list[str] = []
    for mention in sentence.mentions:
        if mention.code not in codes:
            codes.append(mention.code)
    if roles.actor and roles.actor not in codes:
        codes.insert(0, roles.actor)
    core = [c for c in codes if c in COUNTERPART]
    partners = {m.code for m in sentence.mentions if _named_as_partner(sentence, m)}
    others = [c for c in codes if c not in COUNTERPART and c in partners]
    if others and core:
        lead = roles.actor if roles.actor in COUNTERPART else core[0]
        with_others = re.search(r"\b(with|including)\b", sentence.text)
        if with_others:
            return [{"actor": lead, "target": other} for other in others]
    return [{"actor": "CHN+USA", "target": None}]


PARTNER_BEFORE = re.compile(r"\b(?:with|including|and)\s+(?:the\s+)?(?:[\w’'.-]+\s+){0,3}$", re.I)
PLACE_BEFORE = re.compile(r"\b(?:in|at|to|from|across|around)\s+(?:the\s+)?$", re.I)
PLACE_AFTER = re.compile(r"^\s*(?:city|capital|town|port|resort|airbase)\b", re.I)


def _named_as_partner(sentence: Sentence, mention: Mention) -> bool:
    """Whether a third country takes part in talks ("talks with Japan"), rather than naming
    where they were held ("in the South Korean city of Busan", "in Gyeongju, South Korea")."""
    before = sentence.text[max(0, mention.start - 40) : mention.start]
    after = sentence.text[mention.end : mention.end + 20]
    if PLACE_BEFORE.search(before) or PLACE_AFTER.match(after) or before.rstrip().endswith(","):
        return False
    return bool(PARTNER_BEFORE.search(before))


def _accusations(
    sentence: Sentence, clause: str, trigger: Trigger, roles: Roles
) -> list[dict[str, Any]]:
    """Who accuses whom; "both sides accused each other" is one accusation each way
    (between the two named sides, else the US and China, as for bilateral tariffs)."""
    if roles.plural and MUTUAL.search(clause):
        named = list(dict.fromkeys(m.code for m in sentence.mentions))
        first, second = named if len(named) == 2 else ("USA", "CHN")
        return [
            {"actor": first, "target": second, "target_inferred": False},
            {"actor": second, "target": first, "target_inferred": False},
        ]
    return [_accusation(sentence, clause, trigger, roles)]


def _accusation(sentence: Sentence, clause: str, trigger: Trigger, roles: Roles) -> dict[str, Any]:
    text = sentence.text
    position = sentence.text.find(clause) + trigger.start
    before = [m for m in sentence.mentions if m.end <= position]
    speech = re.compile(
        r"\b(said|says|claimed|claims|accus\w*|charged|complain\w*|argued|filed)\b", re.I
    )
    accuser = None
    for mention in reversed(before):
        if speech.search(text[mention.end : position]):
            accuser = mention.code
            break
    accused_pattern = re.search(r"accus\w*\s+(\w+(?:\s\w+)?)\s+of", text[:position], re.I)
    accused = None
    if accused_pattern:
        for mention in sentence.mentions:
            if accused_pattern.start(1) <= mention.start < accused_pattern.end(1) + 10:
                accused = mention.code
    if accused is None:
        later = [m for m in before if m.code != accuser]
        accused = later[-1].code if later else None
    actor = accuser or roles.actor
    if accused is None or accused == actor:
        earlier = roles.previous_actor  # "The EU imposed duties. Beijing filed a complaint."
        accused = earlier if earlier not in {None, actor} else COUNTERPART.get(actor or "")
    return {"actor": actor, "target": accused, "target_inferred": False}


def extract_events(
    article: Article, *, classifier: ActClassifier | bool | None = False
) -> list[Event]:
    """Extract every event of an article (offline).

    Parameters
    ----------
    article
        The article; ``published`` (when it is a full date) anchors relative dates,
        otherwise the dateline is read from the text's head.
    classifier
        Which learned act classifier drops candidates that are mentions rather than acts:
        True for the one trained on the bundled labelled articles, an
        :class:`~tradewar.news.learned.ActClassifier`, or False/None (default) for the
        rules alone (see the README for why the rules stay the default).

    Returns
    -------
    list of Event
        Events numbered ``<article id>-E1``, ``-E2``, ... in text order; each
        ``evidence`` is verbatim at ``evidence_span`` of ``article.text``.
    """
    events = rule_events(article)
    if classifier is True:
        from tradewar.news.learned import default_classifier

        classifier = default_classifier()
    if isinstance(classifier, ActClassifier):
        events = classifier.keep(events, len(article.text))
    for number, event in enumerate(events, start=1):
        event.event_id = f"{article.id}-E{number}"
    return events


def rule_events(article: Article) -> list[Event]:
    """The rules' candidate events of an article (before the learned act filter)."""
    cleaned = clean_html(article.text) if article.html else clean_text(article.text)
    dateline = find_dateline(cleaned.text, article.published)
    context: dict[str, str | None] = {"actor": None}
    found: list[Event] = []
    lead_in: list[Event] = []
    article_sentences = sentences(cleaned.text)
    _prefetch_parses(article_sentences)
    for sentence in article_sentences:
        events = events_in_sentence(sentence, cleaned, article, dateline, context)
        if not events and lead_in and LIST_ITEM.match(sentence.text):
            events = _list_item_events(sentence, cleaned, lead_in, dateline)
        if sentence.text.rstrip().endswith(":"):
            lead_in = [e for e in events if e.action not in JOINT_ACTIONS] or lead_in
        elif not LIST_ITEM.match(sentence.text):
            lead_in = []
        _apply_list_date(sentence, events, dateline, context)
        found.extend(events)
    named = {mention.code for sentence in article_sentences for mention in sentence.mentions}
    events = absorb_summaries(merge_events(_drop_unnamed_targets(found, named)))
    default_event_dates(events, dateline, is_official_statement(cleaned.text, article.url))
    for number, event in enumerate(events, start=1):
        event.event_id = f"{article.id}-E{number}"
    return events


def _prefetch_parses(article_sentences: list[Sentence]) -> None:
    """Parse in one batch the clauses that may hold export-control frames (sentences whose
    actor needs syntax are parsed when that turns out, which is rarer)."""
    prefetch(
        clause
        for sentence in article_sentences
        for _, clause in clauses(sentence.text)
        if wants_frames(clause)
    )


def _drop_unnamed_targets(events: list[Event], named: set[str]) -> list[Event]:
    """A target the article never names was only the actor's usual counterpart (China's
    rare-earth controls in a notice that never mentions the US): it becomes unknown."""
    for event in events:
        if event.target is not None and event.target not in named:
            event.target, event.target_inferred = None, False
    return events


def extract_all(articles: Iterable[Article]) -> list[Event]:
    """Events of many articles, in order."""
    return [event for article in articles for event in extract_events(article)]
